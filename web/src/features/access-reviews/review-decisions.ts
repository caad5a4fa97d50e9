import type { AccessReviewDecision, AccessReviewDecisionCounts, AccessReviewInstanceStatus, ReviewDecisionValue } from '../../api/graph';

/**
 * A reviewer's choices, apart from React: what "Accept recommendations" would record, whether a
 * justification is missing before anything is sent, and how decisions and instances are named.
 */
export type Answer = Exclude<ReviewDecisionValue, 'NotReviewed'>;

export const decisionLabels: Record<ReviewDecisionValue, string> = { Approve: 'Approved', Deny: 'Denied', DontKnow: "Don't know", NotReviewed: 'Not reviewed' };
export const answerLabels: Record<Answer, string> = { Approve: 'Approve', Deny: 'Deny', DontKnow: "Don't know" };
export const recommendationLabels: Record<AccessReviewDecision['recommendation'], string> = { Approve: 'Approve', Deny: 'Deny', NotAvailable: 'None' };

export const justificationRequiredMessage = 'This review asks for a justification with each approval.';

/** The message to show before sending, when an approval lacks the justification the review asks for (the server's rule, checked first here). */
export function justificationProblem(answer: Answer | null, justification: string, requiredOnApproval: boolean): string | null {
  return answer === 'Approve' && requiredOnApproval && justification.trim() === '' ? justificationRequiredMessage : null;
}

/**
 * What "Accept recommendations" will do, said before it is done (the server's acceptRecommendations
 * does it, in one call): approve those recommended Approve and deny those recommended Deny, among
 * the decisions nobody has made yet. A decision the reviewer already made stays theirs, and
 * someone without a recommendation stays undecided.
 */
export type RecommendationPlan = { approve: AccessReviewDecision[]; deny: AccessReviewDecision[]; withoutRecommendation: AccessReviewDecision[] };
export function acceptRecommendationsPlan(decisions: readonly AccessReviewDecision[]): RecommendationPlan {
  const undecided = decisions.filter((d) => d.decision === 'NotReviewed');
  return {
    approve: undecided.filter((d) => d.recommendation === 'Approve'),
    deny: undecided.filter((d) => d.recommendation === 'Deny'),
    withoutRecommendation: undecided.filter((d) => d.recommendation === 'NotAvailable'),
  };
}

/** The justification the server records with each recommendation accepted. */
export const acceptedJustification = 'Accepted the recommendation.';

/** How many decisions a plan makes. */
export const planSize = (plan: RecommendationPlan) => plan.approve.length + plan.deny.length;

/** Whether decisions can still be made or changed: only while the instance is in progress. */
export const isOpen = (status: AccessReviewInstanceStatus) => status === 'InProgress';

export const instanceStatusLabels: Record<AccessReviewInstanceStatus, string> = { InProgress: 'In progress', Completed: 'Ended', Applying: 'Applying the decisions', Applied: 'Applied' };

/** Counts of each decision in an instance (its decisionCounts). */
export type Progress = AccessReviewDecisionCounts;
/** The share decided (Don't know is an answer: the reviewer looked), 0–100. */
export const percentDecided = (progress: Progress) => (progress.total === 0 ? 0 : Math.round(((progress.total - progress.NotReviewed) / progress.total) * 100));

/**
 * Runs calls a few at a time (a decision for the selected people is one PATCH each), stopping at the first
 * failure; returns how many succeeded before it and the failure, so the page can say both.
 */
export async function runInBatches<T>(items: readonly T[], run: (item: T) => Promise<unknown>, concurrency = 4): Promise<{ done: number; error: unknown }> {
  let done = 0;
  let error: unknown = null;
  let next = 0;
  const worker = async () => {
    while (error === null && next < items.length) {
      const item = items[next++]!;
      try {
        await run(item);
        done += 1;
      } catch (failure) {
        if (error === null) error = failure;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return { done, error };
}
