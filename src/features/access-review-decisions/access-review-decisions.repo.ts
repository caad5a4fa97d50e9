import type { ExpressionBuilder } from 'kysely';
import type { AccessReviewDecisionsTable, Database, Executor } from '../../db/database.js';
import { bulkInsert } from '../../db/bulk-insert.js';
import { runCollectionQuery, type Page, type QueryableProperties } from '../../db/collection-query.js';
import type { AccessReviewDecision, ApplyResult, ReviewerRole } from '../../domain/access-review-instance.js';
import type { ReviewerDecision } from '../../domain/access-review-outcome.js';
import type { CollectionQuery } from '../../http/odata/query-options.js';

const toDecision = (row: AccessReviewDecisionsTable): AccessReviewDecision => ({
  id: row.id,
  instanceId: row.instance_id,
  stageId: row.stage_id,
  principal: { id: row.principal_id, displayName: row.principal_display_name, userPrincipalName: row.principal_user_principal_name, userType: row.principal_user_type },
  resourceId: row.resource_id,
  assignmentId: row.assignment_id,
  isDirectMember: row.is_direct_member === 1,
  reviewerId: row.reviewer_id,
  reviewerRole: row.reviewer_role as ReviewerRole,
  decision: row.decision as ReviewerDecision,
  justification: row.justification,
  reviewedById: row.reviewed_by_id,
  reviewedDateTime: row.reviewed_date_time,
  recommendation: { recommendation: row.recommendation as AccessReviewDecision['recommendation']['recommendation'], reason: row.recommendation_reason },
  lastActivityDateTime: row.last_activity_date_time,
  applyResult: row.apply_result as ApplyResult,
  appliedById: row.applied_by_id,
  appliedDateTime: row.applied_date_time,
  applyDetail: row.apply_detail,
  isCurrent: row.is_current === 1,
});

const toRow = (d: AccessReviewDecision): AccessReviewDecisionsTable => ({
  id: d.id,
  instance_id: d.instanceId,
  stage_id: d.stageId,
  principal_id: d.principal.id,
  principal_display_name: d.principal.displayName,
  principal_user_principal_name: d.principal.userPrincipalName,
  principal_user_type: d.principal.userType,
  resource_id: d.resourceId,
  assignment_id: d.assignmentId,
  is_direct_member: d.isDirectMember ? 1 : 0,
  reviewer_id: d.reviewerId,
  reviewer_role: d.reviewerRole,
  decision: d.decision,
  justification: d.justification,
  reviewed_by_id: d.reviewedById,
  reviewed_date_time: d.reviewedDateTime,
  recommendation: d.recommendation.recommendation,
  recommendation_reason: d.recommendation.reason,
  last_activity_date_time: d.lastActivityDateTime,
  apply_result: d.applyResult,
  applied_by_id: d.appliedById,
  applied_date_time: d.appliedDateTime,
  apply_detail: d.applyDetail,
  is_current: d.isCurrent ? 1 : 0,
});

export async function insertDecisions(db: Executor, decisions: readonly AccessReviewDecision[]): Promise<void> {
  await bulkInsert(db, 'access_review_decisions', decisions.map(toRow));
}

export async function findDecision(db: Executor, id: string): Promise<AccessReviewDecision | undefined> {
  const row = await db.selectFrom('access_review_decisions').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toDecision(row) : undefined;
}

export const decisionQueryableProperties: QueryableProperties = {
  id: { column: 'd.id', kind: 'caseSensitiveText' },
  decision: { column: 'd.decision', kind: 'enum', values: ['Approve', 'Deny', 'DontKnow', 'NotReviewed'] },
  recommendation: { column: 'd.recommendation', kind: 'enum', values: ['Approve', 'Deny', 'NotAvailable'] },
  applyResult: { column: 'd.apply_result', kind: 'enum', values: ['New', 'AppliedSuccessfully', 'AppliedSuccessfullyButObjectNotFound', 'ApplyNotSupported', 'AppliedWithUnknownFailure'] },
  reviewedDateTime: { column: 'd.reviewed_date_time', kind: 'dateTime', sortable: true },
  'principal/id': { column: 'd.principal_id', kind: 'caseSensitiveText' },
  'principal/displayName': { column: 'd.principal_display_name', kind: 'text', sortable: true },
  'principal/userPrincipalName': { column: 'd.principal_user_principal_name', kind: 'text', sortable: true },
  'reviewedBy/id': { column: 'd.reviewed_by_id', kind: 'caseSensitiveText' },
};

/**
 * The decisions of an instance (the current one of each person) or of one stage. reviewerId: only
 * those this user reviews — theirs alone (manager, self-review) or the stage's, by role.
 */
export function listDecisions(db: Executor, of: { instanceId: string } | { stageId: string }, query: CollectionQuery, reviewerId?: string): Promise<Page<AccessReviewDecision>> {
  let base = db.selectFrom('access_review_decisions as d').selectAll('d');
  base = 'stageId' in of ? base.where('d.stage_id', '=', of.stageId) : base.where('d.instance_id', '=', of.instanceId).where('d.is_current', '=', 1);
  if (reviewerId !== undefined) base = base.where((w) => reviewedBy(w, reviewerId));
  return runCollectionQuery(base, decisionQueryableProperties, query, 'd.id', toDecision);
}

/** d is a decision this user reviews: their own, or one whose role they hold in its stage. */
function reviewedBy(w: ExpressionBuilder<Database & { d: AccessReviewDecisionsTable }, 'd'>, reviewerId: string) {
  return w.or([
    w('d.reviewer_id', '=', reviewerId),
    w.and([w('d.reviewer_id', 'is', null), w.exists(w.selectFrom('access_review_stage_reviewers as r').select('r.user_id').whereRef('r.stage_id', '=', 'd.stage_id').whereRef('r.role', '=', 'd.reviewer_role').where('r.user_id', '=', reviewerId))]),
  ]);
}

export async function isReviewerOf(db: Executor, decision: Pick<AccessReviewDecision, 'reviewerId' | 'stageId' | 'reviewerRole'>, userId: string): Promise<boolean> {
  if (decision.reviewerId !== null) return decision.reviewerId === userId;
  const row = await db.selectFrom('access_review_stage_reviewers').select('user_id').where('stage_id', '=', decision.stageId).where('role', '=', decision.reviewerRole).where('user_id', '=', userId).executeTakeFirst();
  return row !== undefined;
}

/** The decisions of a stage this user reviews (for a bulk decision), optionally one person's or one resource's. */
export async function decisionIdsReviewedBy(db: Executor, stageId: string, reviewerId: string, filter: { principalId?: string | null; resourceId?: string | null }): Promise<string[]> {
  let query = db.selectFrom('access_review_decisions as d').select('d.id').where('d.stage_id', '=', stageId).where((w) => reviewedBy(w, reviewerId));
  if (filter.principalId) query = query.where('d.principal_id', '=', filter.principalId);
  if (filter.resourceId) query = query.where('d.resource_id', '=', filter.resourceId);
  return (await query.execute()).map((row) => row.id);
}

export async function recordDecisions(db: Executor, ids: readonly string[], change: { decision: ReviewerDecision; justification: string | null; reviewedById: string | null; reviewedDateTime: string | null }): Promise<void> {
  for (let start = 0; start < ids.length; start += 500) {
    await db
      .updateTable('access_review_decisions')
      .set({ decision: change.decision, justification: change.justification, reviewed_by_id: change.reviewedById, reviewed_date_time: change.reviewedDateTime })
      .where('id', 'in', ids.slice(start, start + 500))
      .execute();
  }
}

/** acceptRecommendations: the recommendation becomes the decision, where there is one and nobody has decided. */
export async function acceptRecommendations(db: Executor, ids: readonly string[], reviewedById: string, now: string): Promise<number> {
  let accepted = 0;
  for (let start = 0; start < ids.length; start += 500) {
    const result = await db
      .updateTable('access_review_decisions')
      .set((eb) => ({ decision: eb.ref('recommendation'), justification: 'Accepted the recommendation.', reviewed_by_id: reviewedById, reviewed_date_time: now }))
      .where('id', 'in', ids.slice(start, start + 500))
      .where('decision', '=', 'NotReviewed')
      .where('recommendation', 'in', ['Approve', 'Deny'])
      .executeTakeFirst();
    accepted += Number(result.numUpdatedRows);
  }
  return accepted;
}

/** resetDecisions: every decision of the stage back to NotReviewed. */
export async function resetStageDecisions(db: Executor, stageId: string): Promise<number> {
  const result = await db.updateTable('access_review_decisions').set({ decision: 'NotReviewed', justification: null, reviewed_by_id: null, reviewed_date_time: null }).where('stage_id', '=', stageId).where('decision', '!=', 'NotReviewed').executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function decisionsOfStage(db: Executor, stageId: string): Promise<AccessReviewDecision[]> {
  return (await db.selectFrom('access_review_decisions').selectAll().where('stage_id', '=', stageId).orderBy('id').execute()).map(toDecision);
}

/** The decisions that count, a page at a time after `afterId`, for applying them. */
export async function currentDecisionsAfter(db: Executor, instanceId: string, afterId: string, limit: number): Promise<AccessReviewDecision[]> {
  const rows = await db.selectFrom('access_review_decisions').selectAll().where('instance_id', '=', instanceId).where('is_current', '=', 1).where('id', '>', afterId).orderBy('id').limit(limit).execute();
  return rows.map(toDecision);
}

export async function markNotCurrent(db: Executor, ids: readonly string[]): Promise<void> {
  for (let start = 0; start < ids.length; start += 500) await db.updateTable('access_review_decisions').set({ is_current: 0 }).where('id', 'in', ids.slice(start, start + 500)).execute();
}

export async function saveApplyResults(db: Executor, results: readonly { id: string; applyResult: ApplyResult; detail: string | null }[], appliedById: string | null, now: string): Promise<void> {
  // Grouped by outcome so that 100,000 results are a few hundred statements, not 100,000.
  const groups = new Map<string, string[]>();
  for (const result of results) {
    const key = JSON.stringify([result.applyResult, result.detail]);
    groups.set(key, [...(groups.get(key) ?? []), result.id]);
  }
  for (const [key, ids] of groups) {
    const [applyResult, detail] = JSON.parse(key) as [ApplyResult, string | null];
    for (let start = 0; start < ids.length; start += 500) {
      await db.updateTable('access_review_decisions').set({ apply_result: applyResult, apply_detail: detail, applied_by_id: appliedById, applied_date_time: now }).where('id', 'in', ids.slice(start, start + 500)).execute();
    }
  }
}

/** Reviewers with something left to decide in a stage: their own decisions, and the stage's by role. */
export async function reviewersWithUndecided(db: Executor, stageId: string): Promise<string[]> {
  const own = await db.selectFrom('access_review_decisions').select('reviewer_id').distinct().where('stage_id', '=', stageId).where('decision', '=', 'NotReviewed').where('reviewer_id', 'is not', null).execute();
  const roles = await db.selectFrom('access_review_decisions').select('reviewer_role').distinct().where('stage_id', '=', stageId).where('decision', '=', 'NotReviewed').where('reviewer_id', 'is', null).execute();
  const shared = roles.length ? await db.selectFrom('access_review_stage_reviewers').select('user_id').where('stage_id', '=', stageId).where('role', 'in', roles.map((r) => r.reviewer_role)).execute() : [];
  return [...new Set([...own.map((r) => r.reviewer_id!), ...shared.map((r) => r.user_id)])];
}

/** Everyone who reviews something in a stage. */
export async function reviewersOfStage(db: Executor, stageId: string): Promise<string[]> {
  const own = await db.selectFrom('access_review_decisions').select('reviewer_id').distinct().where('stage_id', '=', stageId).where('reviewer_id', 'is not', null).execute();
  const roles = await db.selectFrom('access_review_decisions').select('reviewer_role').distinct().where('stage_id', '=', stageId).where('reviewer_id', 'is', null).execute();
  const shared = roles.length ? await db.selectFrom('access_review_stage_reviewers').select('user_id').where('stage_id', '=', stageId).where('role', 'in', roles.map((r) => r.reviewer_role)).execute() : [];
  return [...new Set([...own.map((r) => r.reviewer_id!), ...shared.map((r) => r.user_id)])];
}

/**
 * How many of each decision an instance's people have now (their current decisions), by instance;
 * with reviewerId, of those this reviewer reviews only (a reviewer sees no one else's progress).
 */
export async function decisionCounts(db: Executor, instanceIds: readonly string[], reviewerId?: string): Promise<Map<string, Record<string, number>>> {
  const counts = new Map<string, Record<string, number>>();
  if (instanceIds.length === 0) return counts;
  let query = db
    .selectFrom('access_review_decisions as d')
    .select(['d.instance_id', 'd.decision', (eb) => eb.fn.countAll().as('n')])
    .where('d.instance_id', 'in', [...new Set(instanceIds)])
    .where('d.is_current', '=', 1);
  if (reviewerId !== undefined) query = query.where((w) => reviewedBy(w, reviewerId));
  const rows = await query.groupBy(['d.instance_id', 'd.decision']).execute();
  for (const row of rows) {
    const entry = counts.get(row.instance_id) ?? { Approve: 0, Deny: 0, DontKnow: 0, NotReviewed: 0, total: 0 };
    entry[row.decision] = Number(row.n);
    entry.total! += Number(row.n);
    counts.set(row.instance_id, entry);
  }
  return counts;
}
