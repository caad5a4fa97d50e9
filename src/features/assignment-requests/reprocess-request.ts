import { advanceRequest } from '../../domain/assignment-request.js';
import { ConflictError, NotFoundError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { enqueueJobs } from '../../jobs/job-queue.repo.js';
import { jobKinds, type RequestPayload } from '../../jobs/job-kinds.js';
import { recordAudit } from '../audit/audit.repo.js';
import type { Deps } from '../deps.js';
import { onUniqueViolation } from '../../db/dialect.js';
import { findRequest, lockRequest, moveRequest, openRequestFor } from './assignment-requests.repo.js';
import { openRequestConflict } from './request-checks.js';
import { requestStory } from './request-story.js';
import { lifecycleActor, lifecycleEntry, requestTarget } from './lifecycle-audit.js';
import { holdRuleLockFor } from '../automatic-assignments/automatic-assignments.js';

/**
 * POST …/assignmentRequests/{id}/reprocess: delivers again what failed (after the target system
 * is fixed). Grants already delivered are left as they are; only the failed ones are tried.
 */
export async function reprocessRequest(deps: Deps, actor: Actor, requestId: string): Promise<void> {
  const now = deps.clock();
  await deps.db
    .transaction()
    .execute(async (trx) => {
      await lockRequest(trx, requestId);
      const request = await findRequest(trx, requestId);
      if (!request) throw new NotFoundError('Access package assignment request', requestId);
      const next = advanceRequest(request, { kind: 'reprocess' });
      await holdRuleLockFor(trx, request.accessPackageId);
      // Reprocessing reopens the request: not while another (a removal, say) is under way for the same access.
      const open = await openRequestFor(trx, request.targetId, request.accessPackageId);
      if (open && open.id !== request.id) throw openRequestConflict();
      if ((await moveRequest(trx, request.id, request.state, next, now)) === 0) throw new ConflictError('The request changed meanwhile; look at it again.', 'state', 'InvalidRequestState');
      await enqueueJobs(trx, [{ kind: jobKinds.deliverRequest, payload: { requestId: request.id } satisfies RequestPayload, runAt: now }], now);
      await recordAudit(trx, lifecycleActor(actor, request.id), now, lifecycleEntry('Reprocess access package assignment request', 'Update', [requestTarget(request, (await requestStory(trx, request)).accessPackage)]));
    })
    .catch(onUniqueViolation(openRequestConflict));
  deps.wakeJobs();
}
