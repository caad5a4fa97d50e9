import { randomInt, randomUUID } from 'node:crypto';
import { TooManyRequestsError, ValidationError } from '../../domain/errors.js';
import { mayIssueCode, oneTimeCodeRules } from '../../domain/one-time-code.js';
import { enqueueJobs } from '../../jobs/job-queue.repo.js';
import { jobKinds, type OneTimeCodePayload } from '../../jobs/job-kinds.js';
import { takeNamedLock } from '../../db/named-lock.js';
import type { Deps } from '../deps.js';
import { normalisedEmail } from '../guests/guest-for-email.js';
import { findUserByEmail } from '../guests/governed-guests.repo.js';
import { codeCountFromAddress, codeTimesFor, insertCode } from './one-time-codes.repo.js';
import { outsiderMayRequest } from './outsider-policies.js';

export const blockedGuest = () =>
  new ValidationError('Your guest account is blocked from signing in (your access here has ended). Ask the person who sponsors you to give you access again.', 'email', [], 'GuestBlocked');

/** One network address may ask for this many codes an hour, for any addresses (a sender farming codes). */
export const codesPerNetworkAddressPerHour = 30;

export type IssuedCode = { email: string; expiresDateTime: string; codeLength: number; resendAfterSeconds: number };

/** Where a code is sealed: bound to its row and its address, so that a code moved to another opens nothing. */
export const codeContext = (id: string, email: string) => `one-time-code:${id}:${email}`;

/**
 * POST /auth/outsider/code: someone outside asks for a code to prove their address. They get one
 * only if something here is for them (outsiderMayRequest), within the limits per address and per
 * network address; the code is sealed in its row and mailed by a job that reads it from there.
 */
export async function requestOneTimeCode(deps: Deps, input: { email: string; accessPackageId?: string | undefined }, ipAddress: string | null): Promise<IssuedCode> {
  const email = normalisedEmail(input.email, 'email');
  const now = deps.clock();
  const issued = await deps.db.transaction().execute(async (trx) => {
    await takeNamedLock(trx, 'one-time-codes');
    const user = await findUserByEmail(trx, email);
    if (user?.userType === 'Member') throw new ValidationError(`${email} belongs to someone in this organization: sign in with your organization's account instead.`, 'email');
    if (user && !user.accountEnabled) throw blockedGuest();
    if (!(await outsiderMayRequest(trx, email, user, input.accessPackageId))) {
      const domain = email.slice(email.lastIndexOf('@') + 1);
      throw new ValidationError(
        input.accessPackageId
          ? `This access package cannot be requested by people from ${domain}. If someone sent you the link, ask them which address to use.`
          : `Nothing here can be requested by people from ${domain}. If someone sent you a link, ask them which address to use.`,
        'email',
      );
    }
    const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
    const allowed = mayIssueCode(await codeTimesFor(trx, email, hourAgo), now);
    if (!allowed.allowed) throw new TooManyRequestsError(`A code was sent to ${email} a moment ago, or too many this hour; wait ${allowed.retryAfterSeconds} seconds and ask again.`, allowed.retryAfterSeconds, 'email');
    if (ipAddress && (await codeCountFromAddress(trx, ipAddress, hourAgo)) >= codesPerNetworkAddressPerHour) {
      throw new TooManyRequestsError('Too many codes were asked for from your network this hour; try again later.', 3600, 'email');
    }
    const id = randomUUID();
    const code = randomInt(0, 10 ** oneTimeCodeRules.digits).toString().padStart(oneTimeCodeRules.digits, '0');
    const expiresDateTime = new Date(now.getTime() + oneTimeCodeRules.lifetimeMs).toISOString();
    await insertCode(trx, { id, email, sealedCode: deps.secrets.seal(code, codeContext(id, email)), createdDateTime: now.toISOString(), expiresDateTime }, ipAddress);
    await enqueueJobs(trx, [{ kind: jobKinds.sendOneTimeCode, payload: { codeId: id } satisfies OneTimeCodePayload, runAt: now }], now);
    return { email, expiresDateTime, codeLength: oneTimeCodeRules.digits, resendAfterSeconds: oneTimeCodeRules.minIntervalMs / 1000 };
  });
  deps.wakeJobs();
  return issued;
}
