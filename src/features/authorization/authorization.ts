import type { Executor } from '../../db/database.js';
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import { isAllowed, type Action, type ActionContext } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { findGroup } from '../groups/groups.repo.js';
import { isGroupOwner } from '../group-memberships/memberships.repo.js';
import { findUser } from '../users/users.repo.js';
import { catalogIdOfAccessPackage, catalogIdOfPolicy } from './authorization.repo.js';
import { holdsDirectoryRole } from './load-principal.js';

/**
 * The one authorization module: every route asks here before it calls a use case. It finds out
 * what the decision needs about the target (the catalog an access package lives in, whether the
 * caller owns a group, whether a user is privileged) and leaves the decision to
 * domain/permissions.ts.
 */
export type AccessTarget =
  | { catalogId: string }
  | { accessPackageId: string }
  | { policyId: string }
  | { groupId: string }
  | { userId: string }
  | Record<string, never>;

const readActions: ReadonlySet<Action> = new Set(['catalog.read', 'accessPackages.read']);

export async function requireAccess(db: Executor, principal: Principal, action: Action, target: AccessTarget = {}): Promise<void> {
  if (principal.kind === 'system') return;
  const context: ActionContext = {};
  if ('catalogId' in target) context.catalogId = target.catalogId;
  if ('accessPackageId' in target) {
    const catalogId = await catalogIdOfAccessPackage(db, target.accessPackageId);
    if (!catalogId) throw new NotFoundError('Access package', target.accessPackageId);
    context.catalogId = catalogId;
  }
  if ('policyId' in target) {
    const catalogId = await catalogIdOfPolicy(db, target.policyId);
    if (!catalogId) throw new NotFoundError('Access package assignment policy', target.policyId);
    context.catalogId = catalogId;
  }
  if ('groupId' in target) {
    const group = await findGroup(db, target.groupId);
    context.isRoleAssignableGroup = group?.isAssignableToRole ?? false;
    if (action === 'group.members.manage') context.isGroupOwner = await isGroupOwner(db, target.groupId, principal.id);
  }
  if ('userId' in target) {
    const user = await findUser(db, target.userId);
    context.targetIsPrivileged = user ? await holdsDirectoryRole(db, user.id) : false;
  }
  if (isAllowed(principal, action, context)) return;
  // Someone who may not read a catalog or package learns nothing, not even that it exists.
  if (readActions.has(action) && 'accessPackageId' in target) throw new NotFoundError('Access package', target.accessPackageId);
  if (readActions.has(action) && 'policyId' in target) throw new NotFoundError('Access package assignment policy', target.policyId);
  if (readActions.has(action) && 'catalogId' in target) throw new NotFoundError('Catalog', target.catalogId);
  throw new ForbiddenError();
}
