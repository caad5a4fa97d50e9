import type { ExpirationPattern } from './assignment-policy.js';
import type { RequestSchedule } from './assignment-request.js';
import { addDuration } from './duration.js';
import { ValidationError } from './errors.js';

/**
 * When an assignment starts and ends. The policy sets the limit; a requester may choose their own
 * dates within it only when the policy allows custom schedules (administrators always may, within
 * the same limit).
 */
export type PlannedSchedule = { startDateTime: string; endDateTime: string | null; expiration: ExpirationPattern };

/** A start a few minutes in the past is clock skew between client and server, not a mistake. */
const toleratedSkewMs = 5 * 60_000;
/** Scheduling access to begin more than a year ahead is almost certainly a typo. */
const furthestStartMs = 366 * 24 * 3600_000;

type Requested = { schedule: RequestSchedule | null | undefined; mayChoose: boolean };

export function planAddSchedule(policyExpiration: ExpirationPattern, requested: Requested, now: Date): PlannedSchedule {
  const start = requestedStart(requested, now);
  const customEnd = requestedEnd(requested, start);
  const limit = policyLimit(policyExpiration, start);
  if (limit !== null && limit.getTime() <= start.getTime()) {
    throw new ValidationError(`The policy grants access until ${limit.toISOString()}, which is not after the requested start.`, 'schedule.startDateTime');
  }
  if (customEnd) {
    if (limit !== null && customEnd.getTime() > limit.getTime()) {
      throw new ValidationError(`The policy allows access until ${limit.toISOString()} at the latest; the requested end is later.`, 'schedule.expiration');
    }
    return planned(start, customEnd);
  }
  return planned(start, limit);
}

/**
 * A longer life for an assignment that expires (userUpdate / adminUpdate). Without dates of the
 * requester's own, the policy's expiration counts again from now, as a renewal does in Entra.
 */
export function planExtension(policyExpiration: ExpirationPattern, current: { startDateTime: string; endDateTime: string | null }, requested: Requested, now: Date): PlannedSchedule {
  if (current.endDateTime === null) throw new ValidationError('The assignment does not expire, so there is nothing to extend.', 'schedule');
  const limit = policyLimit(policyExpiration, now);
  const customEnd = requestedEnd(requested, now);
  if (customEnd && limit !== null && customEnd.getTime() > limit.getTime()) {
    throw new ValidationError(`The policy allows access until ${limit.toISOString()} at the latest; the requested end is later.`, 'schedule.expiration');
  }
  const end = customEnd ?? limit;
  if (end !== null && end.getTime() <= new Date(current.endDateTime).getTime()) {
    throw new ValidationError(`The assignment already lasts until ${current.endDateTime}; the extension would not make it longer.`, 'schedule.expiration');
  }
  return planned(new Date(current.startDateTime), end);
}

function requestedStart({ schedule, mayChoose }: Requested, now: Date): Date {
  if (!schedule?.startDateTime) return now;
  const start = new Date(schedule.startDateTime);
  if (start.getTime() <= now.getTime() + toleratedSkewMs && start.getTime() >= now.getTime() - toleratedSkewMs) return now;
  if (!mayChoose) throw new ValidationError('The policy does not let requesters choose when their access starts or ends.', 'schedule');
  if (start.getTime() < now.getTime()) throw new ValidationError('The requested start is in the past.', 'schedule.startDateTime');
  if (start.getTime() > now.getTime() + furthestStartMs) throw new ValidationError('The requested start is more than a year ahead.', 'schedule.startDateTime');
  return start;
}

function requestedEnd({ schedule, mayChoose }: Requested, start: Date): Date | null {
  const expiration = schedule?.expiration;
  if (!expiration || expiration.type === 'notSpecified') return null;
  if (!mayChoose) throw new ValidationError('The policy does not let requesters choose when their access starts or ends.', 'schedule');
  if (expiration.type === 'noExpiration') throw new ValidationError('A request cannot ask for access that never expires; leave the expiration to the policy.', 'schedule.expiration.type');
  const end = expiration.type === 'afterDateTime' ? new Date(expiration.endDateTime) : addDuration(start, expiration.duration ?? 'PT0S');
  if (end.getTime() <= start.getTime()) throw new ValidationError('The requested end is not after the start.', 'schedule.expiration');
  return end;
}

/** The latest end the policy allows for access starting at `start`, or null for no end. */
function policyLimit(expiration: ExpirationPattern, start: Date): Date | null {
  switch (expiration.type) {
    case 'afterDateTime':
      return new Date(expiration.endDateTime);
    case 'afterDuration':
      return addDuration(start, expiration.duration ?? 'PT0S');
    default:
      return null;
  }
}

function planned(start: Date, end: Date | null): PlannedSchedule {
  return {
    startDateTime: start.toISOString(),
    endDateTime: end?.toISOString() ?? null,
    expiration: end ? { type: 'afterDateTime', endDateTime: end.toISOString(), duration: null } : { type: 'noExpiration', endDateTime: null, duration: null },
  };
}
