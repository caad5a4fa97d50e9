import { randomUUID } from 'node:crypto';
import { initiatedBy } from '../../domain/audit-entry.js';
import { reconcilableKinds } from '../../domain/connected-system.js';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import type { ReconciliationMode } from '../../domain/reconciliation.js';
import type { Executor } from '../../db/database.js';
import { enqueueJobs, type ClaimedJob } from '../../jobs/job-queue.repo.js';
import { jobKinds, type ReconciliationPayload } from '../../jobs/job-kinds.js';
import type { JobHandler } from '../../jobs/job-worker.js';
import { recordAudit } from '../audit/audit.repo.js';
import { findConnectedSystem, lockConnectedSystem } from '../connected-systems/connected-systems.repo.js';
import type { Deps } from '../deps.js';
import { newTimeOrderedId } from '../time-ordered-ids.js';
import { activeRun, claimRun, failInterruptedRuns, findRunById, finishRun, insertRun, type ReconciliationRun } from './reconciliation.repo.js';
import { isScheduledRunDue, scheduleFollowingRun } from './reconciliation-schedule.js';
import { emptySummary, reconciliationActor, runAudit, runReconciliation, staleBefore } from './run-reconciliation.js';

/**
 * Starting reconciliation runs: on demand (an administrator asks) and on schedule (a job due at
 * the system's next time). Either way a run is queued with a job of its own, which claims it (so
 * that a job taken again after its lease ran out, or after a crash, never runs it twice at once).
 * One run at a time per system; a run whose process died is recorded as interrupted when the
 * next is asked for.
 */
export async function requestReconciliation(deps: Deps, actor: Actor, systemId: string, mode: ReconciliationMode | undefined): Promise<ReconciliationRun> {
  const now = deps.clock();
  return deps.db
    .transaction()
    .execute(async (trx) => {
      const system = await findConnectedSystem(trx, systemId);
      if (!system) throw new NotFoundError('Connected system', systemId);
      if (!reconcilableKinds.includes(system.kind)) throw new ValidationError(`A ${system.kind} system cannot be listed, so it cannot be reconciled.`, 'id');
      await lockConnectedSystem(trx, systemId);
      await recordInterrupted(trx, system, now);
      const running = await activeRun(trx, systemId, staleBefore(now));
      if (running) throw new ConflictError(`A reconciliation of '${system.displayName}' is already ${running.status} (run ${running.id}); wait for it to finish.`, 'id', 'ReconciliationInProgress');
      return queueRun(trx, systemId, 'onDemand', mode ?? system.reconciliation.mode, actor, now);
    })
    .finally(() => deps.wakeJobs());
}

async function queueRun(trx: Executor, systemId: string, trigger: ReconciliationRun['trigger'], mode: ReconciliationMode, actor: Actor, now: Date): Promise<ReconciliationRun> {
  const run: ReconciliationRun = { id: newTimeOrderedId(now), connectedSystemId: systemId, trigger, mode, status: 'queued', initiatedBy: initiatedBy(actor), createdDateTime: now.toISOString(), startedDateTime: null, completedDateTime: null, summary: emptySummary(), error: null };
  await insertRun(trx, run);
  await enqueueJobs(trx, [{ kind: jobKinds.reconcileConnectedSystem, payload: { runId: run.id } satisfies ReconciliationPayload, runAt: now }], now);
  return run;
}

async function recordInterrupted(trx: Executor, system: { id: string; displayName: string; kind: string }, now: Date): Promise<void> {
  for (const run of await failInterruptedRuns(trx, system.id, staleBefore(now), now.toISOString())) {
    await recordAudit(trx, reconciliationActor(run.id), now, runAudit(system, run, run.summary, run.error));
  }
}

/**
 * reconcile-connected-system: a run failing (the system down) is recorded as failed, not retried;
 * the next run is the retry. So the job itself never fails: a run is never left queued behind a
 * buried job.
 */
export function reconcileConnectedSystemHandler(deps: Deps): JobHandler {
  return {
    kind: jobKinds.reconcileConnectedSystem,
    maxAttempts: 3,
    async run(jobs: ClaimedJob[]) {
      for (const job of jobs) {
        const payload = job.payload as ReconciliationPayload;
        if ('runId' in payload) await runQueued(deps, payload.runId);
        else await queueScheduled(deps, payload.systemId, payload.dueDateTime);
      }
      return new Map();
    },
  };
}

async function runQueued(deps: Deps, runId: string): Promise<void> {
  const now = deps.clock();
  if (!(await claimRun(deps.db, runId, now.toISOString(), staleBefore(now)))) return; // another process has it, or it is over
  const run = (await findRunById(deps.db, runId))!;
  const system = await findConnectedSystem(deps.db, run.connectedSystemId);
  if (!system) {
    const error = 'The connected system was removed before the run started.';
    await deps.db.transaction().execute(async (trx) => {
      await finishRun(trx, runId, 'failed', run.summary, error, now.toISOString());
      await recordAudit(trx, reconciliationActor(runId), now, runAudit({ id: run.connectedSystemId, displayName: null }, run, run.summary, error));
    });
    return;
  }
  await runReconciliation(deps, system, run);
}

/** A scheduled time has come: the run is queued (unless one is under way), and the next time set. */
async function queueScheduled(deps: Deps, systemId: string, dueDateTime: string): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const system = await findConnectedSystem(trx, systemId);
    if (!system) return;
    await lockConnectedSystem(trx, systemId);
    if (!(await isScheduledRunDue(trx, systemId, dueDateTime))) return; // the schedule changed since this job was written
    await scheduleFollowingRun(trx, systemId, now);
    await recordInterrupted(trx, system, now);
    // One at a time: a run under way (asked for by hand) stands in for this one.
    if (await activeRun(trx, systemId, staleBefore(now))) return;
    await queueRun(trx, systemId, 'schedule', system.reconciliation.mode, reconciliationActor(randomUUID()), now);
  });
  deps.wakeJobs();
}
