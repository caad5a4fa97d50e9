import { randomFillSync } from 'node:crypto';
import { maxTimeOrderedSequence, timeOrderedId } from '../domain/time-ordered-id.js';

let sequence = 0;

/**
 * Random bytes for ids, drawn from the operating system 64 KiB at a time: one getrandom call per
 * id cost more than the insert the id was for (measured: a quarter of a request's CPU time).
 */
const pool = Buffer.alloc(64 * 1024);
let poolOffset = pool.length;

export function randomNoise(bytes: number): Uint8Array {
  if (bytes > pool.length) return randomFillSync(Buffer.alloc(bytes));
  if (poolOffset + bytes > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const slice = pool.subarray(poolOffset, poolOffset + bytes);
  poolOffset += bytes;
  return slice;
}

/**
 * A new UUIDv7 for rows that are listed newest first (requests, assignments, jobs): the id is the
 * creation order, so the primary key is the page key and its index stays append-only.
 */
export function newTimeOrderedId(now: Date): string {
  sequence = (sequence + 1) % (maxTimeOrderedSequence + 1);
  return timeOrderedId(now.getTime(), sequence, randomNoise(6));
}
