import type { Executor } from '../../db/database.js';
import { resolveStageApprovers, stageDeadlines, type ApprovalStage } from '../../domain/approval-stage.js';
import type { AssignmentRequest } from '../../domain/assignment-request.js';
import { enqueueJobs } from '../../jobs/job-queue.repo.js';
import { jobKinds, type StagePayload } from '../../jobs/job-kinds.js';
import { enqueueNotifications, type NotificationFacts } from '../notifications/notification.js';
import { addStageApprovers, startStage } from './approvals.repo.js';
import { loadApproverFacts } from './approver-facts.js';

/**
 * Opens a stage of a request's approval, inside the caller's transaction: finds its approvers
 * (primary, or fallback when none can be found), sets its deadlines, and writes the jobs that
 * will remind, escalate and deny automatically, and the mail to the approvers. Returns the
 * approvers; none means the stage cannot be decided by anyone, which the caller must handle.
 */
export async function beginApprovalStage(trx: Executor, request: AssignmentRequest, stage: ApprovalStage, now: Date, facts: NotificationFacts): Promise<string[]> {
  const settings = request.policySnapshot!.requestApprovalSettings.stages[stage.stageNumber - 1]!;
  const people = await loadApproverFacts(trx, [...settings.primaryApprovers, ...settings.fallbackPrimaryApprovers], request);
  const { approverIds, source } = resolveStageApprovers(settings, people);
  if (approverIds.length === 0) return [];

  const deadlines = stageDeadlines(settings, now);
  await startStage(trx, stage.id, { startedDateTime: now.toISOString(), ...deadlines });
  await addStageApprovers(trx, stage, approverIds, source);
  const payload: StagePayload = { requestId: request.id, stageId: stage.id };
  const due = new Date(deadlines.dueDateTime);
  await enqueueJobs(
    trx,
    [
      { kind: jobKinds.approvalDeadline, payload, runAt: due },
      // Halfway to the deadline, approvers who have not acted are reminded.
      { kind: jobKinds.approvalReminder, payload, runAt: new Date(now.getTime() + (due.getTime() - now.getTime()) / 2) },
      ...(deadlines.escalationDateTime ? [{ kind: jobKinds.approvalEscalation, payload, runAt: new Date(deadlines.escalationDateTime) }] : []),
    ],
    now,
  );
  await enqueueNotifications(trx, now, [{ template: 'approvalRequested', recipientIds: approverIds, facts: { ...facts, dueDateTime: deadlines.dueDateTime, stageNumber: stage.stageNumber } }]);
  return approverIds;
}
