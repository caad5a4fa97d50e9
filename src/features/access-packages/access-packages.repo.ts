import { sql, type SqlBool } from 'kysely';
import { rowCount } from '../../db/dialect.js';
import { runCollectionQuery, type Page, type QueryableProperties } from '../../db/collection-query.js';
import type { AccessPackagesTable, Executor } from '../../db/database.js';
import { preparedQuery, type Slots } from '../../db/prepared-query.js';
import type { AccessPackage } from '../../domain/access-package.js';
import type { CollectionQuery } from '../../http/odata/query-options.js';

function fromRow(row: AccessPackagesTable): AccessPackage {
  return {
    id: row.id,
    catalogId: row.catalog_id,
    displayName: row.display_name,
    description: row.description,
    isHidden: row.is_hidden === 1,
    createdDateTime: row.created_date_time,
    modifiedDateTime: row.modified_date_time,
    deletedDateTime: row.deleted_date_time,
  };
}

function toRow(accessPackage: AccessPackage): AccessPackagesTable {
  return {
    id: accessPackage.id,
    catalog_id: accessPackage.catalogId,
    display_name: accessPackage.displayName,
    description: accessPackage.description,
    is_hidden: accessPackage.isHidden ? 1 : 0,
    created_date_time: accessPackage.createdDateTime,
    modified_date_time: accessPackage.modifiedDateTime,
    deleted_date_time: accessPackage.deletedDateTime,
  };
}

export const accessPackageQueryableProperties: QueryableProperties = {
  id: { column: 'access_packages.id', kind: 'caseSensitiveText' },
  displayName: { column: 'access_packages.display_name', kind: 'text', sortable: true },
  description: { column: 'access_packages.description', kind: 'text' },
  isHidden: { column: 'access_packages.is_hidden', kind: 'boolean' },
  'catalog/id': { column: 'access_packages.catalog_id', kind: 'caseSensitiveText' },
  createdDateTime: { column: 'access_packages.created_date_time', kind: 'dateTime', sortable: true },
  modifiedDateTime: { column: 'access_packages.modified_date_time', kind: 'dateTime', sortable: true },
};

const living = (db: Executor) => db.selectFrom('access_packages').selectAll('access_packages').where('access_packages.deleted_date_time', 'is', null);

/** Living packages in the catalogs the caller may read (`visible`), optionally of one catalog. */
export function listAccessPackages(db: Executor, query: CollectionQuery, visible: 'all' | readonly string[], catalogId?: string): Promise<Page<AccessPackage>> {
  let base = living(db);
  if (visible !== 'all') base = visible.length ? base.where('access_packages.catalog_id', 'in', [...visible]) : base.where(sql<SqlBool>`1 = 0`);
  if (catalogId) base = base.where('access_packages.catalog_id', '=', catalogId);
  return runCollectionQuery(base, accessPackageQueryableProperties, query, 'access_packages.id', fromRow);
}

/** Living packages among `ids` (those a user may request, say), with the same OData options as the list. */
export function listAccessPackagesAmong(db: Executor, query: CollectionQuery, ids: readonly string[]): Promise<Page<AccessPackage>> {
  const base = ids.length ? living(db).where('access_packages.id', 'in', [...ids]) : living(db).where(sql<SqlBool>`1 = 0`);
  return runCollectionQuery(base, accessPackageQueryableProperties, query, 'access_packages.id', fromRow);
}

export async function findAccessPackage(db: Executor, id: string): Promise<AccessPackage | undefined> {
  const row = await living(db).where('access_packages.id', '=', id).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

/** A living package and whether its catalog is published, in one query (every request asks). */
// Run by every access request: prepared (db/prepared-query.ts).
const requestablePackage = preparedQuery((db, slots: Slots<{ id: string }>) =>
  living(db)
    .innerJoin('catalogs', 'catalogs.id', 'access_packages.catalog_id')
    .select(['catalogs.state as catalog_state', 'catalogs.deleted_date_time as catalog_deleted', 'catalogs.is_externally_visible as catalog_external'])
    .where('access_packages.id', '=', slots.value('id'))
    .limit(rowCount(1)),
);

export async function findRequestablePackage(db: Executor, id: string): Promise<{ accessPackage: AccessPackage; catalogPublished: boolean; catalogExternallyVisible: boolean } | undefined> {
  const [row] = await requestablePackage(db, { id });
  return row ? { accessPackage: fromRow(row), catalogPublished: row.catalog_state === 'published' && row.catalog_deleted === null, catalogExternallyVisible: row.catalog_external === 1 } : undefined;
}

export async function findAccessPackagesByIds(db: Executor, ids: readonly string[]): Promise<AccessPackage[]> {
  if (ids.length === 0) return [];
  const rows = await living(db).where('access_packages.id', 'in', [...new Set(ids)]).orderBy('access_packages.display_name').execute();
  return rows.map(fromRow);
}

/** Whether another living package of the catalog has this name, compared case-insensitively. */
export async function packageNameTaken(db: Executor, catalogId: string, displayName: string, exceptId?: string): Promise<boolean> {
  let query = living(db).where('access_packages.catalog_id', '=', catalogId).where(sql`lower(access_packages.display_name)`, '=', sql`lower(${displayName})`);
  if (exceptId) query = query.where('access_packages.id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function livingAccessPackagesIn(db: Executor, catalogId: string): Promise<{ id: string; displayName: string }[]> {
  const rows = await db
    .selectFrom('access_packages')
    .select(['id', 'display_name'])
    .where('catalog_id', '=', catalogId)
    .where('deleted_date_time', 'is', null)
    .orderBy('display_name')
    .execute();
  return rows.map((row) => ({ id: row.id, displayName: row.display_name }));
}

export async function insertAccessPackage(db: Executor, accessPackage: AccessPackage): Promise<void> {
  await db.insertInto('access_packages').values(toRow(accessPackage)).execute();
}

/**
 * Writes an update of a living package; returns 0 when it is no longer living. deleted_date_time
 * is never written here, so an update cannot bring a deleted package back.
 */
export async function replaceAccessPackage(db: Executor, accessPackage: AccessPackage): Promise<number> {
  const { id, created_date_time: _created, catalog_id: _catalog, deleted_date_time: _deleted, ...changes } = toRow(accessPackage);
  const result = await db.updateTable('access_packages').set(changes).where('id', '=', id).where('deleted_date_time', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function markAccessPackageDeleted(db: Executor, id: string, now: string): Promise<void> {
  await db.updateTable('access_packages').set({ deleted_date_time: now, modified_date_time: now }).where('id', '=', id).where('deleted_date_time', 'is', null).execute();
}

/**
 * Takes the package's row lock for the rest of the transaction, before the package is read.
 * Deleting or updating the package, and adding to it (role scopes, incompatibilities), take it
 * first, so nothing living is added to a package being deleted and no update acts on a stale
 * read. Locks are taken catalog first, then packages in id order, so two writers never deadlock.
 */
export async function lockAccessPackage(db: Executor, accessPackageId: string): Promise<void> {
  await db.updateTable('access_packages').set((eb) => ({ modified_date_time: eb.ref('modified_date_time') })).where('id', '=', accessPackageId).execute();
}
