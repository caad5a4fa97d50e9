import { checkReviewDecision } from '../../domain/access-review-instance.js';
import type { ReviewerDecision } from '../../domain/access-review-outcome.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import type { Deps } from '../deps.js';
import { acceptRecommendations, decisionIdsReviewedBy, findDecision, isReviewerOf, recordDecisions } from './access-review-decisions.repo.js';
import { currentStage, lockForChange } from '../access-review-instances/review-instance-lifecycle.js';

/**
 * Reviewers deciding. A decision can change while its stage is open; NotReviewed takes it back.
 * Decisions are not audit entries one by one (a reviewer may decide 5,000 in a click): each row
 * keeps who decided, when and why, and applying them writes the entries that change access.
 */
export type DecisionInput = { decision: ReviewerDecision; justification: string | null };

const reviewerOf = (actor: Actor) => {
  if (actor.principal.kind !== 'user') throw new ForbiddenError('Only a signed-in reviewer can record a decision.');
  return actor.principal.id;
};

/** PATCH …/instances/{id}/decisions/{decisionId}. */
export async function recordDecision(deps: Deps, actor: Actor, instanceId: string, decisionId: string, input: DecisionInput): Promise<void> {
  const reviewerId = reviewerOf(actor);
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const locked = await lockForChange(trx, instanceId);
    const decision = await findDecision(trx, decisionId);
    if (!locked || !decision || decision.instanceId !== instanceId) throw new NotFoundError('Access review decision', decisionId);
    const stage = locked.stages.find((candidate) => candidate.id === decision.stageId)!;
    checkReviewDecision({ instance: locked.instance, stage, isReviewer: await isReviewerOf(trx, decision, reviewerId), justificationRequiredOnApproval: locked.definition.settings.justificationRequiredOnApproval }, input);
    const undo = input.decision === 'NotReviewed';
    await recordDecisions(trx, [decision.id], { decision: input.decision, justification: undo ? null : input.justification, reviewedById: undo ? null : reviewerId, reviewedDateTime: undo ? null : now.toISOString() });
  });
}

/**
 * POST …/instances/{id}/batchRecordDecisions: one decision for everything in the current stage
 * the caller reviews (or one person's, or one resource's). Returns how many were recorded.
 */
export async function batchRecordDecisions(deps: Deps, actor: Actor, instanceId: string, input: DecisionInput & { principalId?: string | null; resourceId?: string | null }): Promise<number> {
  const reviewerId = reviewerOf(actor);
  if (input.decision === 'NotReviewed') throw new ValidationError('A batch records Approve, Deny or DontKnow.', 'decision');
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const locked = await lockForChange(trx, instanceId);
    if (!locked) throw new NotFoundError('Access review instance', instanceId);
    const stage = currentStage(locked.stages) ?? locked.stages[locked.stages.length - 1]!;
    const ids = await decisionIdsReviewedBy(trx, stage.id, reviewerId, input);
    checkReviewDecision({ instance: locked.instance, stage, isReviewer: ids.length > 0, justificationRequiredOnApproval: locked.definition.settings.justificationRequiredOnApproval }, input);
    await recordDecisions(trx, ids, { decision: input.decision, justification: input.justification, reviewedById: reviewerId, reviewedDateTime: now.toISOString() });
    return ids.length;
  });
}

/**
 * POST …/instances/{id}/acceptRecommendations: for everything the caller reviews in the current
 * stage that nobody has decided, the recommendation (Approve or Deny) becomes the decision.
 * Returns how many were accepted.
 */
export async function acceptRecommendationsOf(deps: Deps, actor: Actor, instanceId: string): Promise<number> {
  const reviewerId = reviewerOf(actor);
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const locked = await lockForChange(trx, instanceId);
    if (!locked) throw new NotFoundError('Access review instance', instanceId);
    const stage = currentStage(locked.stages) ?? locked.stages[locked.stages.length - 1]!;
    const ids = await decisionIdsReviewedBy(trx, stage.id, reviewerId, {});
    checkReviewDecision({ instance: locked.instance, stage, isReviewer: ids.length > 0, justificationRequiredOnApproval: false }, { decision: 'Deny', justification: null });
    return acceptRecommendations(trx, ids, reviewerId, now.toISOString());
  });
}
