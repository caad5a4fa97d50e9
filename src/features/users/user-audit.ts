import type { AuditDraft, AuditTarget } from '../../domain/audit-entry.js';
import { modifiedProperties } from '../../domain/audit-entry.js';
import { auditedUserProperties, type User } from '../../domain/user.js';

export function userTarget(user: Pick<User, 'id' | 'displayName' | 'userPrincipalName'>, before: User | null = null, after: User | null = null): AuditTarget {
  return {
    id: user.id,
    displayName: user.displayName,
    type: 'User',
    userPrincipalName: user.userPrincipalName,
    modifiedProperties: before || after ? modifiedProperties(before, after, auditedUserProperties) : [],
  };
}

export function userAudit(activityDisplayName: string, operationType: AuditDraft['operationType'], targets: AuditTarget[]): AuditDraft {
  return { category: 'UserManagement', activityDisplayName, operationType, targetResources: targets };
}
