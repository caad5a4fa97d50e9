import { describe, expect, it } from 'vitest';
import { checkCode, mayIssueCode, normalisedCode, oneTimeCodeRules, type CodeChallenge } from './one-time-code.js';

const now = new Date('2027-02-01T10:00:00Z');
const same = (a: string, b: string) => a === b;
const challenge = (changes: Partial<CodeChallenge> = {}): CodeChallenge => ({ storedCode: 'h1', expiresDateTime: '2027-02-01T10:05:00Z', attempts: 0, consumedDateTime: null, ...changes });

describe('checkCode', () => {
  it.each<[string, CodeChallenge, string, string]>([
    ['the right code, in time', challenge(), 'h1', 'accepted'],
    ['a wrong code', challenge(), 'h2', 'wrong'],
    ['the right code after it expired', challenge({ expiresDateTime: '2027-02-01T10:00:00Z' }), 'h1', 'expired'],
    ['the right code a second time', challenge({ consumedDateTime: '2027-02-01T09:59:00Z' }), 'h1', 'used'],
    ['the right code after five wrong guesses', challenge({ attempts: oneTimeCodeRules.maxAttempts }), 'h1', 'tooManyAttempts'],
    ['a fifth guess', challenge({ attempts: oneTimeCodeRules.maxAttempts - 1 }), 'h1', 'accepted'],
  ])('%s → %s', (_name, stored, presented, expected) => {
    expect(checkCode(stored, presented, now, same)).toBe(expected);
  });
});

describe('mayIssueCode', () => {
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
  it('allows the first code, and one a minute after that', () => {
    expect(mayIssueCode([], now)).toEqual({ allowed: true });
    expect(mayIssueCode([ago(60_000)], now)).toEqual({ allowed: true });
    expect(mayIssueCode([ago(20_000)], now)).toEqual({ allowed: false, retryAfterSeconds: 40 });
  });
  it('allows five an hour, counting only the last hour', () => {
    const five = [50, 40, 30, 20, 10].map((minutes) => ago(minutes * 60_000));
    expect(mayIssueCode(five, now)).toEqual({ allowed: false, retryAfterSeconds: 10 * 60 });
    expect(mayIssueCode([ago(61 * 60_000), ...five.slice(1)], now)).toEqual({ allowed: true });
  });
});

describe('normalisedCode', () => {
  it.each([
    ['1234 5678', '12345678'],
    ['1234-5678', '12345678'],
    ['12345678', '12345678'],
    ['1234567', null],
    ['123456789', null],
    ['1234567a', null],
    ['١٢٣٤٥٦٧٨', null],
  ])('%j → %j', (typed, expected) => {
    expect(normalisedCode(typed)).toBe(expected);
  });
});
