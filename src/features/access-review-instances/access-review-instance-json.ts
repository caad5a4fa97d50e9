import type { AccessReviewDefinition } from '../../domain/access-review-definition.js';
import { stagePlans } from '../../domain/access-review-definition.js';
import type { AccessReviewInstance, AccessReviewStage } from '../../domain/access-review-instance.js';

/**
 * Graph's shapes of instances and stages (accessReviewInstance, accessReviewStage); decisions have
 * theirs in access-review-decisions/access-review-decision-json.ts.
 */
/** Beyond Graph: what is reviewed, by name, and how many of each decision its people have now. */
export function instanceJson(instance: AccessReviewInstance, definition: AccessReviewDefinition, counts: Record<string, number> | undefined): Record<string, unknown> {
  return {
    id: instance.id,
    startDateTime: instance.startDateTime,
    endDateTime: instance.endDateTime,
    status: instance.status,
    scope: instance.scope,
    reviewers: definition.stageSettings?.length ? definition.stageSettings[0]!.reviewers : definition.reviewers,
    fallbackReviewers: definition.fallbackReviewers,
    resourceDisplayName: instance.resourceDisplayName,
    decisionCounts: counts ?? { Approve: 0, Deny: 0, DontKnow: 0, NotReviewed: 0, total: 0 },
  };
}

export function stageJson(stage: AccessReviewStage, definition: AccessReviewDefinition): Record<string, unknown> {
  const setting = definition.stageSettings?.[stage.stageNumber - 1];
  return {
    id: stage.id,
    startDateTime: stage.startDateTime,
    endDateTime: stage.endDateTime,
    status: stage.status,
    reviewers: setting ? setting.reviewers : definition.reviewers,
    fallbackReviewers: setting?.fallbackReviewers.length ? setting.fallbackReviewers : definition.fallbackReviewers,
    // Not Graph's: its number, and which decisions move on from it.
    stageNumber: stage.stageNumber,
    decisionsThatWillMoveToNextStage: stagePlans(definition)[stage.stageNumber - 1]?.decisionsThatWillMoveToNextStage ?? null,
  };
}
