import type { Deps } from '../deps.js';
import { recordActivity } from './user-activity.repo.js';

/**
 * Records that a user called the API, at most once an hour per user and process: a write on every
 * call would cost the hot path a transaction, and an hour is far finer than a review's look-back
 * (30 days by default) needs. Kept per database, so tests with databases of their own do not share it.
 */
const resolutionMs = 3_600_000;
const lastRecorded = new WeakMap<object, Map<string, number>>();

export async function noteApiActivity(deps: Pick<Deps, 'db' | 'clock'>, userId: string): Promise<void> {
  let seen = lastRecorded.get(deps.db);
  if (!seen) lastRecorded.set(deps.db, (seen = new Map()));
  const now = deps.clock();
  const last = seen.get(userId);
  if (last !== undefined && now.getTime() - last < resolutionMs && now.getTime() >= last) return;
  seen.set(userId, now.getTime());
  if (seen.size > 100_000) seen.clear();
  await recordActivity(deps.db, 'last_api_date_time', [{ userId, at: now.toISOString() }]);
}
