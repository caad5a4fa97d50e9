import { timingSafeEqual } from 'node:crypto';
import { ValidationError } from '../../domain/errors.js';
import { checkCode, normalisedCode, oneTimeCodeRules, type CodeCheck } from '../../domain/one-time-code.js';
import { systemPrincipal, type Actor } from '../../domain/principal.js';
import type { Deps } from '../deps.js';
import { guestForEmail, normalisedEmail } from '../guests/guest-for-email.js';
import { startSession, type StartedSession } from '../sessions/portal-sessions.js';
import { countFailedAttempt, latestCodeFor, markCodeUsed } from './one-time-codes.repo.js';
import { blockedGuest, codeContext } from './request-one-time-code.js';

type Outcome = { kind: CodeCheck | 'none' | 'member' | 'blocked'; attemptsLeft: number; userId?: string };

/**
 * POST /auth/outsider/signIn: the code from the mail, for the address it was sent to. The newest
 * code is the only one that opens, once, within its ten minutes and five guesses; a wrong guess is
 * counted even though the answer is a refusal. On success the outsider is a guest of the directory
 * (made now if they are new, governed by the guest lifecycle) and gets a portal session.
 */
export async function signInWithCode(deps: Deps, input: { email: string; code: string; displayName?: string | undefined }, context: { correlationId: string; ipAddress: string | null }): Promise<StartedSession & { userId: string }> {
  const email = normalisedEmail(input.email, 'email');
  const code = normalisedCode(input.code);
  if (!code) throw new ValidationError(`The code is the ${oneTimeCodeRules.digits} digits in the mail we sent you.`, 'code');
  const actor: Actor = { correlationId: context.correlationId, principal: systemPrincipal('Sign-in with a one-time code'), ...(context.ipAddress ? { ipAddress: context.ipAddress } : {}) };
  const now = deps.clock();
  const outcome = await deps.db.transaction().execute(async (trx): Promise<Outcome> => {
    const stored = await latestCodeFor(trx, email);
    if (!stored) return { kind: 'none', attemptsLeft: 0 };
    const opens = (sealed: string, presented: string) => {
      const expected = Buffer.from(deps.secrets.open(sealed, codeContext(stored.id, email)));
      const given = Buffer.from(presented);
      return expected.length === given.length && timingSafeEqual(expected, given);
    };
    const check = checkCode({ storedCode: stored.sealedCode, expiresDateTime: stored.expiresDateTime, attempts: stored.failedAttempts, consumedDateTime: stored.usedDateTime }, code, now, opens);
    const attemptsLeft = oneTimeCodeRules.maxAttempts - stored.failedAttempts - 1;
    if (check === 'wrong') {
      await countFailedAttempt(trx, stored.id);
      return { kind: 'wrong', attemptsLeft };
    }
    if (check !== 'accepted') return { kind: check, attemptsLeft: 0 };
    if (!(await markCodeUsed(trx, stored.id, now.toISOString()))) return { kind: 'used', attemptsLeft: 0 };
    const { user } = await guestForEmail(trx, actor, email, now, input.displayName);
    if (user.userType === 'Member') return { kind: 'member', attemptsLeft: 0 };
    if (!user.accountEnabled) return { kind: 'blocked', attemptsLeft: 0 };
    return { kind: 'accepted', attemptsLeft, userId: user.id };
  });
  if (outcome.kind !== 'accepted') throw refusal(outcome);
  deps.wakeJobs();
  const session = await startSession(deps, actor, outcome.userId!);
  return { ...session, userId: outcome.userId! };
}

function refusal(outcome: Outcome): ValidationError {
  switch (outcome.kind) {
    case 'wrong':
      return outcome.attemptsLeft > 0
        ? new ValidationError(`That is not the code we sent; ${outcome.attemptsLeft} ${outcome.attemptsLeft === 1 ? 'try' : 'tries'} left.`, 'code', [], 'WrongCode')
        : new ValidationError('That is not the code we sent, and the code is now spent; ask for a new one.', 'code', [], 'CodeSpent');
    case 'tooManyAttempts':
      return new ValidationError('This code was guessed wrong too often and no longer opens; ask for a new one.', 'code', [], 'CodeSpent');
    case 'expired':
      return new ValidationError('The code has expired (codes last ten minutes); ask for a new one.', 'code', [], 'CodeExpired');
    case 'used':
      return new ValidationError('This code has been used already; ask for a new one.', 'code', [], 'CodeUsed');
    case 'none':
      return new ValidationError('No code was sent to this address; ask for one first.', 'email', [], 'NoCode');
    case 'member':
      return new ValidationError("This address belongs to someone in this organization: sign in with your organization's account instead.", 'email');
    case 'blocked':
      return blockedGuest();
    case 'accepted':
      throw new Error('An accepted code is not a refusal.');
  }
}
