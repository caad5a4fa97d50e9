import type { Executor } from '../../db/database.js';
import { checkStageDecision, type ApprovalStage, type StageDecision } from '../../domain/approval-stage.js';
import { advanceRequest, type AssignmentRequest } from '../../domain/assignment-request.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { enqueueJobs } from '../../jobs/job-queue.repo.js';
import { jobKinds, type RequestPayload } from '../../jobs/job-kinds.js';
import { recordAudit } from '../audit/audit.repo.js';
import { findRequest, lockRequest, moveRequest } from '../assignment-requests/assignment-requests.repo.js';
import { requestStory } from '../assignment-requests/request-story.js';
import { details, lifecycleActor, lifecycleEntry, requestTarget } from '../assignment-requests/lifecycle-audit.js';
import type { Deps } from '../deps.js';
import { enqueueNotifications } from '../notifications/notification.js';
import { closeUndecidedStages, findStage, recordStageDecision, stageApproverIds, stagesOfRequests } from './approvals.repo.js';
import { beginApprovalStage } from './begin-approval-stage.js';
import { noteGuestAccessChanged } from '../guests/guest-lifecycle.js';

/**
 * PATCH …/accessPackageAssignmentApprovals/{requestId}/stages/{stageId}: an approver decides a
 * stage. The first decision counts; any deny ends the request; the last approval sends it to
 * delivery (or to its scheduled start); an earlier one opens the next stage.
 */
export async function decideApprovalStage(deps: Deps, actor: Actor, requestId: string, stageId: string, decision: StageDecision): Promise<void> {
  if (actor.principal.kind !== 'user') throw new ForbiddenError('Only a signed-in approver can decide a request.');
  const deciderId = actor.principal.id;
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    await lockRequest(trx, requestId);
    const request = await findRequest(trx, requestId);
    const stage = await findStage(trx, stageId);
    if (!request || !stage || stage.requestId !== request.id) throw new NotFoundError('Approval stage', stageId);
    const approverIds = new Set(await stageApproverIds(trx, stage.id));
    const settings = request.policySnapshot?.requestApprovalSettings.stages[stage.stageNumber - 1];
    checkStageDecision(stage, decision, { deciderId, approverIds, requestorId: request.requestorId, targetId: request.targetId, isApproverJustificationRequired: settings?.isApproverJustificationRequired ?? false, now });
    if (request.state !== 'pendingApproval') throw new ConflictError(`The request is ${request.state} and no longer waits for approval.`, 'reviewResult', 'ApprovalStageAlreadyDecided');

    const reviewResult = decision.reviewResult === 'Approve' ? 'Approved' : 'Denied';
    // The first of two approvers deciding at once wins here; the other gets 409.
    if (!(await recordStageDecision(trx, stage.id, { reviewResult, reviewedById: deciderId, justification: decision.justification, status: 'Completed' }, now))) {
      throw new ConflictError(`Stage ${stage.stageNumber} was already decided by another approver.`, 'reviewResult', 'ApprovalStageAlreadyDecided');
    }
    await applyStageOutcome(trx, lifecycleActor(actor, request.id), request, stage, reviewResult, decision.justification, now);
  });
  deps.wakeJobs();
}

/**
 * After a stage is decided (by a person, or by its deadline): move the request on. The caller
 * holds the request's lock (lockRequest). `justification` is the decider's reason.
 */
export async function applyStageOutcome(trx: Executor, actor: Actor, request: AssignmentRequest, stage: ApprovalStage, result: 'Approved' | 'Denied' | 'TimedOut', justification: string | null, now: Date): Promise<void> {
  const { accessPackage: named, facts } = await requestStory(trx, request);
  const targets = [requestTarget(request, named)];
  const requester = request.requestorId ?? request.targetId;
  const notifyRequester = !request.policySnapshot?.notificationSettings.isAssignmentNotificationDisabled;

  if (result !== 'Approved') {
    const next = advanceRequest(request, { kind: result === 'TimedOut' ? 'timeOut' : 'deny' });
    if ((await moveRequest(trx, request.id, 'pendingApproval', next, now)) === 0) return;
    await closeUndecidedStages(trx, request.id);
    await noteGuestAccessChanged(trx, [request.targetId], now);
    const activity = result === 'TimedOut' ? 'Access package assignment request timed out (no approver action taken)' : 'Deny access package assignment request';
    await recordAudit(trx, actor, now, lifecycleEntry(activity, 'Update', targets, details({ stageNumber: stage.stageNumber, justification })));
    const reason = result === 'TimedOut' ? `No approver decided within the time the policy allows (stage ${stage.stageNumber}).` : justification;
    if (notifyRequester) await enqueueNotifications(trx, now, [{ template: 'requestDenied', recipientIds: [requester], facts: { ...facts, reason, stageNumber: stage.stageNumber } }]);
    return;
  }

  const stages = await stagesOfRequests(trx, [request.id]);
  const following = stages.find((candidate) => candidate.stageNumber === stage.stageNumber + 1);
  const startsLater = request.schedule.startDateTime !== null && new Date(request.schedule.startDateTime).getTime() > now.getTime();
  const next = advanceRequest(request, { kind: 'approveStage', isLastStage: !following, startsLater });
  if ((await moveRequest(trx, request.id, 'pendingApproval', next, now)) === 0) return;
  const entries = [lifecycleEntry('Approve access package assignment request', 'Update', targets, details({ stageNumber: stage.stageNumber, justification })), lifecycleEntry('Approval stage completed for access package assignment request', 'Update', targets, details({ stageNumber: stage.stageNumber, reviewResult: 'Approved' }))];

  if (following) {
    const approvers = await beginApprovalStage(trx, { ...request, ...next }, following, now, facts);
    if (approvers.length > 0) entries.push(lifecycleEntry('Create request approval', 'Add', targets, details({ stageNumber: following.stageNumber, approvers: approvers.length })));
    if (approvers.length === 0) {
      // Nobody can decide the next stage: the request cannot be approved, so it is denied with the reason.
      await recordAudit(trx, actor, now, entries);
      await applyStageOutcome(trx, actor, { ...request, ...next }, following, 'Denied', `No approver can be found for stage ${following.stageNumber}.`, now);
      return;
    }
  } else {
    const payload: RequestPayload = { requestId: request.id };
    await enqueueJobs(trx, [next.state === 'scheduled' ? { kind: jobKinds.startScheduledRequest, payload, runAt: new Date(request.schedule.startDateTime!) } : { kind: jobKinds.deliverRequest, payload, runAt: now }], now);
    if (notifyRequester) await enqueueNotifications(trx, now, [{ template: 'requestApproved', recipientIds: [requester], facts: { ...facts, reason: justification } }]);
  }
  await recordAudit(trx, actor, now, entries);
}
