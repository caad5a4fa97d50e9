import { sql, type SqlBool } from 'kysely';
import { rowCount } from '../../db/dialect.js';
import { runCollectionQuery, type Page, type QueryableProperties } from '../../db/collection-query.js';
import type { AssignmentsTable, Executor } from '../../db/database.js';
import { preparedQuery, type Slots } from '../../db/prepared-query.js';
import type { Assignment, AssignmentState } from '../../domain/assignment.js';
import type { CollectionQuery } from '../../http/odata/query-options.js';

function fromRow(row: AssignmentsTable): Assignment {
  return {
    id: row.id,
    accessPackageId: row.access_package_id,
    catalogId: row.catalog_id,
    policyId: row.policy_id,
    targetId: row.target_id,
    state: row.state as AssignmentState,
    status: row.status,
    startDateTime: row.start_date_time,
    endDateTime: row.end_date_time,
    expiration: JSON.parse(row.expiration),
    isActive: row.is_active === 1,
    createdDateTime: row.created_date_time,
    modifiedDateTime: row.modified_date_time,
    expiredDateTime: row.expired_date_time,
    endedReason: row.ended_reason,
  };
}

function toRow(assignment: Assignment): AssignmentsTable {
  return {
    id: assignment.id,
    access_package_id: assignment.accessPackageId,
    catalog_id: assignment.catalogId,
    policy_id: assignment.policyId,
    target_id: assignment.targetId,
    state: assignment.state,
    status: assignment.status,
    start_date_time: assignment.startDateTime,
    end_date_time: assignment.endDateTime,
    expiration: JSON.stringify(assignment.expiration),
    is_active: assignment.isActive ? 1 : 0,
    created_date_time: assignment.createdDateTime,
    modified_date_time: assignment.modifiedDateTime,
    expired_date_time: assignment.expiredDateTime,
    ended_reason: assignment.endedReason,
  };
}

export const assignmentQueryableProperties: QueryableProperties = {
  id: { column: 'assignments.id', kind: 'caseSensitiveText' },
  state: { column: 'assignments.state', kind: 'enum', values: ['delivering', 'partiallyDelivered', 'delivered', 'expired', 'deliveryFailed'] },
  status: { column: 'assignments.status', kind: 'text' },
  expiredDateTime: { column: 'assignments.expired_date_time', kind: 'dateTime', sortable: true },
  'accessPackage/id': { column: 'assignments.access_package_id', kind: 'caseSensitiveText' },
  'assignmentPolicy/id': { column: 'assignments.policy_id', kind: 'caseSensitiveText' },
  'target/objectId': { column: 'assignments.target_id', kind: 'caseSensitiveText' },
  'schedule/startDateTime': { column: 'assignments.start_date_time', kind: 'dateTime', sortable: true },
  'schedule/expiration/endDateTime': { column: 'assignments.end_date_time', kind: 'dateTime', sortable: true },
};

export async function insertAssignments(db: Executor, assignments: readonly Assignment[]): Promise<void> {
  if (assignments.length) await db.insertInto('assignments').values(assignments.map(toRow)).execute();
}

export async function findAssignment(db: Executor, id: string): Promise<Assignment | undefined> {
  const row = await db.selectFrom('assignments').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

export async function findAssignmentsByIds(db: Executor, ids: readonly string[]): Promise<Assignment[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('assignments').selectAll().where('id', 'in', [...new Set(ids)]).execute();
  return rows.map(fromRow);
}

// Run by every access request: prepared (db/prepared-query.ts).
const activeAssignment = preparedQuery((db, slots: Slots<{ targetId: string; accessPackageId: string }>) =>
  db.selectFrom('assignments').selectAll().where('target_id', '=', slots.value('targetId')).where('access_package_id', '=', slots.value('accessPackageId')).where('is_active', '=', sql.lit(1)).limit(rowCount(1)),
);

export async function activeAssignmentFor(db: Executor, targetId: string, accessPackageId: string): Promise<Assignment | undefined> {
  const [row] = await activeAssignment(db, { targetId, accessPackageId });
  return row ? fromRow(row) : undefined;
}

/** Which (target, package) pairs among these targets hold an active assignment: `${targetId} ${packageId}`. */
export async function activePairsOf(db: Executor, targetIds: readonly string[]): Promise<Set<string>> {
  const pairs = new Set<string>();
  const unique = [...new Set(targetIds)];
  for (let start = 0; start < unique.length; start += 500) {
    const rows = await db.selectFrom('assignments').select(['target_id', 'access_package_id']).where('target_id', 'in', unique.slice(start, start + 500)).where('is_active', '=', sql.lit(1)).execute();
    for (const row of rows) pairs.add(`${row.target_id} ${row.access_package_id}`);
  }
  return pairs;
}

/** The same change to many assignments (a batch of deliveries ending in one state). */
export async function saveAssignmentsState(db: Executor, ids: readonly string[], changes: Pick<Assignment, 'state' | 'status'> & Partial<Pick<Assignment, 'expiredDateTime' | 'endedReason'>>, now: Date): Promise<void> {
  for (let start = 0; start < ids.length; start += 500) {
    await db
      .updateTable('assignments')
      .set({
        state: changes.state,
        status: changes.status,
        modified_date_time: now.toISOString(),
        ...(changes.expiredDateTime !== undefined ? { expired_date_time: changes.expiredDateTime } : {}),
        ...(changes.endedReason !== undefined ? { ended_reason: changes.endedReason } : {}),
      })
      .where('id', 'in', ids.slice(start, start + 500))
      .execute();
  }
}

/** Packages the target holds now (for separation of duties). */
export async function activePackageIdsOf(db: Executor, targetId: string): Promise<string[]> {
  const rows = await db.selectFrom('assignments').select('access_package_id').where('target_id', '=', targetId).where('is_active', '=', sql.lit(1)).execute();
  return rows.map((row) => row.access_package_id);
}

/** Who holds any of these packages now (for separation of duties from the other side). */
export async function holdsAnyPackage(db: Executor, targetId: string, accessPackageIds: readonly string[]): Promise<string[]> {
  if (accessPackageIds.length === 0) return [];
  const rows = await db
    .selectFrom('assignments')
    .select('access_package_id')
    .where('target_id', '=', targetId)
    .where('is_active', '=', sql.lit(1))
    .where('access_package_id', 'in', [...accessPackageIds])
    .execute();
  return rows.map((row) => row.access_package_id);
}

export async function saveAssignmentState(db: Executor, id: string, changes: Partial<Pick<Assignment, 'state' | 'status' | 'endDateTime' | 'expiration' | 'isActive' | 'expiredDateTime' | 'endedReason'>>, now: Date): Promise<void> {
  await db
    .updateTable('assignments')
    .set({
      modified_date_time: now.toISOString(),
      ...(changes.state !== undefined ? { state: changes.state } : {}),
      ...(changes.status !== undefined ? { status: changes.status } : {}),
      ...(changes.endDateTime !== undefined ? { end_date_time: changes.endDateTime } : {}),
      ...(changes.expiration !== undefined ? { expiration: JSON.stringify(changes.expiration) } : {}),
      ...(changes.isActive !== undefined ? { is_active: changes.isActive ? 1 : 0 } : {}),
      ...(changes.expiredDateTime !== undefined ? { expired_date_time: changes.expiredDateTime } : {}),
      ...(changes.endedReason !== undefined ? { ended_reason: changes.endedReason } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export type EndedAssignment = Pick<Assignment, 'id' | 'accessPackageId' | 'catalogId' | 'policyId' | 'targetId' | 'endDateTime'>;

// Run by the expiry sweep for thousands of assignments at once: prepared (db/prepared-query.ts).
const endDue = preparedQuery((db, slots: Slots<{ ids: readonly string[]; time: string; reason: string }>) =>
  db
    .updateTable('assignments')
    .set({ state: sql.lit('expired'), status: sql.lit('Expired'), is_active: sql.lit(0), expired_date_time: slots.value('time'), modified_date_time: slots.value('time'), ended_reason: slots.value('reason') })
    .where(slots.inList('id', 'ids'))
    .where('is_active', '=', sql.lit(1))
    .where('end_date_time', '<=', slots.value('time'))
    .returning(['id', 'access_package_id', 'catalog_id', 'policy_id', 'target_id', 'end_date_time']),
);

/**
 * Ends many assignments at once (expiry), in one statement: only those still active and due, so
 * an assignment that was extended or removed since its expiry job was written is left alone.
 * Returns the assignments it ended.
 */
export async function endDueAssignments(db: Executor, ids: readonly string[], now: Date, reason: string): Promise<EndedAssignment[]> {
  if (ids.length === 0) return [];
  const time = now.toISOString();
  const rows = await endDue(db, { ids: [...new Set(ids)], time, reason });
  return rows.map((row) => ({ id: row.id, accessPackageId: row.access_package_id, catalogId: row.catalog_id, policyId: row.policy_id, targetId: row.target_id, endDateTime: row.end_date_time }));
}

export type AssignmentVisibility = { kind: 'catalogs'; catalogIds: 'all' | readonly string[] } | { kind: 'target'; userId: string } | { kind: 'createdBy'; userId: string };

/** Newest first: the assignment someone just received is the one they look for. */
export function listAssignments(db: Executor, query: CollectionQuery, visibility: AssignmentVisibility): Promise<Page<Assignment>> {
  let base = db.selectFrom('assignments').selectAll('assignments');
  if (visibility.kind === 'catalogs' && visibility.catalogIds !== 'all') {
    base = visibility.catalogIds.length ? base.where('assignments.catalog_id', 'in', [...visibility.catalogIds]) : base.where(sql<SqlBool>`1 = 0`);
  }
  if (visibility.kind === 'target') base = base.where('assignments.target_id', '=', visibility.userId);
  if (visibility.kind === 'createdBy') {
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('assignment_requests')
          .select(sql`1`.as('one'))
          .whereRef('assignment_requests.assignment_id', '=', 'assignments.id')
          .where('assignment_requests.requestor_id', '=', visibility.userId)
          .where('assignment_requests.request_type', 'in', ['userAdd', 'adminAdd']),
      ),
    );
  }
  return runCollectionQuery(base, assignmentQueryableProperties, query, { column: 'assignments.id', direction: 'desc' }, fromRow);
}

/** The users holding an active assignment of the package (under any policy). */
export async function activeHoldersOf(db: Executor, accessPackageId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('assignments').select('target_id').where('access_package_id', '=', accessPackageId).where('is_active', '=', sql.lit(1)).execute();
  return new Set(rows.map((row) => row.target_id));
}

/** The active assignments made under the policy, with their users. */
export async function activeAssignmentsUnder(db: Executor, policyId: string): Promise<{ id: string; targetId: string }[]> {
  const rows = await db.selectFrom('assignments').select(['id', 'target_id']).where('policy_id', '=', policyId).where('is_active', '=', sql.lit(1)).execute();
  return rows.map((row) => ({ id: row.id, targetId: row.target_id }));
}

/** Whether the target holds an active assignment under a policy of this scope. */
export async function holdsAssignmentUnderScope(db: Executor, targetId: string, allowedTargetScope: string): Promise<boolean> {
  const row = await db
    .selectFrom('assignments')
    .innerJoin('assignment_policies', 'assignment_policies.id', 'assignments.policy_id')
    .select('assignments.id')
    .where('assignments.target_id', '=', targetId)
    .where('assignments.is_active', '=', 1)
    .where('assignment_policies.allowed_target_scope', '=', allowedTargetScope)
    .executeTakeFirst();
  return row !== undefined;
}
