import { describe, expect, it } from 'vitest';
import { dueOccurrence, instanceEnd, latestDueOccurrence, occurrenceStart, recurrenceProblems, type ReviewRecurrence } from './access-review-recurrence.js';
import { ValidationError } from './errors.js';

const every = (type: 'weekly' | 'absoluteMonthly' | 'absoluteYearly', interval: number, range: Partial<ReviewRecurrence['range']> = {}): ReviewRecurrence => ({
  pattern: { type, interval },
  range: { type: 'noEnd', startDate: '2027-01-31', endDate: null, numberOfOccurrences: null, ...range },
});
const starts = (recurrence: ReviewRecurrence, count: number) => Array.from({ length: count }, (_, index) => occurrenceStart(recurrence, index)?.toISOString().slice(0, 10) ?? null);

describe('occurrenceStart', () => {
  it('steps weekly, monthly, quarterly, semi-annually and annually from the first start', () => {
    expect(starts(every('weekly', 1), 3)).toEqual(['2027-01-31', '2027-02-07', '2027-02-14']);
    expect(starts(every('absoluteMonthly', 3), 3)).toEqual(['2027-01-31', '2027-04-30', '2027-07-31']);
    expect(starts(every('absoluteMonthly', 6), 3)).toEqual(['2027-01-31', '2027-07-31', '2028-01-31']);
    expect(starts(every('absoluteYearly', 1, { startDate: '2028-02-29' }), 3)).toEqual(['2028-02-29', '2029-02-28', '2030-02-28']);
  });

  it('keeps a review that starts on the 31st on the 31st after a shorter month, not drifting to the 28th', () => {
    expect(starts(every('absoluteMonthly', 1), 4)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30']);
  });

  it('stops after the number of occurrences, or after the end date', () => {
    expect(starts(every('absoluteMonthly', 1, { type: 'numbered', numberOfOccurrences: 2 }), 3)).toEqual(['2027-01-31', '2027-02-28', null]);
    expect(starts(every('weekly', 2, { type: 'endDate', endDate: '2027-02-28' }), 4)).toEqual(['2027-01-31', '2027-02-14', '2027-02-28', null]);
  });

  it('starts a one-off review once', () => {
    expect(starts({ pattern: null, range: { type: 'numbered', startDate: '2027-03-01', endDate: null, numberOfOccurrences: 1 } }, 2)).toEqual(['2027-03-01', null]);
  });
});

describe('dueOccurrence', () => {
  const monthly = every('absoluteMonthly', 1);
  it('gives the next instance once its start has come, and nothing before', () => {
    expect(dueOccurrence(monthly, 1, new Date('2027-02-27T23:59:59Z'))).toBeNull();
    expect(dueOccurrence(monthly, 1, new Date('2027-02-28T00:00:00Z'))).toEqual({ index: 1, startDateTime: new Date('2027-02-28T00:00:00Z') });
  });
  it('gives nothing once the range has ended', () => {
    expect(dueOccurrence(every('weekly', 1, { type: 'numbered', numberOfOccurrences: 1 }), 1, new Date('2030-01-01T00:00:00Z'))).toBeNull();
  });
  it('ends an instance its duration after it starts', () => {
    expect(instanceEnd(new Date('2027-01-31T00:00:00Z'), 14).toISOString()).toBe('2027-02-14T00:00:00.000Z');
  });
});

describe('recurrenceProblems', () => {
  const targets = (recurrence: ReviewRecurrence, days = 7) => {
    try {
      recurrenceProblems(recurrence, days).throwIfAny();
      return [];
    } catch (error) {
      if (error instanceof ValidationError) return error.details.map((detail) => detail.target);
      throw error;
    }
  };
  it('accepts the schedules people use', () => {
    expect(targets(every('absoluteMonthly', 3, { type: 'numbered', numberOfOccurrences: 4 }), 14)).toEqual([]);
    expect(targets(every('weekly', 1), 7)).toEqual([]);
  });
  it('names each problem by its Graph path', () => {
    expect(targets(every('absoluteMonthly', 13, { type: 'numbered', numberOfOccurrences: 0, startDate: '2027-02-30' }))).toEqual(['settings.recurrence.range.startDate', 'settings.recurrence.pattern.interval', 'settings.recurrence.range.numberOfOccurrences']);
    expect(targets(every('weekly', 1, { type: 'endDate', endDate: '2026-12-31' }))).toEqual(['settings.recurrence.range.endDate']);
  });
  it('refuses an instance that would outlast the time to the next one', () => {
    expect(targets(every('weekly', 1), 8)).toEqual(['settings.instanceDurationInDays']);
    expect(targets(every('absoluteMonthly', 1), 29)).toEqual(['settings.instanceDurationInDays']);
  });
});

describe('latestDueOccurrence', () => {
  const weekly = (type: 'noEnd' | 'numbered', numberOfOccurrences: number | null = null) => ({ pattern: { type: 'weekly' as const, interval: 1 }, range: { type, startDate: '2026-01-01', endDate: null, numberOfOccurrences } });
  it('skips the occurrences a series missed, to the last one due', () => {
    expect(latestDueOccurrence(weekly('noEnd'), 0, new Date('2026-01-01T00:00:00Z'))).toBe(0);
    expect(latestDueOccurrence(weekly('noEnd'), 0, new Date('2026-01-15T00:00:00Z'))).toBe(2);
    expect(latestDueOccurrence(weekly('noEnd'), 0, new Date('2026-01-14T23:59:59Z'))).toBe(1);
  });
  it('stops at the last occurrence of a numbered series', () => {
    expect(latestDueOccurrence(weekly('numbered', 3), 0, new Date('2027-01-01T00:00:00Z'))).toBe(2);
  });
});
