import { advanceRequest } from '../../domain/assignment-request.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { closeUndecidedStages } from '../approvals/approvals.repo.js';
import { recordAudit } from '../audit/audit.repo.js';
import type { Deps } from '../deps.js';
import { findRequest, lockRequest, moveRequest } from './assignment-requests.repo.js';
import { requestStory } from './request-story.js';
import { lifecycleActor, lifecycleEntry, requestTarget } from './lifecycle-audit.js';
import { noteGuestAccessChanged } from '../guests/guest-lifecycle.js';

/**
 * POST …/assignmentRequests/{id}/cancel: the requester, the person it is for, or someone who
 * manages the package's assignments withdraws a request that has not begun delivery.
 * `mayManage` is the route's answer to whether the caller manages the package's assignments.
 */
export async function cancelRequest(deps: Deps, actor: Actor, requestId: string, mayManage: boolean): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    await lockRequest(trx, requestId);
    const request = await findRequest(trx, requestId);
    if (!request) throw new NotFoundError('Access package assignment request', requestId);
    const callerId = actor.principal.kind === 'user' ? actor.principal.id : null;
    if (!mayManage && callerId !== request.requestorId && callerId !== request.targetId) throw new ForbiddenError('Only the requester, the person the request is for, or an assignment manager may cancel it.');
    const next = advanceRequest(request, { kind: 'cancel' });
    // A deadline or an approver acting at the same moment wins or loses here, never both.
    if ((await moveRequest(trx, request.id, request.state, next, now)) === 0) throw new ConflictError('The request changed while it was being canceled; look at it again.', 'state', 'InvalidRequestState');
    await closeUndecidedStages(trx, request.id);
    await noteGuestAccessChanged(trx, [request.targetId], now);
    await recordAudit(trx, lifecycleActor(actor, request.id), now, lifecycleEntry('Cancel access package assignment request', 'Update', [requestTarget(request, (await requestStory(trx, request)).accessPackage)]));
  });
}
