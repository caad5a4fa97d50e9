import type { ClaimedJob } from '../../jobs/job-queue.repo.js';
import { enqueueJobs } from '../../jobs/job-queue.repo.js';
import { jobKinds, type DynamicGroupPayload } from '../../jobs/job-kinds.js';
import type { JobHandler } from '../../jobs/job-worker.js';
import type { Executor } from '../../db/database.js';
import type { Deps } from '../deps.js';
import { reconcileGroup } from './dynamic-membership.js';

/** Asks for the group's rule to be applied to the whole directory, in the caller's transaction. */
export async function enqueueGroupReconciliation(trx: Executor, groupId: string, correlationId: string, now: Date): Promise<void> {
  await enqueueJobs(trx, [{ kind: jobKinds.reconcileDynamicGroup, payload: { groupId, correlationId } satisfies DynamicGroupPayload, runAt: now }], now);
}

/**
 * reconcile-dynamic-group: a new or changed rule (or one switched back On) meets every user, in
 * short transactions (reconcileGroup); a group deleted, paused or made static meanwhile is left as
 * it is. A pass cut short by a crash is run again whole: its moves so far are found made.
 */
export function reconcileDynamicGroupHandler(deps: Deps): JobHandler {
  return {
    kind: jobKinds.reconcileDynamicGroup,
    maxAttempts: 10,
    async run(jobs: ClaimedJob[]) {
      const failures = new Map<string, Error>();
      const seen = new Set<string>();
      for (const job of jobs) {
        const { groupId, correlationId } = job.payload as DynamicGroupPayload;
        if (seen.has(groupId)) continue;
        seen.add(groupId);
        try {
          await reconcileGroup(deps.db, groupId, { correlationId, now: deps.clock() });
        } catch (error) {
          failures.set(job.id, error instanceof Error ? error : new Error(String(error)));
        }
      }
      // Moves may cascade into automatic assignments, whose requests are jobs of their own.
      deps.wakeJobs();
      return failures;
    },
  };
}
