import type { AuditDraft, AuditTarget, KeyValue } from '../../domain/audit-entry.js';
import type { AssignmentRequest } from '../../domain/assignment-request.js';
import type { Assignment } from '../../domain/assignment.js';
import { systemPrincipal, type Actor } from '../../domain/principal.js';

/**
 * Audit entries of the access lifecycle. Every entry about a request carries the request's id as
 * its correlation id, so a request's whole story — who asked, under which policy, who approved at
 * which stage and why, what was delivered, when it ended — is one filter on the audit log:
 * `$filter=correlationId eq '{requestId}'`.
 */
export type Named = { id: string; displayName: string };
export type NamedUser = Named & { userPrincipalName: string };

export const lifecycleActor = (actor: Actor, requestId: string): Actor => ({ ...actor, correlationId: requestId });

/** Tessera acting on its own (deadlines, expiry, delivery), correlated with the request it serves. */
export const systemActor = (correlationId: string): Actor => ({ correlationId, principal: systemPrincipal('Entitlement Management') });

export const requestTarget = (request: Pick<AssignmentRequest, 'id'>, accessPackage: Named): AuditTarget => ({
  id: request.id,
  displayName: accessPackage.displayName,
  type: 'AccessPackageAssignmentRequest',
  modifiedProperties: [],
});

export const packageTarget = (accessPackage: Named): AuditTarget => ({ id: accessPackage.id, displayName: accessPackage.displayName, type: 'AccessPackage', modifiedProperties: [] });

export const userTarget = (user: NamedUser): AuditTarget => ({ id: user.id, displayName: user.displayName, type: 'User', userPrincipalName: user.userPrincipalName, modifiedProperties: [] });

export const assignmentTarget = (assignment: Pick<Assignment, 'id'>, accessPackage: Named): AuditTarget => ({
  id: assignment.id,
  displayName: accessPackage.displayName,
  type: 'AccessPackageAssignment',
  modifiedProperties: [],
});

export function details(values: Record<string, string | number | null | undefined>): KeyValue[] {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number] => entry[1] !== null && entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => ({ key, value: String(value) }));
}

export function lifecycleEntry(activityDisplayName: string, operationType: AuditDraft['operationType'], targets: AuditTarget[], additionalDetails: KeyValue[] = [], result: AuditDraft['result'] = 'success', resultReason: string | null = null): AuditDraft {
  return { category: 'EntitlementManagement', activityDisplayName, operationType, targetResources: targets, additionalDetails, result, resultReason };
}

/** Entra's activity names for each kind of request, so that saved audit queries keep working. */
export const submittedActivity: Record<AssignmentRequest['requestType'], string> = {
  userAdd: 'User requests access package assignment',
  userUpdate: 'User requests to extend access package assignment',
  userRemove: 'User requests to remove access package assignment',
  adminAdd: 'Administrator directly assigns user to access package',
  adminUpdate: 'Create access package assignment user update request',
  adminRemove: 'Administrator directly removes user access package assignment',
  systemAdd: 'Entitlement Management creates access package assignment request for user',
  systemRemove: 'Entitlement Management removes access package assignment request for user',
};
