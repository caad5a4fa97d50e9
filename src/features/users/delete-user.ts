import { actorId } from '../../domain/actor-id.js';
import { NotFoundError } from '../../domain/errors.js';
import type { Executor } from '../../db/database.js';
import type { Actor } from '../../domain/principal.js';
import type { User } from '../../domain/user.js';
import { recordAudit } from '../audit/audit.repo.js';
import { closeAllRoleAssignmentsOf } from '../authorization/role-assignments.repo.js';
import type { Deps } from '../deps.js';
import { closeAllMembershipsOf } from '../group-memberships/memberships.repo.js';
import { revokeTokensOf } from '../authorization/access-tokens.repo.js';
import { closeSponsorshipsOf } from '../user-relationships/sponsors.repo.js';
import { userAudit, userTarget } from './user-audit.js';
import { directReportIdsOf, findUser, markUserDeleted } from './users.repo.js';
import { holdRuleLock, managerChanged, reconcileUsers } from '../dynamic-groups/dynamic-membership.js';

/**
 * Deleting keeps the user for history (who had access, when) but ends everything they held:
 * memberships, ownerships, roles, sponsorships and tokens. Their reports lose their manager, as in Entra.
 */
export async function deleteUser(deps: Deps, actor: Actor, idOrPrincipalName: string): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    await holdRuleLock(trx);
    const user = await findUser(trx, idOrPrincipalName);
    if (!user) throw new NotFoundError('User', idOrPrincipalName);
    await deleteUserIn(trx, actor, user, now);
  });
  // Rules may have asked for access (automatic assignment): its delivery starts now, not at the next poll.
  deps.wakeJobs();
}

/** Deletes a living user inside the caller's transaction, which holds the rule lock. */
export async function deleteUserIn(trx: Executor, actor: Actor, user: User, now: Date, activity = 'Delete user'): Promise<void> {
  const iso = now.toISOString();
  const by = actorId(actor.principal);
  const reports = await directReportIdsOf(trx, user.id);
  await markUserDeleted(trx, user.id, iso);
  await closeAllMembershipsOf(trx, user.id, by, 'user deleted', iso);
  await closeAllRoleAssignmentsOf(trx, user.id, by, iso);
  await revokeTokensOf(trx, user.id, iso);
  await closeSponsorshipsOf(trx, user.id, by, iso);
  await recordAudit(trx, actor, now, userAudit(activity, 'Delete', [userTarget(user)]));
  // Their reports now have no manager: Direct Reports rules let them go.
  await reconcileUsers(trx, reports, { correlationId: actor.correlationId, now }, managerChanged);
}
