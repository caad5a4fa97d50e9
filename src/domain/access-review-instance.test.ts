import { describe, expect, it } from 'vitest';
import { checkReviewDecision, decisionReviewer, stageWindows } from './access-review-instance.js';

describe('decisionReviewer', () => {
  const named = { reviewers: [{ kind: 'user' as const, userId: 'r1' }] };
  const managers = { reviewers: [{ kind: 'manager' as const }] };
  const ann = { userId: 'ann', managerId: 'mo' };
  const ben = { userId: 'ben', managerId: null };
  it.each<[string, Parameters<typeof decisionReviewer>, ReturnType<typeof decisionReviewer>]>([
    ['no reviewers: the person themself', [{ reviewers: [] }, ann, new Set(), false], { reviewerId: 'ann', role: 'primary' }],
    ['named reviewers review everyone', [named, ann, new Set(), true], { reviewerId: null, role: 'primary' }],
    ['named reviewers none of whom could be found: the fallbacks', [named, ann, new Set(), false], { reviewerId: null, role: 'fallback' }],
    ['managers: the manager, when they can sign in', [managers, ann, new Set(['mo']), false], { reviewerId: 'mo', role: 'primary' }],
    ['managers: a disabled manager is no reviewer', [managers, ann, new Set(), false], { reviewerId: null, role: 'fallback' }],
    ['managers: nobody to ask, the fallbacks', [managers, ben, new Set(['mo']), false], { reviewerId: null, role: 'fallback' }],
    ['managers and named reviewers: the named ones for those without a manager', [{ reviewers: [...managers.reviewers, ...named.reviewers] }, ben, new Set(), true], { reviewerId: null, role: 'primary' }],
  ])('%s', (_name, args, expected) => {
    expect(decisionReviewer(...args)).toEqual(expected);
  });
});

describe('stageWindows', () => {
  it('runs stages back to back from the start', () => {
    const windows = stageWindows(new Date('2027-01-01T09:00:00Z'), [3, 2]);
    expect(windows.map((w) => [w.startDateTime.toISOString(), w.endDateTime.toISOString()])).toEqual([
      ['2027-01-01T09:00:00.000Z', '2027-01-04T09:00:00.000Z'],
      ['2027-01-04T09:00:00.000Z', '2027-01-06T09:00:00.000Z'],
    ]);
  });
});

describe('checkReviewDecision', () => {
  const open = { instance: { status: 'InProgress' as const }, stage: { status: 'InProgress' as const, stageNumber: 1 }, isReviewer: true, justificationRequiredOnApproval: false };
  it('lets a reviewer decide while the stage is open', () => {
    expect(() => checkReviewDecision(open, { decision: 'Deny', justification: null })).not.toThrow();
  });
  it.each<[string, typeof open, { decision: 'Approve' | 'Deny'; justification: string | null }, string]>([
    ['someone who is not a reviewer', { ...open, isReviewer: false }, { decision: 'Approve', justification: 'x' }, 'Authorization_RequestDenied'],
    ['an instance that has ended', { ...open, instance: { status: 'Completed' as never } }, { decision: 'Approve', justification: 'x' }, 'AccessReviewNotInProgress'],
    ['a stage that has ended', { ...open, stage: { status: 'Completed' as never, stageNumber: 1 } }, { decision: 'Deny', justification: null }, 'AccessReviewNotInProgress'],
    ['an approval without the justification required', { ...open, justificationRequiredOnApproval: true }, { decision: 'Approve', justification: null }, 'Request_BadRequest'],
  ])('refuses %s', (_name, context, decision, code) => {
    expect(() => checkReviewDecision(context, decision)).toThrow(expect.objectContaining({ code }));
  });
});
