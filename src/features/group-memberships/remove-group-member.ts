import { actorId } from '../../domain/actor-id.js';
import { NotFoundError } from '../../domain/errors.js';
import { isDynamicGroup } from '../../domain/group.js';
import type { Actor } from '../../domain/principal.js';
import { recordAudit } from '../audit/audit.repo.js';
import type { Deps } from '../deps.js';
import { holdRuleLock, memberOfChanged, reconcileUsers } from '../dynamic-groups/dynamic-membership.js';
import type { Executor } from '../../db/database.js';
import { loadDirectoryObjects } from './directory-objects.js';
import { managedByRule } from './add-group-member.js';
import { memberSubject, membershipAudit, type MemberSubject } from '../groups/group-audit.js';
import { findGroup } from '../groups/groups.repo.js';
import { activeMembership, closeMembership, type MemberType, type Relationship } from './memberships.repo.js';

/** Ends a membership or ownership; the row stays, closed with who removed it. */
export async function removeGroupMember(deps: Deps, actor: Actor, groupId: string, relationship: Relationship, memberId: string): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    await holdRuleLock(trx);
    const group = await findGroup(trx, groupId);
    if (!group) throw new NotFoundError('Group', groupId);
    if (relationship === 'member' && isDynamicGroup(group)) throw managedByRule(group);
    const membership = await activeMembership(trx, group.id, memberId, relationship);
    if (!membership) throw new NotFoundError(relationship === 'member' ? 'Member' : 'Owner', memberId);
    const member = await describe(trx, membership.member_type, membership.member_id);
    await closeMembership(trx, group.id, membership.member_id, relationship, actorId(actor.principal), 'removed', now.toISOString());
    await recordAudit(trx, actor, now, membershipAudit('remove', relationship, group, member));
    if (relationship === 'member' && membership.member_type === 'user') await reconcileUsers(trx, [membership.member_id], { correlationId: actor.correlationId, now }, memberOfChanged);
  });
  // Rules may have asked for access (automatic assignment): its delivery starts now, not at the next poll.
  deps.wakeJobs();
}

/** The member as the audit entry names it, even if it has left the directory since. */
async function describe(trx: Executor, type: MemberType, id: string): Promise<MemberSubject> {
  const [object] = await loadDirectoryObjects(trx, [{ memberId: id, memberType: type }]);
  return object ? memberSubject(object) : { type, id, displayName: null };
}
