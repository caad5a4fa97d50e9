import type { Executor, ResourceEnvironmentsTable } from '../../db/database.js';
import type { ResourceEnvironment } from '../../domain/catalog-resource.js';

/** Connected systems (Graph: accessPackageResourceEnvironment). */
function fromRow(row: ResourceEnvironmentsTable): ResourceEnvironment {
  return {
    id: row.id,
    displayName: row.display_name,
    description: row.description,
    originId: row.origin_id,
    originSystem: row.origin_system,
    isDefaultEnvironment: row.is_default_environment === 1,
    createdDateTime: row.created_date_time,
    modifiedDateTime: row.modified_date_time,
  };
}

/**
 * The environment where resources of an origin system live unless told otherwise. This is what
 * lets a new connector (LDAP, SCIM…) plug in with an environment row, without catalog code
 * knowing its name.
 */
export async function defaultEnvironmentFor(db: Executor, originSystem: string): Promise<ResourceEnvironment | undefined> {
  const row = await db
    .selectFrom('resource_environments')
    .selectAll()
    .where('origin_system', '=', originSystem)
    .where('is_default_environment', '=', 1)
    .orderBy('created_date_time')
    .executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

export async function findEnvironmentsByIds(db: Executor, ids: readonly string[]): Promise<ResourceEnvironment[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('resource_environments').selectAll().where('id', 'in', [...new Set(ids)]).execute();
  return rows.map(fromRow);
}

/** An environment of this originSystem named by its id or its originId (a connected system's id). */
export async function findEnvironment(db: Executor, originSystem: string, named: { id?: string | undefined; originId?: string | undefined }): Promise<ResourceEnvironment | undefined> {
  let query = db.selectFrom('resource_environments').selectAll().where('origin_system', '=', originSystem);
  if (named.id) query = query.where('id', '=', named.id);
  if (named.originId) query = query.where('origin_id', '=', named.originId);
  const row = await query.executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

