import type { Executor } from '../../db/database.js';
import type { Principal } from '../../domain/principal.js';
import { catalogIdFromAppScope } from '../../domain/roles.js';
import { transitiveGroupIdsOf, maxGroupNestingDepth } from '../group-memberships/memberships.repo.js';
import { findUser, identityForTokenHash, type SignInIdentity } from '../users/users.repo.js';
import { hashToken } from './access-tokens.repo.js';
import { roleAssignmentsFor } from './role-assignments.repo.js';

/**
 * A user and every role they hold, directly or through a group they belong to, however nested
 * (catalog roles are often given to a team's group). Loaded once per request; undefined for a
 * user that is deleted or blocked from signing in.
 */
export async function loadPrincipal(db: Executor, userId: string): Promise<Principal | undefined> {
  return principalOf(db, await findUser(db, userId));
}

/** The principal of a presented bearer token (see loadPrincipal). */
export async function loadPrincipalForToken(db: Executor, token: string, now: string): Promise<Principal | undefined> {
  return principalOf(db, await identityForTokenHash(db, hashToken(token), now));
}

async function principalOf(db: Executor, user: SignInIdentity | undefined): Promise<Principal | undefined> {
  if (!user || !user.accountEnabled) return undefined;
  const assignments = await roleAssignmentsFor(db, [user.id, ...(await transitiveGroupIdsOf(db, user.id, maxGroupNestingDepth))]);
  const directoryRoleIds = new Set<string>();
  const tenantCatalogRoleIds = new Set<string>();
  const catalogRoleIds = new Map<string, Set<string>>();
  for (const assignment of assignments) {
    if (assignment.provider === 'directory') {
      directoryRoleIds.add(assignment.roleDefinitionId);
      continue;
    }
    const catalogId = catalogIdFromAppScope(assignment.appScopeId);
    if (!catalogId) {
      tenantCatalogRoleIds.add(assignment.roleDefinitionId);
      continue;
    }
    const held = catalogRoleIds.get(catalogId) ?? new Set<string>();
    held.add(assignment.roleDefinitionId);
    catalogRoleIds.set(catalogId, held);
  }
  return {
    kind: 'user',
    id: user.id,
    userPrincipalName: user.userPrincipalName,
    displayName: user.displayName,
    userType: user.userType,
    directoryRoleIds,
    catalogRoleIds,
    tenantCatalogRoleIds,
  };
}

/** Whether a user holds any directory role, directly or through groups: such users are privileged. */
export async function holdsDirectoryRole(db: Executor, userId: string): Promise<boolean> {
  const assignments = await roleAssignmentsFor(db, [userId, ...(await transitiveGroupIdsOf(db, userId, maxGroupNestingDepth))]);
  return assignments.some((assignment) => assignment.provider === 'directory');
}
