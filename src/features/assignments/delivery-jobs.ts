import { advanceRequest } from '../../domain/assignment-request.js';
import type { ClaimedJob } from '../../jobs/job-queue.repo.js';
import { jobKinds, type RequestPayload } from '../../jobs/job-kinds.js';
import type { JobHandler } from '../../jobs/job-worker.js';
import { recordAudit } from '../audit/audit.repo.js';
import { findRequestsByIds, moveRequest } from '../assignment-requests/assignment-requests.repo.js';
import { details, lifecycleEntry, requestTarget, systemActor } from '../assignment-requests/lifecycle-audit.js';
import { requestStory } from '../assignment-requests/request-story.js';
import type { Deps } from '../deps.js';
import { enqueueJobs } from '../../jobs/job-queue.repo.js';
import { finishDeliveries } from './finish-delivery.js';
import { prepareDeliveries } from './prepare-delivery.js';
import { grantRoles, revokeRoles } from './role-delivery.js';

/**
 * Connector failures are retried with backoff (1 s, 2 s, 4 s, 8 s, 16 s); after the last attempt
 * the request ends partly delivered or failed, and an administrator can reprocess it.
 */
const deliveryAttempts = 6;

/** deliver-request: a burst of requests is delivered in three steps, two transactions in all. */
export function deliverRequestsHandler(deps: Deps): JobHandler {
  return {
    kind: jobKinds.deliverRequest,
    maxAttempts: deliveryAttempts + 2,
    async run(jobs: ClaimedJob[]) {
      const jobOf = new Map(jobs.map((job) => [(job.payload as RequestPayload).requestId, job]));
      const requests = (await findRequestsByIds(deps.db, [...jobOf.keys()])).filter((request) => request.state === 'delivering');
      if (requests.length === 0) return new Map();
      const deliveries = await deps.db.transaction().execute((trx) => prepareDeliveries(trx, requests, deps.clock()));

      const toGrant = deliveries.flatMap((d) => (d.kind === 'grant' ? d.grants : []));
      const toRevoke = deliveries.flatMap((d) => (d.kind === 'revoke' ? d.grants : []));
      const granted = await grantRoles(deps, toGrant);
      // Grants come first, so that a package swapped for another giving the same role keeps it.
      const grantedNow = new Set([...granted].filter(([, error]) => error === null).map(([id]) => id));
      const { outcome: revokedOutcome, revoked } = await revokeRoles(deps, toRevoke, grantedNow);
      const outcome = new Map([...granted, ...revokedOutcome]);

      const lastAttempt = (requestId: string) => (jobOf.get(requestId)?.attempts ?? deliveryAttempts) >= deliveryAttempts;
      const retry = await deps.db.transaction().execute((trx) => finishDeliveries(trx, deliveries, outcome, revoked, lastAttempt, deps.clock()));
      deps.wakeJobs();
      const failures = new Map<string, Error>();
      for (const requestId of retry) {
        const failed = deliveries.find((d) => d.request.id === requestId);
        const firstError = failed && 'grants' in failed ? failed.grants.map((grant) => outcome.get(grant.id)).find(Boolean) : undefined;
        failures.set(jobOf.get(requestId)!.id, firstError ?? new Error('delivery incomplete'));
      }
      return failures;
    },
  };
}

/** start-scheduled-request: a request approved for a later start begins delivery at its start. */
export function startScheduledHandler(deps: Deps): JobHandler {
  return {
    kind: jobKinds.startScheduledRequest,
    maxAttempts: 10,
    async run(jobs: ClaimedJob[]) {
      const now = deps.clock();
      const requests = await findRequestsByIds(deps.db, jobs.map((job) => (job.payload as RequestPayload).requestId));
      await deps.db.transaction().execute(async (trx) => {
        for (const request of requests) {
          if (request.state !== 'scheduled') continue; // canceled meanwhile
          if ((await moveRequest(trx, request.id, 'scheduled', advanceRequest(request, { kind: 'startScheduled' }), now)) === 0) continue;
          await enqueueJobs(trx, [{ kind: jobKinds.deliverRequest, payload: { requestId: request.id } satisfies RequestPayload, runAt: now }], now);
          await recordAudit(trx, systemActor(request.id), now, lifecycleEntry('Ready to fulfill access package assignment request', 'Update', [requestTarget(request, (await requestStory(trx, request)).accessPackage)], details({ startDateTime: request.schedule.startDateTime })));
        }
      });
      deps.wakeJobs();
      return new Map();
    },
  };
}
