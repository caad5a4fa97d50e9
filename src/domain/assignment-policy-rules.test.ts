import { describe, expect, it } from 'vitest';
import type { AssignmentPolicy, SubjectSet } from './assignment-policy.js';
import {
  buildAssignmentPolicy,
  isOnBehalfRequestor,
  mergePolicyInput,
  policyAppliesTo,
  replaceAssignmentPolicy,
  requestRequirements,
  subjectReferences,
  validatePolicy,
  type ApprovalStageInput,
  type AssignmentPolicyInput,
  type PolicySubject,
} from './assignment-policy-rules.js';
import { ValidationError } from './errors.js';

const now = new Date('2026-11-26T09:00:00.000Z');
const ids = () => {
  let n = 0;
  return () => `q-${++n}`;
};
const user = (userId: string): SubjectSet => ({ '@odata.type': '#microsoft.graph.singleUser', userId });
const group = (groupId: string): SubjectSet => ({ '@odata.type': '#microsoft.graph.groupMembers', groupId });
const manager = (managerLevel: number): SubjectSet => ({ '@odata.type': '#microsoft.graph.requestorManager', managerLevel });
const rule = (membershipRule: string): SubjectSet => ({ '@odata.type': '#microsoft.graph.attributeRuleMembers', membershipRule, description: 'Sales' });
const sponsors: SubjectSet = { '@odata.type': '#microsoft.graph.internalSponsors' };

const base: AssignmentPolicyInput = { displayName: 'Members', allowedTargetScope: 'allMemberUsers', requestorSettings: { enableTargetsToSelfAddAccess: true } };
const stage = (overrides: Partial<ApprovalStageInput> = {}): ApprovalStageInput => ({ durationBeforeAutomaticDenial: 'P7D', primaryApprovers: [manager(1)], ...overrides });
const withStages = (...stages: ApprovalStageInput[]): AssignmentPolicyInput => ({ ...base, requestApprovalSettings: { isApprovalRequiredForAdd: true, stages } });
const textQuestion = (overrides: Record<string, unknown> = {}) => ({ '@odata.type': '#microsoft.graph.accessPackageTextInputQuestion' as const, text: 'Why?', ...overrides });
const choiceQuestion = (choices: { actualValue: string; text: string }[], overrides: Record<string, unknown> = {}) => ({
  '@odata.type': '#microsoft.graph.accessPackageMultipleChoiceQuestion' as const,
  text: 'Where?',
  choices,
  ...overrides,
});
const validate = (input: AssignmentPolicyInput) => validatePolicy(input, { now, newQuestionId: ids() });

function problemsOf(input: AssignmentPolicyInput): { target?: string; message: string }[] {
  try {
    validate(input);
  } catch (error) {
    if (error instanceof ValidationError) return error.details;
    throw error;
  }
  return [];
}

describe('validatePolicy: defaults', () => {
  it('fills Graph’s defaults for what is left out', () => {
    expect(validate({ displayName: ' Direct ' })).toEqual({
      displayName: 'Direct',
      description: null,
      allowedTargetScope: 'notSpecified',
      specificAllowedTargets: [],
      automaticRequestSettings: null,
      expiration: { type: 'noExpiration', endDateTime: null, duration: null },
      requestorSettings: {
        enableTargetsToSelfAddAccess: false,
        enableTargetsToSelfUpdateAccess: false,
        enableTargetsToSelfRemoveAccess: false,
        allowCustomAssignmentSchedule: false,
        enableOnBehalfRequestorsToAddAccess: false,
        enableOnBehalfRequestorsToUpdateAccess: false,
        enableOnBehalfRequestorsToRemoveAccess: false,
        onBehalfRequestors: [],
      },
      requestApprovalSettings: { isApprovalRequiredForAdd: false, isApprovalRequiredForUpdate: false, isRequestorJustificationRequired: false, stages: [] },
      reviewSettings: null,
      notificationSettings: { isAssignmentNotificationDisabled: false },
      questions: [],
    });
  });

  it('reads notSpecified expiration as noExpiration, and keeps days, hours and future dates', () => {
    expect(validate({ ...base, expiration: { type: 'notSpecified' } }).expiration).toEqual({ type: 'noExpiration', endDateTime: null, duration: null });
    expect(validate({ ...base, expiration: { type: 'afterDuration', duration: 'P3660D' } }).expiration).toEqual({ type: 'afterDuration', duration: 'P3660D', endDateTime: null });
    expect(validate({ ...base, expiration: { type: 'afterDuration', duration: 'PT8H', endDateTime: null } }).expiration.duration).toBe('PT8H');
    expect(validate({ ...base, expiration: { type: 'afterDateTime', endDateTime: '2027-01-01T01:00:00+01:00' } }).expiration).toEqual({ type: 'afterDateTime', endDateTime: '2027-01-01T00:00:00.000Z', duration: null });
  });

  it('normalises stages, subject sets and questions', () => {
    const settings = validate({
      ...withStages(
        stage({ primaryApprovers: [{ ...user('u1'), description: 'ignored: filled when read' } as SubjectSet, sponsors], fallbackPrimaryApprovers: [group('g1')] }),
        stage({ durationBeforeAutomaticDenial: 'PT1H', durationBeforeEscalation: 'PT0S', primaryApprovers: [manager(2)] }),
        stage({ durationBeforeAutomaticDenial: 'P14D', isEscalationEnabled: true, durationBeforeEscalation: 'P13D', escalationApprovers: [manager(2)], fallbackEscalationApprovers: [user('u2')] }),
      ),
      questions: [textQuestion({ id: 'kept', regexPattern: '' }), choiceQuestion([{ actualValue: 'KE', text: 'Kenya' }], { sequence: 7, isMultipleSelectionAllowed: true })],
    });
    expect(settings.requestApprovalSettings.stages.map((s) => s.durationBeforeEscalation)).toEqual(['PT0S', 'PT0S', 'P13D']);
    expect(settings.requestApprovalSettings.stages[0]!.primaryApprovers).toEqual([user('u1'), sponsors]);
    expect(settings.questions).toEqual([
      { '@odata.type': '#microsoft.graph.accessPackageTextInputQuestion', id: 'kept', text: 'Why?', sequence: 1, isRequired: false, isAnswerEditable: false, localizations: [], isSingleLineQuestion: true, regexPattern: null },
      {
        '@odata.type': '#microsoft.graph.accessPackageMultipleChoiceQuestion',
        id: 'q-1',
        text: 'Where?',
        sequence: 7,
        isRequired: false,
        isAnswerEditable: false,
        localizations: [],
        isMultipleSelectionAllowed: true,
        choices: [{ actualValue: 'KE', text: 'Kenya', localizations: [] }],
      },
    ]);
    const specific = validate({ ...base, allowedTargetScope: 'specificDirectoryUsers', specificAllowedTargets: [rule(' user.department -eq "Sales" '), group('g1')] });
    expect(specific.specificAllowedTargets).toEqual([{ ...rule('user.department -eq "Sales"') }, group('g1')]);
  });

  it('lets people of connected organizations ask, approved by sponsors', () => {
    const members = { '@odata.type': '#microsoft.graph.connectedOrganizationMembers', connectedOrganizationId: 'org-1', description: 'ignored' } as const;
    const specific = validate({ ...withStages(stage({ primaryApprovers: [sponsors, { '@odata.type': '#microsoft.graph.externalSponsors' }] })), allowedTargetScope: 'specificConnectedOrganizationUsers', specificAllowedTargets: [members] });
    expect(specific.specificAllowedTargets).toEqual([{ '@odata.type': '#microsoft.graph.connectedOrganizationMembers', connectedOrganizationId: 'org-1' }]);
    expect(specific.requestApprovalSettings.stages[0]!.primaryApprovers.map((set) => set['@odata.type'])).toEqual(['#microsoft.graph.internalSponsors', '#microsoft.graph.externalSponsors']);
    expect(validate({ ...base, allowedTargetScope: 'allConfiguredConnectedOrganizationUsers' }).allowedTargetScope).toBe('allConfiguredConnectedOrganizationUsers');
    expect(validate({ ...base, allowedTargetScope: 'allExternalUsers' }).specificAllowedTargets).toEqual([]);
  });

  it('lets managers ask for their direct reports', () => {
    const settings = validate({ ...base, requestorSettings: { enableOnBehalfRequestorsToAddAccess: true, onBehalfRequestors: [manager(1), group('g1')] } });
    expect(settings.requestorSettings.onBehalfRequestors).toEqual([manager(1), group('g1')]);
  });
});

describe('validatePolicy: refusals', () => {
  const users = (count: number) => Array.from({ length: count }, (_, i) => user(`u${i}`));
  const cases: [string, AssignmentPolicyInput, string, RegExp][] = [
    ['specific connected organizations naming none', { ...base, allowedTargetScope: 'specificConnectedOrganizationUsers' }, 'specificAllowedTargets', /at least one connectedOrganizationMembers/],
    ['specific connected organizations naming users', { ...base, allowedTargetScope: 'specificConnectedOrganizationUsers', specificAllowedTargets: [user('u1')] }, 'specificAllowedTargets[0]', /singleUser cannot be used/],
    ['targets with all external users', { ...base, allowedTargetScope: 'allExternalUsers', specificAllowedTargets: [user('u1')] }, 'specificAllowedTargets', /leave it empty for allExternalUsers/],
    ['a service-principal scope', { ...base, allowedTargetScope: 'allDirectoryServicePrincipals' }, 'allowedTargetScope', /users only/],
    ['an unknown scope', { ...base, allowedTargetScope: 'everyone' }, 'allowedTargetScope', /not an allowedTargetScope/],
    ['specific users without targets', { ...base, allowedTargetScope: 'specificDirectoryUsers' }, 'specificAllowedTargets', /at least one/],
    ['targets with another scope', { ...base, specificAllowedTargets: [user('u1')] }, 'specificAllowedTargets', /only to allowedTargetScope specificDirectoryUsers and specificConnectedOrganizationUsers/],
    ['an empty membership rule', { ...base, allowedTargetScope: 'specificDirectoryUsers', specificAllowedTargets: [rule('  ')] }, 'specificAllowedTargets[0].membershipRule', /1–3072/],
    ['a too long membership rule', { ...base, allowedTargetScope: 'specificDirectoryUsers', specificAllowedTargets: [rule('x'.repeat(3073))] }, 'specificAllowedTargets[0].membershipRule', /3073/],
    ['a manager as allowed target', { ...base, allowedTargetScope: 'specificDirectoryUsers', specificAllowedTargets: [manager(1)] }, 'specificAllowedTargets[0]', /requestorManager cannot be used/],
    [
      'connected organization members',
      { ...base, allowedTargetScope: 'specificDirectoryUsers', specificAllowedTargets: [{ '@odata.type': '#microsoft.graph.connectedOrganizationMembers', connectedOrganizationId: 'c' }] },
      'specificAllowedTargets[0]',
      /connectedOrganizationMembers cannot be used/,
    ],
    ['self-requesting with notSpecified', { displayName: 'x', requestorSettings: { enableTargetsToSelfAddAccess: true } }, 'requestorSettings', /only administrators.*enableTargetsToSelfAddAccess/],
    ['on-behalf with notSpecified', { displayName: 'x', requestorSettings: { enableOnBehalfRequestorsToRemoveAccess: true, onBehalfRequestors: [manager(1)] } }, 'requestorSettings', /enableOnBehalfRequestorsToRemoveAccess/],
    ['on-behalf without requestors', { ...base, requestorSettings: { enableOnBehalfRequestorsToUpdateAccess: true } }, 'requestorSettings.onBehalfRequestors', /must say who/],
    ['a second-level manager on behalf', { ...base, requestorSettings: { enableOnBehalfRequestorsToAddAccess: true, onBehalfRequestors: [manager(2)] } }, 'requestorSettings.onBehalfRequestors[0].managerLevel', /must be 1/],
    ['sponsors on behalf', { ...base, requestorSettings: { onBehalfRequestors: [sponsors] } }, 'requestorSettings.onBehalfRequestors[0]', /internalSponsors cannot be used/],
    ['approval without stages', withStages(), 'requestApprovalSettings.stages', /1–3 approval stages/],
    ['four stages', withStages(stage(), stage(), stage(), stage()), 'requestApprovalSettings.stages', /there are 4/],
    ['stages without approval', { ...base, requestApprovalSettings: { stages: [stage()] } }, 'requestApprovalSettings.stages', /must be empty/],
    ['a half-hour decision time', withStages(stage({ durationBeforeAutomaticDenial: 'PT30M' })), 'requestApprovalSettings.stages[0].durationBeforeAutomaticDenial', /PT1H to P14D/],
    ['a fifteen-day decision time', withStages(stage({ durationBeforeAutomaticDenial: 'P15D' })), 'requestApprovalSettings.stages[0].durationBeforeAutomaticDenial', /P15D/],
    ['a month as decision time', withStages(stage({ durationBeforeAutomaticDenial: 'P1M' })), 'requestApprovalSettings.stages[0].durationBeforeAutomaticDenial', /PT1H to P14D/],
    ['a decision time in words', withStages(stage({ durationBeforeAutomaticDenial: 'seven days' })), 'requestApprovalSettings.stages[0].durationBeforeAutomaticDenial', /ISO 8601/],
    ['no primary approvers', withStages(stage({ primaryApprovers: [] })), 'requestApprovalSettings.stages[0].primaryApprovers', /at least one primary approver/],
    ['a manager as fallback', withStages(stage({ fallbackPrimaryApprovers: [manager(1)] })), 'requestApprovalSettings.stages[0].fallbackPrimaryApprovers[0]', /allowed here: singleUser, groupMembers/],
    ['a third-level manager', withStages(stage({ primaryApprovers: [manager(3)] })), 'requestApprovalSettings.stages[0].primaryApprovers[0].managerLevel', /1 or 2/],
    ['a rule as approver', withStages(stage({ primaryApprovers: [rule('user.x -eq "y"')] })), 'requestApprovalSettings.stages[0].primaryApprovers[0]', /attributeRuleMembers cannot be used/],
    ['escalation without approvers', withStages(stage({ isEscalationEnabled: true, durationBeforeEscalation: 'P2D' })), 'requestApprovalSettings.stages[0].escalationApprovers', /at least one/],
    ['escalation as late as the deadline', withStages(stage({ isEscalationEnabled: true, durationBeforeEscalation: 'P7D', escalationApprovers: [user('u')] })), 'requestApprovalSettings.stages[0].durationBeforeEscalation', /shorter than/],
    ['escalation after zero time', withStages(stage({ isEscalationEnabled: true, durationBeforeEscalation: 'PT0S', escalationApprovers: [user('u')] })), 'requestApprovalSettings.stages[0].durationBeforeEscalation', /positive/],
    ['escalation time while disabled', withStages(stage({ durationBeforeEscalation: 'P1D' })), 'requestApprovalSettings.stages[0].durationBeforeEscalation', /only when isEscalationEnabled/],
    ['escalation approvers while disabled', withStages(stage({ escalationApprovers: [user('u')] })), 'requestApprovalSettings.stages[0].escalationApprovers', /leave it empty/],
    ['fallback escalation approvers while disabled', withStages(stage({ fallbackEscalationApprovers: [user('u')] })), 'requestApprovalSettings.stages[0].fallbackEscalationApprovers', /leave it empty/],
    ['26 approvers', withStages(stage({ primaryApprovers: users(26) })), 'requestApprovalSettings.stages[0].primaryApprovers', /at most 25/],
    ['the same approver twice', withStages(stage({ primaryApprovers: [user('u'), user('u')] })), 'requestApprovalSettings.stages[0].primaryApprovers[1]', /twice/],
    ['an end date in the past', { ...base, expiration: { type: 'afterDateTime', endDateTime: '2026-11-26T09:00:00Z' } }, 'expiration.endDateTime', /in the future/],
    ['an end date missing', { ...base, expiration: { type: 'afterDateTime' } }, 'expiration.endDateTime', /needs endDateTime/],
    ['an end date with a duration', { ...base, expiration: { type: 'afterDateTime', endDateTime: '2027-01-01T00:00:00Z', duration: 'P1D' } }, 'expiration.duration', /not a duration/],
    ['a duration in months', { ...base, expiration: { type: 'afterDuration', duration: 'P1M' } }, 'expiration.duration', /days or hours/],
    ['a duration past 3660 days', { ...base, expiration: { type: 'afterDuration', duration: 'P3661D' } }, 'expiration.duration', /P3660D/],
    ['a zero duration', { ...base, expiration: { type: 'afterDuration', duration: 'PT0H' } }, 'expiration.duration', /more than zero/],
    ['days and hours', { ...base, expiration: { type: 'afterDuration', duration: 'P1DT2H' } }, 'expiration.duration', /P\{n\}D or PT\{n\}H/],
    ['a duration missing', { ...base, expiration: { type: 'afterDuration' } }, 'expiration.duration', /days or hours/],
    ['noExpiration with a duration', { ...base, expiration: { type: 'noExpiration', duration: 'P1D' } }, 'expiration', /takes no endDateTime or duration/],
    ['21 questions', { ...base, questions: Array.from({ length: 21 }, () => textQuestion()) }, 'questions', /at most 20/],
    ['the same question id twice', { ...base, questions: [textQuestion({ id: 'a' }), textQuestion({ id: 'a' })] }, 'questions[1].id', /used twice/],
    ['a question id with spaces', { ...base, questions: [textQuestion({ id: 'has space' })] }, 'questions[0].id', /letters, digits/],
    ['a blank question', { ...base, questions: [textQuestion({ text: '   ' })] }, 'questions[0].text', /1–1000/],
    ['a too long question', { ...base, questions: [textQuestion({ text: 'x'.repeat(1001) })] }, 'questions[0].text', /1001/],
    ['a backreference', { ...base, questions: [textQuestion({ regexPattern: '(a)\\1' })] }, 'questions[0].regexPattern', /RE2 syntax.*\\1/],
    ['a lookahead', { ...base, questions: [textQuestion({ regexPattern: 'a(?=b)' })] }, 'questions[0].regexPattern', /error parsing regexp/],
    ['an unbalanced pattern', { ...base, questions: [textQuestion({ regexPattern: '(a' })] }, 'questions[0].regexPattern', /missing closing \)/],
    ['a too long pattern', { ...base, questions: [textQuestion({ regexPattern: 'a'.repeat(501) })] }, 'questions[0].regexPattern', /at most 500/],
    ['a choice question without choices', { ...base, questions: [choiceQuestion([])] }, 'questions[0].choices', /1–50 choices/],
    ['51 choices', { ...base, questions: [choiceQuestion(Array.from({ length: 51 }, (_, i) => ({ actualValue: `v${i}`, text: `V${i}` })))] }, 'questions[0].choices', /has 51/],
    ['the same choice value twice', { ...base, questions: [choiceQuestion([{ actualValue: 'KE', text: 'Kenya' }, { actualValue: 'KE', text: 'Kenia' }])] }, 'questions[0].choices[1].actualValue', /offered twice/],
    ['a bad language code', { ...base, questions: [textQuestion({ localizations: [{ languageCode: 'french!', text: 'Pourquoi?' }] })] }, 'questions[0].localizations[0].languageCode', /language code/],
    ['automatic assignment without a rule', { ...base, automaticRequestSettings: { requestAccessForAllowedTargets: true } }, 'automaticRequestSettings.requestAccessForAllowedTargets', /assigns the users of one rule/],
    ['automatic assignment with approval', { ...base, allowedTargetScope: 'specificDirectoryUsers', specificAllowedTargets: [rule('user.department -eq "IT"')], automaticRequestSettings: { requestAccessForAllowedTargets: true }, requestApprovalSettings: { isApprovalRequiredForAdd: true, stages: [{ durationBeforeAutomaticDenial: 'P7D', primaryApprovers: [{ '@odata.type': '#microsoft.graph.requestorManager', managerLevel: 1 }] }] } }, 'automaticRequestSettings.requestAccessForAllowedTargets', /without approval/],
    ['custom extensions', { ...base, customExtensionStageSettings: [{}] }, 'customExtensionStageSettings', /later issue/],
    ['huge review settings', { ...base, reviewSettings: { note: 'x'.repeat(9000) } }, 'reviewSettings', /at most 8192/],
    ['a blank name', { ...base, displayName: '  ' }, 'displayName', /must not be empty/],
  ];
  it.each(cases)('%s', (_name, input, target, message) => {
    const problems = problemsOf(input);
    expect(problems.map((p) => p.target)).toContain(target);
    expect(problems.find((p) => p.target === target)!.message).toMatch(message);
  });

  it('reports every problem at once, the first as the message', () => {
    let caught: unknown;
    try {
      validate({ ...withStages(stage({ durationBeforeAutomaticDenial: 'P30D', primaryApprovers: [] })), allowedTargetScope: 'allDirectoryServicePrincipals', questions: [textQuestion({ regexPattern: '(' })] });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const error = caught as ValidationError;
    expect(error.details.map((d) => d.target)).toEqual([
      'allowedTargetScope',
      'requestApprovalSettings.stages[0].durationBeforeAutomaticDenial',
      'requestApprovalSettings.stages[0].primaryApprovers',
      'questions[0].regexPattern',
    ]);
    expect(error.target).toBe('allowedTargetScope');
    expect(error.message).toMatch(/users only.*and 3 more problems; see details/);
  });
});

describe('building and changing a policy', () => {
  const built = buildAssignmentPolicy({ ...base, expiration: { type: 'afterDateTime', endDateTime: '2026-12-01T00:00:00Z' } }, { id: 'p1', accessPackageId: 'ap', catalogId: 'c', newQuestionId: ids() }, now);

  it('gives a new policy its identity and times', () => {
    expect(built).toMatchObject({ id: 'p1', accessPackageId: 'ap', catalogId: 'c', createdDateTime: now.toISOString(), modifiedDateTime: now.toISOString(), deletedDateTime: null });
  });

  it('replaces everything but identity; an end date that has passed may stay, not be set anew', () => {
    const later = new Date('2026-12-05T00:00:00.000Z');
    const replaced = replaceAssignmentPolicy(built, { displayName: 'Renamed', expiration: built.expiration }, ids(), later);
    expect(replaced).toMatchObject({ id: 'p1', displayName: 'Renamed', allowedTargetScope: 'notSpecified', createdDateTime: now.toISOString(), modifiedDateTime: later.toISOString() });
    expect(() => replaceAssignmentPolicy(built, { displayName: 'x', expiration: { type: 'afterDateTime', endDateTime: '2026-12-02T00:00:00Z' } }, ids(), later)).toThrow(/in the future/);
  });

  it('merges a PATCH: settings member by member, collections whole', () => {
    const withQuestions = { ...built, questions: validate({ ...base, questions: [textQuestion({ id: 'old' })] }).questions };
    const merged = mergePolicyInput(withQuestions, { requestorSettings: { enableTargetsToSelfRemoveAccess: true }, questions: [textQuestion({ id: 'new' })] });
    expect(merged.requestorSettings).toMatchObject({ enableTargetsToSelfAddAccess: true, enableTargetsToSelfRemoveAccess: true });
    expect(merged.questions!.map((q) => q.id)).toEqual(['new']);
    expect(merged.displayName).toBe('Members');
  });

  it('lists the users and groups a policy names, by path', () => {
    const settings = validate({ ...withStages(stage({ primaryApprovers: [user('u1')], fallbackPrimaryApprovers: [group('g1')] })), requestorSettings: { onBehalfRequestors: [group('g2')] } });
    expect(subjectReferences(settings)).toEqual([
      { kind: 'group', id: 'g2', target: 'requestorSettings.onBehalfRequestors[0].groupId' },
      { kind: 'user', id: 'u1', target: 'requestApprovalSettings.stages[0].primaryApprovers[0].userId' },
      { kind: 'group', id: 'g1', target: 'requestApprovalSettings.stages[0].fallbackPrimaryApprovers[0].groupId' },
    ]);
  });
});

describe('who a policy lets ask', () => {
  const policy = (input: Partial<AssignmentPolicyInput>, deleted = false): AssignmentPolicy => ({
    ...buildAssignmentPolicy({ ...base, ...input } as AssignmentPolicyInput, { id: 'p', accessPackageId: 'ap', catalogId: 'c', newQuestionId: ids() }, now),
    deletedDateTime: deleted ? now.toISOString() : null,
  });
  const member: PolicySubject = { id: 'm', userType: 'Member', groupIds: new Set(['g-outer', 'g-inner']) };
  const guest: PolicySubject = { id: 'g', userType: 'Guest', groupIds: new Set() };
  const specific = (...targets: SubjectSet[]) => policy({ allowedTargetScope: 'specificDirectoryUsers', specificAllowedTargets: targets });
  const fromOrganizations = (...ids: string[]) =>
    policy({ allowedTargetScope: 'specificConnectedOrganizationUsers', specificAllowedTargets: ids.map((connectedOrganizationId) => ({ '@odata.type': '#microsoft.graph.connectedOrganizationMembers' as const, connectedOrganizationId })) });
  const partnerGuest = (id: string, state: 'configured' | 'proposed'): PolicySubject => ({ ...guest, connectedOrganization: { id, state } });

  const cases: [string, AssignmentPolicy, PolicySubject, boolean][] = [
    ['administrators only', policy({ allowedTargetScope: 'notSpecified', requestorSettings: {} }), member, false],
    ['all members: a member', policy({}), member, true],
    ['all members: a guest', policy({}), guest, false],
    ['all users: a guest', policy({ allowedTargetScope: 'allDirectoryUsers' }), guest, true],
    ['all users: a member', policy({ allowedTargetScope: 'allDirectoryUsers' }), member, true],
    ['a named user', specific(user('m')), member, true],
    ['another named user', specific(user('x')), member, false],
    ['members of a group, through nesting', specific(group('g-outer')), member, true],
    ['members of another group', specific(group('g-x')), member, false],
    ['a rule never matches yet', specific(rule('user.department -eq "Sales"')), member, false],
    ['self add turned off', policy({ requestorSettings: { enableTargetsToSelfRemoveAccess: true } }), member, false],
    ['a deleted policy', policy({}, true), member, false],
    ['a named organization: its guest', fromOrganizations('org-1'), partnerGuest('org-1', 'configured'), true],
    ['a named organization: another\'s guest', fromOrganizations('org-1'), partnerGuest('org-2', 'configured'), false],
    ['a named organization: a guest of none', fromOrganizations('org-1'), guest, false],
    ['a named organization: a member, whatever their address', fromOrganizations('org-1'), { ...member, connectedOrganization: { id: 'org-1', state: 'configured' } }, false],
    ['configured organizations: a configured one\'s guest', policy({ allowedTargetScope: 'allConfiguredConnectedOrganizationUsers' }), partnerGuest('org-1', 'configured'), true],
    ['configured organizations: a proposed one\'s guest', policy({ allowedTargetScope: 'allConfiguredConnectedOrganizationUsers' }), partnerGuest('org-1', 'proposed'), false],
    ['configured organizations: a guest of none', policy({ allowedTargetScope: 'allConfiguredConnectedOrganizationUsers' }), guest, false],
    ['all external users: a guest of none', policy({ allowedTargetScope: 'allExternalUsers' }), guest, true],
    ['all external users: a member', policy({ allowedTargetScope: 'allExternalUsers' }), member, false],
    ['all users: an outsider, in a catalog hidden from outsiders', policy({ allowedTargetScope: 'allDirectoryUsers' }), { ...guest, outsiderCatalogIds: new Set(['another']) }, false],
    ['all users: an outsider, in a catalog visible to outsiders', policy({ allowedTargetScope: 'allDirectoryUsers' }), { ...guest, outsiderCatalogIds: new Set(['c']) }, true],
  ];
  it.each(cases)('policyAppliesTo: %s', (_name, subject, requestor, expected) => {
    expect(policyAppliesTo(subject, requestor)).toBe(expected);
  });

  const onBehalf = (requestors: SubjectSet[], flags: Record<string, boolean> = { enableOnBehalfRequestorsToAddAccess: true }) =>
    policy({ requestorSettings: { ...flags, onBehalfRequestors: requestors } });
  const onBehalfCases: [string, AssignmentPolicy, boolean, 'add' | 'update' | 'remove' | undefined, boolean][] = [
    ['a manager of the target', onBehalf([manager(1)]), true, undefined, true],
    ['a manager of someone else', onBehalf([manager(1)]), false, undefined, false],
    ['a named user', onBehalf([user('m')]), false, 'add', true],
    ['a member of a named group', onBehalf([group('g-inner')]), false, 'add', true],
    ['nobody named', onBehalf([user('x')]), true, 'add', false],
    ['add while only remove is enabled', onBehalf([user('m')], { enableOnBehalfRequestorsToRemoveAccess: true }), false, 'add', false],
    ['remove while remove is enabled', onBehalf([user('m')], { enableOnBehalfRequestorsToRemoveAccess: true }), false, 'remove', true],
    ['update while add is enabled', onBehalf([user('m')]), false, 'update', false],
  ];
  it.each(onBehalfCases)('isOnBehalfRequestor: %s', (_name, subject, isManagerOfTarget, action, expected) => {
    expect(isOnBehalfRequestor(subject, member, { isManagerOfTarget, ...(action ? { action } : {}) })).toBe(expected);
  });

  it('describes what a request must bring, questions in order', () => {
    const subject = policy({
      description: 'For sellers',
      requestApprovalSettings: { isApprovalRequiredForAdd: true, isRequestorJustificationRequired: true, stages: [stage()] },
      expiration: { type: 'afterDuration', duration: 'P30D' },
      questions: [textQuestion({ id: 'b', sequence: 2 }), textQuestion({ id: 'a', sequence: 1 })],
    });
    const requirements = requestRequirements(subject);
    expect(requirements).toMatchObject({
      policyId: 'p',
      policyDisplayName: 'Members',
      policyDescription: 'For sellers',
      allowCustomAssignmentSchedule: false,
      isApprovalRequiredForAdd: true,
      isApprovalRequiredForUpdate: false,
      isRequestorJustificationRequired: true,
      schedule: { startDateTime: null, recurrence: null, expiration: { type: 'afterDuration', duration: 'P30D', endDateTime: null } },
    });
    expect(requirements.questions.map((q) => q.id)).toEqual(['a', 'b']);
  });
});
