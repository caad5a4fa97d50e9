import type { Executor } from '../../db/database.js';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import { groupRoleOriginId, isDynamicGroup, type Group } from '../../domain/group.js';
import { applyGroupChanges } from '../../domain/group-changes.js';
import type { Actor } from '../../domain/principal.js';
import { recordAudit } from '../audit/audit.repo.js';
import { packagesGivingRole } from '../access-package-resources/resource-role-scopes.repo.js';
import { lockResourcesOfOrigin } from '../catalog-resources/catalog-resources.repo.js';
import type { Deps } from '../deps.js';
import { groupAudit, groupTarget } from './group-audit.js';
import { findGroup, replaceGroup } from './groups.repo.js';
import type { UpdateGroupInput } from './groups.schemas.js';
import { enqueueGroupReconciliation } from '../dynamic-groups/dynamic-group-jobs.js';
import { holdRuleLock, processesRule } from '../dynamic-groups/dynamic-membership.js';
import { refuseRuleLoop } from '../dynamic-groups/rule-loops.js';

export async function updateGroup(deps: Deps, actor: Actor, groupId: string, changes: UpdateGroupInput): Promise<Group> {
  const now = deps.clock();
  let reconciling = false;
  const updated = await deps.db.transaction().execute(async (trx) => {
    const before = await findGroup(trx, groupId);
    if (!before) throw new NotFoundError('Group', groupId);
    const after = applyGroupChanges(before, changes);
    const target = groupTarget(after, before, after);
    // An update that changes nothing writes nothing, not even an audit entry.
    if (target.modifiedProperties.length === 0) return before;
    if (isDynamicGroup(after) && !isDynamicGroup(before)) await refuseWhileMembershipIsGiven(trx, after);
    if (after.membershipRule !== before.membershipRule || processesRule(after) !== processesRule(before)) {
      await holdRuleLock(trx);
      await refuseRuleLoop(trx, after);
    }
    await replaceGroup(trx, after, now.toISOString());
    await recordAudit(trx, actor, now, groupAudit('Update group', 'Update', [target]));
    // A new rule, or one switched back on, meets the whole directory; pausing keeps the members.
    if (processesRule(after) && (!processesRule(before) || before.membershipRule !== after.membershipRule)) {
      await enqueueGroupReconciliation(trx, after.id, actor.correlationId, now);
      reconciling = true;
    }
    return after;
  });
  if (reconciling) deps.wakeJobs();
  return updated;
}

/**
 * A group whose membership an access package gives cannot become dynamic: its rule would take back
 * what the package delivers, and the package would go on promising it. The administrator removes
 * the Member role from those packages first (their assignments then lose the membership on time).
 */
async function refuseWhileMembershipIsGiven(trx: Executor, group: Group): Promise<void> {
  // Adding a role scope takes its resource's lock and reads the group again: one of the two waits for the other.
  await lockResourcesOfOrigin(trx, 'AadGroup', group.id);
  const packages = await packagesGivingRole(trx, 'AadGroup', group.id, groupRoleOriginId('Member', group.id));
  if (packages.length === 0) return;
  const named = packages.slice(0, 3).map((name) => `'${name}'`).join(', ') + (packages.length > 3 ? ` and ${packages.length - 3} more` : '');
  throw new ValidationError(`Group '${group.displayName}' cannot become dynamic while access packages give its membership (${named}); remove its Member role from them first.`, 'groupTypes');
}
