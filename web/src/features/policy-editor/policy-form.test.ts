import { describe, expect, it } from 'vitest';
import { emptyPolicyForm, newQuestion, policyBody, policyFormErrors, policyFormFrom, type PolicyForm, type PolicyJson } from './policy-form';

const form = (patch: Partial<PolicyForm> = {}): PolicyForm => ({ ...emptyPolicyForm(), displayName: 'Staff', ...patch });
const packageId = '33333333-3333-4333-8333-333333333333';

describe('policyBody', () => {
  it('writes Graph’s shape: approval stages as ISO durations, expiration in days, questions in order', () => {
    const body = policyBody(
      form({
        allowedTargetScope: 'specificDirectoryUsers',
        allowedTargets: [{ kind: 'groupMembers', id: 'g1', label: 'IT Team' }],
        stages: [
          { denyAfterDays: 3, approverJustificationRequired: true, approvers: [{ kind: 'singleUser', id: 'u1', label: 'Ann' }], fallbackApprovers: [], escalationEnabled: true, escalateAfterHours: 24, escalationApprovers: [{ kind: 'requestorManager', managerLevel: 2 }] },
          { denyAfterDays: 7, approverJustificationRequired: false, approvers: [{ kind: 'requestorManager', managerLevel: 1 }], fallbackApprovers: [], escalationEnabled: false, escalateAfterHours: '', escalationApprovers: [] },
        ],
        expiration: { type: 'afterDuration', days: 90, endDate: '' },
        questions: [{ ...newQuestion('choice'), text: 'Which service?', choices: [{ value: '', text: 'Payments' }, { value: 'srch', text: 'Search' }] }],
      }),
      packageId,
    );
    expect(body).toMatchObject({
      displayName: 'Staff',
      accessPackage: { id: packageId },
      allowedTargetScope: 'specificDirectoryUsers',
      specificAllowedTargets: [{ '@odata.type': '#microsoft.graph.groupMembers', groupId: 'g1' }],
      requestApprovalSettings: {
        isApprovalRequiredForAdd: true,
        stages: [
          { durationBeforeAutomaticDenial: 'P3D', isApproverJustificationRequired: true, isEscalationEnabled: true, durationBeforeEscalation: 'PT24H', primaryApprovers: [{ '@odata.type': '#microsoft.graph.singleUser', userId: 'u1' }], escalationApprovers: [{ '@odata.type': '#microsoft.graph.requestorManager', managerLevel: 2 }] },
          { durationBeforeAutomaticDenial: 'P7D', isEscalationEnabled: false, primaryApprovers: [{ '@odata.type': '#microsoft.graph.requestorManager', managerLevel: 1 }], escalationApprovers: [] },
        ],
      },
      expiration: { type: 'afterDuration', duration: 'P90D' },
      questions: [{ '@odata.type': '#microsoft.graph.accessPackageMultipleChoiceQuestion', text: 'Which service?', sequence: 1, choices: [{ actualValue: 'payments', text: 'Payments' }, { actualValue: 'srch', text: 'Search' }] }],
    });
  });

  it('sends no stages when nothing needs approval, and no self-service when administrators assign', () => {
    const body = policyBody(form({ allowedTargetScope: 'notSpecified', approvalRequired: false }), packageId);
    expect(body.requestApprovalSettings?.stages).toEqual([]);
    expect(body.requestorSettings).toMatchObject({ enableTargetsToSelfAddAccess: false, enableTargetsToSelfRemoveAccess: false });
  });

  it('reads a stored policy back into the same form (what the editor shows is what it saves)', () => {
    const original = form({ allowedTargetScope: 'specificDirectoryUsers', allowedTargets: [{ kind: 'attributeRuleMembers', rule: 'user.department -eq "IT"' }], expiration: { type: 'noExpiration', days: '', endDate: '' }, questions: [{ ...newQuestion('text'), id: 'q1', key: 'q1', text: 'Badge?', regexPattern: '[A-Z]{2}' }] });
    const stored = { ...policyBody(original, packageId), id: 'p1' } as unknown as PolicyJson;
    expect(policyFormFrom(stored)).toEqual(original);
  });
});

describe('policyFormErrors', () => {
  it('finds nothing wrong with a complete policy', () => {
    expect(policyFormErrors(form(), '2026-11-27')).toEqual({});
  });
  it('keys each problem by the Graph path the server would name', () => {
    const errors = policyFormErrors(form({ displayName: ' ', stages: [], expiration: { type: 'afterDateTime', days: '', endDate: '2026-11-27' } }), '2026-11-27');
    expect(Object.keys(errors).sort()).toEqual(['displayName', 'expiration.endDateTime', 'requestApprovalSettings.stages']);
  });
});
