import { describe, expect, it } from 'vitest';
import type { AccessReviewDefinition } from '../../api/graph';
import { definitionBody, describeReviewed, describeReviewers, describeSchedule, emptyReviewForm, frequencyOf, recurrenceOf, reviewFormErrors, reviewWarnings, type ReviewForm } from './review-form';

const today = '2026-03-10';
const groupId = '22222222-2222-4222-8222-222222222222';
const packageId = '33333333-3333-4333-8333-333333333333';
const adminId = '11111111-1111-4111-8111-111111111111';
const form = (patch: Partial<ReviewForm> = {}): ReviewForm => ({ ...emptyReviewForm(today), displayName: 'IT Team review', scope: { kind: 'group', id: groupId, label: 'IT Team' }, ...patch });

describe('definitionBody', () => {
  it('writes Graph’s accessReviewScheduleDefinition: a group’s members, reviewed by managers with a fallback, quarterly without end', () => {
    const body = definitionBody(form({ descriptionForReviewers: ' Approve those still in IT. ', fallbackReviewers: [{ kind: 'singleUser', id: adminId, label: 'Ada Administrator' }] }));
    expect(body).toEqual({
      displayName: 'IT Team review',
      descriptionForAdmins: null,
      descriptionForReviewers: 'Approve those still in IT.',
      scope: { '@odata.type': '#microsoft.graph.accessReviewQueryScope', query: `/groups/${groupId}/transitiveMembers`, queryType: 'MicrosoftGraph', queryRoot: null },
      reviewers: [{ query: './manager', queryType: 'MicrosoftGraph', queryRoot: 'decisions' }],
      fallbackReviewers: [{ query: `/users/${adminId}`, queryType: 'MicrosoftGraph', queryRoot: null }],
      settings: {
        mailNotificationsEnabled: true,
        reminderNotificationsEnabled: true,
        justificationRequiredOnApproval: true,
        defaultDecisionEnabled: false,
        defaultDecision: 'None',
        instanceDurationInDays: 14,
        autoApplyDecisionsEnabled: false,
        recommendationsEnabled: true,
        recommendationLookBackDuration: 'P30D',
        recurrence: { pattern: { type: 'absoluteMonthly', interval: 3 }, range: { type: 'noEnd', startDate: today, endDate: null, numberOfOccurrences: null } },
      },
    });
  });

  it('reviews an access package’s assignments by named people and groups members, once; no fallbacks sent for them', () => {
    const body = definitionBody(
      form({
        scope: { kind: 'accessPackage', id: packageId, label: 'Production access' },
        reviewerKind: 'specific',
        reviewers: [
          { kind: 'singleUser', id: adminId, label: 'Ada' },
          { kind: 'groupMembers', id: groupId, label: 'IT Team' },
        ],
        fallbackReviewers: [{ kind: 'singleUser', id: adminId, label: 'Ada' }],
        frequency: 'once',
        defaultDecision: 'Recommendation',
        autoApplyDecisionsEnabled: true,
        recommendationsEnabled: false,
      }),
    );
    expect(body.scope.query).toBe(`/identityGovernance/entitlementManagement/accessPackageAssignments?$filter=(accessPackageId eq '${packageId}')`);
    expect(body.reviewers?.map((r) => r.query)).toEqual([`/users/${adminId}`, `/groups/${groupId}/transitiveMembers`]);
    expect(body.fallbackReviewers).toEqual([]);
    expect(body.settings).toMatchObject({ defaultDecisionEnabled: true, defaultDecision: 'Recommendation', autoApplyDecisionsEnabled: true, recommendationsEnabled: false, recommendationLookBackDuration: null });
    expect(body.settings.recurrence).toEqual({ pattern: null, range: { type: 'numbered', startDate: today, endDate: null, numberOfOccurrences: 1 } });
  });

  it('names the reviewed group’s owners, and sends no reviewers at all for a self-review', () => {
    expect(definitionBody(form({ reviewerKind: 'groupOwners' })).reviewers).toEqual([{ query: `/groups/${groupId}/owners`, queryType: 'MicrosoftGraph', queryRoot: null }]);
    expect(definitionBody(form({ reviewerKind: 'self', fallbackReviewers: [{ kind: 'singleUser', id: adminId, label: 'Ada' }] }))).toMatchObject({ reviewers: [], fallbackReviewers: [] });
  });

  it('sends no reminders without e-mail', () => {
    expect(definitionBody(form({ mailNotificationsEnabled: false, reminderNotificationsEnabled: true })).settings).toMatchObject({ mailNotificationsEnabled: false, reminderNotificationsEnabled: false });
  });
});

describe('recurrenceOf', () => {
  const schedule = { startDate: today, end: 'never' as const, endDate: '', occurrences: '' as const };
  it.each([
    ['weekly', { type: 'weekly', interval: 1 }],
    ['monthly', { type: 'absoluteMonthly', interval: 1 }],
    ['quarterly', { type: 'absoluteMonthly', interval: 3 }],
    ['semiAnnually', { type: 'absoluteMonthly', interval: 6 }],
    ['annually', { type: 'absoluteYearly', interval: 1 }],
  ] as const)('%s is Graph’s %o, and reads back as the same choice', (frequency, pattern) => {
    const recurrence = recurrenceOf({ ...schedule, frequency });
    expect(recurrence.pattern).toEqual(pattern);
    expect(frequencyOf(recurrence)).toBe(frequency);
  });

  it('ends on a date, or after a number of reviews', () => {
    expect(recurrenceOf({ ...schedule, frequency: 'monthly', end: 'onDate', endDate: '2027-03-31' }).range).toEqual({ type: 'endDate', startDate: today, endDate: '2027-03-31', numberOfOccurrences: null });
    expect(recurrenceOf({ ...schedule, frequency: 'monthly', end: 'after', occurrences: 4 }).range).toEqual({ type: 'numbered', startDate: today, endDate: null, numberOfOccurrences: 4 });
  });

  it('names a pattern the editor does not offer without pretending it is one', () => {
    expect(frequencyOf({ pattern: { type: 'weekly', interval: 2 }, range: { type: 'noEnd', startDate: today } })).toBeNull();
    expect(describeSchedule({ pattern: { type: 'weekly', interval: 2 }, range: { type: 'numbered', startDate: '2026-03-10', numberOfOccurrences: 4 } })).toMatch(/^Every 2 weeks from .+, 4 times$/);
    expect(describeSchedule({ pattern: null, range: { type: 'numbered', startDate: '2026-03-10', numberOfOccurrences: 0 } })).toMatch(/^One time, on /);
    expect(describeSchedule({ pattern: { type: 'absoluteMonthly', interval: 3 }, range: { type: 'noEnd', startDate: '2026-03-10' } })).toMatch(/^Quarterly from .+, no end$/);
  });
});

describe('reviewFormErrors', () => {
  it('finds nothing wrong with a complete form', () => {
    expect(reviewFormErrors(form(), today)).toEqual({});
  });

  it('puts each problem under the Graph path the server uses for it', () => {
    const errors = reviewFormErrors(form({ displayName: ' ', scope: { kind: 'group', id: null, label: '' }, reviewerKind: 'specific', reviewers: [], durationInDays: 0, lookBackDays: 400 }), today);
    expect(errors).toEqual({
      displayName: 'Give the review a name.',
      'scope.query': 'Choose the group whose members are reviewed.',
      reviewers: 'Add at least one reviewer.',
      'settings.instanceDurationInDays': expect.stringMatching(/lasts 1 to 84 days/),
      'settings.recommendationLookBackDuration': 'Look back 1 to 365 days.',
    });
  });

  it('keeps a review shorter than the time to the next one', () => {
    expect(reviewFormErrors(form({ frequency: 'weekly', durationInDays: 8 }), today)['settings.instanceDurationInDays']).toMatch(/weekly review lasts 1 to 7 days/);
    expect(reviewFormErrors(form({ frequency: 'weekly', durationInDays: 7 }), today)).toEqual({});
    expect(reviewFormErrors(form({ frequency: 'once', durationInDays: 180 }), today)).toEqual({});
    expect(reviewFormErrors(form({ frequency: 'once', durationInDays: 181 }), today)['settings.instanceDurationInDays']).toBe('A review lasts 1 to 180 days.');
  });

  it('wants a start from today on, an end after the start, and a number of reviews', () => {
    expect(reviewFormErrors(form({ startDate: '2026-03-09' }), today)['settings.recurrence.range.startDate']).toBe('Choose today or a later date.');
    expect(reviewFormErrors(form({ startDate: '2026-02-30' }), today)['settings.recurrence.range.startDate']).toBe('Choose the date the review starts.');
    expect(reviewFormErrors(form({ end: 'onDate', endDate: '2026-03-01' }), today)['settings.recurrence.range.endDate']).toBe('The end date comes after the start date.');
    expect(reviewFormErrors(form({ end: 'after', occurrences: '' }), today)['settings.recurrence.range.numberOfOccurrences']).toMatch(/how many times/);
    // A one-time review has no end to choose.
    expect(reviewFormErrors(form({ frequency: 'once', end: 'after', occurrences: '' }), today)).toEqual({});
  });

  it('refuses group owners as reviewers of an access package', () => {
    expect(reviewFormErrors(form({ scope: { kind: 'accessPackage', id: packageId, label: 'P' }, reviewerKind: 'groupOwners' }), today).reviewers).toMatch(/Group owners review a group/);
  });
});

describe('reviewWarnings (the server’s own rule)', () => {
  it('warns when a default decision of Deny is applied automatically', () => {
    expect(reviewWarnings({ defaultDecision: 'Deny', autoApplyDecisionsEnabled: true })).toEqual([expect.stringContaining('if no reviewer answers, that is everyone')]);
  });

  it('warns when the recommendation is applied automatically', () => {
    expect(reviewWarnings({ defaultDecision: 'Recommendation', autoApplyDecisionsEnabled: true })).toEqual([expect.stringContaining('recommendation applied automatically')]);
  });

  it('says nothing when an administrator applies the results, or nobody loses access by default', () => {
    expect(reviewWarnings({ defaultDecision: 'Deny', autoApplyDecisionsEnabled: false })).toEqual([]);
    expect(reviewWarnings({ defaultDecision: 'Approve', autoApplyDecisionsEnabled: true })).toEqual([]);
    expect(reviewWarnings({ defaultDecision: 'None', autoApplyDecisionsEnabled: true })).toEqual([]);
  });
});

describe('describing a stored definition', () => {
  it('names what is reviewed, by the name found for it', () => {
    expect(describeReviewed({ query: `/groups/${groupId}/transitiveMembers` }, 'IT Team')).toBe('Members of IT Team');
    expect(describeReviewed({ query: `/v1.0/groups/${groupId}/transitiveMembers/microsoft.graph.user/?$count=true&$filter=(userType eq 'Guest')` }, 'IT Team')).toBe('Guests in IT Team');
    expect(describeReviewed({ query: `/identityGovernance/entitlementManagement/accessPackageAssignments?$filter=(accessPackageId eq '${packageId}' and assignmentPolicyId eq 'p1')` }, null)).toBe('Assignments of an access package');
  });

  it('says who reviews, from the first stage of a multi-stage review', () => {
    const reviewers = (queries: string[]) => queries.map((query) => ({ query, queryRoot: query === './manager' ? 'decisions' : null }));
    expect(describeReviewers({ reviewers: reviewers(['./manager']), stageSettings: null })).toBe('Managers');
    expect(describeReviewers({ reviewers: [], stageSettings: null })).toBe('Self-review');
    expect(describeReviewers({ reviewers: reviewers([`/users/${adminId}`, `/groups/${groupId}/transitiveMembers`]), stageSettings: null })).toBe('2 reviewers');
    const stages: AccessReviewDefinition['stageSettings'] = [
      { stageId: '1', durationInDays: 3, reviewers: reviewers([`/groups/${groupId}/owners`]) },
      { stageId: '2', durationInDays: 3, reviewers: reviewers(['./manager']) },
    ];
    expect(describeReviewers({ reviewers: [], stageSettings: stages })).toBe('2 stages; first: group owners');
  });
});
