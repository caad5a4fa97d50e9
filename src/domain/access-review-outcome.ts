import type { Recommendation } from './access-review-recommendation.js';

/**
 * What an access review does with its decisions. A reviewer answers Approve, Deny or DontKnow;
 * a decision nobody made is NotReviewed. When an instance ends, Deny removes the access. What was
 * not decided (NotReviewed, and DontKnow, which decides nothing) follows the default decision when
 * one is enabled: Approve keeps, Deny removes, Recommendation follows the recommendation. Anything
 * else keeps the access: a review never removes what nobody decided to remove.
 */
export type ReviewerDecision = 'Approve' | 'Deny' | 'DontKnow' | 'NotReviewed';
export type DefaultDecision = 'Approve' | 'Deny' | 'Recommendation';
export type OutcomeSettings = { defaultDecisionEnabled: boolean; defaultDecision: DefaultDecision | null; autoApplyDecisionsEnabled: boolean };

export type Outcome = { result: 'keep' | 'remove'; by: 'reviewer' | 'defaultDecision' | 'recommendation' | 'nobody' };

export function outcomeOf(decision: ReviewerDecision, settings: OutcomeSettings, recommendation: Recommendation): Outcome {
  if (decision === 'Approve') return { result: 'keep', by: 'reviewer' };
  if (decision === 'Deny') return { result: 'remove', by: 'reviewer' };
  if (!settings.defaultDecisionEnabled || !settings.defaultDecision) return { result: 'keep', by: 'nobody' };
  if (settings.defaultDecision === 'Approve') return { result: 'keep', by: 'defaultDecision' };
  if (settings.defaultDecision === 'Deny') return { result: 'remove', by: 'defaultDecision' };
  // Recommendation: a Deny recommendation removes; none (NotAvailable) keeps.
  return recommendation.recommendation === 'Deny' ? { result: 'remove', by: 'recommendation' } : { result: 'keep', by: recommendation.recommendation === 'Approve' ? 'recommendation' : 'nobody' };
}

/**
 * Warnings to show before a definition is saved: settings that are valid but can take access from
 * people nobody looked at. Graph documents the first as a caution; the portal shows both.
 */
export function settingsWarnings(settings: OutcomeSettings): string[] {
  const warnings: string[] = [];
  if (settings.autoApplyDecisionsEnabled && settings.defaultDecisionEnabled && settings.defaultDecision === 'Deny') {
    warnings.push('With a default decision of Deny applied automatically, everyone whose reviewer does not answer in time loses their access: if no reviewer answers, that is everyone.');
  }
  if (settings.autoApplyDecisionsEnabled && settings.defaultDecisionEnabled && settings.defaultDecision === 'Recommendation') {
    warnings.push('With the recommendation applied automatically, everyone not reviewed who has not signed in or used the access recently loses it.');
  }
  return warnings;
}

/** Graph's decisionsThatWillMoveToNextStage: which of a stage's decisions go on to the next (all when unset). */
export type StageDecision = 'Approve' | 'Deny' | 'NotReviewed' | 'Recommendation';

export function movesToNextStage(decision: ReviewerDecision, recommendation: Recommendation, moving: readonly StageDecision[] | null): boolean {
  if (!moving || moving.length === 0) return true;
  const asStage: StageDecision = decision === 'DontKnow' ? 'NotReviewed' : decision;
  if (moving.includes(asStage)) return true;
  // "Recommendation" moves the undecided whose recommendation is the one the stage would pass on.
  return asStage === 'NotReviewed' && moving.includes('Recommendation') && recommendation.recommendation !== 'NotAvailable';
}
