import type { Executor } from '../../db/database.js';
import type { AccessPackage } from '../../domain/access-package.js';
import { ConflictError, ValidationError } from '../../domain/errors.js';
import type { User } from '../../domain/user.js';
import { incompatibilitiesOf } from '../access-package-resources/incompatibilities.repo.js';
import { findAccessPackagesByIds } from '../access-packages/access-packages.repo.js';
import { transitiveGroupIdsOf, maxGroupNestingDepth } from '../group-memberships/memberships.repo.js';
import { findGroup } from '../groups/groups.repo.js';
import { blockedGuestIdsAmong } from '../guests/governed-guests.repo.js';
import { findUser } from '../users/users.repo.js';
import { holdsAnyPackage } from '../assignments/assignments.repo.js';

/** The user a request is for: they must exist and be able to sign in. */
export async function requireTargetUser(db: Executor, targetId: string): Promise<User> {
  const user = await findUser(db, targetId);
  if (!user) throw new ValidationError(`The user '${targetId}' does not exist.`, 'assignment.targetId');
  // A guest the lifecycle blocked (their last access ended) may be given access again: delivery lifts the block.
  if (!user.accountEnabled && (await blockedGuestIdsAmong(db, [user.id])).length === 0) throw new ValidationError(`The user '${user.userPrincipalName}' is blocked from signing in and cannot receive access.`, 'assignment.targetId');
  return user;
}

/**
 * Separation of duties: a package that is incompatible with one the target holds — in either
 * direction of the incompatibility — or with a group the target is in (however nested), is
 * refused. The same check runs again at delivery, since two incompatible requests may have been
 * pending at the same time.
 */
export async function assertCompatible(db: Executor, accessPackage: AccessPackage, targetId: string): Promise<void> {
  const { packageIds: incompatiblePackages, groupIds: incompatibleGroups } = await incompatibilitiesOf(db, accessPackage.id);
  const held = await holdsAnyPackage(db, targetId, incompatiblePackages);
  if (held.length > 0) {
    const names = (await findAccessPackagesByIds(db, held)).map((p) => `'${p.displayName}'`).join(', ');
    throw new ConflictError(`'${accessPackage.displayName}' is incompatible with ${names || 'an access package'}, which the user already has. Remove that access first.`, 'accessPackage', 'IncompatibleAccessPackage');
  }
  if (incompatibleGroups.length === 0) return;
  const groupsOfTarget = new Set(await transitiveGroupIdsOf(db, targetId, maxGroupNestingDepth));
  const clash = incompatibleGroups.find((groupId) => groupsOfTarget.has(groupId));
  if (clash) {
    const group = await findGroup(db, clash);
    throw new ConflictError(`'${accessPackage.displayName}' is incompatible with membership of the group '${group?.displayName ?? clash}', which the user has.`, 'accessPackage', 'IncompatibleGroup');
  }
}

export const openRequestConflict = () =>
  new ConflictError('The user already has a request for this access package under way. Wait for it to finish or cancel it first.', 'assignment', 'PendingRequestExists');
