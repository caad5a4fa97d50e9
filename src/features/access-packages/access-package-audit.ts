import { modifiedProperties, type AuditTarget } from '../../domain/audit-entry.js';
import { auditedAccessPackageProperties, type AccessPackage } from '../../domain/access-package.js';

export function accessPackageTarget(accessPackage: Pick<AccessPackage, 'id' | 'displayName'>, before: AccessPackage | null = null, after: AccessPackage | null = null): AuditTarget {
  return {
    id: accessPackage.id,
    displayName: accessPackage.displayName,
    type: 'AccessPackage',
    modifiedProperties: before || after ? modifiedProperties(before, after, auditedAccessPackageProperties) : [],
  };
}
