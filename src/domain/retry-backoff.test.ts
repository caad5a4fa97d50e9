import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './retry-backoff.js';

describe('retryDelayMs', () => {
  it.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [9, 256_000],
    [10, 300_000],
    [50, 300_000],
  ])('after %i attempts waits %i ms before jitter', (attempts, expected) => {
    expect(retryDelayMs(attempts, 0)).toBe(expected);
  });

  it('adds at most a fifth at random', () => {
    expect(retryDelayMs(3, 1)).toBe(4_800);
    expect(retryDelayMs(3, 0.5)).toBe(4_400);
    expect(retryDelayMs(3, 7)).toBe(4_800);
  });
});
