import { randomUUID } from 'node:crypto';
import { actorId } from '../../domain/actor-id.js';
import type { AuditDraft } from '../../domain/audit-entry.js';
import type { Group } from '../../domain/group.js';
import { buildGroup } from '../../domain/group-changes.js';
import type { Actor } from '../../domain/principal.js';
import type { Executor } from '../../db/database.js';
import { recordAudit } from '../audit/audit.repo.js';
import type { Deps } from '../deps.js';
import { alreadyThere, checkNewMembership, resolveNewcomer } from '../group-memberships/add-group-member.js';
import { objectId, parseObjectReference, type DirectoryObject } from '../group-memberships/directory-objects.js';
import { groupAudit, groupTarget, membershipAudit } from './group-audit.js';
import { enqueueGroupReconciliation } from '../dynamic-groups/dynamic-group-jobs.js';
import { holdRuleLock, memberOfChanged, processesRule, reconcileUsers } from '../dynamic-groups/dynamic-membership.js';
import { insertGroups } from './groups.repo.js';
import { refuseRuleLoop } from '../dynamic-groups/rule-loops.js';
import type { CreateGroupInput } from './groups.schemas.js';
import { openMembership, type Relationship } from '../group-memberships/memberships.repo.js';

/**
 * Creates a group with the members and owners its body binds, all or nothing: one bad reference
 * leaves no group behind.
 */
export async function createGroup(deps: Deps, actor: Actor, input: CreateGroupInput): Promise<Group> {
  const now = deps.clock();
  const iso = now.toISOString();
  const { 'members@odata.bind': memberBinds = [], 'owners@odata.bind': ownerBinds = [], ...fields } = input;
  const group = buildGroup(fields, randomUUID(), now);
  await deps.db.transaction().execute(async (trx) => {
    await holdRuleLock(trx);
    await refuseRuleLoop(trx, group);
    await insertGroups(trx, [group], iso);
    const audits: AuditDraft[] = [groupAudit('Add group', 'Add', [groupTarget(group, null, group)])];
    const joinedUsers: string[] = [];
    for (const [relationship, binds] of [['member', memberBinds], ['owner', ownerBinds]] as const) {
      for (const object of await resolveBinds(trx, group, relationship, binds)) {
        await openMembership(trx, { groupId: group.id, memberId: objectId(object), memberType: object.type, relationship }, actorId(actor.principal), iso);
        audits.push(membershipAudit('add', relationship, group, object));
        if (relationship === 'member' && object.type === 'user') joinedUsers.push(object.user.id);
      }
    }
    await recordAudit(trx, actor, now, audits);
    const cause = { correlationId: actor.correlationId, now };
    if (processesRule(group)) await enqueueGroupReconciliation(trx, group.id, actor.correlationId, now);
    await reconcileUsers(trx, joinedUsers, cause, memberOfChanged);
  });
  deps.wakeJobs();
  return group;
}

async function resolveBinds(trx: Executor, group: Group, relationship: Relationship, binds: readonly string[]): Promise<DirectoryObject[]> {
  const target = `${relationship}s@odata.bind`;
  const objects: DirectoryObject[] = [];
  for (const bind of binds) {
    const object = await resolveNewcomer(trx, parseObjectReference(bind), relationship, target);
    if (objects.some((other) => objectId(other) === objectId(object))) throw alreadyThere(relationship, target);
    await checkNewMembership(trx, group, relationship, object, target);
    objects.push(object);
  }
  return objects;
}
