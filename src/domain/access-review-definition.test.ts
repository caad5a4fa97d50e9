import { describe, expect, it } from 'vitest';
import { defaultReviewSettings, definitionProblems, instanceDurationOf, stagePlans, type DefinitionInput, type StageSetting } from './access-review-definition.js';

const base: DefinitionInput = {
  displayName: 'Finance review',
  descriptionForAdmins: null,
  descriptionForReviewers: null,
  scope: { query: '/groups/g1/transitiveMembers' },
  reviewers: [{ query: '/users/u1' }],
  fallbackReviewers: [],
  settings: {
    ...defaultReviewSettings,
    instanceDurationInDays: 7,
    recommendationsEnabled: true,
    recurrence: { pattern: { type: 'absoluteMonthly', interval: 3 }, range: { type: 'noEnd', startDate: '2027-01-01', endDate: null, numberOfOccurrences: null } },
  },
  stageSettings: null,
};
const stage = (stageId: string, extra: Partial<StageSetting> = {}): StageSetting => ({ stageId, dependsOn: stageId === '1' ? [] : [String(Number(stageId) - 1)], durationInDays: 3, recommendationsEnabled: null, decisionsThatWillMoveToNextStage: null, reviewers: [{ query: '/users/u1' }], fallbackReviewers: [], ...extra });
const targets = (input: DefinitionInput) => definitionProblems(input).list().map((problem) => problem.target);

describe('definitionProblems', () => {
  it('finds none in a quarterly review of a group', () => {
    expect(targets(base)).toEqual([]);
  });

  it.each<[string, Partial<DefinitionInput>, string[]]>([
    ['an unknown scope and reviewer', { scope: { query: '/users' }, reviewers: [{ query: '/me' }] }, ['scope.query', 'reviewers[0].query']],
    ['an inactive users scope without a duration', { scope: { '@odata.type': '#microsoft.graph.accessReviewInactiveUsersQueryScope', query: '/groups/g1/transitiveMembers' } }, ['scope.inactiveDuration']],
    ['a default decision enabled without one', { settings: { ...base.settings, defaultDecisionEnabled: true } }, ['settings.defaultDecision']],
    ['a look-back longer than a year', { settings: { ...base.settings, recommendationLookBackDuration: 'P2Y' } }, ['settings.recommendationLookBackDuration']],
    ['26 reviewers', { reviewers: Array.from({ length: 26 }, (_, i) => ({ query: `/users/u${i}` })) }, ['reviewers']],
    ['stages of four', { stageSettings: ['1', '2', '3', '4'].map((id) => stage(id, { durationInDays: 1 })) }, ['stageSettings']],
    ['a second stage depending on nothing', { stageSettings: [stage('1'), stage('2', { dependsOn: [] })] }, ['stageSettings[1].dependsOn']],
    ['stages longer together than a month between instances', { settings: { ...base.settings, recurrence: { ...base.settings.recurrence, pattern: { type: 'absoluteMonthly', interval: 1 } } }, stageSettings: [stage('1', { durationInDays: 20 }), stage('2', { durationInDays: 20 })] }, ['stageSettings']],
  ])('reports %s', (_name, change, expected) => {
    expect(targets({ ...base, ...change })).toEqual(expected);
  });
});

describe('stagePlans', () => {
  it('is one stage of the whole instance without stageSettings, with the definition reviewers', () => {
    expect(stagePlans(base)).toEqual([{ stageNumber: 1, durationInDays: 7, reviewers: [{ kind: 'user', userId: 'u1' }], fallbackReviewers: [], recommendationsEnabled: true, decisionsThatWillMoveToNextStage: null }]);
    expect(instanceDurationOf(base)).toBe(7);
  });

  it('follows stageSettings, each stage falling back on the definition where it says nothing', () => {
    const definition = { ...base, fallbackReviewers: [{ query: '/users/f1' }], stageSettings: [stage('1', { decisionsThatWillMoveToNextStage: ['Approve'], recommendationsEnabled: false }), stage('2', { durationInDays: 2, reviewers: [{ query: './manager', queryRoot: 'decisions' }] })] };
    const plans = stagePlans(definition);
    expect(plans.map((plan) => [plan.stageNumber, plan.durationInDays, plan.recommendationsEnabled, plan.decisionsThatWillMoveToNextStage])).toEqual([
      [1, 3, false, ['Approve']],
      [2, 2, true, null],
    ]);
    expect(plans[1]!.reviewers).toEqual([{ kind: 'manager' }]);
    expect(plans[1]!.fallbackReviewers).toEqual([{ kind: 'user', userId: 'f1' }]);
    expect(instanceDurationOf(definition)).toBe(5);
  });
});
