import { randomUUID } from 'node:crypto';
import { bulkInsert } from '../../db/bulk-insert.js';
import type { AssignmentRoleGrantsTable, Executor } from '../../db/database.js';
import { holdingKey, type RoleGrant, type RoleGrantState } from '../../domain/assignment.js';

/** What each assignment delivers, one row per resource role: what Tessera believes the target holds. */
function fromRow(row: AssignmentRoleGrantsTable): RoleGrant {
  return {
    id: row.id,
    assignmentId: row.assignment_id,
    targetId: row.target_id,
    roleScopeId: row.role_scope_id,
    resourceId: row.resource_id,
    environmentId: row.environment_id,
    resourceOriginId: row.resource_origin_id,
    roleOriginId: row.role_origin_id,
    scopeOriginId: row.scope_origin_id,
    state: row.state as RoleGrantState,
    lastError: row.last_error,
    grantedDateTime: row.granted_date_time,
    revokedDateTime: row.revoked_date_time,
  };
}

/** The roles a package hands out now, with where each lives, ready to become grants. */
export async function deliverableRolesOf(db: Executor, accessPackageIds: readonly string[]) {
  if (accessPackageIds.length === 0) return [];
  return db
    .selectFrom('access_package_resource_role_scopes as rs')
    .innerJoin('resource_roles as role', 'role.id', 'rs.role_id')
    .innerJoin('resource_scopes as scope', 'scope.id', 'rs.scope_id')
    .innerJoin('resources as resource', 'resource.id', 'role.resource_id')
    .select(['rs.id as roleScopeId', 'rs.access_package_id as accessPackageId', 'resource.id as resourceId', 'resource.environment_id as environmentId', 'resource.origin_id as resourceOriginId', 'role.origin_id as roleOriginId', 'scope.origin_id as scopeOriginId'])
    .where('rs.access_package_id', 'in', [...new Set(accessPackageIds)])
    .where('rs.removed_date_time', 'is', null)
    .orderBy('rs.id')
    .execute();
}

export type DeliverableRole = Awaited<ReturnType<typeof deliverableRolesOf>>[number];

/** One pending grant per role of each new assignment, in one bulk insert. */
export async function insertPendingGrants(db: Executor, items: readonly { assignmentId: string; targetId: string; roles: readonly DeliverableRole[] }[]): Promise<RoleGrant[]> {
  const rows: AssignmentRoleGrantsTable[] = items.flatMap(({ assignmentId, targetId, roles }) => roles.map((role) => ({
    id: randomUUID(),
    assignment_id: assignmentId,
    target_id: targetId,
    role_scope_id: role.roleScopeId,
    resource_id: role.resourceId,
    environment_id: role.environmentId,
    resource_origin_id: role.resourceOriginId,
    role_origin_id: role.roleOriginId,
    scope_origin_id: role.scopeOriginId,
    state: 'pendingGrant',
    last_error: null,
    granted_date_time: null,
    revoked_date_time: null,
  })));
  await bulkInsert(db, 'assignment_role_grants', rows);
  return rows.map(fromRow);
}

export async function grantsOfAssignments(db: Executor, assignmentIds: readonly string[], states?: readonly RoleGrantState[]): Promise<RoleGrant[]> {
  if (assignmentIds.length === 0) return [];
  let query = db.selectFrom('assignment_role_grants').selectAll().where('assignment_id', 'in', [...new Set(assignmentIds)]);
  if (states) query = query.where('state', 'in', [...states]);
  return (await query.orderBy('id').execute()).map(fromRow);
}

export async function findGrantsByIds(db: Executor, ids: readonly string[]): Promise<RoleGrant[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('assignment_role_grants').selectAll().where('id', 'in', [...new Set(ids)]).execute()).map(fromRow);
}

export async function setGrantStates(db: Executor, updates: readonly { id: string; state: RoleGrantState; error?: string | null }[], now: Date): Promise<void> {
  const time = now.toISOString();
  // Grouped so that a delivery of thousands of grants is a handful of statements.
  const groups = new Map<string, { state: RoleGrantState; error: string | null; ids: string[] }>();
  for (const update of updates) {
    const key = `${update.state}\u0000${update.error ?? ''}`;
    const group = groups.get(key) ?? { state: update.state, error: update.error ?? null, ids: [] };
    group.ids.push(update.id);
    groups.set(key, group);
  }
  for (const { state, error, ids } of groups.values()) {
    for (let start = 0; start < ids.length; start += 500) {
      await db
        .updateTable('assignment_role_grants')
        .set({
          state,
          last_error: error,
          ...(state === 'granted' ? { granted_date_time: time } : {}),
          ...(state === 'revoked' ? { revoked_date_time: time } : {}),
        })
        .where('id', 'in', ids.slice(start, start + 500))
        .execute();
    }
  }
}

/** Marks what ending assignments held as to be taken away, and returns those grants. */
export async function markForRevocation(db: Executor, assignmentIds: readonly string[], now: Date): Promise<RoleGrant[]> {
  if (assignmentIds.length === 0) return [];
  const grants = await grantsOfAssignments(db, assignmentIds, ['pendingGrant', 'granted', 'grantFailed', 'revokeFailed']);
  await setGrantStates(db, grants.map((grant) => ({ id: grant.id, state: 'pendingRevoke' as const })), now);
  return grants.map((grant) => ({ ...grant, state: 'pendingRevoke' as const }));
}

/**
 * Other grants (granted, or on their way) that give the same access as these: a role held through
 * two assignments stays until the last one goes.
 */
export async function grantsGivingTheSame(db: Executor, grants: readonly RoleGrant[]): Promise<RoleGrant[]> {
  if (grants.length === 0) return [];
  const targets = [...new Set(grants.map((grant) => grant.targetId))];
  const leaving = new Set(grants.map((grant) => grant.id));
  const wanted = new Set(grants.map(holdingKey));
  const found: RoleGrant[] = [];
  for (let start = 0; start < targets.length; start += 500) {
    const rows = await db
      .selectFrom('assignment_role_grants')
      .selectAll()
      .where('target_id', 'in', targets.slice(start, start + 500))
      .where('state', 'in', ['pendingGrant', 'granted'])
      .execute();
    for (const row of rows) {
      const grant = fromRow(row);
      if (!leaving.has(grant.id) && wanted.has(holdingKey(grant))) found.push(grant);
    }
  }
  return found;
}

export async function holdingsStillGiven(db: Executor, grants: readonly RoleGrant[]): Promise<Set<string>> {
  return new Set((await grantsGivingTheSame(db, grants)).map(holdingKey));
}
