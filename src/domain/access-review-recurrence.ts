import { ValidationProblems } from './validation-problems.js';

/**
 * When an access review's instances start: Graph's patternedRecurrence as access reviews use it.
 * Weekly is `weekly` with interval 1; monthly, quarterly and semi-annual are `absoluteMonthly` with
 * interval 1, 3 and 6; annual is `absoluteYearly` with interval 1. The range ends never, on a date,
 * or after a number of occurrences. A one-off review has no pattern: one instance, on its start date.
 * Dates are calendar dates (yyyy-mm-dd) and instances start at midnight UTC of theirs.
 */
export type RecurrencePatternType = 'weekly' | 'absoluteMonthly' | 'absoluteYearly';
export type ReviewRecurrence = {
  pattern: { type: RecurrencePatternType; interval: number } | null;
  range: { type: 'noEnd' | 'endDate' | 'numbered'; startDate: string; endDate: string | null; numberOfOccurrences: number | null };
};

const maxIntervals: Record<RecurrencePatternType, number> = { weekly: 52, absoluteMonthly: 12, absoluteYearly: 5 };
const calendarDate = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(text: string): Date | undefined {
  const match = calendarDate.exec(text);
  if (!match) return undefined;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  // 2026-02-30 parses as 2 March: such a date does not exist.
  return date.toISOString().slice(0, 10) === text ? date : undefined;
}

/** The shortest time between two starts, in days (February for monthly patterns). */
function shortestPeriodDays(pattern: NonNullable<ReviewRecurrence['pattern']>): number {
  return pattern.type === 'weekly' ? 7 * pattern.interval : pattern.type === 'absoluteMonthly' ? 28 * pattern.interval : 365 * pattern.interval;
}

/**
 * Every problem with a recurrence, each under its Graph path (settings.recurrence.…). An instance
 * may not outlast the time to the next one: two instances of a review would then be open at once.
 */
export function recurrenceProblems(recurrence: ReviewRecurrence, instanceDurationInDays: number, at = 'settings'): ValidationProblems {
  const problems = new ValidationProblems();
  const { pattern, range } = recurrence;
  if (!Number.isInteger(instanceDurationInDays) || instanceDurationInDays < 1 || instanceDurationInDays > 180) problems.add(`${at}.instanceDurationInDays`, `instanceDurationInDays is a whole number of days from 1 to 180; it is ${instanceDurationInDays}.`);
  else if (pattern && instanceDurationInDays > shortestPeriodDays(pattern)) problems.add(`${at}.instanceDurationInDays`, `Each instance lasts ${instanceDurationInDays} days, longer than the ${shortestPeriodDays(pattern)} days until the next one starts.`);
  at = `${at}.recurrence`;
  const start = parseDate(range.startDate);
  if (!start) problems.add(`${at}.range.startDate`, `startDate must be a date such as 2027-01-31; it is '${range.startDate.slice(0, 40)}'.`);
  if (pattern) {
    const max = maxIntervals[pattern.type];
    if (!Number.isInteger(pattern.interval) || pattern.interval < 1 || pattern.interval > max) problems.add(`${at}.pattern.interval`, `A ${pattern.type} recurrence's interval is a whole number from 1 to ${max}; it is ${pattern.interval}.`);
  }
  if (range.type === 'endDate') {
    const end = range.endDate ? parseDate(range.endDate) : undefined;
    if (!end) problems.add(`${at}.range.endDate`, 'A range of type endDate needs an endDate, such as 2027-12-31.');
    else if (start && end < start) problems.add(`${at}.range.endDate`, `endDate ${range.endDate} is before startDate ${range.startDate}.`);
  }
  // A one-off review (no pattern) has one instance whatever the range says (Entra writes numbered, 0).
  if (pattern && range.type === 'numbered' && (!Number.isInteger(range.numberOfOccurrences) || range.numberOfOccurrences! < 1 || range.numberOfOccurrences! > 1000)) {
    problems.add(`${at}.range.numberOfOccurrences`, 'A range of type numbered needs numberOfOccurrences, a whole number from 1 to 1000.');
  }
  return problems;
}

/** Adds months to a date, keeping its day where the month has it and the month's last day where not (31 Jan → 28 Feb → 31 Mar). */
function addMonths(start: Date, months: number): Date {
  const year = start.getUTCFullYear();
  const month = start.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(start.getUTCDate(), lastDay)));
}

/**
 * The start of the n-th instance (0 for the first), or null when the range has ended before it.
 * Each start is counted from the first, never from the one before, so a review started on the
 * 31st comes back on the 31st after a shorter month.
 */
export function occurrenceStart(recurrence: ReviewRecurrence, index: number): Date | null {
  const first = parseDate(recurrence.range.startDate);
  if (!first || index < 0) return null;
  const { pattern, range } = recurrence;
  if (!pattern) return index === 0 ? first : null;
  const start =
    pattern.type === 'weekly' ? new Date(first.getTime() + index * pattern.interval * 7 * 86_400_000) : addMonths(first, index * pattern.interval * (pattern.type === 'absoluteYearly' ? 12 : 1));
  if (range.type === 'numbered' && index >= (range.numberOfOccurrences ?? 0)) return null;
  if (range.type === 'endDate' && range.endDate && start.toISOString().slice(0, 10) > range.endDate) return null;
  return start;
}

/** The next instance due at or before `now` that has not started yet (`started` instances have), if any. */
export function dueOccurrence(recurrence: ReviewRecurrence, started: number, now: Date): { index: number; startDateTime: Date } | null {
  const start = occurrenceStart(recurrence, started);
  return start && start.getTime() <= now.getTime() ? { index: started, startDateTime: start } : null;
}

/** Where an instance ends: its start plus the instance's duration in days. */
export function instanceEnd(start: Date, instanceDurationInDays: number): Date {
  return new Date(start.getTime() + instanceDurationInDays * 86_400_000);
}

/**
 * The last occurrence due by `now`, from `from` on: a series whose start lies in the past (or a
 * server that was down for weeks) starts its current instance, not every one it missed.
 */
export function latestDueOccurrence(recurrence: ReviewRecurrence, from: number, now: Date): number {
  let index = from;
  for (let step = 0; step < 100_000; step += 1) {
    const next = occurrenceStart(recurrence, index + 1);
    if (!next || next.getTime() > now.getTime()) return index;
    index += 1;
  }
  return index;
}
