import type { Executor } from '../../db/database.js';
import type { ReviewStagePlan } from '../../domain/access-review-definition.js';
import { decisionReviewer, type ReviewerRole } from '../../domain/access-review-instance.js';
import type { ReviewerScope } from '../../domain/access-review-scope.js';
import { activeMembersOf, maxGroupNestingDepth, transitiveMembersOf } from '../group-memberships/memberships.repo.js';
import { enabledUserIds } from './review-subjects.repo.js';

/**
 * Who reviews in a stage, resolved when it starts (a reviewer who joins the group later does not
 * become one; one who leaves stays one until the stage ends, as in Entra). Named users, group
 * members and group owners review everyone in the stage; a manager or the person themself only
 * the one decision. Only users who exist and may sign in count: a disabled reviewer is no reviewer,
 * and their decisions go to the fallbacks.
 */
export type ResolvedStageReviewers = {
  shared: { userId: string; role: ReviewerRole }[];
  reviewerOf(subject: { userId: string; managerId: string | null }): { reviewerId: string | null; role: ReviewerRole };
};

async function usersOf(db: Executor, scopes: readonly ReviewerScope[]): Promise<string[]> {
  const ids: string[] = [];
  for (const scope of scopes) {
    if (scope.kind === 'user') ids.push(scope.userId);
    if (scope.kind === 'groupMembers') ids.push(...(await transitiveMembersOf(db, scope.groupId, maxGroupNestingDepth, ['user'])).map((m) => m.memberId));
    if (scope.kind === 'groupOwners') ids.push(...(await activeMembersOf(db, scope.groupId, 'owner')).filter((m) => m.memberType === 'user').map((m) => m.memberId));
  }
  const enabled = await enabledUserIds(db, ids);
  return [...new Set(ids)].filter((id) => enabled.has(id));
}

export async function resolveStageReviewers(db: Executor, plan: ReviewStagePlan, subjects: readonly { userId: string; managerId: string | null }[]): Promise<ResolvedStageReviewers> {
  const primary = await usersOf(db, plan.reviewers);
  const byManager = plan.reviewers.some((reviewer) => reviewer.kind === 'manager');
  const managers = byManager ? await enabledUserIds(db, subjects.flatMap((s) => (s.managerId ? [s.managerId] : []))) : new Set<string>();
  // Fallbacks are asked only when some decision has nobody else.
  const reviewerOf = (subject: { userId: string; managerId: string | null }) => decisionReviewer(plan, subject, managers, primary.length > 0);
  const needsFallback = subjects.some((subject) => reviewerOf(subject).role === 'fallback');
  const fallback = needsFallback ? await usersOf(db, plan.fallbackReviewers) : [];
  return { shared: [...primary.map((userId) => ({ userId, role: 'primary' as const })), ...fallback.map((userId) => ({ userId, role: 'fallback' as const }))], reviewerOf };
}
