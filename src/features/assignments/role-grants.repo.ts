import { bulkInsert } from '../../db/bulk-insert.js';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { AssignmentRoleGrantsTable, Database, Executor } from '../../db/database.js';
import { preparedQuery, type Slots } from '../../db/prepared-query.js';
import { holdingKey, sameHolding, type RoleGrant, type RoleGrantState } from '../../domain/assignment.js';
import { newTimeOrderedId } from '../time-ordered-ids.js';

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
    holder: row.holder,
  };
}

/**
 * The account each grant reached, as its connector said. Written as soon as the target answers,
 * apart from the grant's state: whatever becomes of the delivery, that account holds the role.
 */
export async function recordHolders(db: Kysely<Database>, holders: ReadonlyMap<string, string>): Promise<void> {
  if (holders.size === 0) return;
  // One commit for the batch, not one per grant.
  await db.transaction().execute(async (trx) => {
    for (const [id, holder] of holders) await trx.updateTable('assignment_role_grants').set({ holder }).where('id', '=', id).execute();
  });
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

/**
 * One pending grant per role of each new assignment, in one bulk insert. Ids are time-ordered, as
 * the assignments' are: the grants of a burst sit together in the primary key, where their
 * expiry, a burst of its own later, finds them.
 */
export async function insertPendingGrants(db: Executor, items: readonly { assignmentId: string; targetId: string; roles: readonly DeliverableRole[] }[], now: Date): Promise<RoleGrant[]> {
  const rows: AssignmentRoleGrantsTable[] = items.flatMap(({ assignmentId, targetId, roles }) => roles.map((role) => ({
    id: newTimeOrderedId(now),
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
    holder: null,
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

// Run by every delivery and expiry, for thousands of grants at once: prepared (db/prepared-query.ts),
// the ids one list parameter however many there are.
type StateSlots = Slots<{ state: RoleGrantState; error: string | null; time: string; ids: readonly string[] }>;
const setState = {
  granted: preparedQuery((db, slots: StateSlots) =>
    db.updateTable('assignment_role_grants').set({ state: slots.value('state'), last_error: slots.value('error'), granted_date_time: slots.value('time') }).where(slots.inList('id', 'ids')),
  ),
  revoked: preparedQuery((db, slots: StateSlots) =>
    db.updateTable('assignment_role_grants').set({ state: slots.value('state'), last_error: slots.value('error'), revoked_date_time: slots.value('time') }).where(slots.inList('id', 'ids')),
  ),
  other: preparedQuery((db, slots: StateSlots) => db.updateTable('assignment_role_grants').set({ state: slots.value('state'), last_error: slots.value('error') }).where(slots.inList('id', 'ids'))),
};

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
    const statement = state === 'granted' ? setState.granted : state === 'revoked' ? setState.revoked : setState.other;
    await statement(db, { state, error, time, ids });
  }
}

/**
 * A regrant's outcome, written only where the grant still stands: pending, granted, or recorded as
 * failed by a delivery that gave up meanwhile (the role is now in place). One marked for revocation
 * meanwhile keeps that mark. Returns the ids written.
 */
const standing: readonly RoleGrantState[] = ['pendingGrant', 'granted', 'grantFailed'];
export async function markRegranted(db: Executor, ids: readonly string[], now: Date): Promise<Set<string>> {
  const written = new Set<string>();
  for (let start = 0; start < ids.length; start += 500) {
    const rows = await db
      .updateTable('assignment_role_grants')
      .set({ state: 'granted', last_error: null, granted_date_time: now.toISOString() })
      .where('id', 'in', ids.slice(start, start + 500))
      .where('state', 'in', [...standing])
      .returning('id')
      .execute();
    for (const row of rows) written.add(row.id);
  }
  return written;
}

/**
 * A regrant given up: a grant that was pending (its role taken away by a revocation, or never
 * delivered) is recorded as failed. One that was granted stays granted, with the error noted: a
 * reprocess is a repair attempt, and its failure does not mean the role it once delivered is gone.
 */
export async function markRegrantFailed(db: Executor, failures: readonly { id: string; error: string }[]): Promise<void> {
  for (const { id, error } of failures) {
    await db.updateTable('assignment_role_grants').set({ state: 'grantFailed', last_error: error }).where('id', '=', id).where('state', '=', 'pendingGrant').execute();
    await db.updateTable('assignment_role_grants').set({ last_error: error }).where('id', '=', id).where('state', '=', 'granted').execute();
  }
}

const revocableStates: readonly RoleGrantState[] = ['pendingGrant', 'granted', 'grantFailed', 'revokeFailed'];
const markRevocable = preparedQuery((db, slots: Slots<{ assignmentIds: readonly string[] }>) =>
  db
    .updateTable('assignment_role_grants')
    .set({ state: sql.lit('pendingRevoke'), last_error: null })
    .where(slots.inList('assignment_id', 'assignmentIds'))
    .where('state', 'in', revocableStates.map((state) => sql.lit(state)))
    .returningAll(),
);

/** Marks what ending assignments held as to be taken away, and returns those grants, in one statement. */
export async function markForRevocation(db: Executor, assignmentIds: readonly string[]): Promise<RoleGrant[]> {
  if (assignmentIds.length === 0) return [];
  const rows = await markRevocable(db, { assignmentIds: [...new Set(assignmentIds)] });
  return rows.map(fromRow).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Other grants (granted, or on their way) that give the same access as these: a role held through
 * two assignments stays until the last one goes.
 */
export async function grantsGivingTheSame(db: Executor, grants: readonly RoleGrant[]): Promise<RoleGrant[]> {
  if (grants.length === 0) return [];
  const targets = [...new Set(grants.map((grant) => grant.targetId))];
  const leaving = new Set(grants.map((grant) => grant.id));
  const wanted = new Map<string, RoleGrant[]>();
  for (const grant of grants) wanted.set(holdingKey(grant), [...(wanted.get(holdingKey(grant)) ?? []), grant]);
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
      if (!leaving.has(grant.id) && wanted.get(holdingKey(grant))?.some((given) => sameHolding(given, grant))) found.push(grant);
    }
  }
  return found;
}

/**
 * The grants among these whose holding another assignment still gives (ids): granted, or pending and granted by
 * the caller's own batch a moment ago (grantedNow). A grant merely pending does not count: it may
 * yet fail (its connector down, its retries running out), and a revocation skipped on its account
 * would leave the role with no assignment holding it. Revoking under a pending grant that then
 * succeeds costs at most a moment without the role: the pending grant puts it back, or
 * regrantWhereStillGiven does if it ran first.
 */
export async function grantsStillGiven(db: Executor, grants: readonly RoleGrant[], grantedNow: ReadonlySet<string>): Promise<Set<string>> {
  const givers = (await grantsGivingTheSame(db, grants)).filter((grant) => grant.state === 'granted' || grantedNow.has(grant.id));
  return new Set(grants.filter((grant) => givers.some((other) => sameHolding(grant, other))).map((grant) => grant.id));
}
