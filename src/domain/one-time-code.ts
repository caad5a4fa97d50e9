/**
 * The one-time codes outsiders prove control of their e-mail address with. A code is 8 digits
 * (made by the feature layer from a cryptographic source), stored sealed, lives 10
 * minutes, opens once, and dies after 5 wrong guesses: with 10^8 codes, a guesser's chance per
 * code is 5 in 100 million. Sending is rate-limited per address, so nobody can flood a mailbox
 * or farm codes: at most 5 an hour, and one a minute.
 */
export const oneTimeCodeRules = { digits: 8, lifetimeMs: 10 * 60_000, maxAttempts: 5, maxPerHour: 5, minIntervalMs: 60_000 } as const;

export type CodeChallenge = { storedCode: string; expiresDateTime: string; attempts: number; consumedDateTime: string | null };
export type CodeCheck = 'accepted' | 'wrong' | 'expired' | 'used' | 'tooManyAttempts';

/**
 * Checks a presented code against its challenge. The caller counts a 'wrong' answer as an attempt
 * (and an 'accepted' one as consumed) in the same transaction that read the challenge.
 */
export function checkCode(challenge: CodeChallenge, presented: string, now: Date, matches: (a: string, b: string) => boolean): CodeCheck {
  if (challenge.consumedDateTime !== null) return 'used';
  if (now.getTime() >= Date.parse(challenge.expiresDateTime)) return 'expired';
  if (challenge.attempts >= oneTimeCodeRules.maxAttempts) return 'tooManyAttempts';
  return matches(challenge.storedCode, presented) ? 'accepted' : 'wrong';
}

/** Whether another code may be sent to an address now, given when the last ones were sent; if not, when. */
export function mayIssueCode(sentDateTimes: readonly string[], now: Date): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
  const times = sentDateTimes.map((time) => Date.parse(time)).filter((time) => now.getTime() - time < 3_600_000).sort((a, b) => a - b);
  const last = times[times.length - 1];
  if (last !== undefined && now.getTime() - last < oneTimeCodeRules.minIntervalMs) return { allowed: false, retryAfterSeconds: Math.ceil((last + oneTimeCodeRules.minIntervalMs - now.getTime()) / 1000) };
  if (times.length >= oneTimeCodeRules.maxPerHour) return { allowed: false, retryAfterSeconds: Math.ceil((times[times.length - oneTimeCodeRules.maxPerHour]! + 3_600_000 - now.getTime()) / 1000) };
  return { allowed: true };
}

/** A code as people type it: digits only, spaces and dashes forgiven; anything else is no code. */
export function normalisedCode(typed: string): string | null {
  const digits = typed.replace(/[\s-]/g, '');
  return digits.length === oneTimeCodeRules.digits && /^\d+$/.test(digits) ? digits : null;
}
