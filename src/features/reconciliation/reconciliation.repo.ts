import type { Executor, ReconciliationDriftsTable, ReconciliationRunsTable } from '../../db/database.js';
import { bulkInsert } from '../../db/bulk-insert.js';
import type { InitiatedBy } from '../../domain/audit-entry.js';
import type { Drift, DriftOutcome, ReconciledGrant, ReconciliationMode } from '../../domain/reconciliation.js';
import type { RoleGrantState } from '../../domain/assignment.js';

/** Reconciliation runs, the drift each found, and what a system's resources and grants are for them. */
export type RunTrigger = 'onDemand' | 'schedule';
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed';
export type RunSummary = { resourceRolesChecked: number; holdersFound: number; unexpectedHolders: number; missingHolders: number; corrected: number; correctionFailures: number };

export type ReconciliationRun = {
  id: string;
  connectedSystemId: string;
  trigger: RunTrigger;
  mode: ReconciliationMode;
  status: RunStatus;
  initiatedBy: InitiatedBy;
  createdDateTime: string;
  startedDateTime: string | null;
  completedDateTime: string | null;
  summary: RunSummary;
  error: string | null;
};

export type RecordedDrift = Drift & { id: string; outcome: DriftOutcome; detail: string | null };

function runFromRow(row: ReconciliationRunsTable): ReconciliationRun {
  return {
    id: row.id,
    connectedSystemId: row.connected_system_id,
    trigger: row.trigger as RunTrigger,
    mode: row.mode as ReconciliationMode,
    status: row.status as RunStatus,
    initiatedBy: JSON.parse(row.requested_by),
    createdDateTime: row.created_date_time,
    startedDateTime: row.started_date_time,
    completedDateTime: row.completed_date_time,
    summary: {
      resourceRolesChecked: row.resource_roles_checked,
      holdersFound: row.holders_found,
      unexpectedHolders: row.unexpected_holders,
      missingHolders: row.missing_holders,
      corrected: row.corrected,
      correctionFailures: row.correction_failures,
    },
    error: row.error,
  };
}

function driftFromRow(row: ReconciliationDriftsTable): RecordedDrift {
  const common = { id: row.id, resourceOriginId: row.resource_origin_id, roleOriginId: row.role_origin_id, outcome: row.outcome as DriftOutcome, detail: row.detail };
  return row.kind === 'missingHolder'
    ? { ...common, kind: 'missingHolder', holder: row.holder, userId: row.user_id!, grantId: row.grant_id!, assignmentId: row.assignment_id! }
    : { ...common, kind: 'unexpectedHolder', holder: row.holder!, userId: row.user_id };
}

export async function insertRun(db: Executor, run: ReconciliationRun): Promise<void> {
  await db
    .insertInto('reconciliation_runs')
    .values({
      id: run.id,
      connected_system_id: run.connectedSystemId,
      trigger: run.trigger,
      mode: run.mode,
      status: run.status,
      requested_by: JSON.stringify(run.initiatedBy),
      created_date_time: run.createdDateTime,
      started_date_time: null,
      completed_date_time: null,
      resource_roles_checked: 0,
      holders_found: 0,
      unexpected_holders: 0,
      missing_holders: 0,
      corrected: 0,
      correction_failures: 0,
      error: null,
    })
    .execute();
}

export async function findRun(db: Executor, systemId: string, id: string): Promise<ReconciliationRun | undefined> {
  const row = await db.selectFrom('reconciliation_runs').selectAll().where('id', '=', id).where('connected_system_id', '=', systemId).executeTakeFirst();
  return row ? runFromRow(row) : undefined;
}

/** Newest first. */
export async function listRuns(db: Executor, systemId: string, top: number): Promise<ReconciliationRun[]> {
  const rows = await db.selectFrom('reconciliation_runs').selectAll().where('connected_system_id', '=', systemId).orderBy('created_date_time', 'desc').orderBy('id', 'desc').limit(top).execute();
  return rows.map(runFromRow);
}

/** The run of this system that is queued or under way, if any: one at a time per system. */
export async function activeRun(db: Executor, systemId: string): Promise<ReconciliationRun | undefined> {
  const row = await db.selectFrom('reconciliation_runs').selectAll().where('connected_system_id', '=', systemId).where('status', 'in', ['queued', 'running']).executeTakeFirst();
  return row ? runFromRow(row) : undefined;
}

export async function markRunStarted(db: Executor, id: string, now: string): Promise<void> {
  await db.updateTable('reconciliation_runs').set({ status: 'running', started_date_time: now }).where('id', '=', id).execute();
}

export async function finishRun(db: Executor, id: string, status: 'succeeded' | 'failed', summary: RunSummary, error: string | null, now: string): Promise<void> {
  await db
    .updateTable('reconciliation_runs')
    .set({
      status,
      completed_date_time: now,
      resource_roles_checked: summary.resourceRolesChecked,
      holders_found: summary.holdersFound,
      unexpected_holders: summary.unexpectedHolders,
      missing_holders: summary.missingHolders,
      corrected: summary.corrected,
      correction_failures: summary.correctionFailures,
      error,
    })
    .where('id', '=', id)
    .execute();
}

export async function insertDrifts(db: Executor, runId: string, drifts: readonly (Drift & { id: string; outcome: DriftOutcome; detail: string | null })[]): Promise<void> {
  await bulkInsert(
    db,
    'reconciliation_drifts',
    drifts.map((drift) => ({
      id: drift.id,
      run_id: runId,
      kind: drift.kind,
      resource_origin_id: drift.resourceOriginId,
      role_origin_id: drift.roleOriginId,
      holder: drift.holder,
      user_id: drift.userId,
      grant_id: drift.kind === 'missingHolder' ? drift.grantId : null,
      assignment_id: drift.kind === 'missingHolder' ? drift.assignmentId : null,
      outcome: drift.outcome,
      detail: drift.detail,
    })),
  );
}

/** A page of a run's drift, in the order found; `after` is the last id of the page before. */
export async function listDrifts(db: Executor, runId: string, top: number, after?: string): Promise<RecordedDrift[]> {
  let query = db.selectFrom('reconciliation_drifts').selectAll().where('run_id', '=', runId);
  if (after) query = query.where('id', '>', after);
  return (await query.orderBy('id').limit(top).execute()).map(driftFromRow);
}

/** The resource roles of a system that catalogs hold now, or that grants still stand on: what a run lists. */
export async function resourceRolesOf(db: Executor, environmentId: string): Promise<{ resourceOriginId: string; roleOriginId: string }[]> {
  const inCatalogs = await db
    .selectFrom('resources as resource')
    .innerJoin('resource_roles as role', 'role.resource_id', 'resource.id')
    .select(['resource.origin_id as resourceOriginId', 'role.origin_id as roleOriginId'])
    .where('resource.environment_id', '=', environmentId)
    .where('resource.removed_date_time', 'is', null)
    .distinct()
    .execute();
  const granted = await db
    .selectFrom('assignment_role_grants')
    .select(['resource_origin_id as resourceOriginId', 'role_origin_id as roleOriginId'])
    .where('environment_id', '=', environmentId)
    .where('state', 'in', [...standingStates])
    .distinct()
    .execute();
  const all = new Map([...inCatalogs, ...granted].map((role) => [`${role.resourceOriginId}\u0000${role.roleOriginId}`, role]));
  return [...all.values()].sort((a, b) => a.resourceOriginId.localeCompare(b.resourceOriginId) || a.roleOriginId.localeCompare(b.roleOriginId));
}

const standingStates: readonly RoleGrantState[] = ['pendingGrant', 'granted', 'grantFailed', 'pendingRevoke', 'revokeFailed'];

/** Every grant into the system that still stands, whatever its delivery state. */
export async function standingGrantsOf(db: Executor, environmentId: string): Promise<ReconciledGrant[]> {
  const rows = await db
    .selectFrom('assignment_role_grants')
    .select(['id', 'assignment_id', 'target_id', 'resource_origin_id', 'role_origin_id', 'state'])
    .where('environment_id', '=', environmentId)
    .where('state', 'in', [...standingStates])
    .execute();
  return rows.map((row) => ({ id: row.id, assignmentId: row.assignment_id, userId: row.target_id, resourceOriginId: row.resource_origin_id, roleOriginId: row.role_origin_id, state: row.state as RoleGrantState }));
}

/** Users whose access to the system ended: a holder found among them is access that came back. */
export async function formerHoldersOf(db: Executor, environmentId: string, exceptUserIds: ReadonlySet<string>): Promise<string[]> {
  const rows = await db.selectFrom('assignment_role_grants').select('target_id').where('environment_id', '=', environmentId).where('state', '=', 'revoked').distinct().execute();
  return rows.map((row) => row.target_id).filter((id) => !exceptUserIds.has(id));
}

/** Grants recorded as delivered that the system no longer holds go back to pending, for a regrant; one whose state moved meanwhile is left alone. */
export async function markForRegrant(db: Executor, grantIds: readonly string[]): Promise<string[]> {
  const marked: string[] = [];
  for (let start = 0; start < grantIds.length; start += 500) {
    const rows = await db
      .updateTable('assignment_role_grants')
      .set({ state: 'pendingGrant', last_error: null })
      .where('id', 'in', grantIds.slice(start, start + 500))
      .where('state', '=', 'granted')
      .returning('id')
      .execute();
    marked.push(...rows.map((row) => row.id));
  }
  return marked;
}

/**
 * Takes the system's row lock (PostgreSQL; SQLite's write lock is taken already) until the
 * transaction ends: two requests for a run at once would otherwise both find none under way.
 */
export async function lockSystemRuns(trx: Executor, systemId: string): Promise<void> {
  await trx.updateTable('connected_systems').set((eb) => ({ id: eb.ref('id') })).where('id', '=', systemId).execute();
}
