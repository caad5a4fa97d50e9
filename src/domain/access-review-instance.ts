import type { ReviewStagePlan } from './access-review-definition.js';
import type { Recommendation } from './access-review-recommendation.js';
import type { ReviewerDecision } from './access-review-outcome.js';
import type { GraphQueryScope } from './access-review-scope.js';
import { ConflictError, ForbiddenError, ValidationError } from './errors.js';

/**
 * An instance of an access review: one occurrence, with a decision per person per stage. Status:
 * InProgress while reviewers decide; Completed when it ended (on time or stopped); Applying while
 * its result is being carried out; Applied after.
 */
export type InstanceStatus = 'InProgress' | 'Completed' | 'Applying' | 'Applied';
export type StageStatus = 'NotStarted' | 'InProgress' | 'Completed';
export type ApplyResult = 'New' | 'AppliedSuccessfully' | 'AppliedSuccessfullyButObjectNotFound' | 'ApplyNotSupported' | 'AppliedWithUnknownFailure';

export type AccessReviewInstance = {
  id: string;
  definitionId: string;
  occurrence: number;
  startDateTime: string;
  endDateTime: string;
  status: InstanceStatus;
  scope: GraphQueryScope;
  resourceDisplayName: string;
  stoppedById: string | null;
  completedDateTime: string | null;
  appliedDateTime: string | null;
  appliedById: string | null;
};

export type AccessReviewStage = { id: string; instanceId: string; stageNumber: number; startDateTime: string; endDateTime: string; status: StageStatus };

export type ReviewerRole = 'primary' | 'fallback';

export type AccessReviewDecision = {
  id: string;
  instanceId: string;
  stageId: string;
  principal: { id: string; displayName: string; userPrincipalName: string; userType: string };
  resourceId: string;
  assignmentId: string | null;
  isDirectMember: boolean;
  reviewerId: string | null;
  reviewerRole: ReviewerRole;
  decision: ReviewerDecision;
  justification: string | null;
  reviewedById: string | null;
  reviewedDateTime: string | null;
  recommendation: Recommendation;
  lastActivityDateTime: string | null;
  applyResult: ApplyResult;
  appliedById: string | null;
  appliedDateTime: string | null;
  applyDetail: string | null;
  isCurrent: boolean;
};

/** What a decision is before anyone decides it (and again after resetDecisions). */
export const undecided = { decision: 'NotReviewed', justification: null, reviewedById: null, reviewedDateTime: null } as const satisfies Pick<AccessReviewDecision, 'decision' | 'justification' | 'reviewedById' | 'reviewedDateTime'>;

/** Not applied yet. */
export const notApplied = { applyResult: 'New', appliedById: null, appliedDateTime: null, applyDetail: null } as const satisfies Pick<AccessReviewDecision, 'applyResult' | 'appliedById' | 'appliedDateTime' | 'applyDetail'>;

/**
 * Who reviews one person in a stage. No reviewers: a self-review. Managers: the person's manager,
 * or (without one who can sign in) the named reviewers, else the fallbacks. Otherwise the stage's
 * named reviewers, or the fallbacks when none of them could be found.
 */
export function decisionReviewer(plan: Pick<ReviewStagePlan, 'reviewers'>, subject: { userId: string; managerId: string | null }, enabledManagers: ReadonlySet<string>, hasPrimaryReviewers: boolean): { reviewerId: string | null; role: ReviewerRole } {
  if (plan.reviewers.length === 0) return { reviewerId: subject.userId, role: 'primary' };
  if (plan.reviewers.some((reviewer) => reviewer.kind === 'manager') && subject.managerId && enabledManagers.has(subject.managerId)) return { reviewerId: subject.managerId, role: 'primary' };
  return { reviewerId: null, role: hasPrimaryReviewers ? 'primary' : 'fallback' };
}

/** The stages' start and end times, one after the other from the instance's start. */
export function stageWindows(start: Date, durations: readonly number[]): { startDateTime: Date; endDateTime: Date }[] {
  let from = start.getTime();
  return durations.map((days) => {
    const window = { startDateTime: new Date(from), endDateTime: new Date(from + days * 86_400_000) };
    from = window.endDateTime.getTime();
    return window;
  });
}

/**
 * May this reviewer record this decision now? Only while the instance and the decision's stage
 * are in progress, only an assigned reviewer, and with a justification when one is required.
 */
export function checkReviewDecision(
  context: { instance: Pick<AccessReviewInstance, 'status'>; stage: Pick<AccessReviewStage, 'status' | 'stageNumber'>; isReviewer: boolean; justificationRequiredOnApproval: boolean },
  decision: { decision: ReviewerDecision; justification: string | null },
): void {
  if (!context.isReviewer) throw new ForbiddenError('Only a reviewer of this decision can record it.');
  if (context.instance.status !== 'InProgress') throw new ConflictError(`The review is ${context.instance.status}: decisions can no longer change.`, 'decision', 'AccessReviewNotInProgress');
  if (context.stage.status !== 'InProgress') throw new ConflictError(`Stage ${context.stage.stageNumber} of the review is ${context.stage.status}: its decisions can no longer change.`, 'decision', 'AccessReviewNotInProgress');
  if (decision.decision === 'Approve' && context.justificationRequiredOnApproval && !decision.justification) throw new ValidationError('This review asks for a justification with each approval.', 'justification');
}
