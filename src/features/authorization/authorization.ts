import type { ReviewScope } from '../../domain/access-review-scope.js';
import type { Executor } from '../../db/database.js';
import type { AccessPackage } from '../../domain/access-package.js';
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import { accessReportCatalogs, isAllowed, type Action, type ActionContext } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { findGroup } from '../groups/groups.repo.js';
import { isGroupOwner } from '../group-memberships/memberships.repo.js';
import { findUser } from '../users/users.repo.js';
import { policiesApplyingTo } from '../assignment-policies/applicable-policies.js';
import { findAccessPackage } from '../access-packages/access-packages.repo.js';
import { catalogIdOfAccessPackage, catalogIdOfPolicy, catalogIdOfResource } from './authorization.repo.js';
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
  | { resourceId: string }
  | { groupId: string }
  | { userId: string }
  /** An access review, by what it reviews: a package's assignments are its catalog's business. */
  | { reviewScope: ReviewScope }
  | Record<string, never>;

const readActions: ReadonlySet<Action> = new Set(['catalog.read', 'accessPackages.read', 'accessReports.read']);

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
  if ('resourceId' in target) {
    const catalogId = await catalogIdOfResource(db, target.resourceId);
    if (!catalogId) throw new NotFoundError('Access package resource', target.resourceId);
    context.catalogId = catalogId;
  }
  if ('groupId' in target) {
    const group = await findGroup(db, target.groupId);
    context.isRoleAssignableGroup = group?.isAssignableToRole ?? false;
    if (action === 'group.members.manage') context.isGroupOwner = await isGroupOwner(db, target.groupId, principal.id);
  }
  if ('reviewScope' in target && target.reviewScope.kind === 'accessPackageAssignments') {
    // A package that does not exist names no catalog: only a governance administrator passes, and the use case says 400.
    const catalogId = await catalogIdOfAccessPackage(db, target.reviewScope.accessPackageId);
    if (catalogId) context.catalogId = catalogId;
  }
  if ('userId' in target) {
    const user = await findUser(db, target.userId);
    context.targetIsPrivileged = user ? await holdsDirectoryRole(db, user.id) : false;
    context.targetIsSelf = principal.id === target.userId;
  }
  if (isAllowed(principal, action, context)) return;
  // Someone who may not read a catalog or package learns nothing, not even that it exists.
  if (readActions.has(action) && 'accessPackageId' in target) throw new NotFoundError('Access package', target.accessPackageId);
  if (readActions.has(action) && 'resourceId' in target) throw new NotFoundError('Access package resource', target.resourceId);
  if (readActions.has(action) && 'policyId' in target) throw new NotFoundError('Access package assignment policy', target.policyId);
  if (readActions.has(action) && 'catalogId' in target) throw new NotFoundError('Catalog', target.catalogId);
  throw new ForbiddenError();
}

/**
 * Reading one access package: whoever reads its catalog, and whoever a policy lets request it,
 * hidden or not, so that a shared link to it opens (filterByCurrentUser shows them the visible
 * ones). Anyone else learns nothing, not even that it exists: 404. Returns the package, read once.
 */
export async function requireAccessPackageReadable(db: Executor, principal: Principal, accessPackageId: string, now: Date): Promise<AccessPackage> {
  const accessPackage = await findAccessPackage(db, accessPackageId);
  if (!accessPackage) throw new NotFoundError('Access package', accessPackageId);
  if (isAllowed(principal, 'accessPackages.read', { catalogId: accessPackage.catalogId })) return accessPackage;
  if (isAllowed(principal, 'entitlements.browse') && (await policiesApplyingTo(db, principal, accessPackage, now)).length > 0) return accessPackage;
  throw new NotFoundError('Access package', accessPackageId);
}

/**
 * The catalogs whose rows an access report may show the caller, once requireAccess has let them
 * read it: a catalog reader reading a user's report sees the rows of their catalogs only.
 */
export function accessReportScope(principal: Principal, subject: { userId: string } | { resourceId: string }): 'all' | string[] {
  return accessReportCatalogs(principal, { targetIsSelf: 'userId' in subject && principal.kind === 'user' && principal.id === subject.userId });
}
