import type { ApprovalStagesTable, Executor } from '../../db/database.js';
import type { ApprovalStage, ApproverSource, ReviewResult, StageStatus } from '../../domain/approval-stage.js';

/** The stages of each request's approval and who may decide each. */
function fromRow(row: ApprovalStagesTable): ApprovalStage {
  return {
    id: row.id,
    requestId: row.request_id,
    stageNumber: Number(row.stage_number),
    status: row.status as StageStatus,
    reviewResult: row.review_result as ReviewResult,
    reviewedById: row.reviewed_by_id,
    reviewedDateTime: row.reviewed_date_time,
    justification: row.justification,
    startedDateTime: row.started_date_time,
    dueDateTime: row.due_date_time,
    escalationDateTime: row.escalation_date_time,
    escalatedDateTime: row.escalated_date_time,
  };
}

function toRow(stage: ApprovalStage): ApprovalStagesTable {
  return {
    id: stage.id,
    request_id: stage.requestId,
    stage_number: stage.stageNumber,
    status: stage.status,
    review_result: stage.reviewResult,
    reviewed_by_id: stage.reviewedById,
    reviewed_date_time: stage.reviewedDateTime,
    justification: stage.justification,
    started_date_time: stage.startedDateTime,
    due_date_time: stage.dueDateTime,
    escalation_date_time: stage.escalationDateTime,
    escalated_date_time: stage.escalatedDateTime,
  };
}

export async function insertStages(db: Executor, stages: readonly ApprovalStage[]): Promise<void> {
  if (stages.length) await db.insertInto('approval_stages').values(stages.map(toRow)).execute();
}

export async function stagesOfRequests(db: Executor, requestIds: readonly string[]): Promise<ApprovalStage[]> {
  if (requestIds.length === 0) return [];
  const rows = await db.selectFrom('approval_stages').selectAll().where('request_id', 'in', [...new Set(requestIds)]).orderBy('request_id').orderBy('stage_number').execute();
  return rows.map(fromRow);
}

export async function findStage(db: Executor, stageId: string): Promise<ApprovalStage | undefined> {
  const row = await db.selectFrom('approval_stages').selectAll().where('id', '=', stageId).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

export async function startStage(db: Executor, stageId: string, times: { startedDateTime: string; dueDateTime: string; escalationDateTime: string | null }): Promise<void> {
  await db
    .updateTable('approval_stages')
    .set({ status: 'InProgress', started_date_time: times.startedDateTime, due_date_time: times.dueDateTime, escalation_date_time: times.escalationDateTime })
    .where('id', '=', stageId)
    .execute();
}

/**
 * Records a decision only if the stage is still undecided. Two approvers deciding at the same
 * moment both reach this statement; the database lets exactly one of them change the row (on
 * PostgreSQL the second waits for the first's row lock, then finds the condition false), so the
 * caller that gets 0 lost the race and answers 409.
 */
export async function recordStageDecision(db: Executor, stageId: string, decision: { reviewResult: 'Approved' | 'Denied'; reviewedById: string | null; justification: string | null; status: StageStatus }, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('approval_stages')
    .set({ review_result: decision.reviewResult, reviewed_by_id: decision.reviewedById, justification: decision.justification, reviewed_date_time: now.toISOString(), status: decision.status })
    .where('id', '=', stageId)
    .where('review_result', '=', 'NotReviewed')
    .where('status', '=', 'InProgress')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Stages that will never be decided because the request ended (canceled, denied at an earlier stage). */
export async function closeUndecidedStages(db: Executor, requestId: string): Promise<void> {
  await db.updateTable('approval_stages').set({ status: 'Completed' }).where('request_id', '=', requestId).where('review_result', '=', 'NotReviewed').execute();
}

export async function markStageEscalated(db: Executor, stageId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('approval_stages')
    .set({ escalated_date_time: now.toISOString() })
    .where('id', '=', stageId)
    .where('status', '=', 'InProgress')
    .where('review_result', '=', 'NotReviewed')
    .where('escalated_date_time', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function addStageApprovers(db: Executor, stage: Pick<ApprovalStage, 'id' | 'requestId'>, approverIds: readonly string[], source: ApproverSource): Promise<void> {
  if (approverIds.length === 0) return;
  const existing = new Set(await stageApproverIds(db, stage.id));
  const rows = approverIds.filter((id) => !existing.has(id)).map((approverId) => ({ stage_id: stage.id, request_id: stage.requestId, approver_id: approverId, source }));
  if (rows.length) await db.insertInto('approval_stage_approvers').values(rows).execute();
}

export async function stageApproverIds(db: Executor, stageId: string): Promise<string[]> {
  const rows = await db.selectFrom('approval_stage_approvers').select('approver_id').where('stage_id', '=', stageId).execute();
  return rows.map((row) => row.approver_id);
}

/** For each request, the stages this user may decide (assignedToMe). */
export async function stageIdsAssignedTo(db: Executor, userId: string, requestIds: readonly string[]): Promise<Set<string>> {
  if (requestIds.length === 0) return new Set();
  const rows = await db.selectFrom('approval_stage_approvers').select('stage_id').where('approver_id', '=', userId).where('request_id', 'in', [...new Set(requestIds)]).execute();
  return new Set(rows.map((row) => row.stage_id));
}

/** Whether this user was ever asked to decide on this request: approvers may read what they decide. */
export async function isApproverOfRequest(db: Executor, userId: string, requestId: string): Promise<boolean> {
  const row = await db.selectFrom('approval_stage_approvers').select('stage_id').where('approver_id', '=', userId).where('request_id', '=', requestId).executeTakeFirst();
  return row !== undefined;
}

/** Who approved requests for this target, in the order they decided (a guest's first sponsors). */
export async function approverIdsOfRequestsFor(db: Executor, targetId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('approval_stages')
    .innerJoin('assignment_requests', 'assignment_requests.id', 'approval_stages.request_id')
    .select('approval_stages.reviewed_by_id as id')
    .where('assignment_requests.target_id', '=', targetId)
    .where('approval_stages.review_result', '=', 'Approved')
    .where('approval_stages.reviewed_by_id', 'is not', null)
    .orderBy('approval_stages.reviewed_date_time')
    .execute();
  return rows.map((row) => row.id!);
}
