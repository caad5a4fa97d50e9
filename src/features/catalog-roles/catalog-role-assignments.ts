import type { Executor } from '../../db/database.js';
import { onUniqueViolation } from '../../db/dialect.js';
import { actorId } from '../../domain/actor-id.js';
import type { AuditTarget } from '../../domain/audit-entry.js';
import type { CatalogRoleScope } from '../../domain/catalog-role-assignment.js';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { catalogAppScopeId, catalogIdFromAppScope, catalogRoleList } from '../../domain/roles.js';
import { recordAudit } from '../audit/audit.repo.js';
import { findEquivalentAssignment, findRoleAssignment, insertRoleAssignment, type RoleAssignment } from '../authorization/role-assignments.repo.js';
import { catalogTarget, entitlementAudit } from '../catalogs/catalog-audit.js';
import { findCatalog, lockCatalog } from '../catalogs/catalogs.repo.js';
import type { Deps } from '../deps.js';
import { findGroup } from '../groups/groups.repo.js';
import { findUsersByIds } from '../users/users.repo.js';
import { endCatalogRoleAssignmentRow } from './catalog-role-assignments.repo.js';

/** A catalog role may be held by a user or, for a team, by a group its members act through. */
async function principalTarget(db: Executor, principalId: string): Promise<AuditTarget | undefined> {
  const [user] = await findUsersByIds(db, [principalId]);
  if (user) return { id: user.id, displayName: user.displayName, type: 'User', userPrincipalName: user.userPrincipalName, modifiedProperties: [] };
  const group = await findGroup(db, principalId);
  if (group) return { id: group.id, displayName: group.displayName, type: 'Group', modifiedProperties: [] };
  return undefined;
}

const roleTarget = (assignment: RoleAssignment): AuditTarget => ({
  id: assignment.id,
  displayName: catalogRoleList.find((role) => role.id === assignment.roleDefinitionId)?.displayName ?? assignment.roleDefinitionId,
  type: 'RoleAssignment',
  modifiedProperties: [],
});

export async function addCatalogRoleAssignment(deps: Deps, actor: Actor, scope: CatalogRoleScope, principalId: string): Promise<RoleAssignment> {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const targets: AuditTarget[] = [];
    if (scope.catalogId !== null) {
      // Locked before it is read, as deletion does: nobody is given a role in a catalog being deleted.
      await lockCatalog(trx, scope.catalogId);
      const catalog = await findCatalog(trx, scope.catalogId);
      if (!catalog) throw new ValidationError(`appScopeId names catalog '${scope.catalogId}', which does not exist.`, 'appScopeId');
      targets.push(catalogTarget(catalog));
    }
    const principal = await principalTarget(trx, principalId);
    if (!principal) throw new ValidationError(`principalId '${principalId}' is not a user or group in the directory.`, 'principalId');
    const appScopeId = scope.catalogId === null ? null : catalogAppScopeId(scope.catalogId);
    if (await findEquivalentAssignment(trx, 'entitlementManagement', scope.role.id, principalId, appScopeId)) {
      throw new ConflictError(`'${principal.displayName}' already holds '${scope.role.displayName}' there.`, 'principalId');
    }
    const assignment = await insertRoleAssignment(trx, 'entitlementManagement', { roleDefinitionId: scope.role.id, principalId, appScopeId }, actorId(actor.principal), now.toISOString());
    await recordAudit(trx, actor, now, entitlementAudit('Add catalog role assignment', 'Assign', [...targets, roleTarget(assignment), principal]));
    return assignment;
  }).catch(onUniqueViolation(() => new ConflictError(`The principal already holds '${scope.role.displayName}' there.`, 'principalId')));
}

/** Ends the assignment: the row is closed, never deleted, so past catalog roles stay answerable. */
export async function endCatalogRoleAssignment(deps: Deps, actor: Actor, id: string): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const assignment = await findRoleAssignment(trx, 'entitlementManagement', id);
    if (!assignment) throw new NotFoundError('Role assignment', id);
    const catalogId = catalogIdFromAppScope(assignment.appScopeId);
    const catalog = catalogId ? await findCatalog(trx, catalogId) : undefined;
    const principal = (await principalTarget(trx, assignment.principalId)) ?? { id: assignment.principalId, displayName: null, type: 'Unknown', modifiedProperties: [] };
    // A concurrent end may have closed it since it was read: then this one did nothing and audits nothing.
    if ((await endCatalogRoleAssignmentRow(trx, assignment.id, actorId(actor.principal), now.toISOString())) === 0) throw new NotFoundError('Role assignment', id);
    await recordAudit(trx, actor, now, entitlementAudit('Remove catalog role assignment', 'Unassign', [...(catalog ? [catalogTarget(catalog)] : []), roleTarget(assignment), principal]));
  });
}
