import { describe, expect, it } from 'vitest';
import { acceptRecommendationsPlan, justificationProblem, percentDecided, planSize, runInBatches } from './review-decisions';
import { decisionOf } from './test-decisions';

describe('accepting recommendations', () => {
  it('approves those recommended Approve and denies those recommended Deny, among the undecided only', () => {
    const plan = acceptRecommendationsPlan([
      decisionOf('a', { recommendation: 'Approve' }),
      decisionOf('b', { recommendation: 'Deny' }),
      decisionOf('c', { recommendation: 'NotAvailable' }),
      // Decided already: the reviewer's answer stays, whatever the recommendation.
      decisionOf('d', { recommendation: 'Deny', decision: 'Approve' }),
      decisionOf('e', { recommendation: 'Approve', decision: 'DontKnow' }),
    ]);
    expect(plan.approve.map((d) => d.id)).toEqual(['a']);
    expect(plan.deny.map((d) => d.id)).toEqual(['b']);
    expect(plan.withoutRecommendation.map((d) => d.id)).toEqual(['c']);
    expect(planSize(plan)).toBe(2);
    expect(planSize(acceptRecommendationsPlan([decisionOf('f', { recommendation: 'NotAvailable' }), decisionOf('g', { recommendation: 'Approve', decision: 'Deny' })]))).toBe(0);
  });
});

describe('justificationProblem', () => {
  it('asks for a reason with an approval only when the review says so', () => {
    expect(justificationProblem('Approve', '  ', true)).toBe('This review asks for a justification with each approval.');
    expect(justificationProblem('Approve', 'Still on the team', true)).toBeNull();
    expect(justificationProblem('Deny', '', true)).toBeNull();
    expect(justificationProblem('Approve', '', false)).toBeNull();
    expect(justificationProblem(null, '', true)).toBeNull();
  });
});

describe('runInBatches', () => {
  it('runs every call, a few at a time', async () => {
    let running = 0;
    let most = 0;
    const result = await runInBatches([1, 2, 3, 4, 5, 6, 7], async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      running -= 1;
    }, 3);
    expect(result).toEqual({ done: 7, error: null });
    expect(most).toBe(3);
  });

  it('stops starting calls after the first failure, and says how many went through', async () => {
    const started: number[] = [];
    const failure = new Error('refused');
    const result = await runInBatches([1, 2, 3, 4, 5], async (n) => {
      started.push(n);
      if (n === 2) throw failure;
    }, 1);
    expect(result).toEqual({ done: 1, error: failure });
    expect(started).toEqual([1, 2]);
  });
});

describe('percentDecided', () => {
  it('counts Don’t know as an answer', () => {
    expect(percentDecided({ Approve: 1, Deny: 1, DontKnow: 1, NotReviewed: 1, total: 4 })).toBe(75);
    expect(percentDecided({ Approve: 2, Deny: 0, DontKnow: 0, NotReviewed: 1, total: 3 })).toBe(67);
    expect(percentDecided({ Approve: 0, Deny: 0, DontKnow: 0, NotReviewed: 0, total: 0 })).toBe(0);
  });
});
