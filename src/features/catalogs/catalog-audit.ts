import { modifiedProperties, type AuditDraft, type AuditTarget } from '../../domain/audit-entry.js';
import { auditedCatalogProperties, type Catalog } from '../../domain/catalog.js';

/** Every entitlement-management write is logged under one category, as Entra does. */
export function entitlementAudit(activityDisplayName: string, operationType: AuditDraft['operationType'], targets: AuditTarget[]): AuditDraft {
  return { category: 'EntitlementManagement', activityDisplayName, operationType, targetResources: targets };
}

export function catalogTarget(catalog: Pick<Catalog, 'id' | 'displayName'>, before: Catalog | null = null, after: Catalog | null = null): AuditTarget {
  return {
    id: catalog.id,
    displayName: catalog.displayName,
    type: 'AccessPackageCatalog',
    modifiedProperties: before || after ? modifiedProperties(before, after, auditedCatalogProperties) : [],
  };
}
