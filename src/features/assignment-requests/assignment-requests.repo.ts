import { sql, type SqlBool } from 'kysely';
import { rowCount } from '../../db/dialect.js';
import { runCollectionQuery, type Page, type QueryableProperties } from '../../db/collection-query.js';
import { bulkInsert } from '../../db/bulk-insert.js';
import type { AssignmentRequestsTable, Executor } from '../../db/database.js';
import { preparedQuery, type Slots } from '../../db/prepared-query.js';
import { isOpenState, requestStates, requestTypes, type AssignmentRequest, type RequestState, type RequestTransition } from '../../domain/assignment-request.js';
import type { CollectionQuery } from '../../http/odata/query-options.js';

function fromRow(row: AssignmentRequestsTable): AssignmentRequest {
  return {
    id: row.id,
    requestType: row.request_type as AssignmentRequest['requestType'],
    state: row.state as RequestState,
    status: row.status,
    accessPackageId: row.access_package_id,
    catalogId: row.catalog_id,
    policyId: row.policy_id,
    targetId: row.target_id,
    requestorId: row.requestor_id,
    assignmentId: row.assignment_id,
    justification: row.justification,
    answers: JSON.parse(row.answers),
    schedule: JSON.parse(row.schedule),
    policySnapshot: row.policy_snapshot ? JSON.parse(row.policy_snapshot) : null,
    createdDateTime: row.created_date_time,
    completedDateTime: row.completed_date_time,
  };
}

function toRow(request: AssignmentRequest): AssignmentRequestsTable {
  return {
    id: request.id,
    request_type: request.requestType,
    state: request.state,
    status: request.status,
    access_package_id: request.accessPackageId,
    catalog_id: request.catalogId,
    policy_id: request.policyId,
    target_id: request.targetId,
    requestor_id: request.requestorId,
    assignment_id: request.assignmentId,
    justification: request.justification,
    answers: JSON.stringify(request.answers),
    schedule: JSON.stringify(request.schedule),
    policy_snapshot: request.policySnapshot ? JSON.stringify(request.policySnapshot) : null,
    is_open: isOpenState(request.state) ? 1 : 0,
    created_date_time: request.createdDateTime,
    completed_date_time: request.completedDateTime,
  };
}

export const requestQueryableProperties: QueryableProperties = {
  id: { column: 'assignment_requests.id', kind: 'caseSensitiveText' },
  requestType: { column: 'assignment_requests.request_type', kind: 'enum', values: requestTypes },
  state: { column: 'assignment_requests.state', kind: 'enum', values: requestStates },
  status: { column: 'assignment_requests.status', kind: 'text' },
  createdDateTime: { column: 'assignment_requests.created_date_time', kind: 'dateTime', sortable: true },
  completedDateTime: { column: 'assignment_requests.completed_date_time', kind: 'dateTime', sortable: true },
  'accessPackage/id': { column: 'assignment_requests.access_package_id', kind: 'caseSensitiveText' },
  'requestor/objectId': { column: 'assignment_requests.requestor_id', kind: 'caseSensitiveText' },
  'assignment/id': { column: 'assignment_requests.assignment_id', kind: 'caseSensitiveText' },
  'assignment/targetId': { column: 'assignment_requests.target_id', kind: 'caseSensitiveText' },
};

/** Written by every submitted request: without the query builder (see bulk-insert.ts). */
export async function insertRequest(db: Executor, request: AssignmentRequest): Promise<void> {
  await bulkInsert(db, 'assignment_requests', [toRow(request)]);
}

export async function insertRequests(db: Executor, requests: readonly AssignmentRequest[]): Promise<void> {
  await bulkInsert(db, 'assignment_requests', requests.map(toRow));
}

/** Of these users, those with a request under way for this package (one may be open at a time). */
export async function targetsWithOpenRequest(db: Executor, accessPackageId: string, targetIds: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const unique = [...new Set(targetIds)];
  for (let start = 0; start < unique.length; start += 500) {
    const rows = await db.selectFrom('assignment_requests').select('target_id').where('access_package_id', '=', accessPackageId).where('is_open', '=', 1).where('target_id', 'in', unique.slice(start, start + 500)).execute();
    for (const row of rows) found.add(row.target_id);
  }
  return found;
}

export async function findRequest(db: Executor, id: string): Promise<AssignmentRequest | undefined> {
  const row = await db.selectFrom('assignment_requests').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

export async function findRequestsByIds(db: Executor, ids: readonly string[]): Promise<AssignmentRequest[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('assignment_requests').selectAll().where('id', 'in', [...new Set(ids)]).execute();
  return rows.map(fromRow);
}

// Run by every access request: prepared (db/prepared-query.ts).
const openRequest = preparedQuery((db, slots: Slots<{ targetId: string; accessPackageId: string }>) =>
  db.selectFrom('assignment_requests').selectAll().where('target_id', '=', slots.value('targetId')).where('access_package_id', '=', slots.value('accessPackageId')).where('is_open', '=', sql.lit(1)).limit(rowCount(1)),
);

export async function openRequestFor(db: Executor, targetId: string, accessPackageId: string): Promise<AssignmentRequest | undefined> {
  const [row] = await openRequest(db, { targetId, accessPackageId });
  return row ? fromRow(row) : undefined;
}

// Run for every request that moves, one at a time (each may have been moved by someone else
// first): prepared (db/prepared-query.ts).
type MoveSlots = { id: string; from: RequestState; state: RequestState; status: string; isOpen: number; completed: string | null };
const move = preparedQuery((db, slots: Slots<MoveSlots>) =>
  db
    .updateTable('assignment_requests')
    .set({ state: slots.value('state'), status: slots.value('status'), is_open: slots.value('isOpen'), completed_date_time: slots.value('completed') })
    .where('id', '=', slots.value('id'))
    .where('state', '=', slots.value('from'))
    .returning('id'),
);
const moveLinking = preparedQuery((db, slots: Slots<MoveSlots & { assignmentId: string }>) =>
  db
    .updateTable('assignment_requests')
    .set({ state: slots.value('state'), status: slots.value('status'), is_open: slots.value('isOpen'), completed_date_time: slots.value('completed'), assignment_id: slots.value('assignmentId') })
    .where('id', '=', slots.value('id'))
    .where('state', '=', slots.value('from'))
    .returning('id'),
);

/**
 * Moves a request on, but only from the state the caller decided from: when a concurrent writer
 * (a second approver, a cancel racing a deadline) moved it first, nothing changes and the caller
 * learns it from the returned count.
 */
export async function moveRequest(db: Executor, id: string, from: RequestState, to: RequestTransition, now: Date, changes: { assignmentId?: string } = {}): Promise<number> {
  const open = isOpenState(to.state);
  const values = { id, from, state: to.state, status: to.status, isOpen: open ? 1 : 0, completed: open ? null : now.toISOString() };
  const moved = changes.assignmentId ? await moveLinking(db, { ...values, assignmentId: changes.assignmentId }) : await move(db, values);
  return moved.length;
}

/**
 * Takes the request's row lock first. Deciding a stage, canceling, a deadline and an escalation
 * all change both the request and its stages; taking the request's lock before anything else
 * gives them one order, so on PostgreSQL two of them at once wait for each other instead of
 * deadlocking (the other order — stage first — is what a decision would otherwise take).
 */
export async function lockRequest(db: Executor, id: string): Promise<void> {
  await db.updateTable('assignment_requests').set((eb) => ({ state: eb.ref('state') })).where('id', '=', id).execute();
}

/** For each assignment, the request that created it: whose story its later events belong to. */
export async function addRequestIdsOf(db: Executor, assignmentIds: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let start = 0; start < assignmentIds.length; start += 500) {
    const rows = await db
      .selectFrom('assignment_requests')
      .select(['id', 'assignment_id'])
      .where('assignment_id', 'in', assignmentIds.slice(start, start + 500))
      .where('request_type', 'in', ['userAdd', 'adminAdd', 'systemAdd'])
      .execute();
    for (const row of rows) if (row.assignment_id && !found.has(row.assignment_id)) found.set(row.assignment_id, row.id);
  }
  return found;
}

/** Records which assignment each request created, for a batch of deliveries in one statement per 250. */
export async function linkRequestsToAssignments(db: Executor, links: readonly { requestId: string; assignmentId: string }[]): Promise<void> {
  for (let start = 0; start < links.length; start += 250) {
    const chunk = links.slice(start, start + 250);
    const cases = sql.join(chunk.map((link) => sql`when ${link.requestId} then ${link.assignmentId}`), sql` `);
    await db
      .updateTable('assignment_requests')
      .set({ assignment_id: sql<string>`case id ${cases} end` })
      .where('id', 'in', chunk.map((link) => link.requestId))
      .execute();
  }
}

export type RequestVisibility =
  | { kind: 'catalogs'; catalogIds: 'all' | readonly string[] }
  | { kind: 'target'; userId: string }
  | { kind: 'createdBy'; userId: string }
  | { kind: 'approver'; userId: string };

/** Requests newest first, as people look for the one they just made. */
export function listRequests(db: Executor, query: CollectionQuery, visibility: RequestVisibility): Promise<Page<AssignmentRequest>> {
  let base = db.selectFrom('assignment_requests').selectAll('assignment_requests');
  switch (visibility.kind) {
    case 'catalogs':
      if (visibility.catalogIds !== 'all') {
        base = visibility.catalogIds.length ? base.where('assignment_requests.catalog_id', 'in', [...visibility.catalogIds]) : base.where(sql<SqlBool>`1 = 0`);
      }
      break;
    case 'target':
      base = base.where('assignment_requests.target_id', '=', visibility.userId);
      break;
    case 'createdBy':
      base = base.where('assignment_requests.requestor_id', '=', visibility.userId);
      break;
    case 'approver':
      // Requests waiting for a decision this user may make: an approver of the stage in progress.
      base = base
        .where('assignment_requests.state', '=', 'pendingApproval')
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('approval_stage_approvers')
              .innerJoin('approval_stages', 'approval_stages.id', 'approval_stage_approvers.stage_id')
              .select(sql`1`.as('one'))
              .whereRef('approval_stage_approvers.request_id', '=', 'assignment_requests.id')
              .where('approval_stage_approvers.approver_id', '=', visibility.userId)
              .where('approval_stages.status', '=', 'InProgress'),
          ),
        );
      break;
  }
  return runCollectionQuery(base, requestQueryableProperties, query, { column: 'assignment_requests.id', direction: 'desc' }, fromRow);
}

/** Who assigned this target directly (adminAdd), oldest first. */
export async function assignerIdsOf(db: Executor, targetId: string): Promise<string[]> {
  const rows = await db.selectFrom('assignment_requests').select('requestor_id').where('target_id', '=', targetId).where('request_type', '=', 'adminAdd').where('requestor_id', 'is not', null).orderBy('created_date_time').execute();
  return rows.map((row) => row.requestor_id!);
}
