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
      heartbeat_date_time: null,
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

/** Newest first (run ids are time-ordered); `before` is the last id of the page before. */
export async function listRuns(db: Executor, systemId: string, top: number, before?: string): Promise<ReconciliationRun[]> {
  let query = db.selectFrom('reconciliation_runs').selectAll().where('connected_system_id', '=', systemId);
  if (before) query = query.where('id', '<', before);
  return (await query.orderBy('id', 'desc').limit(top).execute()).map(runFromRow);
}

/**
 * The run of this system that is queued or under way, if any: one at a time per system. A run
 * whose heartbeat stopped before `staleBefore` does not count: it was interrupted.
 */
export async function activeRun(db: Executor, systemId: string, staleBefore: string): Promise<ReconciliationRun | undefined> {
  const row = await db
    .selectFrom('reconciliation_runs')
    .selectAll()
    .where('connected_system_id', '=', systemId)
    .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('heartbeat_date_time', '>=', staleBefore)])]))
    .executeTakeFirst();
  return row ? runFromRow(row) : undefined;
}

/** Runs of the system whose heartbeat stopped (the process died under them), now recorded as failed. */
export async function failInterruptedRuns(db: Executor, systemId: string, staleBefore: string, now: string): Promise<ReconciliationRun[]> {
  const rows = await db
    .updateTable('reconciliation_runs')
    .set({ status: 'failed', completed_date_time: now, error: 'Interrupted: the process running it stopped. Start another run.' })
    .where('connected_system_id', '=', systemId)
    .where('status', '=', 'running')
    .where('heartbeat_date_time', '<', staleBefore)
    .returningAll()
    .execute();
  // A run queued for a day never started: its job was lost (buried after repeated failures of the store).
  const dayBefore = new Date(new Date(now).getTime() - 24 * 3600_000).toISOString();
  rows.push(
    ...(await db
      .updateTable('reconciliation_runs')
      .set({ status: 'failed', completed_date_time: now, error: 'Never started: its job was lost. Start another run.' })
      .where('connected_system_id', '=', systemId)
      .where('status', '=', 'queued')
      .where('created_date_time', '<', dayBefore)
      .returningAll()
      .execute()),
  );
  return rows.map(runFromRow);
}

/**
 * Takes a run for this process: a queued one, or one whose heartbeat stopped (its job claimed
 * again after a crash). False when another process has it, or it is over: the job then has nothing to do.
 */
export async function claimRun(db: Executor, id: string, now: string, staleBefore: string): Promise<boolean> {
  const rows = await db
    .updateTable('reconciliation_runs')
    .set({ status: 'running', started_date_time: now, heartbeat_date_time: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('heartbeat_date_time', '<', staleBefore)])]))
    .returning('id')
    .execute();
  return rows.length > 0;
}

export async function beatRun(db: Executor, id: string, now: string): Promise<void> {
  await db.updateTable('reconciliation_runs').set({ heartbeat_date_time: now }).where('id', '=', id).where('status', '=', 'running').execute();
}

/** The run and its system's id, whatever the system's state. */
export async function findRunById(db: Executor, id: string): Promise<ReconciliationRun | undefined> {
  const row = await db.selectFrom('reconciliation_runs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? runFromRow(row) : undefined;
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

/** Outcomes settled after the drift was recorded (a removal done, or failed). */
export async function updateDriftOutcomes(db: Executor, updates: readonly { id: string; outcome: DriftOutcome; detail: string | null }[]): Promise<void> {
  const groups = new Map<string, { outcome: DriftOutcome; detail: string | null; ids: string[] }>();
  for (const update of updates) {
    const key = `${update.outcome}\u0000${update.detail ?? ''}`;
    const group = groups.get(key) ?? { outcome: update.outcome, detail: update.detail, ids: [] };
    group.ids.push(update.id);
    groups.set(key, group);
  }
  for (const { outcome, detail, ids } of groups.values()) {
    for (let start = 0; start < ids.length; start += 500) await db.updateTable('reconciliation_drifts').set({ outcome, detail }).where('id', 'in', ids.slice(start, start + 500)).execute();
  }
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
    .select(['id', 'assignment_id', 'target_id', 'resource_origin_id', 'role_origin_id', 'state', 'holder'])
    .where('environment_id', '=', environmentId)
    .where('state', 'in', [...standingStates])
    .execute();
  return rows.map((row) => ({ id: row.id, assignmentId: row.assignment_id, userId: row.target_id, resourceOriginId: row.resource_origin_id, roleOriginId: row.role_origin_id, state: row.state as RoleGrantState, holder: row.holder }));
}

/** Users whose access to the system ended, with the account it had reached where recorded: a holder found among them is access that came back. */
export async function formerHoldersOf(db: Executor, environmentId: string, exceptUserIds: ReadonlySet<string>): Promise<{ userId: string; holder: string | null }[]> {
  const rows = await db.selectFrom('assignment_role_grants').select(['target_id', 'holder']).where('environment_id', '=', environmentId).where('state', '=', 'revoked').distinct().execute();
  return rows.filter((row) => !exceptUserIds.has(row.target_id)).map((row) => ({ userId: row.target_id, holder: row.holder }));
}

/** Grants recorded as delivered that the system no longer holds go back to pending, for a regrant; one whose state moved meanwhile is left alone. Returns the ids marked. */
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


/** The reconciliation schedule kept on the system. */
export async function reconciliationIntervalOf(db: Executor, systemId: string): Promise<number | null> {
  const row = await db.selectFrom('connected_systems').select('reconciliation_interval_minutes').where('id', '=', systemId).where('deleted_date_time', 'is', null).executeTakeFirst();
  return row?.reconciliation_interval_minutes ?? null;
}

export async function nextReconciliationOf(db: Executor, systemId: string): Promise<string | null> {
  const row = await db.selectFrom('connected_systems').select('next_reconciliation_date_time').where('id', '=', systemId).where('deleted_date_time', 'is', null).executeTakeFirst();
  return row?.next_reconciliation_date_time ?? null;
}

export async function setNextReconciliation(db: Executor, systemId: string, next: string | null): Promise<void> {
  await db.updateTable('connected_systems').set({ next_reconciliation_date_time: next }).where('id', '=', systemId).execute();
}
