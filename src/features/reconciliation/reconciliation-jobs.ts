import { randomUUID } from 'node:crypto';
import { initiatedBy } from '../../domain/audit-entry.js';
import { reconcilableKinds } from '../../domain/connected-system.js';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.js';
import { systemPrincipal, type Actor } from '../../domain/principal.js';
import type { ReconciliationMode } from '../../domain/reconciliation.js';
import { enqueueJobs, type ClaimedJob } from '../../jobs/job-queue.repo.js';
import { jobKinds, type ReconciliationPayload } from '../../jobs/job-kinds.js';
import type { JobHandler } from '../../jobs/job-worker.js';
import { findConnectedSystem } from '../connected-systems/connected-systems.repo.js';
import type { Deps } from '../deps.js';
import { activeRun, findRun, insertRun, lockSystemRuns, type ReconciliationRun } from './reconciliation.repo.js';
import { isScheduledRunDue, scheduleFollowingRun } from './reconciliation-schedule.js';
import { runReconciliation } from './run-reconciliation.js';

/**
 * Starting reconciliation runs: on demand (an administrator asks; the run is queued and a job does
 * it) and on schedule (a job due at the system's next time). One run at a time per system.
 */
export async function requestReconciliation(deps: Deps, actor: Actor, systemId: string, mode: ReconciliationMode | undefined): Promise<ReconciliationRun> {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const system = await findConnectedSystem(trx, systemId);
    if (!system) throw new NotFoundError('Connected system', systemId);
    if (!reconcilableKinds.includes(system.kind)) throw new ValidationError(`A ${system.kind} system cannot be listed, so it cannot be reconciled.`, 'id');
    await lockSystemRuns(trx, systemId);
    const running = await activeRun(trx, systemId);
    if (running) throw new ConflictError(`A reconciliation of '${system.displayName}' is already ${running.status} (run ${running.id}); wait for it to finish.`, 'id', 'ReconciliationInProgress');
    const run = newRun(systemId, 'onDemand', mode ?? system.reconciliation.mode, actor, now);
    await insertRun(trx, run);
    await enqueueJobs(trx, [{ kind: jobKinds.reconcileConnectedSystem, payload: { runId: run.id } satisfies ReconciliationPayload, runAt: now }], now);
    return run;
  }).finally(() => deps.wakeJobs());
}

function newRun(systemId: string, trigger: ReconciliationRun['trigger'], mode: ReconciliationMode, actor: Actor, now: Date): ReconciliationRun {
  const summary = { resourceRolesChecked: 0, holdersFound: 0, unexpectedHolders: 0, missingHolders: 0, corrected: 0, correctionFailures: 0 };
  return { id: randomUUID(), connectedSystemId: systemId, trigger, mode, status: 'queued', initiatedBy: initiatedBy(actor), createdDateTime: now.toISOString(), startedDateTime: null, completedDateTime: null, summary, error: null };
}

/** reconcile-connected-system: a run failing (the system down) is recorded as failed, not retried; the next one is the retry. */
export function reconcileConnectedSystemHandler(deps: Deps): JobHandler {
  return {
    kind: jobKinds.reconcileConnectedSystem,
    maxAttempts: 3,
    async run(jobs: ClaimedJob[]) {
      for (const job of jobs) {
        const payload = job.payload as ReconciliationPayload;
        if ('runId' in payload) await runQueued(deps, payload.runId);
        else await runScheduled(deps, payload.systemId, payload.dueDateTime);
      }
      return new Map();
    },
  };
}

async function runQueued(deps: Deps, runId: string): Promise<void> {
  const row = await deps.db.selectFrom('reconciliation_runs').select(['connected_system_id', 'status']).where('id', '=', runId).executeTakeFirst();
  if (!row || (row.status !== 'queued' && row.status !== 'running')) return; // done already (a job claimed twice)
  const run = (await findRun(deps.db, row.connected_system_id, runId))!;
  const system = await findConnectedSystem(deps.db, row.connected_system_id);
  if (!system) {
    const now = deps.clock().toISOString();
    await deps.db.updateTable('reconciliation_runs').set({ status: 'failed', completed_date_time: now, error: 'The connected system was removed before the run started.' }).where('id', '=', runId).execute();
    return;
  }
  await runReconciliation(deps, system, run);
}

async function runScheduled(deps: Deps, systemId: string, dueDateTime: string): Promise<void> {
  const system = await findConnectedSystem(deps.db, systemId);
  if (!system) return;
  const now = deps.clock();
  // One at a time: a run still under way (asked for by hand) stands in for this one.
  const run = await deps.db.transaction().execute(async (trx) => {
    await lockSystemRuns(trx, systemId);
    if (!(await isScheduledRunDue(trx, systemId, dueDateTime))) return undefined; // the schedule changed since this job was written
    await scheduleFollowingRun(trx, systemId, now);
    if (await activeRun(trx, systemId)) return undefined;
    const scheduled = newRun(systemId, 'schedule', system.reconciliation.mode, { correlationId: randomUUID(), principal: systemPrincipal('Reconciliation') }, now);
    await insertRun(trx, scheduled);
    return scheduled;
  });
  if (run) await runReconciliation(deps, system, run);
}
