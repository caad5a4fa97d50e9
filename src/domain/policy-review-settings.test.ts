import { describe, expect, it } from 'vitest';
import { policyReviewDefinition } from './policy-review-settings.js';
import { ValidationProblems } from './validation-problems.js';

const now = new Date('2027-03-10T12:00:00Z');
const policy = { id: 'q1', accessPackageId: 'p1', displayName: 'Sales staff' };
const run = (settings: Parameters<typeof policyReviewDefinition>[0]) => {
  const problems = new ValidationProblems();
  return { definition: policyReviewDefinition(settings, policy, now, problems), problems: problems.list().map((p) => `${p.target}: ${p.message}`) };
};

describe('policyReviewDefinition', () => {
  it('is nothing when reviews are off', () => {
    expect(run(null)).toEqual({ definition: null, problems: [] });
    expect(run({ isEnabled: false, primaryReviewers: [] })).toEqual({ definition: null, problems: [] });
  });

  it("reviews the policy's assignments with its reviewers, applying its expiration behaviour when each instance ends", () => {
    const { definition, problems } = run({
      isEnabled: true,
      expirationBehavior: 'removeAccess',
      isRecommendationEnabled: true,
      isReviewerJustificationRequired: true,
      schedule: { startDateTime: '2027-04-01T00:00:00Z', expiration: { type: 'afterDuration', duration: 'P21D' }, recurrence: { pattern: { type: 'absoluteMonthly', interval: 6 }, range: { type: 'noEnd' } } },
      primaryReviewers: [{ '@odata.type': '#microsoft.graph.requestorManager', managerLevel: 1 }],
      fallbackReviewers: [{ '@odata.type': '#microsoft.graph.singleUser', userId: 'u9' }],
    });
    expect(problems).toEqual([]);
    expect(definition).toMatchObject({
      displayName: 'Review of Sales staff',
      scope: { query: "/identityGovernance/entitlementManagement/accessPackageAssignments?$filter=(accessPackageId eq 'p1' and assignmentPolicyId eq 'q1')" },
      reviewers: [{ query: './manager', queryRoot: 'decisions' }],
      fallbackReviewers: [{ query: '/users/u9' }],
      settings: { defaultDecisionEnabled: true, defaultDecision: 'Deny', autoApplyDecisionsEnabled: true, justificationRequiredOnApproval: true, recommendationsEnabled: true, instanceDurationInDays: 21, recurrence: { pattern: { type: 'absoluteMonthly', interval: 6 }, range: { type: 'noEnd', startDate: '2027-04-01' } } },
    });
  });

  it('is a one-off review today, 14 days long, keeping access, when the schedule says nothing; a self-review has no reviewers', () => {
    const { definition } = run({ isEnabled: true, isSelfReview: true });
    expect(definition).toMatchObject({ reviewers: [], settings: { defaultDecisionEnabled: false, defaultDecision: null, instanceDurationInDays: 14, recurrence: { pattern: null, range: { startDate: '2027-03-10' } } } });
  });

  it('reports what it cannot run, under reviewSettings', () => {
    expect(run({ isEnabled: true }).problems).toEqual(['reviewSettings.primaryReviewers: Name who reviews (primaryReviewers), or make it a self-review (isSelfReview).']);
    expect(run({ isEnabled: true, primaryReviewers: [{ '@odata.type': '#microsoft.graph.externalSponsors' }] }).problems[0]).toMatch(/^reviewSettings\.primaryReviewers\[0\]: externalSponsors cannot review/);
    expect(run({ isEnabled: true, isSelfReview: true, schedule: { expiration: { duration: 'P10D' }, recurrence: { pattern: { type: 'weekly', interval: 1 } } } }).problems).toEqual(['reviewSettings.schedule.instanceDurationInDays: Each instance lasts 10 days, longer than the 7 days until the next one starts.']);
  });
});
