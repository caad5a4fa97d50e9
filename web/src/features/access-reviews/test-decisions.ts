import type { AccessReviewDecision } from '../../api/graph';

/** A decision as the API returns one, for tests: undecided, without a recommendation, unless patched. */
export const decisionOf = (id: string, patch: Partial<AccessReviewDecision> = {}): AccessReviewDecision => ({
  id,
  decision: 'NotReviewed',
  justification: null,
  reviewedBy: { id: null, displayName: null, userPrincipalName: null },
  reviewedDateTime: null,
  recommendation: 'NotAvailable',
  recommendationReason: null,
  applyResult: 'New',
  applyDescription: null,
  appliedBy: { id: null, displayName: null, userPrincipalName: null },
  appliedDateTime: null,
  principal: { id: `user-${id}`, displayName: `Person ${id}`, userPrincipalName: `person.${id}@example.com` },
  resource: { id: 'g1', displayName: 'IT Team', type: 'group' },
  insights: [{ lastSignInDateTime: null }],
  ...patch,
});
