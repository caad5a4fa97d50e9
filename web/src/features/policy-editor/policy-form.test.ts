import { describe, expect, it } from 'vitest';
import { emptyPolicyForm, mergedPolicyBody, newQuestion, policyBody, policyFormErrors, policyFormFrom, unnamedOrganizations, withOrganizationNames, type PolicyForm, type PolicyJson } from './policy-form';

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
    // The deadline as stored rides along, to be sent back unchanged unless the days are changed.
    expect(policyFormFrom(stored)).toEqual({ ...original, stages: original.stages.map((stage) => ({ ...stage, storedDenyAfter: 'P7D' })) });
  });
});

describe('policies for connected organizations', () => {
  const partner = { kind: 'connectedOrganizationMembers', id: 'org-1', label: 'Partner Ltd' } as const;

  it('names each organization by id, with its name as the description, and reads it back the same', () => {
    const original = form({ allowedTargetScope: 'specificConnectedOrganizationUsers', allowedTargets: [partner] });
    const body = policyBody(original, packageId);
    expect(body.specificAllowedTargets).toEqual([{ '@odata.type': '#microsoft.graph.connectedOrganizationMembers', connectedOrganizationId: 'org-1', description: 'Partner Ltd' }]);
    expect(policyFormFrom({ ...body, id: 'p1' } as unknown as PolicyJson).allowedTargets).toEqual([partner]);
  });

  it('sends only the allowed requesters of the scope chosen last, and none for the scopes without a list', () => {
    const mixed = [partner, { kind: 'groupMembers', id: 'g1', label: 'IT Team' } as const];
    expect(policyBody(form({ allowedTargetScope: 'specificConnectedOrganizationUsers', allowedTargets: mixed }), packageId).specificAllowedTargets).toHaveLength(1);
    expect(policyBody(form({ allowedTargetScope: 'specificDirectoryUsers', allowedTargets: mixed }), packageId).specificAllowedTargets).toEqual([{ '@odata.type': '#microsoft.graph.groupMembers', groupId: 'g1', description: 'IT Team' }]);
    expect(policyBody(form({ allowedTargetScope: 'allConfiguredConnectedOrganizationUsers', allowedTargets: mixed }), packageId).specificAllowedTargets).toEqual([]);
  });

  it('names an organization stored by id only, once its name is found', () => {
    const stored = policyFormFrom({ ...policyBody(form({ allowedTargetScope: 'specificConnectedOrganizationUsers' }), packageId), specificAllowedTargets: [{ '@odata.type': '#microsoft.graph.connectedOrganizationMembers', connectedOrganizationId: 'org-1' }], id: 'p1' } as unknown as PolicyJson);
    expect(unnamedOrganizations(stored)).toEqual(['org-1']);
    const named = withOrganizationNames(stored, new Map([['org-1', 'Fabrikam']]));
    expect(named.allowedTargets).toEqual([{ kind: 'connectedOrganizationMembers', id: 'org-1', label: 'Fabrikam' }]);
    expect(unnamedOrganizations(named)).toEqual([]);
    expect(withOrganizationNames(stored, new Map()).allowedTargets).toEqual(stored.allowedTargets);
  });

  it('asks for an organization when the policy is for specific ones', () => {
    expect(policyFormErrors(form({ allowedTargetScope: 'specificConnectedOrganizationUsers', allowedTargets: [{ kind: 'groupMembers', id: 'g1', label: 'IT Team' }] }), '2026-11-27')).toEqual({ specificAllowedTargets: 'Add at least one connected organization whose people may request.' });
    expect(policyFormErrors(form({ allowedTargetScope: 'specificConnectedOrganizationUsers', allowedTargets: [partner] }), '2026-11-27')).toEqual({});
    expect(policyFormErrors(form({ allowedTargetScope: 'allExternalUsers' }), '2026-11-27')).toEqual({});
  });
});

describe('editing a stored policy', () => {
  // As GET …/assignmentPolicies/{id} returns one, with what the editor does not edit.
  const stored = {
    id: 'p1',
    displayName: 'Partners',
    description: 'For the partner organisation',
    allowedTargetScope: 'specificConnectedOrganizationUsers',
    specificAllowedTargets: [{ '@odata.type': '#microsoft.graph.connectedOrganizationMembers', connectedOrganizationId: 'org-1', description: 'Partner Ltd' }],
    automaticRequestSettings: { requestAccessForAllowedTargets: true, removeAccessWhenTargetLeavesAllowedTargets: true, gracePeriodBeforeAccessRemoval: 'P7D' },
    expiration: { type: 'afterDateTime', endDateTime: '2027-12-31T23:59:59.000Z', duration: null },
    requestorSettings: { enableTargetsToSelfAddAccess: true, enableTargetsToSelfUpdateAccess: false, enableTargetsToSelfRemoveAccess: true, allowCustomAssignmentSchedule: false, enableOnBehalfRequestorsToAddAccess: true, enableOnBehalfRequestorsToUpdateAccess: false, enableOnBehalfRequestorsToRemoveAccess: false, onBehalfRequestors: [{ '@odata.type': '#microsoft.graph.singleUser', userId: 'u9', description: 'Olga' }] },
    requestApprovalSettings: {
      isApprovalRequiredForAdd: true,
      isApprovalRequiredForUpdate: false,
      isRequestorJustificationRequired: true,
      stages: [
        {
          durationBeforeAutomaticDenial: 'PT36H',
          isApproverJustificationRequired: false,
          isEscalationEnabled: false,
          durationBeforeEscalation: 'PT0S',
          primaryApprovers: [{ '@odata.type': '#microsoft.graph.internalSponsors' }],
          fallbackPrimaryApprovers: [],
          escalationApprovers: [],
          fallbackEscalationApprovers: [{ '@odata.type': '#microsoft.graph.singleUser', userId: 'u2', description: 'Ann' }],
        },
      ],
    },
    reviewSettings: null,
    notificationSettings: { isAssignmentNotificationDisabled: true },
    questions: [
      { '@odata.type': '#microsoft.graph.accessPackageMultipleChoiceQuestion', id: 'q1', text: 'Site?', sequence: 1, isRequired: true, isAnswerEditable: false, localizations: [{ languageCode: 'nb', text: 'Sted?' }], isMultipleSelectionAllowed: false, choices: [{ actualValue: 'osl', text: 'Oslo', localizations: [{ languageCode: 'nb', text: 'Oslo' }] }, { actualValue: 'ber', text: 'Bergen', localizations: [] }] },
    ],
    createdDateTime: '2026-01-01T00:00:00Z',
    modifiedDateTime: '2026-01-01T00:00:00Z',
  } as unknown as PolicyJson;

  it('saved unchanged, sends back everything as it was stored (what the editor does not show included)', () => {
    const { id: _id, createdDateTime: _c, modifiedDateTime: _m, ...writable } = stored as PolicyJson & { createdDateTime: string; modifiedDateTime: string };
    // (An end date's expiration has no duration: null and absent mean the same to the server.)
    expect(mergedPolicyBody(stored, policyBody(policyFormFrom(stored), 'pkg'))).toEqual({ ...writable, expiration: { type: 'afterDateTime', endDateTime: '2027-12-31T23:59:59.000Z' }, accessPackage: { id: 'pkg' } });
  });

  it('keeps an end date on the day it was set, whatever the browser’s time zone', () => {
    const form = policyFormFrom(stored);
    expect(form.expiration.endDate).toBe('2027-12-31');
    expect(policyBody(form, 'pkg').expiration).toEqual({ type: 'afterDateTime', endDateTime: '2027-12-31T23:59:59.000Z' });
  });

  it('writes the days entered once the deadline is changed, and keeps the rest of the stage', () => {
    const form = policyFormFrom(stored);
    form.stages[0]!.denyAfterDays = 3;
    const body = mergedPolicyBody(stored, policyBody(form, 'pkg'));
    expect(body.requestApprovalSettings?.stages?.[0]).toMatchObject({ durationBeforeAutomaticDenial: 'P3D', fallbackEscalationApprovers: [{ userId: 'u2' }] });
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
