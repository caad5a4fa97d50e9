import { randomUUID } from 'node:crypto';
import { runCollectionQuery, type Page, type QueryableProperties } from '../../db/collection-query.js';
import type { AccessPackageResourceRoleScopesTable, Executor } from '../../db/database.js';
import type { ResourceRoleScope } from '../../domain/access-package.js';
import type { CollectionQuery } from '../../http/odata/query-options.js';

/** What each access package hands out. Removing a role scope closes its row (time, who), never deletes it. */
function fromRow(row: AccessPackageResourceRoleScopesTable): ResourceRoleScope {
  return { id: row.id, accessPackageId: row.access_package_id, roleId: row.role_id, scopeId: row.scope_id, createdDateTime: row.created_date_time };
}

export const roleScopeQueryableProperties: QueryableProperties = {
  id: { column: 'id', kind: 'caseSensitiveText' },
  createdDateTime: { column: 'created_date_time', kind: 'dateTime', sortable: true },
  'role/id': { column: 'role_id', kind: 'caseSensitiveText' },
  'scope/id': { column: 'scope_id', kind: 'caseSensitiveText' },
};

const living = (db: Executor) => db.selectFrom('access_package_resource_role_scopes').selectAll().where('removed_date_time', 'is', null);

export function listRoleScopes(db: Executor, accessPackageId: string, query: CollectionQuery): Promise<Page<ResourceRoleScope>> {
  return runCollectionQuery(living(db).where('access_package_id', '=', accessPackageId), roleScopeQueryableProperties, query, 'id', fromRow);
}

export async function roleScopesOfPackages(db: Executor, accessPackageIds: readonly string[]): Promise<ResourceRoleScope[]> {
  if (accessPackageIds.length === 0) return [];
  const rows = await living(db).where('access_package_id', 'in', [...new Set(accessPackageIds)]).orderBy('created_date_time').orderBy('id').execute();
  return rows.map(fromRow);
}

export async function findRoleScope(db: Executor, accessPackageId: string, id: string): Promise<ResourceRoleScope | undefined> {
  const row = await living(db).where('access_package_id', '=', accessPackageId).where('id', '=', id).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

export async function findEquivalentRoleScope(db: Executor, accessPackageId: string, roleId: string, scopeId: string): Promise<ResourceRoleScope | undefined> {
  const row = await living(db).where('access_package_id', '=', accessPackageId).where('role_id', '=', roleId).where('scope_id', '=', scopeId).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

export async function insertRoleScope(db: Executor, accessPackageId: string, roleId: string, scopeId: string, createdBy: string, now: string): Promise<ResourceRoleScope> {
  const row: AccessPackageResourceRoleScopesTable = {
    id: randomUUID(),
    access_package_id: accessPackageId,
    role_id: roleId,
    scope_id: scopeId,
    created_date_time: now,
    created_by: createdBy,
    removed_date_time: null,
    removed_by: null,
  };
  await db.insertInto('access_package_resource_role_scopes').values(row).execute();
  return fromRow(row);
}

/** Returns how many rows it closed: 0 when a concurrent removal closed it first. */
export async function closeRoleScope(db: Executor, id: string, removedBy: string, now: string): Promise<number> {
  const result = await db.updateTable('access_package_resource_role_scopes').set({ removed_date_time: now, removed_by: removedBy }).where('id', '=', id).where('removed_date_time', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function closeAllRoleScopesOf(db: Executor, accessPackageId: string, removedBy: string, now: string): Promise<void> {
  await db
    .updateTable('access_package_resource_role_scopes')
    .set({ removed_date_time: now, removed_by: removedBy })
    .where('access_package_id', '=', accessPackageId)
    .where('removed_date_time', 'is', null)
    .execute();
}

/** Living packages that hand out a role of the resource: what keeps it from leaving its catalog. */
export async function packagesUsingResource(db: Executor, resourceId: string): Promise<{ id: string; displayName: string }[]> {
  const rows = await db
    .selectFrom('access_package_resource_role_scopes as rs')
    .innerJoin('resource_roles as role', 'role.id', 'rs.role_id')
    .innerJoin('access_packages as ap', 'ap.id', 'rs.access_package_id')
    .select(['ap.id', 'ap.display_name'])
    .distinct()
    .where('role.resource_id', '=', resourceId)
    .where('rs.removed_date_time', 'is', null)
    .where('ap.deleted_date_time', 'is', null)
    .orderBy('ap.display_name')
    .execute();
  return rows.map((row) => ({ id: row.id, displayName: row.display_name }));
}

/** The access packages (living) that hand out this role of a connected system's resource, by name. */
export async function packagesGivingRole(db: Executor, originSystem: string, resourceOriginId: string, roleOriginId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('access_package_resource_role_scopes as rs')
    .innerJoin('resource_roles as role', 'role.id', 'rs.role_id')
    .innerJoin('resources as resource', 'resource.id', 'role.resource_id')
    .innerJoin('access_packages as package', 'package.id', 'rs.access_package_id')
    .select('package.display_name')
    .distinct()
    .where('rs.removed_date_time', 'is', null)
    .where('package.deleted_date_time', 'is', null)
    .where('resource.origin_system', '=', originSystem)
    .where('resource.origin_id', '=', resourceOriginId)
    .where('role.origin_id', '=', roleOriginId)
    .orderBy('package.display_name')
    .execute();
  return rows.map((row) => row.display_name);
}
