import { resolveStageApprovers } from '../../domain/approval-stage.js';
import { advanceRequest } from '../../domain/assignment-request.js';
import type { ClaimedJob } from '../../jobs/job-queue.repo.js';
import { jobKinds, type StagePayload } from '../../jobs/job-kinds.js';
import type { JobHandler } from '../../jobs/job-worker.js';
import { recordAudit } from '../audit/audit.repo.js';
import { findRequest, lockRequest, moveRequest } from '../assignment-requests/assignment-requests.repo.js';
import { requestStory } from '../assignment-requests/request-story.js';
import { details, lifecycleEntry, requestTarget, systemActor } from '../assignment-requests/lifecycle-audit.js';
import type { Deps } from '../deps.js';
import { enqueueNotifications } from '../notifications/notification.js';
import { addStageApprovers, findStage, markStageEscalated, recordStageDecision, stageApproverIds } from './approvals.repo.js';
import { loadApproverFacts } from './approver-facts.js';
import { applyStageOutcome } from './decide-approval-stage.js';

/**
 * The clock's part in approvals: a stage nobody decided by its deadline is denied, one with
 * escalation goes to the escalation approvers after its delay, and approvers are reminded halfway.
 * Each job checks the stage is still waiting; a decision made meanwhile makes it a no-op.
 */
function stageHandler(deps: Deps, kind: string, act: (payload: StagePayload, now: Date) => Promise<void>): JobHandler {
  return {
    kind,
    maxAttempts: 10,
    async run(jobs: ClaimedJob[]) {
      const failures = new Map<string, Error>();
      for (const job of jobs) {
        try {
          await act(job.payload as StagePayload, deps.clock());
        } catch (error) {
          failures.set(job.id, error instanceof Error ? error : new Error(String(error)));
        }
      }
      deps.wakeJobs();
      return failures;
    },
  };
}

export function approvalDeadlineHandler(deps: Deps): JobHandler {
  return stageHandler(deps, jobKinds.approvalDeadline, (payload, now) =>
    deps.db.transaction().execute(async (trx) => {
      await lockRequest(trx, payload.requestId);
      const request = await findRequest(trx, payload.requestId);
      const stage = await findStage(trx, payload.stageId);
      if (!request || !stage || request.state !== 'pendingApproval') return;
      if (stage.dueDateTime && new Date(stage.dueDateTime).getTime() > now.getTime()) return;
      if (!(await recordStageDecision(trx, stage.id, { reviewResult: 'Denied', reviewedById: null, justification: null, status: 'Expired' }, now))) return;
      await applyStageOutcome(trx, systemActor(request.id), request, stage, 'TimedOut', null, now);
    }),
  );
}

export function approvalEscalationHandler(deps: Deps): JobHandler {
  return stageHandler(deps, jobKinds.approvalEscalation, (payload, now) =>
    deps.db.transaction().execute(async (trx) => {
      await lockRequest(trx, payload.requestId);
      const request = await findRequest(trx, payload.requestId);
      const stage = await findStage(trx, payload.stageId);
      if (!request || !stage || request.state !== 'pendingApproval') return;
      const settings = request.policySnapshot?.requestApprovalSettings.stages[stage.stageNumber - 1];
      if (!settings?.isEscalationEnabled || !(await markStageEscalated(trx, stage.id, now))) return;
      const people = await loadApproverFacts(trx, [...settings.escalationApprovers, ...settings.fallbackEscalationApprovers], request);
      const { approverIds, source } = resolveStageApprovers(settings, people, true);
      // Primary approvers keep the right to decide; the escalation approvers join them.
      await addStageApprovers(trx, stage, approverIds, source);
      await moveRequest(trx, request.id, 'pendingApproval', advanceRequest(request, { kind: 'escalate' }), now);
      const { accessPackage: named, facts } = await requestStory(trx, request);
      await recordAudit(trx, systemActor(request.id), now, lifecycleEntry('Escalate access package assignment request', 'Update', [requestTarget(request, named)], details({ stageNumber: stage.stageNumber, escalationApprovers: approverIds.length })));
      await enqueueNotifications(trx, now, [{ template: 'approvalEscalated', recipientIds: approverIds, facts: { ...facts, dueDateTime: stage.dueDateTime ?? undefined, stageNumber: stage.stageNumber } }]);
    }),
  );
}

export function approvalReminderHandler(deps: Deps): JobHandler {
  return stageHandler(deps, jobKinds.approvalReminder, (payload, now) =>
    deps.db.transaction().execute(async (trx) => {
      await lockRequest(trx, payload.requestId);
      const request = await findRequest(trx, payload.requestId);
      const stage = await findStage(trx, payload.stageId);
      if (!request || !stage || request.state !== 'pendingApproval' || stage.status !== 'InProgress' || stage.reviewResult !== 'NotReviewed') return;
      const { facts } = await requestStory(trx, request);
      await enqueueNotifications(trx, now, [{ template: 'approvalReminder', recipientIds: await stageApproverIds(trx, stage.id), facts: { ...facts, dueDateTime: stage.dueDateTime ?? undefined, stageNumber: stage.stageNumber } }]);
    }),
  );
}
