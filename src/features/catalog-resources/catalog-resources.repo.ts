import { randomUUID } from 'node:crypto';
import { runCollectionQuery, type Page, type QueryableProperties } from '../../db/collection-query.js';
import type { Executor, ResourcesTable } from '../../db/database.js';
import type { CatalogResource } from '../../domain/catalog-resource.js';
import type { DiscoveredResource } from '../../connectors/connector.js';
import type { CollectionQuery } from '../../http/odata/query-options.js';
import { insertRolesAndScopes } from './resource-roles.repo.js';

/**
 * The resources a catalog holds, with their roles and scopes. A resource that leaves the catalog
 * is closed (removed_date_time), never deleted: its roles and scopes stay, so past access package
 * contents remain answerable.
 */
function resourceFromRow(row: ResourcesTable): CatalogResource {
  return {
    id: row.id,
    catalogId: row.catalog_id,
    environmentId: row.environment_id,
    displayName: row.display_name,
    description: row.description,
    originId: row.origin_id,
    originSystem: row.origin_system,
    resourceType: row.resource_type,
    createdDateTime: row.created_date_time,
    modifiedDateTime: row.modified_date_time,
    removedDateTime: row.removed_date_time,
  };
}

export const resourceQueryableProperties: QueryableProperties = {
  id: { column: 'resources.id', kind: 'caseSensitiveText' },
  displayName: { column: 'resources.display_name', kind: 'text', sortable: true },
  description: { column: 'resources.description', kind: 'text' },
  originId: { column: 'resources.origin_id', kind: 'caseSensitiveText', sortable: true },
  originSystem: { column: 'resources.origin_system', kind: 'text', sortable: true },
  createdDateTime: { column: 'resources.created_date_time', kind: 'dateTime', sortable: true },
  modifiedDateTime: { column: 'resources.modified_date_time', kind: 'dateTime', sortable: true },
};

const livingIn = (db: Executor, catalogId: string) =>
  db.selectFrom('resources').selectAll('resources').where('resources.catalog_id', '=', catalogId).where('resources.removed_date_time', 'is', null);

export function listCatalogResources(db: Executor, catalogId: string, query: CollectionQuery): Promise<Page<CatalogResource>> {
  return runCollectionQuery(livingIn(db, catalogId), resourceQueryableProperties, query, 'resources.id', resourceFromRow);
}

export async function findCatalogResource(db: Executor, catalogId: string, resourceId: string): Promise<CatalogResource | undefined> {
  const row = await livingIn(db, catalogId).where('resources.id', '=', resourceId).executeTakeFirst();
  return row ? resourceFromRow(row) : undefined;
}

export async function findCatalogResourceByOrigin(db: Executor, catalogId: string, originSystem: string, originId: string): Promise<CatalogResource | undefined> {
  const row = await livingIn(db, catalogId).where('resources.origin_system', '=', originSystem).where('resources.origin_id', '=', originId).executeTakeFirst();
  return row ? resourceFromRow(row) : undefined;
}

/** Resources by id whatever their state, so that history (a removed resource's roles) still renders. */
export async function findResourcesByIds(db: Executor, ids: readonly string[]): Promise<CatalogResource[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('resources').selectAll().where('id', 'in', [...new Set(ids)]).execute();
  return rows.map(resourceFromRow);
}

/** Records a resource as its connector described it, with its roles and scopes. */
export async function insertResource(db: Executor, catalogId: string, environmentId: string, originSystem: string, described: DiscoveredResource, now: string): Promise<CatalogResource> {
  const resource: CatalogResource = {
    id: randomUUID(),
    catalogId,
    environmentId,
    displayName: described.displayName,
    description: described.description,
    originId: described.originId,
    originSystem,
    resourceType: described.resourceType,
    createdDateTime: now,
    modifiedDateTime: now,
    removedDateTime: null,
  };
  await db
    .insertInto('resources')
    .values({
      id: resource.id,
      catalog_id: catalogId,
      environment_id: environmentId,
      origin_id: resource.originId,
      origin_system: originSystem,
      display_name: resource.displayName,
      description: resource.description,
      resource_type: resource.resourceType,
      created_date_time: now,
      modified_date_time: now,
      removed_date_time: null,
    })
    .execute();
  await insertRolesAndScopes(db, resource.id, originSystem, described);
  return resource;
}

export async function markResourceRemoved(db: Executor, resourceId: string, now: string): Promise<void> {
  await db.updateTable('resources').set({ removed_date_time: now, modified_date_time: now }).where('id', '=', resourceId).where('removed_date_time', 'is', null).execute();
}

export async function removeAllResourcesOf(db: Executor, catalogId: string, now: string): Promise<void> {
  await db.updateTable('resources').set({ removed_date_time: now, modified_date_time: now }).where('catalog_id', '=', catalogId).where('removed_date_time', 'is', null).execute();
}

/**
 * Takes the resource's row lock for the rest of the transaction. Removing a resource and adding
 * one of its roles to a package both take it first, so neither can miss the other's commit (a
 * package left holding a role of a resource that has left the catalog).
 */
export async function lockResource(db: Executor, resourceId: string): Promise<void> {
  await db.updateTable('resources').set((eb) => ({ modified_date_time: eb.ref('modified_date_time') })).where('id', '=', resourceId).execute();
}

/** The same lock on every catalog's resource for one object of a connected system (a group in each catalog that holds it). */
export async function lockResourcesOfOrigin(db: Executor, originSystem: string, originId: string): Promise<void> {
  await db.updateTable('resources').set((eb) => ({ modified_date_time: eb.ref('modified_date_time') })).where('origin_system', '=', originSystem).where('origin_id', '=', originId).execute();
}
