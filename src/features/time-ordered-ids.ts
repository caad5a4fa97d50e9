import { randomBytes } from 'node:crypto';
import { maxTimeOrderedSequence, timeOrderedId } from '../domain/time-ordered-id.js';

let sequence = 0;

/**
 * A new UUIDv7 for rows that are listed newest first (requests, assignments, jobs): the id is the
 * creation order, so the primary key is the page key and its index stays append-only.
 */
export function newTimeOrderedId(now: Date): string {
  sequence = (sequence + 1) % (maxTimeOrderedSequence + 1);
  return timeOrderedId(now.getTime(), sequence, randomBytes(6));
}
