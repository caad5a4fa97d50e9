import { describe, expect, it } from 'vitest';
import type { ExpirationPattern } from './assignment-policy.js';
import type { RequestSchedule } from './assignment-request.js';
import { planAddSchedule, planExtension } from './assignment-schedule.js';

const now = new Date('2026-11-26T09:00:00.000Z');
const never: ExpirationPattern = { type: 'noExpiration' };
const thirtyDays: ExpirationPattern = { type: 'afterDuration', duration: 'P30D' };
const newYear: ExpirationPattern = { type: 'afterDateTime', endDateTime: '2027-01-01T00:00:00.000Z' };
const ends = (endDateTime: string): RequestSchedule => ({ startDateTime: null, expiration: { type: 'afterDateTime', endDateTime } });
const starts = (startDateTime: string, expiration: RequestSchedule['expiration'] = { type: 'notSpecified' }): RequestSchedule => ({ startDateTime, expiration });

describe('planAddSchedule', () => {
  it.each([
    ['no expiration, now', never, undefined, true, '2026-11-26T09:00:00.000Z', null],
    ['30 days from now', thirtyDays, undefined, false, '2026-11-26T09:00:00.000Z', '2026-12-26T09:00:00.000Z'],
    ['until the policy date', newYear, undefined, false, '2026-11-26T09:00:00.000Z', '2027-01-01T00:00:00.000Z'],
    ['a start within clock skew counts as now', thirtyDays, starts('2026-11-26T09:03:00.000Z'), false, '2026-11-26T09:00:00.000Z', '2026-12-26T09:00:00.000Z'],
    ['a later start moves a duration along', thirtyDays, starts('2026-12-01T00:00:00.000Z'), true, '2026-12-01T00:00:00.000Z', '2026-12-31T00:00:00.000Z'],
    ['a custom end within the limit', thirtyDays, ends('2026-12-01T00:00:00.000Z'), true, '2026-11-26T09:00:00.000Z', '2026-12-01T00:00:00.000Z'],
    ['a custom duration', never, starts('2026-11-26T09:00:00.000Z', { type: 'afterDuration', duration: 'PT8H' }), true, '2026-11-26T09:00:00.000Z', '2026-11-26T17:00:00.000Z'],
  ])('%s', (_, policy, schedule, mayChoose, start, end) => {
    const plan = planAddSchedule(policy, { schedule, mayChoose }, now);
    expect(plan.startDateTime).toBe(start);
    expect(plan.endDateTime).toBe(end);
    expect(plan.expiration.type).toBe(end ? 'afterDateTime' : 'noExpiration');
  });

  it.each([
    ['a custom end the policy does not allow', thirtyDays, ends('2026-12-01T00:00:00.000Z'), false, /does not let requesters choose/],
    ['a later start the policy does not allow', thirtyDays, starts('2026-12-01T00:00:00.000Z'), false, /does not let requesters choose/],
    ['an end beyond the duration', thirtyDays, ends('2027-02-01T00:00:00.000Z'), true, /until 2026-12-26T09:00:00.000Z at the latest/],
    ['an end beyond the date', newYear, ends('2027-02-01T00:00:00.000Z'), true, /until 2027-01-01T00:00:00.000Z at the latest/],
    ['an end before the start', never, starts('2026-12-05T00:00:00.000Z', { type: 'afterDateTime', endDateTime: '2026-12-01T00:00:00.000Z' }), true, /not after the start/],
    ['a start in the past', never, starts('2026-11-01T00:00:00.000Z'), true, /in the past/],
    ['a start more than a year ahead', never, starts('2028-01-01T00:00:00.000Z'), true, /more than a year ahead/],
    ['never expiring, asked for', thirtyDays, starts('2026-11-26T09:00:00.000Z', { type: 'noExpiration' }), true, /never expires/],
    ['a start after the policy date', newYear, starts('2027-02-01T00:00:00.000Z'), true, /not after the requested start/],
  ])('refuses %s', (_, policy, schedule, mayChoose, message) => {
    expect(() => planAddSchedule(policy, { schedule, mayChoose }, now)).toThrow(message);
  });
});

describe('planExtension', () => {
  const current = { startDateTime: '2026-11-01T00:00:00.000Z', endDateTime: '2026-12-01T00:00:00.000Z' };

  it('renews the policy duration from now, keeping the start', () => {
    expect(planExtension(thirtyDays, current, { schedule: undefined, mayChoose: false }, now)).toMatchObject({ startDateTime: current.startDateTime, endDateTime: '2026-12-26T09:00:00.000Z' });
  });

  it('takes a custom end within the limit when allowed', () => {
    expect(planExtension(thirtyDays, current, { schedule: ends('2026-12-10T00:00:00.000Z'), mayChoose: true }, now).endDateTime).toBe('2026-12-10T00:00:00.000Z');
  });

  it.each([
    ['an assignment that never expires', thirtyDays, { ...current, endDateTime: null }, undefined, /nothing to extend/],
    ['an end that is not later', thirtyDays, current, ends('2026-11-30T00:00:00.000Z'), /would not make it longer/],
    ['an end beyond the limit', thirtyDays, current, ends('2027-03-01T00:00:00.000Z'), /at the latest/],
    ['a policy date already reached', { type: 'afterDateTime', endDateTime: '2026-11-30T00:00:00.000Z' } as ExpirationPattern, current, undefined, /would not make it longer/],
  ])('refuses %s', (_, policy, assignment, schedule, message) => {
    expect(() => planExtension(policy, assignment, { schedule, mayChoose: true }, now)).toThrow(message);
  });
});
