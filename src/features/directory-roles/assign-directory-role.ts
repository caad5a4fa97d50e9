import { onUniqueViolation } from '../../db/dialect.js';
import { actorId } from '../../domain/actor-id.js';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { directoryRoleList } from '../../domain/roles.js';
import { recordAudit } from '../audit/audit.repo.js';
import { endRoleAssignment, findEquivalentAssignment, findRoleAssignment, insertRoleAssignment, type RoleAssignment } from '../authorization/role-assignments.repo.js';
import type { Deps } from '../deps.js';
import { findGroup } from '../groups/groups.repo.js';
import { findUser } from '../users/users.repo.js';

/** Directory roles (Global Administrator, Identity Governance Administrator, …) held tenant-wide. */
export async function assignDirectoryRole(deps: Deps, actor: Actor, input: { roleDefinitionId: string; principalId: string; directoryScopeId: string }): Promise<RoleAssignment> {
  const role = directoryRoleList.find((candidate) => candidate.id === input.roleDefinitionId);
  if (!role) throw new ValidationError(`'${input.roleDefinitionId}' is not a directory role definition; see /v1.0/roleManagement/directory/roleDefinitions.`, 'roleDefinitionId');
  if (input.directoryScopeId !== '/') throw new ValidationError("Only the tenant-wide scope '/' is supported for directory roles.", 'directoryScopeId');
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const user = await findUser(trx, input.principalId);
    const group = user ? undefined : await findGroup(trx, input.principalId);
    if (!user && !group) throw new ValidationError(`The principal '${input.principalId}' is not a user or group in the directory.`, 'principalId');
    if (group && !group.isAssignableToRole) {
      throw new ValidationError(`The group '${group.displayName}' was not created with isAssignableToRole, so it cannot hold directory roles.`, 'principalId');
    }
    const principalId = user?.id ?? group!.id;
    if (await findEquivalentAssignment(trx, 'directory', role.id, principalId, null)) {
      throw new ConflictError(`'${user?.displayName ?? group?.displayName}' already holds the role ${role.displayName}.`, 'principalId');
    }
    const assignment = await insertRoleAssignment(trx, 'directory', { roleDefinitionId: role.id, principalId, appScopeId: null }, actorId(actor.principal), now.toISOString());
    await recordAudit(trx, actor, now, {
      category: 'RoleManagement',
      activityDisplayName: 'Add member to role',
      operationType: 'Assign',
      targetResources: [
        { id: role.id, displayName: role.displayName, type: 'Role', modifiedProperties: [] },
        { id: principalId, displayName: user?.displayName ?? group!.displayName, type: user ? 'User' : 'Group', userPrincipalName: user?.userPrincipalName ?? null, modifiedProperties: [] },
      ],
    });
    return assignment;
  }).catch(onUniqueViolation(() => new ConflictError(`The principal already holds the role ${role.displayName}.`, 'principalId')));
}

export async function removeDirectoryRoleAssignment(deps: Deps, actor: Actor, assignmentId: string): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const assignment = await findRoleAssignment(trx, 'directory', assignmentId);
    if (!assignment) throw new NotFoundError('Role assignment', assignmentId);
    const role = directoryRoleList.find((candidate) => candidate.id === assignment.roleDefinitionId);
    await endRoleAssignment(trx, assignment.id, actorId(actor.principal), now.toISOString());
    await recordAudit(trx, actor, now, {
      category: 'RoleManagement',
      activityDisplayName: 'Remove member from role',
      operationType: 'Unassign',
      targetResources: [
        { id: assignment.roleDefinitionId, displayName: role?.displayName ?? null, type: 'Role', modifiedProperties: [] },
        { id: assignment.principalId, displayName: null, type: 'Principal', modifiedProperties: [] },
      ],
    });
  });
}
