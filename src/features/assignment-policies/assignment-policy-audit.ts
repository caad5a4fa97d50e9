import { modifiedProperties, type AuditTarget } from '../../domain/audit-entry.js';
import type { AssignmentPolicy } from '../../domain/assignment-policy.js';
import { auditedPolicyProperties } from '../../domain/assignment-policy-rules.js';

export function policyTarget(policy: Pick<AssignmentPolicy, 'id' | 'displayName'>, before: AssignmentPolicy | null = null, after: AssignmentPolicy | null = null): AuditTarget {
  return {
    id: policy.id,
    displayName: policy.displayName,
    type: 'AccessPackageAssignmentPolicy',
    modifiedProperties: before || after ? modifiedProperties(before, after, auditedPolicyProperties) : [],
  };
}
