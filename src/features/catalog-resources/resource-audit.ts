import type { AuditDraft, AuditTarget } from '../../domain/audit-entry.js';
import type { Catalog } from '../../domain/catalog.js';
import type { CatalogResource } from '../../domain/catalog-resource.js';
import { catalogTarget, entitlementAudit } from '../catalogs/catalog-audit.js';

export function resourceTarget(resource: Pick<CatalogResource, 'id' | 'displayName'>): AuditTarget {
  return { id: resource.id, displayName: resource.displayName, type: 'AccessPackageResource', modifiedProperties: [] };
}

/** Names the resource in its own system too, since the catalog resource id means nothing there. */
export function resourceAudit(activityDisplayName: string, operationType: AuditDraft['operationType'], catalog: Catalog, resource: CatalogResource): AuditDraft {
  return {
    ...entitlementAudit(activityDisplayName, operationType, [catalogTarget(catalog), resourceTarget(resource)]),
    additionalDetails: [
      { key: 'originSystem', value: resource.originSystem },
      { key: 'originId', value: resource.originId },
    ],
  };
}
