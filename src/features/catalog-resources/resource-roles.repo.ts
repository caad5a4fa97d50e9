import { randomUUID } from 'node:crypto';
import { bulkInsert } from '../../db/bulk-insert.js';
import { runCollectionQuery, type Page, type QueryableProperties } from '../../db/collection-query.js';
import type { Executor, ResourceRolesTable, ResourceScopesTable } from '../../db/database.js';
import type { DiscoveredResource } from '../../connectors/connector.js';
import type { ResourceRole, ResourceScope } from '../../domain/catalog-resource.js';
import type { CollectionQuery } from '../../http/odata/query-options.js';

/**
 * The roles and scopes of catalog resources, as their connector described them. They are never
 * removed: a resource that leaves its catalog keeps them, so past package contents still render.
 */
function roleFromRow(row: ResourceRolesTable): ResourceRole {
  return { id: row.id, resourceId: row.resource_id, displayName: row.display_name, description: row.description, originId: row.origin_id, originSystem: row.origin_system };
}

function scopeFromRow(row: ResourceScopesTable): ResourceScope {
  return { ...roleFromRow(row), isRootScope: row.is_root_scope === 1 };
}

const roleOrScopeProperties = (table: 'resource_roles' | 'resource_scopes'): QueryableProperties => ({
  id: { column: `${table}.id`, kind: 'caseSensitiveText' },
  displayName: { column: `${table}.display_name`, kind: 'text', sortable: true },
  description: { column: `${table}.description`, kind: 'text' },
  originId: { column: `${table}.origin_id`, kind: 'caseSensitiveText', sortable: true },
  originSystem: { column: `${table}.origin_system`, kind: 'text', sortable: true },
  'resource/id': { column: `${table}.resource_id`, kind: 'caseSensitiveText' },
});
export const resourceRoleQueryableProperties = roleOrScopeProperties('resource_roles');
export const resourceScopeQueryableProperties: QueryableProperties = {
  ...roleOrScopeProperties('resource_scopes'),
  isRootScope: { column: 'resource_scopes.is_root_scope', kind: 'boolean' },
};

export function listCatalogResourceRoles(db: Executor, catalogId: string, query: CollectionQuery, resourceId?: string): Promise<Page<ResourceRole>> {
  let base = db
    .selectFrom('resource_roles')
    .innerJoin('resources', 'resources.id', 'resource_roles.resource_id')
    .selectAll('resource_roles')
    .where('resources.catalog_id', '=', catalogId)
    .where('resources.removed_date_time', 'is', null);
  if (resourceId) base = base.where('resource_roles.resource_id', '=', resourceId);
  return runCollectionQuery(base, resourceRoleQueryableProperties, query, 'resource_roles.id', roleFromRow);
}

export function listCatalogResourceScopes(db: Executor, catalogId: string, query: CollectionQuery, resourceId?: string): Promise<Page<ResourceScope>> {
  let base = db
    .selectFrom('resource_scopes')
    .innerJoin('resources', 'resources.id', 'resource_scopes.resource_id')
    .selectAll('resource_scopes')
    .where('resources.catalog_id', '=', catalogId)
    .where('resources.removed_date_time', 'is', null);
  if (resourceId) base = base.where('resource_scopes.resource_id', '=', resourceId);
  return runCollectionQuery(base, resourceScopeQueryableProperties, query, 'resource_scopes.id', scopeFromRow);
}

export async function rolesOfResources(db: Executor, resourceIds: readonly string[]): Promise<ResourceRole[]> {
  if (resourceIds.length === 0) return [];
  const rows = await db.selectFrom('resource_roles').selectAll().where('resource_id', 'in', [...new Set(resourceIds)]).orderBy('origin_id').execute();
  return rows.map(roleFromRow);
}

export async function scopesOfResources(db: Executor, resourceIds: readonly string[]): Promise<ResourceScope[]> {
  if (resourceIds.length === 0) return [];
  const rows = await db.selectFrom('resource_scopes').selectAll().where('resource_id', 'in', [...new Set(resourceIds)]).orderBy('origin_id').execute();
  return rows.map(scopeFromRow);
}

export async function findRolesByIds(db: Executor, ids: readonly string[]): Promise<ResourceRole[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('resource_roles').selectAll().where('id', 'in', [...new Set(ids)]).execute()).map(roleFromRow);
}

export async function findScopesByIds(db: Executor, ids: readonly string[]): Promise<ResourceScope[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('resource_scopes').selectAll().where('id', 'in', [...new Set(ids)]).execute()).map(scopeFromRow);
}

export async function findRoleByOrigin(db: Executor, resourceId: string, originId: string): Promise<ResourceRole | undefined> {
  const row = await db.selectFrom('resource_roles').selectAll().where('resource_id', '=', resourceId).where('origin_id', '=', originId).executeTakeFirst();
  return row ? roleFromRow(row) : undefined;
}

export async function findScopeByOrigin(db: Executor, resourceId: string, originId: string): Promise<ResourceScope | undefined> {
  const row = await db.selectFrom('resource_scopes').selectAll().where('resource_id', '=', resourceId).where('origin_id', '=', originId).executeTakeFirst();
  return row ? scopeFromRow(row) : undefined;
}

/**
 * A role or scope by id, only if its resource is living in the catalog: callers curating one
 * catalog must learn nothing, not even a name, about what another catalog holds.
 */
export async function findCatalogRole(db: Executor, catalogId: string, roleId: string): Promise<ResourceRole | undefined> {
  const row = await db
    .selectFrom('resource_roles')
    .innerJoin('resources', 'resources.id', 'resource_roles.resource_id')
    .selectAll('resource_roles')
    .where('resource_roles.id', '=', roleId)
    .where('resources.catalog_id', '=', catalogId)
    .where('resources.removed_date_time', 'is', null)
    .executeTakeFirst();
  return row ? roleFromRow(row) : undefined;
}

export async function findCatalogScope(db: Executor, catalogId: string, scopeId: string): Promise<ResourceScope | undefined> {
  const row = await db
    .selectFrom('resource_scopes')
    .innerJoin('resources', 'resources.id', 'resource_scopes.resource_id')
    .selectAll('resource_scopes')
    .where('resource_scopes.id', '=', scopeId)
    .where('resources.catalog_id', '=', catalogId)
    .where('resources.removed_date_time', 'is', null)
    .executeTakeFirst();
  return row ? scopeFromRow(row) : undefined;
}

/** A system may describe thousands of roles (an application's app roles); bulkInsert chunks them under the parameter limits. */
export async function insertRolesAndScopes(db: Executor, resourceId: string, originSystem: string, described: Pick<DiscoveredResource, 'roles' | 'scopes'>): Promise<void> {
  await bulkInsert(
    db,
    'resource_roles',
    described.roles.map((role): ResourceRolesTable => ({ id: randomUUID(), resource_id: resourceId, origin_id: role.originId, origin_system: originSystem, display_name: role.displayName, description: role.description })),
  );
  await bulkInsert(
    db,
    'resource_scopes',
    described.scopes.map((scope): ResourceScopesTable => ({
      id: randomUUID(),
      resource_id: resourceId,
      origin_id: scope.originId,
      origin_system: originSystem,
      display_name: scope.displayName,
      description: scope.description,
      is_root_scope: scope.isRootScope ? 1 : 0,
    })),
  );
}
