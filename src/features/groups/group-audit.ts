import type { AuditDraft, AuditTarget } from '../../domain/audit-entry.js';
import { modifiedProperties } from '../../domain/audit-entry.js';
import type { Group } from '../../domain/group.js';
import { auditedGroupProperties } from '../../domain/group-changes.js';
import type { DirectoryObject } from '../group-memberships/directory-objects.js';
import type { Relationship } from '../group-memberships/memberships.repo.js';

export function groupTarget(group: Pick<Group, 'id' | 'displayName'>, before: Group | null = null, after: Group | null = null): AuditTarget {
  return {
    id: group.id,
    displayName: group.displayName,
    type: 'Group',
    modifiedProperties: before || after ? modifiedProperties(before, after, auditedGroupProperties) : [],
  };
}

export function groupAudit(activityDisplayName: string, operationType: AuditDraft['operationType'], targets: AuditTarget[]): AuditDraft {
  return { category: 'GroupManagement', activityDisplayName, operationType, targetResources: targets };
}

/** How an audit entry names a member, even one no longer in the directory. */
export type MemberSubject = { type: 'user' | 'group'; id: string; displayName: string | null; userPrincipalName?: string | null };

export function memberSubject(object: DirectoryObject): MemberSubject {
  return object.type === 'user'
    ? { type: 'user', id: object.user.id, displayName: object.user.displayName, userPrincipalName: object.user.userPrincipalName }
    : { type: 'group', id: object.group.id, displayName: object.group.displayName };
}

const activities = {
  member: { add: 'Add member to group', remove: 'Remove member from group' },
  owner: { add: 'Add owner to group', remove: 'Remove owner from group' },
} as const;

/**
 * As Entra records it: the member first, carrying the group it joined or left as its modified
 * properties, then the group itself.
 */
export function membershipAudit(change: 'add' | 'remove', relationship: Relationship, group: Group, member: DirectoryObject | MemberSubject): AuditDraft {
  const groupValues = [
    { name: 'Group.ObjectID', value: JSON.stringify(group.id) },
    { name: 'Group.DisplayName', value: JSON.stringify(group.displayName) },
  ];
  const subject = 'id' in member ? member : memberSubject(member);
  const memberTarget: AuditTarget = {
    id: subject.id,
    displayName: subject.displayName,
    type: subject.type === 'user' ? 'User' : 'Group',
    ...(subject.type === 'user' ? { userPrincipalName: subject.userPrincipalName ?? null } : {}),
    modifiedProperties: groupValues.map(({ name, value }) => ({
      displayName: name,
      oldValue: change === 'remove' ? value : null,
      newValue: change === 'add' ? value : null,
    })),
  };
  return groupAudit(activities[relationship][change], change === 'add' ? 'Assign' : 'Unassign', [memberTarget, groupTarget(group)]);
}
