import type { Executor } from '../../db/database.js';
import { enqueueJobs, type ClaimedJob } from '../../jobs/job-queue.repo.js';
import { jobKinds, type AutomaticPolicyPayload, type AutomaticRemovalPayload, type AutomaticTargetPayload } from '../../jobs/job-kinds.js';
import type { JobHandler } from '../../jobs/job-worker.js';
import type { Deps } from '../deps.js';
import { ruleMatcherOf } from '../dynamic-groups/rule-matcher.js';
import { reconcilePolicy, removeIfStillOutside, settleTargets } from './automatic-assignments.js';

/** Asks for an automatic policy to be applied to the whole directory, in the caller's transaction. */
export async function enqueuePolicyReconciliation(trx: Executor, policyId: string, correlationId: string, now: Date): Promise<void> {
  await enqueueJobs(trx, [{ kind: jobKinds.reconcileAutomaticPolicy, payload: { policyId, correlationId } satisfies AutomaticPolicyPayload, runAt: now }], now);
}

/** reconcile-automatic-policy: a new or changed automatic policy meets every user, in short transactions (reconcilePolicy). */
export function reconcileAutomaticPolicyHandler(deps: Deps): JobHandler {
  return {
    kind: jobKinds.reconcileAutomaticPolicy,
    maxAttempts: 10,
    async run(jobs: ClaimedJob[]) {
      const failures = new Map<string, Error>();
      const seen = new Set<string>();
      for (const job of jobs) {
        const { policyId, correlationId } = job.payload as AutomaticPolicyPayload;
        if (seen.has(policyId)) continue;
        seen.add(policyId);
        try {
          await reconcilePolicy(deps.db, policyId, { correlationId, now: deps.clock() });
        } catch (error) {
          failures.set(job.id, error instanceof Error ? error : new Error(String(error)));
        }
      }
      deps.wakeJobs();
      return failures;
    },
  };
}

/** automatic-removal: the grace period of a user who stopped matching has ended; they lose the package unless they match again. */
export function automaticRemovalHandler(deps: Deps): JobHandler {
  return {
    kind: jobKinds.automaticRemoval,
    maxAttempts: 10,
    async run(jobs: ClaimedJob[]) {
      const failures = new Map<string, Error>();
      for (const job of jobs) {
        try {
          await deps.db.transaction().execute(async (trx) => {
            const now = deps.clock();
            await removeIfStillOutside(trx, job.payload as AutomaticRemovalPayload, async (userId, rule) => (await ruleMatcherOf(trx, userId, now))(rule.source), now);
          });
        } catch (error) {
          failures.set(job.id, error instanceof Error ? error : new Error(String(error)));
        }
      }
      deps.wakeJobs();
      return failures;
    },
  };
}

/** settle-automatic-target: system requests have finished; their users are tested again against their package's automatic policies, all at once. */
export function settleAutomaticTargetHandler(deps: Deps): JobHandler {
  return {
    kind: jobKinds.settleAutomaticTarget,
    maxAttempts: 10,
    async run(jobs: ClaimedJob[]) {
      await deps.db.transaction().execute((trx) => settleTargets(trx, jobs.map((job) => job.payload as AutomaticTargetPayload), deps.clock()));
      deps.wakeJobs();
      return new Map();
    },
  };
}
