import { describe, expect, it } from 'vitest';
import { movesToNextStage, outcomeOf, settingsWarnings, type OutcomeSettings } from './access-review-outcome.js';
import { recommend } from './access-review-recommendation.js';

const approve = { recommendation: 'Approve', reason: 'active' } as const;
const deny = { recommendation: 'Deny', reason: 'inactive' } as const;
const none = { recommendation: 'NotAvailable', reason: null } as const;
const settings = (patch: Partial<OutcomeSettings> = {}): OutcomeSettings => ({ defaultDecisionEnabled: false, defaultDecision: null, autoApplyDecisionsEnabled: true, ...patch });

describe('recommend', () => {
  const start = new Date('2027-03-01T00:00:00Z');
  const on = { recommendationsEnabled: true, recommendationLookBackDuration: null };
  it('approves someone active within 30 days before the review began, and says when', () => {
    expect(recommend(on, '2027-02-10T08:00:00Z', start)).toEqual({ recommendation: 'Approve', reason: 'Signed in or used this access on 2027-02-10, within the 30 days before the review began.' });
  });
  it('denies someone last active before the look-back period, or never', () => {
    expect(recommend(on, '2027-01-20T08:00:00Z', start).recommendation).toBe('Deny');
    expect(recommend(on, null, start)).toEqual({ recommendation: 'Deny', reason: 'No sign-in or use of this access has ever been recorded.' });
  });
  it('uses the look-back the definition sets', () => {
    expect(recommend({ recommendationsEnabled: true, recommendationLookBackDuration: 'P60D' }, '2027-01-20T08:00:00Z', start)).toMatchObject({ recommendation: 'Approve', reason: expect.stringContaining('60 days') });
  });
  it('recommends nothing when recommendations are off', () => {
    expect(recommend({ recommendationsEnabled: false, recommendationLookBackDuration: null }, null, start)).toEqual({ recommendation: 'NotAvailable', reason: null });
  });
});

describe('outcomeOf', () => {
  it('does what the reviewer decided', () => {
    expect(outcomeOf('Approve', settings({ defaultDecisionEnabled: true, defaultDecision: 'Deny' }), deny)).toEqual({ result: 'keep', by: 'reviewer' });
    expect(outcomeOf('Deny', settings(), approve)).toEqual({ result: 'remove', by: 'reviewer' });
  });
  it('keeps what nobody decided, unless a default decision is enabled', () => {
    expect(outcomeOf('NotReviewed', settings(), deny)).toEqual({ result: 'keep', by: 'nobody' });
    expect(outcomeOf('NotReviewed', settings({ defaultDecisionEnabled: true, defaultDecision: 'Deny' }), approve)).toEqual({ result: 'remove', by: 'defaultDecision' });
    expect(outcomeOf('DontKnow', settings({ defaultDecisionEnabled: true, defaultDecision: 'Approve' }), deny)).toEqual({ result: 'keep', by: 'defaultDecision' });
  });
  it('follows the recommendation when that is the default, and keeps when there is none', () => {
    const byRecommendation = settings({ defaultDecisionEnabled: true, defaultDecision: 'Recommendation' });
    expect(outcomeOf('NotReviewed', byRecommendation, deny)).toEqual({ result: 'remove', by: 'recommendation' });
    expect(outcomeOf('NotReviewed', byRecommendation, approve)).toEqual({ result: 'keep', by: 'recommendation' });
    expect(outcomeOf('NotReviewed', byRecommendation, none)).toEqual({ result: 'keep', by: 'nobody' });
  });
});

describe('settingsWarnings', () => {
  it('warns before saving a default Deny applied automatically: it can remove everyone', () => {
    expect(settingsWarnings(settings({ defaultDecisionEnabled: true, defaultDecision: 'Deny' }))).toEqual([expect.stringContaining('that is everyone')]);
  });
  it('warns about an automatic recommendation, and not about safe settings', () => {
    expect(settingsWarnings(settings({ defaultDecisionEnabled: true, defaultDecision: 'Recommendation' }))).toHaveLength(1);
    expect(settingsWarnings(settings({ defaultDecisionEnabled: true, defaultDecision: 'Deny', autoApplyDecisionsEnabled: false }))).toEqual([]);
    expect(settingsWarnings(settings({ defaultDecisionEnabled: true, defaultDecision: 'Approve' }))).toEqual([]);
  });
});

describe('movesToNextStage', () => {
  it('moves every decision on when the stage names none', () => {
    expect(movesToNextStage('Deny', deny, null)).toBe(true);
  });
  it('moves only the decisions named; an undecided one with a recommendation when Recommendation is named', () => {
    expect(movesToNextStage('Approve', approve, ['Approve'])).toBe(true);
    expect(movesToNextStage('Deny', deny, ['Approve'])).toBe(false);
    expect(movesToNextStage('DontKnow', none, ['NotReviewed'])).toBe(true);
    expect(movesToNextStage('NotReviewed', deny, ['Recommendation'])).toBe(true);
    expect(movesToNextStage('NotReviewed', none, ['Recommendation'])).toBe(false);
  });
});
