import { randomUUID } from 'node:crypto';
import type { Executor } from '../../db/database.js';
import { onUniqueViolation } from '../../db/dialect.js';
import type { ApprovalStage } from '../../domain/approval-stage.js';
import { advanceRequest, type AssignmentRequest } from '../../domain/assignment-request.js';
import { ConflictError, ValidationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { enqueueJobs } from '../../jobs/job-queue.repo.js';
import { jobKinds, type RequestPayload } from '../../jobs/job-kinds.js';
import { holdPolicy } from '../assignment-policies/assignment-policies.repo.js';
import { recordAudit } from '../audit/audit.repo.js';
import { insertStages } from '../approvals/approvals.repo.js';
import { beginApprovalStage } from '../approvals/begin-approval-stage.js';
import type { Deps } from '../deps.js';
import { newTimeOrderedId } from '../time-ordered-ids.js';
import { insertRequest, insertRequests, openRequestFor } from './assignment-requests.repo.js';
import type { SubmitRequestInput } from './assignment-requests.schemas.js';
import { details, lifecycleActor, lifecycleEntry, packageTarget, requestTarget, submittedActivity, userTarget } from './lifecycle-audit.js';
import { planRequest, type PlannedRequest } from './plan-request.js';
import { holdRuleLockFor } from '../automatic-assignments/automatic-assignments.js';
import { openRequestConflict } from './request-checks.js';

/**
 * POST …/assignmentRequests: checks the request against its policy, records it, and in the same
 * transaction writes what moves it on — the first approval stage, a scheduled start, or delivery
 * — so a request accepted is a request that will reach a final state, whatever crashes after.
 */
export async function submitRequest(deps: Deps, actor: Actor, input: SubmitRequestInput): Promise<AssignmentRequest> {
  const now = deps.clock();
  const id = newTimeOrderedId(now);
  const request = await deps
    .transact(async (trx) => {
      const plan = await planRequest(trx, actor, input, id, now);
      await holdRuleLockFor(trx, plan.accessPackage.id);
      if (await openRequestFor(trx, plan.target.id, plan.accessPackage.id)) throw openRequestConflict();
      // Held until the request is written, so that the policy cannot be deleted in between.
      if (plan.policy && !(await holdPolicy(trx, deps.dialect, plan.policy.id))) {
        throw new ConflictError(`The policy '${plan.policy.displayName}' was deleted while the request was being made; request the package again.`, 'assignment.assignmentPolicyId', 'PolicyDeleted');
      }
      return recordRequest(trx, lifecycleActor(actor, id), plan, now);
    })
    // Two requests racing past the check above meet the one-open-request index instead.
    .catch(onUniqueViolation(openRequestConflict));
  deps.wakeJobs();
  return request;
}

/**
 * Writes many planned removals that need no approval (planSystemRemovals), each straight to
 * delivery: the requests in one insert, their delivery jobs in another, their audit entries (each
 * in its request's story) in one append. As recordRequest would write them one by one.
 */
export async function recordRemovals(trx: Executor, actor: Actor, plans: readonly PlannedRequest[], now: Date): Promise<AssignmentRequest[]> {
  const requests = plans.map((plan): AssignmentRequest => {
    if (plan.approvalRequired || plan.startsLater || !plan.request.requestType.endsWith('Remove')) throw new Error('recordRemovals writes removals that go straight to delivery.');
    return { ...plan.request, ...advanceRequest({ state: 'submitted', status: 'Accepted' }, { kind: 'accept', approvalRequired: false, startsLater: false }) };
  });
  await insertRequests(trx, requests);
  await enqueueJobs(trx, requests.map((request) => ({ kind: jobKinds.deliverRequest, payload: { requestId: request.id } satisfies RequestPayload, runAt: now })), now);
  await recordAudit(
    trx,
    actor,
    now,
    plans.map((plan, index) => {
      const request = requests[index]!;
      return {
        ...lifecycleEntry(submittedActivity[request.requestType], 'Unassign', [requestTarget(request, plan.accessPackage), packageTarget(plan.accessPackage), userTarget(plan.target)], details({ requestType: request.requestType, policyId: request.policyId, policyDisplayName: plan.policy?.displayName, justification: request.justification })),
        correlationId: request.id,
      };
    }),
  );
  return requests;
}

/** Writes a planned request and what moves it on (approval, scheduled start or delivery), with its audit entries. */
export async function recordRequest(trx: Executor, actor: Actor, plan: PlannedRequest, now: Date): Promise<AssignmentRequest> {
  const { accessPackage, target } = plan;
  const next = advanceRequest({ state: 'submitted', status: 'Accepted' }, { kind: 'accept', approvalRequired: plan.approvalRequired, startsLater: plan.startsLater });
  const request: AssignmentRequest = { ...plan.request, ...next };
  await insertRequest(trx, request);

  const targets = [requestTarget(request, accessPackage), packageTarget(accessPackage), userTarget(target)];
  const entries = [
    lifecycleEntry(
      submittedActivity[request.requestType],
      request.requestType.endsWith('Remove') ? 'Unassign' : 'Assign',
      targets,
      details({ requestType: request.requestType, policyId: request.policyId, policyDisplayName: plan.policy?.displayName, justification: request.justification, startDateTime: request.schedule.startDateTime, answers: request.answers.length ? JSON.stringify(request.answers.map((a) => ({ question: a.answeredQuestion.id, value: a.value }))) : null }),
    ),
  ];

  if (request.state === 'pendingApproval') {
    const stages: ApprovalStage[] = request.policySnapshot!.requestApprovalSettings.stages.map((_, index) => ({
      id: randomUUID(),
      requestId: request.id,
      stageNumber: index + 1,
      status: 'NotStarted',
      reviewResult: 'NotReviewed',
      reviewedById: null,
      reviewedDateTime: null,
      justification: null,
      startedDateTime: null,
      dueDateTime: null,
      escalationDateTime: null,
      escalatedDateTime: null,
    }));
    await insertStages(trx, stages);
    const approvers = await beginApprovalStage(trx, request, stages[0]!, now, {
      accessPackageId: accessPackage.id,
      accessPackageDisplayName: accessPackage.displayName,
      requestId: request.id,
      targetDisplayName: target.displayName,
      requestorDisplayName: actor.principal.kind === 'user' ? actor.principal.displayName : 'Tessera',
      justification: request.justification,
    });
    // Refused here, while the requester is waiting for an answer, rather than left to time out.
    if (approvers.length === 0) throw new ValidationError('No approver can be found for this request: the policy names nobody who could decide it (a missing manager or sponsor, and no fallback approvers). Ask the package’s manager to add fallback approvers.', 'assignmentPolicyId');
    entries.push(lifecycleEntry('Create request approval', 'Add', targets, details({ stageNumber: 1, approvers: approvers.length })));
  } else {
    if (request.requestType === 'userAdd' || request.requestType === 'userUpdate') entries.push(lifecycleEntry('Auto approve access package assignment request', 'Update', targets));
    const payload: RequestPayload = { requestId: request.id };
    if (request.state === 'scheduled') {
      entries.push(lifecycleEntry('Schedule a future access package assignment', 'Update', targets, details({ startDateTime: request.schedule.startDateTime })));
      await enqueueJobs(trx, [{ kind: jobKinds.startScheduledRequest, payload, runAt: new Date(request.schedule.startDateTime!) }], now);
    } else {
      await enqueueJobs(trx, [{ kind: jobKinds.deliverRequest, payload, runAt: now }], now);
    }
  }
  await recordAudit(trx, actor, now, entries);
  return request;
}
