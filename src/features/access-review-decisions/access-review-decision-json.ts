import type { Executor } from '../../db/database.js';
import type { AccessReviewDecision } from '../../domain/access-review-instance.js';
import { findUsersByIds } from '../users/users.repo.js';

/**
 * Graph's shape of a decision (accessReviewInstanceDecisionItem). Beyond Graph, a decision carries
 * recommendationReason — why it is recommended, in words — and applyDescription, what applying it
 * did when it was not plain.
 */
type Named = { id: string; displayName: string; userPrincipalName: string };
const nobody = { id: '00000000-0000-0000-0000-000000000000', displayName: '', userPrincipalName: '' };

/** Renders decisions with the names of whoever reviewed and applied them, looked up once for the page. */
export async function decisionRenderer(db: Executor, decisions: readonly AccessReviewDecision[], resourceDisplayName: string, scopeKind: 'groupMembers' | 'accessPackageAssignments'): Promise<(decision: AccessReviewDecision) => Record<string, unknown>> {
  const people = new Map<string, Named>((await findUsersByIds(db, decisions.flatMap((d) => [d.reviewedById, d.appliedById].filter((id): id is string => id !== null)))).map((u) => [u.id, u]));
  const identity = (id: string | null) => {
    if (!id) return { ...nobody };
    if (id.startsWith('system:')) return { id: null, displayName: id.slice('system:'.length), userPrincipalName: null };
    const person = people.get(id);
    return { id, displayName: person?.displayName ?? null, userPrincipalName: person?.userPrincipalName ?? null };
  };
  return (d) => ({
    id: d.id,
    accessReviewId: d.instanceId,
    reviewedBy: identity(d.reviewedById),
    reviewedDateTime: d.reviewedDateTime,
    decision: d.decision,
    justification: d.justification,
    appliedBy: identity(d.appliedById),
    appliedDateTime: d.appliedDateTime,
    applyResult: d.applyResult,
    recommendation: d.recommendation.recommendation,
    recommendationReason: d.recommendation.reason,
    applyDescription: d.applyDetail,
    principal: { '@odata.type': '#microsoft.graph.userIdentity', id: d.principal.id, displayName: d.principal.displayName, userPrincipalName: d.principal.userPrincipalName },
    resource: {
      '@odata.type': scopeKind === 'groupMembers' ? '#microsoft.graph.accessReviewInstanceDecisionItemResource' : '#microsoft.graph.accessReviewInstanceDecisionItemAccessPackageAssignmentPolicyResource',
      id: d.resourceId,
      displayName: resourceDisplayName,
      type: scopeKind === 'groupMembers' ? 'group' : 'accessPackageAssignment',
    },
    insights: [{ '@odata.type': '#microsoft.graph.userSignInInsight', insightCreatedDateTime: null, lastSignInDateTime: d.lastActivityDateTime }],
  });
}
