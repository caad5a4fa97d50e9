import { sql, type SqlBool } from 'kysely';
import { runCollectionQuery, type Page, type QueryableProperties } from '../../db/collection-query.js';
import type { CatalogsTable, Executor } from '../../db/database.js';
import { catalogStates, catalogTypes, type Catalog } from '../../domain/catalog.js';
import type { CollectionQuery } from '../../http/odata/query-options.js';

function fromRow(row: CatalogsTable): Catalog {
  return {
    id: row.id,
    displayName: row.display_name,
    description: row.description,
    catalogType: row.catalog_type as Catalog['catalogType'],
    state: row.state as Catalog['state'],
    isExternallyVisible: row.is_externally_visible === 1,
    createdDateTime: row.created_date_time,
    modifiedDateTime: row.modified_date_time,
    deletedDateTime: row.deleted_date_time,
  };
}

function toRow(catalog: Catalog): CatalogsTable {
  return {
    id: catalog.id,
    display_name: catalog.displayName,
    description: catalog.description,
    catalog_type: catalog.catalogType,
    state: catalog.state,
    is_externally_visible: catalog.isExternallyVisible ? 1 : 0,
    created_date_time: catalog.createdDateTime,
    modified_date_time: catalog.modifiedDateTime,
    deleted_date_time: catalog.deletedDateTime,
  };
}

export const catalogQueryableProperties: QueryableProperties = {
  id: { column: 'catalogs.id', kind: 'caseSensitiveText' },
  displayName: { column: 'catalogs.display_name', kind: 'text', sortable: true },
  description: { column: 'catalogs.description', kind: 'text' },
  catalogType: { column: 'catalogs.catalog_type', kind: 'enum', values: catalogTypes },
  state: { column: 'catalogs.state', kind: 'enum', values: catalogStates },
  isExternallyVisible: { column: 'catalogs.is_externally_visible', kind: 'boolean' },
  createdDateTime: { column: 'catalogs.created_date_time', kind: 'dateTime', sortable: true },
  modifiedDateTime: { column: 'catalogs.modified_date_time', kind: 'dateTime', sortable: true },
};

const living = (db: Executor) => db.selectFrom('catalogs').selectAll('catalogs').where('catalogs.deleted_date_time', 'is', null);

/** Living catalogs, limited to `visible` when the caller may not see them all. */
export function listCatalogs(db: Executor, query: CollectionQuery, visible: 'all' | readonly string[]): Promise<Page<Catalog>> {
  let base = living(db);
  if (visible !== 'all') base = visible.length ? base.where('catalogs.id', 'in', [...visible]) : base.where(sql<SqlBool>`1 = 0`);
  return runCollectionQuery(base, catalogQueryableProperties, query, 'catalogs.id', fromRow);
}

export async function findCatalog(db: Executor, id: string): Promise<Catalog | undefined> {
  const row = await living(db).where('catalogs.id', '=', id).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

export async function findCatalogsByIds(db: Executor, ids: readonly string[]): Promise<Catalog[]> {
  if (ids.length === 0) return [];
  const rows = await living(db).where('catalogs.id', 'in', [...new Set(ids)]).execute();
  return rows.map(fromRow);
}

/** Whether a living catalog other than `exceptId` already has this name, compared case-insensitively. */
export async function catalogNameTaken(db: Executor, displayName: string, exceptId?: string): Promise<boolean> {
  let query = living(db).where(sql`lower(catalogs.display_name)`, '=', sql`lower(${displayName})`);
  if (exceptId) query = query.where('catalogs.id', '<>', exceptId);
  return (await query.select('catalogs.id').executeTakeFirst()) !== undefined;
}

export async function insertCatalog(db: Executor, catalog: Catalog): Promise<void> {
  await db.insertInto('catalogs').values(toRow(catalog)).execute();
}

/**
 * Writes an update of a living catalog; returns 0 when it is no longer living. deleted_date_time
 * is never written here, so an update cannot bring a deleted catalog back.
 */
export async function replaceCatalog(db: Executor, catalog: Catalog): Promise<number> {
  const { id, created_date_time: _created, deleted_date_time: _deleted, ...changes } = toRow(catalog);
  const result = await db.updateTable('catalogs').set(changes).where('id', '=', id).where('deleted_date_time', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function markCatalogDeleted(db: Executor, id: string, now: string): Promise<void> {
  await db.updateTable('catalogs').set({ deleted_date_time: now, modified_date_time: now }).where('id', '=', id).execute();
}

/**
 * Takes the catalog's row lock for the rest of the transaction, before the catalog is read.
 * Deleting or updating the catalog, and putting anything into it (a package, a resource, a role
 * assignment), take it first: nothing living can appear in a catalog being deleted, an update
 * cannot act on a catalog read before a concurrent deletion, and two packages cannot both claim
 * the same name in one catalog. When a package lock is needed too, the catalog's comes first.
 */
export async function lockCatalog(db: Executor, catalogId: string): Promise<void> {
  await db.updateTable('catalogs').set((eb) => ({ modified_date_time: eb.ref('modified_date_time') })).where('id', '=', catalogId).execute();
}
