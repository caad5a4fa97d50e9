import type { Executor } from '../../db/database.js';
import { deliveredState, type RoleGrant } from '../../domain/assignment.js';
import type { ClaimedJob } from '../../jobs/job-queue.repo.js';
import { enqueueJobs } from '../../jobs/job-queue.repo.js';
import { jobKinds, type AssignmentPayload, type RegrantPayload } from '../../jobs/job-kinds.js';
import type { JobHandler } from '../../jobs/job-worker.js';
import type { Deps } from '../deps.js';
import { findAssignmentsByIds, saveAssignmentsState } from './assignments.repo.js';
import { grantRoles } from './role-delivery.js';
import { findGrantsByIds, grantsGivingTheSame, grantsOfAssignments, markRegrantFailed, markRegranted, setGrantStates } from './role-grants.repo.js';

/**
 * Granting again what an assignment should hold. Two paths need it:
 * - shared access: revocation skips a role another assignment still gives, but that other
 *   assignment may have been granted in the instant between the check and the revocation (its
 *   grant found the role present and did nothing, then the revocation removed it);
 * - an administrator's reprocess of an assignment, to repair access removed by hand.
 * Granting is idempotent, so a needless regrant costs one call.
 */

/** After revoking, look again: any other grant of the same access goes back to pending, and a job grants it anew. */
export async function regrantWhereStillGiven(trx: Executor, revoked: readonly RoleGrant[], now: Date): Promise<void> {
  const others = await grantsGivingTheSame(trx, revoked);
  if (others.length === 0) return;
  await setGrantStates(trx, others.map((grant) => ({ id: grant.id, state: 'pendingGrant' as const })), now);
  await enqueueRegrant(trx, others, now);
}

export async function enqueueRegrant(trx: Executor, grants: readonly Pick<RoleGrant, 'id'>[], now: Date): Promise<void> {
  if (grants.length === 0) return;
  await enqueueJobs(trx, [{ kind: jobKinds.regrantRoles, payload: { grantIds: grants.map((grant) => grant.id) } satisfies RegrantPayload, runAt: now }], now);
}

/** Retried with backoff like a delivery; after the last attempt the grant is recorded as failed. */
const regrantAttempts = 6;

/**
 * regrant-roles: grants what is still pending or granted (an assignment ended meanwhile has its
 * grants marked for revocation, and is left alone), then records the outcome and each touched
 * assignment's delivered state. The one race left is with an assignment ending while its role is
 * being granted here: if the revocation ran first, the grant put the role back. So a grant found
 * marked for revocation (or revoked) when the outcome is recorded is revoked once more, by the
 * assignment's expiry job, which revokes whatever of an ended assignment is still pending.
 */
export function regrantHandler(deps: Deps): JobHandler {
  return {
    kind: jobKinds.regrantRoles,
    maxAttempts: regrantAttempts + 2,
    async run(jobs: ClaimedJob[]) {
      // A job at its last attempt ends whatever happens; a grant is given up only when every job naming it is at its last.
      const lastAttempt = (job: ClaimedJob) => job.attempts >= regrantAttempts;
      const jobsOf = new Map<string, ClaimedJob[]>();
      for (const job of jobs) for (const id of (job.payload as RegrantPayload).grantIds) jobsOf.set(id, [...(jobsOf.get(id) ?? []), job]);
      const grants = (await findGrantsByIds(deps.db, [...jobsOf.keys()])).filter((grant) => grant.state === 'pendingGrant' || grant.state === 'granted');
      if (grants.length === 0) return new Map();
      const outcome = await grantRoles(deps, grants);
      const succeeded = grants.filter((grant) => outcome.get(grant.id) === null);
      const failed = grants.filter((grant) => outcome.get(grant.id));
      const givenUp = failed.filter((grant) => jobsOf.get(grant.id)!.every(lastAttempt));
      const now = deps.clock();

      await deps.db.transaction().execute(async (trx) => {
        const recorded = await markRegranted(trx, succeeded.map((grant) => grant.id), now);
        await markRegrantFailed(trx, givenUp.map((grant) => ({ id: grant.id, error: outcome.get(grant.id)!.message.slice(0, 1000) })));
        // Not written: the assignment ended meanwhile (pendingRevoke, revoked or revokeFailed).
        const ended = succeeded.filter((grant) => !recorded.has(grant.id));
        await setGrantStates(trx, ended.map((grant) => ({ id: grant.id, state: 'pendingRevoke' as const })), now);
        await enqueueJobs(trx, [...new Set(ended.map((grant) => grant.assignmentId))].map((assignmentId) => ({ kind: jobKinds.expireAssignment, payload: { assignmentId } satisfies AssignmentPayload, runAt: now })), now);
        await refreshDeliveredStates(trx, [...new Set([...succeeded, ...givenUp].map((grant) => grant.assignmentId))], now);
      });
      deps.wakeJobs();

      const failures = new Map<string, Error>();
      for (const grant of failed) {
        for (const job of jobsOf.get(grant.id)!) if (!lastAttempt(job) && !failures.has(job.id)) failures.set(job.id, outcome.get(grant.id)!);
      }
      return failures;
    },
  };
}

/**
 * An active, delivered (or partly) assignment's state follows its grants: a reprocess that
 * delivers what had failed makes it delivered, a regrant given up makes it partly delivered. One
 * still delivering is left to its request's delivery, which settles it.
 */
async function refreshDeliveredStates(trx: Executor, assignmentIds: readonly string[], now: Date): Promise<void> {
  const settled = (await findAssignmentsByIds(trx, assignmentIds)).filter((a) => a.isActive && a.state !== 'delivering' && a.state !== 'expired');
  if (settled.length === 0) return;
  const grantsOf = new Map<string, RoleGrant[]>();
  for (const grant of await grantsOfAssignments(trx, settled.map((a) => a.id))) grantsOf.set(grant.assignmentId, [...(grantsOf.get(grant.assignmentId) ?? []), grant]);
  for (const assignment of settled) {
    const next = deliveredState(grantsOf.get(assignment.id) ?? []);
    if (next.state !== assignment.state) await saveAssignmentsState(trx, [assignment.id], next, now);
  }
}
