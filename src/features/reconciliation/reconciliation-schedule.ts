import type { Executor } from '../../db/database.js';
import { ValidationError } from '../../domain/errors.js';
import { reconcilableKinds, type ConnectedSystem, type ReconciliationSettings } from '../../domain/connected-system.js';
import type { ReconciliationMode } from '../../domain/reconciliation.js';
import { enqueueJobs } from '../../jobs/job-queue.repo.js';
import { jobKinds, type ReconciliationPayload } from '../../jobs/job-kinds.js';
import { nextReconciliationOf, reconciliationIntervalOf, setNextReconciliation } from './reconciliation.repo.js';

/**
 * A system's reconciliation schedule. The time the next scheduled run is due is kept on the system;
 * its job carries that time, so that a job written for a schedule since changed (or dropped) finds
 * another time there and does nothing.
 */
export function reconciliationSettingsOf(system: Pick<ConnectedSystem, 'kind'>, before: ReconciliationSettings | undefined, change: { mode?: ReconciliationMode; intervalMinutes?: number | null } | undefined, now: Date): ReconciliationSettings {
  const mode = change?.mode ?? before?.mode ?? 'reportOnly';
  const intervalMinutes = change?.intervalMinutes === undefined ? (before?.intervalMinutes ?? null) : change.intervalMinutes;
  if (!reconcilableKinds.includes(system.kind) && (intervalMinutes !== null || mode !== 'reportOnly')) {
    throw new ValidationError(`A ${system.kind} system cannot be listed, so it cannot be reconciled: leave reconciliation out.`, 'reconciliation');
  }
  const rescheduled = intervalMinutes !== (before?.intervalMinutes ?? null);
  const nextRunDateTime = intervalMinutes === null ? null : rescheduled || !before?.nextRunDateTime ? new Date(now.getTime() + intervalMinutes * 60_000).toISOString() : before.nextRunDateTime;
  return { mode, intervalMinutes, nextRunDateTime };
}

/** The job of the next scheduled run, when the settings name one that no job was written for yet. */
export async function enqueueScheduledRun(trx: Executor, systemId: string, before: ReconciliationSettings | undefined, after: ReconciliationSettings, now: Date): Promise<void> {
  if (!after.nextRunDateTime || after.nextRunDateTime === before?.nextRunDateTime) return;
  await enqueueJobs(trx, [{ kind: jobKinds.reconcileConnectedSystem, payload: { systemId, dueDateTime: after.nextRunDateTime } satisfies ReconciliationPayload, runAt: new Date(after.nextRunDateTime) }], now);
}

/** When a scheduled run starts: the one after it, counted from now (a run late by a long outage does not bunch up its successors). */
export async function scheduleFollowingRun(trx: Executor, systemId: string, now: Date): Promise<void> {
  const interval = await reconciliationIntervalOf(trx, systemId);
  if (!interval) return;
  const next = new Date(now.getTime() + interval * 60_000).toISOString();
  await setNextReconciliation(trx, systemId, next);
  await enqueueJobs(trx, [{ kind: jobKinds.reconcileConnectedSystem, payload: { systemId, dueDateTime: next } satisfies ReconciliationPayload, runAt: new Date(next) }], now);
}

/** Whether a scheduled job is the one the system's schedule is waiting for. */
export async function isScheduledRunDue(db: Executor, systemId: string, dueDateTime: string): Promise<boolean> {
  return (await nextReconciliationOf(db, systemId)) === dueDateTime;
}
