import type { Executor } from '../../db/database.js';
import { afterLastAssignmentEnded, mayDeleteGuest } from '../../domain/guest-lifecycle.js';
import { emptyExtensionAttributes, type User } from '../../domain/user.js';
import { enqueueJobs } from '../../jobs/job-queue.repo.js';
import { jobKinds, type GuestDeletionPayload, type GuestPayload } from '../../jobs/job-kinds.js';
import { oneJobAtATime } from '../../jobs/one-job-at-a-time.js';
import { recordAudit } from '../audit/audit.repo.js';
import { systemActor } from '../assignment-requests/lifecycle-audit.js';
import { revokeTokensOf } from '../authorization/access-tokens.repo.js';
import type { Deps } from '../deps.js';
import { holdRuleLock, reconcileUsers } from '../dynamic-groups/dynamic-membership.js';
import { readEntitlementSettings } from '../entitlement-settings/entitlement-settings.repo.js';
import { deleteUserIn } from '../users/delete-user.js';
import { userAudit, userTarget } from '../users/user-audit.js';
import { disableUsers, findUsersByIds, replaceUser } from '../users/users.repo.js';
import { findGovernedGuest, governedGuestIdsAmong, guestHoldings, markGuestBlocked, markGuestDeleted } from './governed-guests.repo.js';
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

/**
 * settle-guest: a governed guest holding access is let in (unblocked, their organization and
 * sponsors recorded); one holding nothing, with nothing on the way, is blocked.
 */
export async function settleGuest(deps: Deps, { userId }: GuestPayload): Promise<void> {
  const now = deps.clock();
  const iso = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await holdRuleLock(trx);
    const guest = await findGovernedGuest(trx, userId);
    if (!guest || guest.deletedDateTime) return;
    const [user] = await findUsersByIds(trx, [userId]);
    if (!user) return;
    const actor = systemActor(`guest-lifecycle-${userId}`);
    const holdings = await guestHoldings(trx, userId);
    if (holdings.activeAssignments > 0) {
      await welcomeGuest(trx, actor, guest, user, now);
      return;
    }
    if (holdings.openRequests > 0 || guest.blockedDateTime) return;
    const step = afterLastAssignmentEnded(await readEntitlementSettings(trx), now);
    if (!step.blockNow) return;
    await disableUsers(trx, [userId], iso);
    await revokeTokensOf(trx, userId, iso);
    await markGuestBlocked(trx, userId, iso, step.deleteAt?.toISOString() ?? null);
    if (step.deleteAt) await enqueueJobs(trx, [{ kind: jobKinds.deleteGuest, payload: { userId, blockedDateTime: iso } satisfies GuestDeletionPayload, runAt: step.deleteAt }], now);
    const reason = step.deleteAt ? `Their last access ended; they are deleted on ${step.deleteAt.toISOString()} unless given access again.` : 'Their last access ended.';
    await recordAudit(trx, actor, now, { ...userAudit('Block external user from signing in', 'Update', [userTarget(user, user, { ...user, accountEnabled: false })]), additionalDetails: [{ key: 'reason', value: reason }] });
    await reconcileUsers(trx, [userId], { correlationId: actor.correlationId, now });
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
    await trx.deleteFrom('user_activity').where('user_id', '=', userId).execute();
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

export const settleGuestHandler = oneJobAtATime(jobKinds.settleGuest, 10, settleGuest);
export const deleteGuestHandler = oneJobAtATime(jobKinds.deleteGuest, 10, deleteGuest);
