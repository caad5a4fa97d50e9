import { describe, expect, it } from 'vitest';
import { addDuration, isValidDuration } from './duration.js';

describe('isValidDuration', () => {
  it.each([
    ['P30D', true],
    ['PT8H', true],
    ['P1Y2M3DT4H5M6S', true],
    ['P2W', true],
    ['PT0.5H', true],
    ['P0D', false],
    ['-P1D', false],
    ['P', false],
    ['30 days', false],
    ['', false],
    ['PT', false],
  ])('%s → %s', (text, expected) => {
    expect(isValidDuration(text)).toBe(expected);
  });
});

describe('addDuration', () => {
  const start = new Date('2026-01-31T10:00:00.000Z');
  it.each([
    ['P1D', '2026-02-01T10:00:00.000Z'],
    ['PT8H', '2026-01-31T18:00:00.000Z'],
    ['P2W', '2026-02-14T10:00:00.000Z'],
    ['P1Y', '2027-01-31T10:00:00.000Z'],
    ['PT90M', '2026-01-31T11:30:00.000Z'],
  ])('%s from 2026-01-31T10:00Z', (text, expected) => {
    expect(addDuration(start, text).toISOString()).toBe(expected);
  });

  it('refuses negative durations', () => {
    expect(() => addDuration(start, '-P1D')).toThrow(RangeError);
  });
});
