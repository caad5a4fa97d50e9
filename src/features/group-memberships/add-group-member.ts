import { actorId } from '../../domain/actor-id.js';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import { isDynamicGroup, type Group } from '../../domain/group.js';
import { createsNestingLoop } from '../../domain/group-changes.js';
import type { Actor } from '../../domain/principal.js';
import { onUniqueViolation } from '../../db/dialect.js';
import type { Executor } from '../../db/database.js';
import { takeNamedLock } from '../../db/named-lock.js';
import { recordAudit } from '../audit/audit.repo.js';
import type { Deps } from '../deps.js';
import { holdRuleLock, memberOfChanged, reconcileUsers } from '../dynamic-groups/dynamic-membership.js';
import { objectId, resolveReference, type DirectoryObject, type ObjectReference } from './directory-objects.js';
import { membershipAudit } from '../groups/group-audit.js';
import { findGroup } from '../groups/groups.repo.js';
import { activeMembership, openMembership, transitiveMembersOf, type Relationship } from './memberships.repo.js';

const propertyOf = (relationship: Relationship) => (relationship === 'member' ? 'members' : 'owners');

export const alreadyThere = (relationship: Relationship, target: string) =>
  new ValidationError(`One or more added object references already exist for the following modified properties: '${propertyOf(relationship)}'.`, target);

export const managedByRule = (group: Group, target?: string) =>
  new ValidationError(`The members of dynamic group '${group.displayName}' are managed by its membership rule; they cannot be added or removed by hand.`, target);

/** The member or owner a reference names, or a 400 naming the property the reference came in. */
export async function resolveNewcomer(db: Executor, reference: ObjectReference | null, relationship: Relationship, target: string): Promise<DirectoryObject> {
  if (!reference) throw new ValidationError(`'${target}' must be a URL ending in /directoryObjects/{id}, /users/{id} or /groups/{id}.`, target);
  const object = await resolveReference(db, reference);
  if (!object) throw new ValidationError(`The object '${reference.id}' referenced by '${target}' does not exist in the directory.`, target);
  if (relationship === 'owner' && object.type !== 'user') throw new ValidationError('Only users can own a group.', target);
  return object;
}

/**
 * Everything that must hold before a principal joins a group: rule-managed groups take no hand-
 * added members, a group cannot contain itself (directly or through nesting), nobody joins twice.
 */
export async function checkNewMembership(db: Executor, group: Group, relationship: Relationship, member: DirectoryObject, target: string): Promise<void> {
  if (relationship === 'member' && isDynamicGroup(group)) throw managedByRule(group, target);
  if (relationship === 'member' && member.type === 'group') {
    await takeNamedLock(db, 'group-nesting');
    const inside = await transitiveMembersOf(db, member.group.id, Number.POSITIVE_INFINITY, ['group']);
    const groupsInside = new Set(inside.map((ref) => ref.memberId));
    if (createsNestingLoop(group.id, member.group.id, groupsInside)) {
      throw new ValidationError(`'${member.group.displayName}' cannot be a member of '${group.displayName}': groups would contain themselves.`, target);
    }
  }
  if (await activeMembership(db, group.id, objectId(member), relationship)) throw alreadyThere(relationship, target);
}

export async function addGroupMember(deps: Deps, actor: Actor, groupId: string, relationship: Relationship, reference: ObjectReference | null): Promise<void> {
  const now = deps.clock();
  // A concurrent request may add the same member first; the unique index on active rows catches it.
  await deps.db
    .transaction()
    .execute(async (trx) => {
      await holdRuleLock(trx);
      const group = await findGroup(trx, groupId);
      if (!group) throw new NotFoundError('Group', groupId);
      const member = await resolveNewcomer(trx, reference, relationship, '@odata.id');
      await checkNewMembership(trx, group, relationship, member, '@odata.id');
      await openMembership(trx, { groupId: group.id, memberId: objectId(member), memberType: member.type, relationship }, actorId(actor.principal), now.toISOString());
      await recordAudit(trx, actor, now, membershipAudit('add', relationship, group, member));
      if (relationship === 'member' && member.type === 'user') await reconcileUsers(trx, [member.user.id], { correlationId: actor.correlationId, now }, memberOfChanged);
    })
    .catch(onUniqueViolation(() => alreadyThere(relationship, '@odata.id')));
  // Rules may have asked for access (automatic assignment): its delivery starts now, not at the next poll.
  deps.wakeJobs();
}
