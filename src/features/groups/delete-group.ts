import { definitionsReviewing } from '../access-review-definitions/access-review-definitions.repo.js';
import { deleteDefinitionIn } from '../access-review-definitions/manage-access-review-definitions.js';
import { actorId } from '../../domain/actor-id.js';
import { ConflictError, NotFoundError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { recordAudit } from '../audit/audit.repo.js';
import { closeAllRoleAssignmentsOf } from '../authorization/role-assignments.repo.js';
import type { Deps } from '../deps.js';
import { groupAudit, groupTarget } from './group-audit.js';
import { findGroup, isCatalogResource, markGroupDeleted } from './groups.repo.js';
import { closeAllMembershipsIn, closeAllMembershipsOf, userMembersOf } from '../group-memberships/memberships.repo.js';
import { holdRuleLock, memberOfChanged, reconcileUsers } from '../dynamic-groups/dynamic-membership.js';

/**
 * Deleting keeps the group for history but ends every membership and ownership in it, and its
 * own memberships of other groups, and the roles it held. A group that a catalog offers as a resource stays until it
 * is removed from the catalog: access packages would otherwise grant a group that is gone. Access
 * reviews of its members end with it.
 */
export async function deleteGroup(deps: Deps, actor: Actor, groupId: string): Promise<void> {
  const now = deps.clock();
  const iso = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await holdRuleLock(trx);
    const group = await findGroup(trx, groupId);
    if (!group) throw new NotFoundError('Group', groupId);
    if (await isCatalogResource(trx, group.id)) {
      throw new ConflictError(`Group '${group.displayName}' is a resource in a catalog; remove it from every catalog before deleting it.`, 'id', 'Request_ResourceInUse');
    }
    const by = actorId(actor.principal);
    const members = await userMembersOf(trx, group.id);
    await markGroupDeleted(trx, group.id, iso);
    await closeAllMembershipsIn(trx, group.id, by, 'group deleted', iso);
    await closeAllMembershipsOf(trx, group.id, by, 'group deleted', iso);
    await closeAllRoleAssignmentsOf(trx, group.id, by, iso);
    await recordAudit(trx, actor, now, groupAudit('Delete group', 'Delete', [groupTarget(group)]));
    // Reviews of its members end with it; their instances stay, as history.
    for (const definition of await definitionsReviewing(trx, group.id)) await deleteDefinitionIn(trx, actor, definition.id, now);
    await reconcileUsers(trx, members, { correlationId: actor.correlationId, now }, memberOfChanged);
  });
  // Rules may have asked for access (automatic assignment): its delivery starts now, not at the next poll.
  deps.wakeJobs();
}
