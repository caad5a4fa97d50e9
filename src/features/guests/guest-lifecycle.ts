import type { Executor } from '../../db/database.js';
import { afterLastAssignmentEnded, mayDeleteGuest } from '../../domain/guest-lifecycle.js';
import { emptyExtensionAttributes, type User } from '../../domain/user.js';
import { enqueueJobs } from '../../jobs/job-queue.repo.js';
import { jobKinds, type GuestDeletionPayload, type GuestPayload } from '../../jobs/job-kinds.js';
import type { ClaimedJob } from '../../jobs/job-queue.repo.js';
import type { JobHandler } from '../../jobs/job-worker.js';
import { oneJobAtATime } from '../../jobs/one-job-at-a-time.js';
import { recordAudit } from '../audit/audit.repo.js';
import { systemActor } from '../assignment-requests/lifecycle-audit.js';
import { revokeTokensOfUsers } from '../authorization/access-tokens.repo.js';
import type { Deps } from '../deps.js';
import { holdRuleLock, reconcileUsers } from '../dynamic-groups/dynamic-membership.js';
import { readEntitlementSettings } from '../entitlement-settings/entitlement-settings.repo.js';
import { forgetActivity } from '../user-activity/user-activity.repo.js';
import { deleteUserIn } from '../users/delete-user.js';
import { userAudit, userTarget } from '../users/user-audit.js';
import { disableUsers, findUsersByIds, replaceUser } from '../users/users.repo.js';
import { findGovernedGuest, findGovernedGuests, governedGuestIdsAmong, guestHoldings, guestHoldingsOf, markGuestDeleted, markGuestsBlocked } from './governed-guests.repo.js';
import { welcomeGuest } from './welcome-guest.js';

/**
 * The guest lifecycle (entitlementManagement/settings): a guest Tessera brought in, who no longer
 * holds anything, is blocked from signing in and, after the configured wait, deleted with their
 * personal data removed; access arriving again lets them back in. Whatever changes what a guest
 * holds (an assignment delivered or ended, a request ending without one) calls
 * noteGuestAccessChanged in its transaction; the job that follows looks again, after the change has
 * committed, and does what the guest's holdings now call for.
 */
export async function noteGuestAccessChanged(trx: Executor, userIds: readonly string[], now: Date): Promise<void> {
  const guests = await governedGuestIdsAmong(trx, userIds);
  await enqueueJobs(trx, guests.map((userId) => ({ kind: jobKinds.settleGuest, payload: { userId } satisfies GuestPayload, runAt: now })), now);
}

/** Guests settled in one transaction: a cohort whose access ended together is blocked together. */
const guestsPerTransaction = 500;

/**
 * settle-guest, for a batch of guests in one transaction: those holding access are let in
 * (unblocked, their organization and sponsors recorded); those holding nothing, with nothing on
 * the way, are blocked at once as the settings say, their deletion scheduled.
 */
export async function settleGuests(deps: Deps, userIds: readonly string[]): Promise<void> {
  const now = deps.clock();
  const iso = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await holdRuleLock(trx);
    const guests = (await findGovernedGuests(trx, userIds)).filter((guest) => !guest.deletedDateTime);
    const users = new Map((await findUsersByIds(trx, guests.map((guest) => guest.userId))).map((user) => [user.id, user]));
    const holdings = await guestHoldingsOf(trx, [...users.keys()]);
    const actor = systemActor(`guest-lifecycle-${iso}`);
    const toBlock: User[] = [];
    for (const guest of guests) {
      const user = users.get(guest.userId);
      const held = holdings.get(guest.userId);
      if (!user || !held) continue;
      if (held.activeAssignments > 0) await welcomeGuest(trx, actor, guest, user, now);
      else if (held.openRequests === 0 && !guest.blockedDateTime) toBlock.push(user);
    }
    const step = afterLastAssignmentEnded(await readEntitlementSettings(trx), now);
    if (toBlock.length === 0 || !step.blockNow) return;
    // A guest someone else disabled is theirs to let in again, not the lifecycle's: only those it
    // blocks now are marked, and only they are let in by access arriving, or deleted.
    const ids = await disableUsers(trx, toBlock.map((user) => user.id), iso);
    if (ids.length === 0) return;
    const blocked = new Set(ids);
    await revokeTokensOfUsers(trx, ids, iso);
    await markGuestsBlocked(trx, ids, iso, step.deleteAt?.toISOString() ?? null);
    if (step.deleteAt) await enqueueJobs(trx, ids.map((userId) => ({ kind: jobKinds.deleteGuest, payload: { userId, blockedDateTime: iso } satisfies GuestDeletionPayload, runAt: step.deleteAt! })), now);
    const reason = step.deleteAt ? `Their last access ended; they are deleted on ${step.deleteAt.toISOString()} unless given access again.` : 'Their last access ended.';
    await recordAudit(trx, actor, now, toBlock.filter((user) => blocked.has(user.id)).map((user) => ({ ...userAudit('Block external user from signing in', 'Update', [userTarget(user, user, { ...user, accountEnabled: false })]), additionalDetails: [{ key: 'reason', value: reason }] })));
    await reconcileUsers(trx, ids, { correlationId: actor.correlationId, now });
  });
}

/**
 * delete-guest: at the end of the wait, a guest still blocked by the lifecycle since the same
 * moment, holding nothing and asking for nothing, is deleted: kept for history, under a neutral
 * name, with their personal data removed.
 */
export async function deleteGuest(deps: Deps, { userId, blockedDateTime }: GuestDeletionPayload): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    await holdRuleLock(trx);
    const guest = await findGovernedGuest(trx, userId);
    if (!guest || guest.deletedDateTime || guest.blockedDateTime !== blockedDateTime) return;
    if (!mayDeleteGuest({ blockedByLifecycle: true, ...(await guestHoldings(trx, userId)) })) return;
    const [user] = await findUsersByIds(trx, [userId]);
    if (!user) return;
    const anonymous = withoutPersonalData(user);
    await replaceUser(trx, anonymous, now.toISOString());
    await markGuestDeleted(trx, userId, now.toISOString());
    await forgetActivity(trx, userId);
    await deleteUserIn(trx, systemActor(`guest-lifecycle-${userId}`), anonymous, now, 'Delete external user');
  });
}

function withoutPersonalData(user: User): User {
  return {
    ...user,
    userPrincipalName: `deleted-guest-${user.id}@invalid`,
    displayName: 'Deleted guest',
    givenName: null,
    surname: null,
    mail: null,
    otherMails: [],
    proxyAddresses: [],
    accountEnabled: false,
    department: null,
    jobTitle: null,
    companyName: null,
    country: null,
    city: null,
    officeLocation: null,
    employeeId: null,
    employeeType: null,
    employeeHireDate: null,
    usageLocation: null,
    onPremisesExtensionAttributes: emptyExtensionAttributes(),
  };
}

export function settleGuestHandler(deps: Deps): JobHandler {
  return {
    kind: jobKinds.settleGuest,
    maxAttempts: 10,
    async run(jobs: ClaimedJob[]) {
      const failures = new Map<string, Error>();
      for (let start = 0; start < jobs.length; start += guestsPerTransaction) {
        const batch = jobs.slice(start, start + guestsPerTransaction);
        try {
          await settleGuests(deps, batch.map((job) => (job.payload as GuestPayload).userId));
        } catch (error) {
          for (const job of batch) failures.set(job.id, error instanceof Error ? error : new Error(String(error)));
        }
      }
      return failures;
    },
  };
}
export const deleteGuestHandler = oneJobAtATime(jobKinds.deleteGuest, 10, deleteGuest);
