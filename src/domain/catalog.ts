import { isAllowed } from './permissions.js';
import type { Principal } from './principal.js';

/** An access package catalog (Graph: accessPackageCatalog), in Graph's v1.0 shape. */
export const catalogTypes = ['userManaged', 'serviceDefault', 'serviceManaged'] as const;
export const catalogStates = ['unpublished', 'published'] as const;

export type Catalog = {
  id: string;
  displayName: string;
  description: string | null;
  catalogType: (typeof catalogTypes)[number];
  state: (typeof catalogStates)[number];
  isExternallyVisible: boolean;
  createdDateTime: string;
  modifiedDateTime: string;
  deletedDateTime: string | null;
};

export const catalogPropertyNames = ['id', 'displayName', 'description', 'catalogType', 'state', 'isExternallyVisible', 'createdDateTime', 'modifiedDateTime'] as const;

/** The properties an audit entry lists when they change. */
export const auditedCatalogProperties = ['displayName', 'description', 'catalogType', 'state', 'isExternallyVisible'] as const;

export type CatalogFields = Pick<Catalog, 'displayName'> & Partial<Pick<Catalog, 'description' | 'catalogType' | 'state' | 'isExternallyVisible'>>;

export function buildCatalog(fields: CatalogFields, id: string, now: Date): Catalog {
  const time = now.toISOString();
  return {
    id,
    displayName: fields.displayName,
    description: fields.description ?? null,
    catalogType: fields.catalogType ?? 'userManaged',
    state: fields.state ?? 'published',
    isExternallyVisible: fields.isExternallyVisible ?? false,
    createdDateTime: time,
    modifiedDateTime: time,
    deletedDateTime: null,
  };
}

/** PATCH semantics: a property given (even as null) replaces; one left out stays. */
export function applyCatalogChanges(catalog: Catalog, changes: Partial<CatalogFields>, now: Date): Catalog {
  const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  return { ...catalog, ...defined, modifiedDateTime: now.toISOString() };
}

/**
 * A Catalog creator who is not a governance administrator would lose sight of the catalog they
 * just made, so Entra makes them its owner; administrators already manage every catalog.
 */
export function creatorBecomesOwner(principal: Principal): boolean {
  return principal.kind === 'user' && !isAllowed(principal, 'catalog.manage');
}

/** Why a catalog may not be deleted now, or null when it may. */
export function catalogDeletionBlocker(livingAccessPackages: readonly { displayName: string }[]): string | null {
  if (livingAccessPackages.length === 0) return null;
  const names = livingAccessPackages.slice(0, 5).map((accessPackage) => `'${accessPackage.displayName}'`).join(', ');
  const more = livingAccessPackages.length > 5 ? ` and ${livingAccessPackages.length - 5} more` : '';
  return `The catalog still holds access packages (${names}${more}); delete them first.`;
}
