import { describe, expect, it } from 'vitest';
import { timeOrderedId } from './time-ordered-id.js';

const noise = new Uint8Array([0xff, 0xaa, 0xbb, 0xcc, 0xdd, 0xee]);

describe('timeOrderedId', () => {
  it.each([
    { time: 0, sequence: 0, expected: '00000000-0000-7000-8000-0faabbccddee' },
    { time: 0x0190_0000_0001, sequence: 1, expected: '01900000-0001-7000-8000-1faabbccddee' },
    { time: 1, sequence: 2 ** 30 - 1, expected: '00000000-0001-7fff-bfff-ffaabbccddee' },
  ])('lays out time $time and sequence $sequence as RFC 9562 says', ({ time, sequence, expected }) => {
    expect(timeOrderedId(time, sequence, noise)).toBe(expected);
  });

  it('is a version 7, RFC variant GUID', () => {
    expect(timeOrderedId(Date.UTC(2026, 10, 26), 42, noise)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('ascends with the sequence within one millisecond and with time across them', () => {
    const ids = [
      timeOrderedId(1000, 0, noise),
      timeOrderedId(1000, 1, new Uint8Array(6)),
      timeOrderedId(1000, 4096, noise),
      timeOrderedId(1000, 2 ** 30 - 1, noise),
      timeOrderedId(1001, 0, new Uint8Array(6)),
    ];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([
    { time: -1, sequence: 0 },
    { time: 2 ** 48, sequence: 0 },
    { time: 0, sequence: -1 },
    { time: 0, sequence: 2 ** 30 },
    { time: 0.5, sequence: 0 },
  ])('refuses time $time with sequence $sequence', ({ time, sequence }) => {
    expect(() => timeOrderedId(time, sequence, noise)).toThrow(RangeError);
  });
});
