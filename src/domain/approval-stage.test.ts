import { describe, expect, it } from 'vitest';
import { checkStageDecision, resolveStageApprovers, stageDeadlines, type ApprovalStage, type ApproverFacts } from './approval-stage.js';
import type { ApprovalStageSettings, SubjectSet } from './assignment-policy.js';
import { ConflictError, ForbiddenError, ValidationError } from './errors.js';

const user = (userId: string): SubjectSet => ({ '@odata.type': '#microsoft.graph.singleUser', userId });
const group = (groupId: string): SubjectSet => ({ '@odata.type': '#microsoft.graph.groupMembers', groupId });
const manager = (managerLevel: number): SubjectSet => ({ '@odata.type': '#microsoft.graph.requestorManager', managerLevel });
const sponsors: SubjectSet = { '@odata.type': '#microsoft.graph.targetUserSponsors' };

const stage = (overrides: Partial<ApprovalStageSettings> = {}): ApprovalStageSettings => ({
  durationBeforeAutomaticDenial: 'P14D',
  isApproverJustificationRequired: false,
  isEscalationEnabled: false,
  durationBeforeEscalation: 'PT0S',
  primaryApprovers: [],
  fallbackPrimaryApprovers: [],
  escalationApprovers: [],
  fallbackEscalationApprovers: [],
  ...overrides,
});

const facts = (overrides: Partial<ApproverFacts> = {}): ApproverFacts => ({
  managerChain: ['boss', 'big-boss'],
  targetSponsorIds: ['sponsor'],
  internalSponsorIds: ['inside-sponsor'],
  externalSponsorIds: ['partner-sponsor'],
  groupMemberIds: new Map([['approvers', ['ann', 'ben', 'requester']]]),
  enabledUserIds: new Set(['ann', 'carl', 'requester']),
  excludedIds: new Set(['requester']),
  ...overrides,
});

describe('resolveStageApprovers', () => {
  it.each([
    ['a named user', [user('carl')], ['carl']],
    ['a disabled or unknown user: nobody', [user('ghost')], []],
    ['group members, without the requester', [group('approvers')], ['ann', 'ben']],
    ['the manager', [manager(1)], ['boss']],
    ['the second-level manager', [manager(2)], ['big-boss']],
    ["the target's sponsors", [sponsors], ['sponsor']],
    ['several sets, each person once', [user('ann'), group('approvers'), manager(1)], ['ann', 'ben', 'boss']],
  ])('primary approvers: %s', (_, primaryApprovers, expected) => {
    expect(resolveStageApprovers(stage({ primaryApprovers, fallbackPrimaryApprovers: [user('carl')] }), facts()).approverIds.sort()).toEqual(
      expected.length ? [...expected].sort() : ['carl'],
    );
  });

  it('takes each kind of sponsor from its own source: the target\'s own, and their organization\'s inside and outside', () => {
    const kinds = ['targetUserSponsors', 'internalSponsors', 'externalSponsors'] as const;
    const found = kinds.map((kind) => resolveStageApprovers(stage({ primaryApprovers: [{ '@odata.type': `#microsoft.graph.${kind}` }] }), facts()).approverIds);
    expect(found).toEqual([['sponsor'], ['inside-sponsor'], ['partner-sponsor']]);
  });

  it('falls back when the target\'s organization has no sponsors', () => {
    const settings = stage({ primaryApprovers: [{ '@odata.type': '#microsoft.graph.internalSponsors' }], fallbackPrimaryApprovers: [user('carl')] });
    expect(resolveStageApprovers(settings, facts({ internalSponsorIds: [] }))).toEqual({ approverIds: ['carl'], source: 'fallbackPrimary' });
  });

  it('falls back when the requester has no manager', () => {
    expect(resolveStageApprovers(stage({ primaryApprovers: [manager(1)], fallbackPrimaryApprovers: [user('carl')] }), facts({ managerChain: [] }))).toEqual({ approverIds: ['carl'], source: 'fallbackPrimary' });
  });

  it('falls back when the only approver is the requester themself', () => {
    expect(resolveStageApprovers(stage({ primaryApprovers: [user('requester')], fallbackPrimaryApprovers: [user('ann')] }), facts())).toEqual({ approverIds: ['ann'], source: 'fallbackPrimary' });
  });

  it('finds nobody when neither primary nor fallback approvers exist', () => {
    expect(resolveStageApprovers(stage({ primaryApprovers: [manager(1)] }), facts({ managerChain: [] }))).toEqual({ approverIds: [], source: 'fallbackPrimary' });
  });

  it('resolves escalation approvers and their fallback the same way', () => {
    const settings = stage({ isEscalationEnabled: true, escalationApprovers: [manager(2)], fallbackEscalationApprovers: [user('carl')] });
    expect(resolveStageApprovers(settings, facts(), true)).toEqual({ approverIds: ['big-boss'], source: 'escalation' });
    expect(resolveStageApprovers(settings, facts({ managerChain: ['boss'] }), true)).toEqual({ approverIds: ['carl'], source: 'fallbackEscalation' });
  });
});

describe('stageDeadlines', () => {
  it('denies automatically after the stage’s duration and escalates only when enabled', () => {
    const start = new Date('2026-11-26T09:00:00.000Z');
    expect(stageDeadlines(stage({ durationBeforeAutomaticDenial: 'P7D' }), start)).toEqual({ dueDateTime: '2026-12-03T09:00:00.000Z', escalationDateTime: null });
    expect(stageDeadlines(stage({ durationBeforeAutomaticDenial: 'P7D', isEscalationEnabled: true, durationBeforeEscalation: 'P2D' }), start)).toEqual({
      dueDateTime: '2026-12-03T09:00:00.000Z',
      escalationDateTime: '2026-11-28T09:00:00.000Z',
    });
  });
});

describe('checkStageDecision', () => {
  const inProgress: ApprovalStage = {
    id: 's1',
    requestId: 'r1',
    stageNumber: 1,
    status: 'InProgress',
    reviewResult: 'NotReviewed',
    reviewedById: null,
    reviewedDateTime: null,
    justification: null,
    startedDateTime: '2026-11-26T09:00:00.000Z',
    dueDateTime: null,
    escalationDateTime: null,
    escalatedDateTime: null,
  };
  const context = { deciderId: 'ann', approverIds: new Set(['ann', 'requester']), requestorId: 'requester', targetId: 'target', isApproverJustificationRequired: false, now: new Date('2026-11-27T09:00:00.000Z') };
  const approve = { reviewResult: 'Approve' as const, justification: null };

  it.each([
    ['an approver on an open stage may decide', inProgress, context, approve, undefined],
    ['the requester may not, even if listed', inProgress, { ...context, deciderId: 'requester' }, approve, ForbiddenError],
    ['the target may not', inProgress, { ...context, deciderId: 'target', approverIds: new Set(['target']) }, approve, ForbiddenError],
    ['someone else may not', inProgress, { ...context, deciderId: 'eve' }, approve, ForbiddenError],
    ['a decided stage is not decided again', { ...inProgress, status: 'Completed' as const, reviewResult: 'Approved' as const }, context, approve, ConflictError],
    ['a stage not yet started is not decided', { ...inProgress, status: 'NotStarted' as const }, context, approve, ConflictError],
    ['an expired stage is not decided', { ...inProgress, status: 'Expired' as const, reviewResult: 'Denied' as const }, context, approve, ConflictError],
    ['a required justification must be given', inProgress, { ...context, isApproverJustificationRequired: true }, { reviewResult: 'Deny' as const, justification: '  ' }, ValidationError],
    ['a required justification given', inProgress, { ...context, isApproverJustificationRequired: true }, { reviewResult: 'Deny' as const, justification: 'Not needed' }, undefined],
    ['a stage before its deadline', { ...inProgress, dueDateTime: '2026-11-27T09:00:00.001Z' }, context, approve, undefined],
    ['a stage past its deadline, even if its deadline job has not run', { ...inProgress, dueDateTime: '2026-11-27T09:00:00.000Z' }, context, approve, ConflictError],
  ])('%s', (_, current, decisionContext, decision, error) => {
    const attempt = () => checkStageDecision(current, decision, decisionContext);
    if (error) expect(attempt).toThrow(error);
    else expect(attempt).not.toThrow();
  });
});
