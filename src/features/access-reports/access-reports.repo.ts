import { sql, type SqlBool } from 'kysely';
import { rowCount } from '../../db/dialect.js';
import type { Executor } from '../../db/database.js';
import { heldGrantStates, type AccessReportRow, type AccessReportState, type ApprovalRecord, type PersonRef, type RequestRecord } from '../../domain/access-report.js';
import { isAddRequest, isRemoveRequest, type RequestType } from '../../domain/assignment-request.js';
import type { RoleGrantState } from '../../domain/assignment.js';

/**
 * The SQL of the access reports: one row per grant (assignment_role_grants), joined to what it
 * delivers and under which package, and then — in a few batched queries per page, never one per
 * row — the requests that began and ended each assignment, their approvals and the people named.
 */
export type ReportUser = PersonRef & { id: string };
export type ReportResource = { id: string; catalogId: string; environmentId: string; originId: string; displayName: string };

export type ReportSubject = { kind: 'user'; userId: string } | { kind: 'resource'; resource: ReportResource };
export type ReportScope = { state: AccessReportState; catalogIds: 'all' | readonly string[] };
/** The sort key of the last row of a page (see pageKeyColumns): the next page starts after it. */
export type ReportPosition = readonly string[];
export type ReportPage = { rows: AccessReportRow[]; next?: ReportPosition };

/**
 * The order rows come in, which is also the keyset the pages are cut on. A user's rows follow
 * their assignments (time-ordered ids: oldest first) through the assignments_target index; a
 * resource's rows are grouped by role and holder, the order of the grants' holder index, so a
 * resource with 100,000 holders is read page by page without sorting them all each time.
 */
const pageKeyColumns = { user: ['a.id', 'g.id'], resource: ['g.role_origin_id', 'g.target_id', 'g.id'] } as const;
export const positionLength = (subject: ReportSubject['kind']) => pageKeyColumns[subject].length;

const addTypes = ['userAdd', 'adminAdd', 'systemAdd'] as const;
const removeTypes = ['userRemove', 'adminRemove', 'systemRemove'] as const;

/** A user by id (deleted users too: their history stays readable) or by userPrincipalName (living users). */
export async function findReportUser(db: Executor, idOrPrincipalName: string): Promise<ReportUser | undefined> {
  const query = db.selectFrom('users').select(['id', 'display_name', 'user_principal_name']);
  const row = await (idOrPrincipalName.includes('@')
    ? query.where(sql`lower(user_principal_name)`, '=', sql`lower(${idOrPrincipalName})`).where('deleted_date_time', 'is', null)
    : query.where('id', '=', idOrPrincipalName)
  ).executeTakeFirst();
  return row ? { id: row.id, displayName: row.display_name, userPrincipalName: row.user_principal_name } : undefined;
}

/** A catalog resource, also one since removed from its catalog. */
export async function findReportResource(db: Executor, id: string): Promise<ReportResource | undefined> {
  const row = await db.selectFrom('resources').select(['id', 'catalog_id', 'environment_id', 'origin_id', 'display_name']).where('id', '=', id).executeTakeFirst();
  return row ? { id: row.id, catalogId: row.catalog_id, environmentId: row.environment_id, originId: row.origin_id, displayName: row.display_name } : undefined;
}

export async function accessReportPage(db: Executor, subject: ReportSubject, scope: ReportScope, after: ReportPosition | undefined, limit: number): Promise<ReportPage> {
  const keyColumns = pageKeyColumns[subject.kind];
  let query = db
    .selectFrom('assignment_role_grants as g')
    .innerJoin('assignments as a', 'a.id', 'g.assignment_id')
    // Left joins: a row whose package, role or user has gone is still access someone had.
    .leftJoin('access_packages as p', 'p.id', 'a.access_package_id')
    .leftJoin('catalogs as c', 'c.id', 'a.catalog_id')
    .leftJoin('resources as r', 'r.id', 'g.resource_id')
    .leftJoin('access_package_resource_role_scopes as rs', 'rs.id', 'g.role_scope_id')
    .leftJoin('resource_roles as role', 'role.id', 'rs.role_id')
    .leftJoin('users as u', 'u.id', 'g.target_id')
    .leftJoin('assignment_policies as pol', 'pol.id', 'a.policy_id')
    .select([
      'g.id as grant_id', 'g.state as grant_state', 'g.granted_date_time', 'g.revoked_date_time', 'g.target_id', 'g.resource_id', 'g.resource_origin_id', 'g.role_origin_id',
      'a.id as assignment_id', 'a.state as assignment_state', 'a.status as assignment_status', 'a.start_date_time', 'a.end_date_time', 'a.expired_date_time', 'a.ended_reason', 'a.is_active',
      'a.access_package_id', 'a.catalog_id', 'a.policy_id',
      'p.display_name as package_name', 'c.display_name as catalog_name', 'r.display_name as resource_name', 'r.origin_system as resource_origin_system',
      'role.id as role_id', 'role.display_name as role_name', 'role.origin_id as role_origin',
      'u.display_name as user_name', 'u.user_principal_name as user_upn', 'pol.display_name as policy_name',
    ]);
  if (subject.kind === 'user') {
    query = query.where('a.target_id', '=', subject.userId);
  } else {
    // The environment and origin id lead the grants' holder index; resource_id keeps to this catalog's resource.
    query = query.where('g.environment_id', '=', subject.resource.environmentId).where('g.resource_origin_id', '=', subject.resource.originId).where('g.resource_id', '=', subject.resource.id);
  }
  if (scope.state === 'active') query = query.where('a.is_active', '=', sql.lit(1)).where('g.state', 'in', [...heldGrantStates]);
  if (scope.catalogIds !== 'all') query = scope.catalogIds.length ? query.where('a.catalog_id', 'in', [...scope.catalogIds]) : query.where(sql<SqlBool>`1 = 0`);
  if (after) {
    // A row-value comparison: both dialects serve it from the index the order follows.
    query = query.where(sql<SqlBool>`(${sql.join(keyColumns.map((column) => sql.ref(column)))}) > (${sql.join([...after])})`);
  }
  for (const column of keyColumns) query = query.orderBy(sql.ref(column), 'asc');
  const found = await query.limit(rowCount(limit + 1)).execute();

  const page = found.slice(0, limit);
  const explained = await explain(db, page);
  const rows: AccessReportRow[] = page.map((row) => {
    const why = explained.get(row.assignment_id);
    return {
      id: row.grant_id,
      user: { id: row.target_id, displayName: row.user_name, userPrincipalName: row.user_upn },
      resource: { id: row.resource_id, displayName: row.resource_name, originSystem: row.resource_origin_system, originId: row.resource_origin_id },
      role: { id: row.role_id, displayName: row.role_name, originId: row.role_origin ?? row.role_origin_id },
      accessPackage: { id: row.access_package_id, displayName: row.package_name },
      catalog: { id: row.catalog_id, displayName: row.catalog_name },
      assignment: { id: row.assignment_id, state: row.assignment_state, status: row.assignment_status, startDateTime: row.start_date_time, endDateTime: row.end_date_time, expiredDateTime: row.expired_date_time, endedReason: row.ended_reason },
      grant: { state: row.grant_state as RoleGrantState, grantedDateTime: row.granted_date_time, revokedDateTime: row.revoked_date_time },
      policy: row.policy_id ? { id: row.policy_id, displayName: row.policy_name } : null,
      request: why?.request ?? null,
      // Only an assignment ended by a request names one: an expired one ended by its schedule.
      removalRequest: row.is_active === 1 || row.assignment_status === 'Expired' ? null : (why?.removal ?? null),
    };
  });
  if (found.length <= limit) return { rows };
  const last = page[page.length - 1]!;
  const keyOf: Record<string, string> = { 'a.id': last.assignment_id, 'g.id': last.grant_id, 'g.role_origin_id': last.role_origin_id, 'g.target_id': last.target_id };
  return { rows, next: keyColumns.map((column) => keyOf[column]!) };
}

type Why = { request: (RequestRecord & { approvals: ApprovalRecord[] }) | null; removal: RequestRecord | null };
type RowKeys = { assignment_id: string; target_id: string };

/** For a page of rows: each assignment's add request with its approvals, and its removal request, in three queries. */
async function explain(db: Executor, rows: readonly RowKeys[]): Promise<Map<string, Why>> {
  const whys = new Map<string, Why>();
  if (rows.length === 0) return whys;
  const assignmentIds = [...new Set(rows.map((row) => row.assignment_id))];
  const targetIds = [...new Set(rows.map((row) => row.target_id))];
  // target_id leads an index of assignment_requests; assignment_id has none of its own.
  const requests = await db
    .selectFrom('assignment_requests')
    .select(['id', 'request_type', 'state', 'created_date_time', 'requestor_id', 'justification', 'assignment_id'])
    .where('target_id', 'in', targetIds)
    .where('assignment_id', 'in', assignmentIds)
    .where('request_type', 'in', [...addTypes, ...removeTypes])
    .orderBy('created_date_time')
    .orderBy('id')
    .execute();

  const adds = new Map<string, (typeof requests)[number]>();
  const removals = new Map<string, (typeof requests)[number]>();
  for (const request of requests) {
    const type = request.request_type as RequestType;
    // The first add request made the assignment; the last remove request that went ahead ended it.
    if (isAddRequest(type) && !adds.has(request.assignment_id!)) adds.set(request.assignment_id!, request);
    if (isRemoveRequest(type) && request.state !== 'canceled' && request.state !== 'denied') removals.set(request.assignment_id!, request);
  }
  const addIds = [...adds.values()].map((request) => request.id);
  const stages = addIds.length
    ? await db.selectFrom('approval_stages').select(['request_id', 'stage_number', 'review_result', 'reviewed_by_id', 'reviewed_date_time', 'justification']).where('request_id', 'in', addIds).orderBy('request_id').orderBy('stage_number').execute()
    : [];
  const people = await peopleByIds(db, [...requests.flatMap((request) => (request.requestor_id ? [request.requestor_id] : [])), ...stages.flatMap((stage) => (stage.reviewed_by_id ? [stage.reviewed_by_id] : []))]);

  const record = (request: (typeof requests)[number]): RequestRecord => ({
    id: request.id,
    requestType: request.request_type,
    state: request.state,
    createdDateTime: request.created_date_time,
    requestor: request.requestor_id ? (people.get(request.requestor_id) ?? { id: request.requestor_id, displayName: null, userPrincipalName: null }) : null,
    justification: request.justification,
  });
  const approvalsOf = new Map<string, ApprovalRecord[]>();
  for (const stage of stages) {
    const reviewer = stage.reviewed_by_id ? people.get(stage.reviewed_by_id) : undefined;
    const approvals = approvalsOf.get(stage.request_id) ?? [];
    approvals.push({
      stageNumber: Number(stage.stage_number),
      reviewResult: stage.review_result,
      reviewedBy: stage.reviewed_by_id ? { id: stage.reviewed_by_id, displayName: reviewer?.displayName ?? null } : null,
      reviewedDateTime: stage.reviewed_date_time,
      justification: stage.justification,
    });
    approvalsOf.set(stage.request_id, approvals);
  }
  for (const assignmentId of assignmentIds) {
    const add = adds.get(assignmentId);
    const removal = removals.get(assignmentId);
    whys.set(assignmentId, { request: add ? { ...record(add), approvals: approvalsOf.get(add.id) ?? [] } : null, removal: removal ? record(removal) : null });
  }
  return whys;
}

/** People named in the history, deleted ones included: who approved stays on the record. */
async function peopleByIds(db: Executor, ids: readonly string[]): Promise<Map<string, PersonRef>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name', 'user_principal_name']).where('id', 'in', unique).execute();
  return new Map(rows.map((row) => [row.id, { id: row.id, displayName: row.display_name, userPrincipalName: row.user_principal_name }]));
}
