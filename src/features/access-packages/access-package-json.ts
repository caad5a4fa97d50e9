import type { Executor } from '../../db/database.js';
import { accessPackagePropertyNames, type AccessPackage } from '../../domain/access-package.js';
import { applySelect, type ResourceShape } from '../../http/odata/query-options.js';
import type { ExpandItem } from '../../http/odata/select-expand-parser.js';
import { roleScopesOfPackages } from '../access-package-resources/resource-role-scopes.repo.js';
import { renderRoleScopes, roleScopeShape } from '../access-package-resources/role-scope-json.js';
import { expanded } from '../catalog-resources/catalog-resource-json.js';
import { catalogJson, catalogShape } from '../catalogs/catalog-json.js';
import { findCatalogsByIds } from '../catalogs/catalogs.repo.js';

/** Access packages as the API shows them, here and in other features (incompatible packages). */
export const accessPackageLeafShape: ResourceShape = { name: 'microsoft.graph.accessPackage', properties: accessPackagePropertyNames, expandable: {} };
export const accessPackageShape: ResourceShape = { ...accessPackageLeafShape, expandable: { catalog: catalogShape, resourceRoleScopes: roleScopeShape } };

export function accessPackageJson(accessPackage: AccessPackage): Record<string, unknown> {
  const { id, displayName, description, isHidden, createdDateTime, modifiedDateTime } = accessPackage;
  return { id, displayName, description, isHidden, createdDateTime, modifiedDateTime };
}

/** Renders packages with their catalog and resource role scopes when $expand asks for them. */
export async function renderAccessPackages(db: Executor, packages: AccessPackage[], expand: readonly ExpandItem[]): Promise<Map<string, Record<string, unknown>>> {
  const catalogItem = expanded(expand, 'catalog');
  const roleScopesItem = expanded(expand, 'resourceRoleScopes');
  const catalogs = new Map(catalogItem ? (await findCatalogsByIds(db, packages.map((p) => p.catalogId))).map((c) => [c.id, c]) : []);
  const roleScopes = roleScopesItem ? await roleScopesOfPackages(db, packages.map((p) => p.id)) : [];
  const renderedRoleScopes = roleScopesItem ? await renderRoleScopes(db, roleScopes, roleScopesItem.expand) : [];
  const rendered = new Map<string, Record<string, unknown>>();
  for (const accessPackage of packages) {
    const json = accessPackageJson(accessPackage);
    if (catalogItem) {
      const catalog = catalogs.get(accessPackage.catalogId);
      json.catalog = catalog ? applySelect(catalogJson(catalog), catalogItem.select) : null;
    }
    if (roleScopesItem) {
      json.resourceRoleScopes = renderedRoleScopes
        .filter((_json, index) => roleScopes[index]!.accessPackageId === accessPackage.id)
        .map((roleScope) => applySelect(roleScope, roleScopesItem.select, roleScopesItem.expand?.map((e) => e.property)));
    }
    rendered.set(accessPackage.id, json);
  }
  return rendered;
}
