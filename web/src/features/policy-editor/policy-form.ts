import type { paths } from '../../api/schema';

/**
 * The policy editor's state and rules, apart from React: the form a person fills in, the checks
 * that put a message next to each field before anything is sent, and the Graph body it becomes.
 * Field errors are keyed by the Graph path of what they are about (e.g.
 * `requestApprovalSettings.stages[0].primaryApprovers`), the same `target` the server gives its own
 * refusals, so a problem found by either side lands next to the same field.
 */
export type PolicyBody = paths['/v1.0/identityGovernance/entitlementManagement/assignmentPolicies']['post']['requestBody']['content']['application/json'];
type SubjectSetBody = NonNullable<PolicyBody['specificAllowedTargets']>[number];

export type SubjectSet =
  | { kind: 'singleUser'; id: string; label: string }
  | { kind: 'groupMembers'; id: string; label: string }
  | { kind: 'requestorManager'; managerLevel: number }
  | { kind: 'attributeRuleMembers'; rule: string }
  | { kind: 'internalSponsors' }
  | { kind: 'externalSponsors' }
  | { kind: 'targetUserSponsors' }
  /** The people of one connected organization (who may request, under specificConnectedOrganizationUsers). */
  | { kind: 'connectedOrganizationMembers'; id: string; label: string }
  /** A kind this editor does not edit: kept as it came. */
  | { kind: 'other'; body: SubjectSetBody };

export type StageForm = {
  denyAfterDays: number | '';
  /** The stored duration (e.g. PT36H), sent back as it was while the days shown are not changed. */
  storedDenyAfter?: string;
  approverJustificationRequired: boolean;
  approvers: SubjectSet[];
  fallbackApprovers: SubjectSet[];
  escalationEnabled: boolean;
  escalateAfterHours: number | '';
  escalationApprovers: SubjectSet[];
};

export type ChoiceForm = { value: string; text: string };
export type QuestionForm = { key: string; id: string | null; kind: 'text' | 'choice'; text: string; isRequired: boolean; isSingleLine: boolean; regexPattern: string; choices: ChoiceForm[]; multiple: boolean };

/** Graph's allowedTargetScope values: all but the service principals' are edited here (that one is kept as it came, and refused by the server). */
export const requestScopes = ['notSpecified', 'allMemberUsers', 'allDirectoryUsers', 'specificDirectoryUsers', 'specificConnectedOrganizationUsers', 'allConfiguredConnectedOrganizationUsers', 'allExternalUsers', 'allDirectoryServicePrincipals'] as const;
export type RequestScope = (typeof requestScopes)[number];

export type PolicyForm = {
  displayName: string;
  description: string;
  allowedTargetScope: RequestScope;
  allowedTargets: SubjectSet[];
  selfAdd: boolean;
  selfUpdate: boolean;
  selfRemove: boolean;
  customSchedule: boolean;
  approvalRequired: boolean;
  approvalRequiredForUpdate: boolean;
  requestorJustificationRequired: boolean;
  stages: StageForm[];
  expiration: { type: 'noExpiration' | 'afterDuration' | 'afterDateTime'; days: number | ''; endDate: string; storedDuration?: string };
  questions: QuestionForm[];
};

/** The scopes for people outside the organisation: their policies need a catalog enabled for external users. */
export const externalScopes: readonly RequestScope[] = ['specificConnectedOrganizationUsers', 'allConfiguredConnectedOrganizationUsers', 'allExternalUsers'];

/** The kinds of allowed requesters each specific scope takes; a policy keeps only those of its scope. */
const organizationKinds: SubjectSet['kind'][] = ['connectedOrganizationMembers'];
const directoryKinds: SubjectSet['kind'][] = ['singleUser', 'groupMembers', 'attributeRuleMembers'];
const isConnectedOrganizationSet = (set: SubjectSet) => organizationKinds.includes(set.kind) || (set.kind === 'other' && set.body['@odata.type'] === '#microsoft.graph.connectedOrganizationMembers');
/** The allowed requesters that belong to the form's scope (others chosen before the scope was changed are left out). */
export const targetsOfScope = (form: Pick<PolicyForm, 'allowedTargetScope' | 'allowedTargets'>): SubjectSet[] =>
  form.allowedTargetScope === 'specificConnectedOrganizationUsers' ? form.allowedTargets.filter(isConnectedOrganizationSet) : form.allowedTargetScope === 'specificDirectoryUsers' ? form.allowedTargets.filter((set) => directoryKinds.includes(set.kind) || (set.kind === 'other' && !isConnectedOrganizationSet(set))) : [];

export const maxStages = 3;
export const maxDenyAfterDays = 14;
export const maxDurationDays = 3660;

export const newStage = (): StageForm => ({ denyAfterDays: 7, approverJustificationRequired: false, approvers: [{ kind: 'requestorManager', managerLevel: 1 }], fallbackApprovers: [], escalationEnabled: false, escalateAfterHours: '', escalationApprovers: [] });

let questionKeys = 0;
export const newQuestion = (kind: QuestionForm['kind']): QuestionForm => ({ key: `new-${(questionKeys += 1)}`, id: null, kind, text: '', isRequired: true, isSingleLine: true, regexPattern: '', choices: kind === 'choice' ? [{ value: '', text: '' }] : [], multiple: false });

export const emptyPolicyForm = (): PolicyForm => ({
  displayName: '',
  description: '',
  allowedTargetScope: 'allMemberUsers',
  allowedTargets: [],
  selfAdd: true,
  selfUpdate: true,
  selfRemove: true,
  customSchedule: false,
  approvalRequired: true,
  approvalRequiredForUpdate: false,
  requestorJustificationRequired: true,
  stages: [newStage()],
  expiration: { type: 'afterDuration', days: 365, endDate: '' },
  questions: [],
});

export type FieldErrors = Record<string, string>;

const subjectProblems = (sets: SubjectSet[]) => sets.some((set) => (set.kind === 'attributeRuleMembers' && set.rule.trim() === '') || (set.kind === 'requestorManager' && (set.managerLevel < 1 || set.managerLevel > 2)));

/** Every problem a person can fix before saving, keyed by the Graph path of the field. */
export function policyFormErrors(form: PolicyForm, today: string): FieldErrors {
  const errors: FieldErrors = {};
  const name = form.displayName.trim();
  if (name === '') errors.displayName = 'Give the policy a name.';
  else if (name.length > 256) errors.displayName = 'Keep the name under 256 characters.';
  if (form.description.length > 1024) errors.description = 'Keep the description under 1,024 characters.';
  const targets = targetsOfScope(form);
  if (form.allowedTargetScope === 'specificDirectoryUsers' && targets.length === 0) errors.specificAllowedTargets = 'Add at least one user, group or rule who may request.';
  if (form.allowedTargetScope === 'specificConnectedOrganizationUsers' && targets.length === 0) errors.specificAllowedTargets = 'Add at least one connected organization whose people may request.';
  if (subjectProblems(targets)) errors.specificAllowedTargets = 'Every rule needs a condition.';
  if (form.allowedTargetScope !== 'notSpecified' && !form.selfAdd && !form.selfUpdate && !form.selfRemove) errors['requestorSettings.enableTargetsToSelfAddAccess'] = 'Let people do at least one thing themselves, or choose “No one (administrators assign)”.';
  if (form.approvalRequired || form.approvalRequiredForUpdate) {
    if (form.stages.length === 0) errors['requestApprovalSettings.stages'] = 'Add an approval stage, or turn approval off.';
    if (form.stages.length > maxStages) errors['requestApprovalSettings.stages'] = `At most ${maxStages} approval stages.`;
    form.stages.forEach((stage, index) => {
      const at = `requestApprovalSettings.stages[${index}]`;
      if (stage.denyAfterDays === '' || !Number.isInteger(stage.denyAfterDays) || stage.denyAfterDays < 1 || stage.denyAfterDays > maxDenyAfterDays) errors[`${at}.durationBeforeAutomaticDenial`] = `Approvers get 1 to ${maxDenyAfterDays} days to decide.`;
      if (stage.approvers.length === 0) errors[`${at}.primaryApprovers`] = 'Choose at least one approver.';
      else if (subjectProblems(stage.approvers)) errors[`${at}.primaryApprovers`] = 'A manager approver is the first or second-level manager.';
      if (stage.escalationEnabled) {
        const days = typeof stage.denyAfterDays === 'number' ? stage.denyAfterDays : 0;
        if (stage.escalateAfterHours === '' || stage.escalateAfterHours < 1 || stage.escalateAfterHours >= days * 24) errors[`${at}.durationBeforeEscalation`] = 'Escalate after at least an hour, and before the request is denied for lack of a decision.';
        if (stage.escalationApprovers.length === 0) errors[`${at}.escalationApprovers`] = 'Choose who the request escalates to.';
      }
    });
  }
  if (form.expiration.type === 'afterDuration') {
    const days = form.expiration.days;
    if (days === '' || !Number.isInteger(days) || days < 1 || days > maxDurationDays) errors['expiration.duration'] = `Access lasts 1 to ${maxDurationDays} days.`;
  }
  if (form.expiration.type === 'afterDateTime' && (!form.expiration.endDate || form.expiration.endDate <= today)) errors['expiration.endDateTime'] = 'Choose an end date in the future.';
  form.questions.forEach((question, index) => {
    const at = `questions[${index}]`;
    if (question.text.trim() === '') errors[`${at}.text`] = 'Write the question.';
    else if (question.text.length > 1000) errors[`${at}.text`] = 'Keep the question under 1,000 characters.';
    if (question.kind === 'choice') {
      const filled = question.choices.filter((choice) => choice.text.trim() !== '');
      const values = question.choices.map((choice) => choiceValue(choice));
      if (filled.length < 2 || filled.length !== question.choices.length) errors[`${at}.choices`] = 'Give at least two choices, none of them empty.';
      else if (new Set(values).size !== values.length) errors[`${at}.choices`] = 'Two choices have the same value.';
    }
  });
  return errors;
}

/** A choice's stored value: what was given, or its text made into a value. */
const choiceValue = (choice: ChoiceForm) => (choice.value.trim() || choice.text.trim().toLowerCase().replace(/\s+/g, '-')).slice(0, 200);

function subjectSetBody(set: SubjectSet): SubjectSetBody {
  switch (set.kind) {
    case 'singleUser':
      return { '@odata.type': '#microsoft.graph.singleUser', userId: set.id, description: set.label };
    case 'groupMembers':
      return { '@odata.type': '#microsoft.graph.groupMembers', groupId: set.id, description: set.label };
    case 'requestorManager':
      return { '@odata.type': '#microsoft.graph.requestorManager', managerLevel: set.managerLevel };
    case 'attributeRuleMembers':
      return { '@odata.type': '#microsoft.graph.attributeRuleMembers', membershipRule: set.rule.trim() };
    case 'connectedOrganizationMembers':
      return { '@odata.type': '#microsoft.graph.connectedOrganizationMembers', connectedOrganizationId: set.id, description: set.label };
    case 'other':
      return set.body;
    default:
      return { '@odata.type': `#microsoft.graph.${set.kind}` };
  }
}

/** The Graph body of POST (or PUT) …/assignmentPolicies for the form. */
export function policyBody(form: PolicyForm, accessPackageId: string): PolicyBody {
  const approval = form.approvalRequired || form.approvalRequiredForUpdate;
  return {
    displayName: form.displayName.trim(),
    description: form.description.trim() || null,
    accessPackage: { id: accessPackageId },
    allowedTargetScope: form.allowedTargetScope,
    specificAllowedTargets: targetsOfScope(form).map(subjectSetBody),
    requestorSettings: {
      enableTargetsToSelfAddAccess: form.allowedTargetScope !== 'notSpecified' && form.selfAdd,
      enableTargetsToSelfUpdateAccess: form.allowedTargetScope !== 'notSpecified' && form.selfUpdate,
      enableTargetsToSelfRemoveAccess: form.allowedTargetScope !== 'notSpecified' && form.selfRemove,
      allowCustomAssignmentSchedule: form.customSchedule,
    },
    requestApprovalSettings: {
      isApprovalRequiredForAdd: form.approvalRequired,
      isApprovalRequiredForUpdate: form.approvalRequiredForUpdate,
      isRequestorJustificationRequired: form.requestorJustificationRequired,
      stages: approval
        ? form.stages.map((stage) => ({
            durationBeforeAutomaticDenial: keptOrDays(stage.storedDenyAfter, stage.denyAfterDays),
            isApproverJustificationRequired: stage.approverJustificationRequired,
            isEscalationEnabled: stage.escalationEnabled,
            ...(stage.escalationEnabled ? { durationBeforeEscalation: `PT${stage.escalateAfterHours}H` } : {}),
            primaryApprovers: stage.approvers.map(subjectSetBody),
            fallbackPrimaryApprovers: stage.fallbackApprovers.map(subjectSetBody),
            escalationApprovers: stage.escalationEnabled ? stage.escalationApprovers.map(subjectSetBody) : [],
          }))
        : [],
    },
    expiration:
      form.expiration.type === 'afterDuration'
        ? { type: 'afterDuration', duration: keptOrDays(form.expiration.storedDuration, form.expiration.days) }
        : form.expiration.type === 'afterDateTime'
          ? { type: 'afterDateTime', endDateTime: `${form.expiration.endDate}T23:59:59.000Z` }
          : { type: 'noExpiration' },
    questions: form.questions.map((question, index) =>
      question.kind === 'text'
        ? { '@odata.type': '#microsoft.graph.accessPackageTextInputQuestion', ...(question.id ? { id: question.id } : {}), text: question.text.trim(), sequence: index + 1, isRequired: question.isRequired, isSingleLineQuestion: question.isSingleLine, regexPattern: question.regexPattern.trim() || null }
        : { '@odata.type': '#microsoft.graph.accessPackageMultipleChoiceQuestion', ...(question.id ? { id: question.id } : {}), text: question.text.trim(), sequence: index + 1, isRequired: question.isRequired, isMultipleSelectionAllowed: question.multiple, choices: question.choices.map((choice) => ({ actualValue: choiceValue(choice), text: choice.text.trim() })) },
    ),
  };
}

/** A stored duration sent back unchanged while the whole days shown for it are the same; else the days entered. */
function keptOrDays(stored: string | undefined, days: number | ''): string {
  return stored !== undefined && wholeDays(stored) === days ? stored : `P${days}D`;
}

/** P3D → 3, PT36H → 2 (rounded up: a deadline is never shown shorter than it is), anything else → ''. */
function wholeDays(duration: string | null | undefined): number | '' {
  const dayMatch = /^P(\d+)D$/.exec(duration ?? '');
  const hourMatch = /^PT(\d+)H$/.exec(duration ?? '');
  return dayMatch ? Number(dayMatch[1]) : hourMatch ? Math.max(1, Math.ceil(Number(hourMatch[1]) / 24)) : '';
}

/** The form for an existing policy (as GET …/assignmentPolicies/{id} returns it), to edit it. */
export function policyFormFrom(policy: PolicyJson): PolicyForm {
  const hours = (duration: string | null | undefined) => {
    const match = /^PT(\d+)H$/.exec(duration ?? '');
    const dayMatch = /^P(\d+)D$/.exec(duration ?? '');
    return match ? Number(match[1]) : dayMatch ? Number(dayMatch[1]) * 24 : ('' as const);
  };
  const scope = (requestScopes as readonly (string | null | undefined)[]).includes(policy.allowedTargetScope) ? (policy.allowedTargetScope as RequestScope) : 'notSpecified';
  const approval = policy.requestApprovalSettings;
  return {
    displayName: policy.displayName,
    description: policy.description ?? '',
    allowedTargetScope: scope,
    allowedTargets: (policy.specificAllowedTargets ?? []).map(subjectSetFrom),
    selfAdd: policy.requestorSettings?.enableTargetsToSelfAddAccess ?? false,
    selfUpdate: policy.requestorSettings?.enableTargetsToSelfUpdateAccess ?? false,
    selfRemove: policy.requestorSettings?.enableTargetsToSelfRemoveAccess ?? false,
    customSchedule: policy.requestorSettings?.allowCustomAssignmentSchedule ?? false,
    approvalRequired: approval?.isApprovalRequiredForAdd ?? false,
    approvalRequiredForUpdate: approval?.isApprovalRequiredForUpdate ?? false,
    requestorJustificationRequired: approval?.isRequestorJustificationRequired ?? false,
    stages: (approval?.stages ?? []).map((stage) => ({
      denyAfterDays: wholeDays(stage.durationBeforeAutomaticDenial),
      storedDenyAfter: stage.durationBeforeAutomaticDenial,
      approverJustificationRequired: stage.isApproverJustificationRequired ?? false,
      approvers: (stage.primaryApprovers ?? []).map(subjectSetFrom),
      fallbackApprovers: (stage.fallbackPrimaryApprovers ?? []).map(subjectSetFrom),
      escalationEnabled: stage.isEscalationEnabled ?? false,
      escalateAfterHours: stage.isEscalationEnabled ? hours(stage.durationBeforeEscalation) : '',
      escalationApprovers: (stage.escalationApprovers ?? []).map(subjectSetFrom),
    })),
    expiration:
      policy.expiration?.type === 'afterDuration'
        ? { type: 'afterDuration', days: wholeDays(policy.expiration.duration), endDate: '', ...(policy.expiration.duration ? { storedDuration: policy.expiration.duration } : {}) }
        : policy.expiration?.type === 'afterDateTime'
          ? { type: 'afterDateTime', days: '', endDate: (policy.expiration.endDateTime ?? '').slice(0, 10) }
          : { type: 'noExpiration', days: '', endDate: '' },
    questions: (policy.questions ?? []).map((question) => ({
      key: question.id ?? `q-${question.sequence}`,
      id: question.id ?? null,
      kind: question['@odata.type'] === '#microsoft.graph.accessPackageMultipleChoiceQuestion' ? 'choice' : 'text',
      text: question.text,
      isRequired: question.isRequired ?? false,
      isSingleLine: 'isSingleLineQuestion' in question ? (question.isSingleLineQuestion ?? true) : true,
      regexPattern: 'regexPattern' in question ? (question.regexPattern ?? '') : '',
      choices: 'choices' in question ? (question.choices ?? []).map((choice) => ({ value: choice.actualValue, text: choice.text })) : [],
      multiple: 'isMultipleSelectionAllowed' in question ? (question.isMultipleSelectionAllowed ?? false) : false,
    })),
  };
}

export type PolicyJson = Omit<PolicyBody, 'accessPackage'> & { id: string; displayName: string };

function subjectSetFrom(body: SubjectSetBody): SubjectSet {
  switch (body['@odata.type']) {
    case '#microsoft.graph.singleUser':
      return { kind: 'singleUser', id: body.userId, label: body.description ?? body.userId };
    case '#microsoft.graph.groupMembers':
      return { kind: 'groupMembers', id: body.groupId, label: body.description ?? body.groupId };
    case '#microsoft.graph.requestorManager':
      return { kind: 'requestorManager', managerLevel: body.managerLevel ?? 1 };
    case '#microsoft.graph.attributeRuleMembers':
      return { kind: 'attributeRuleMembers', rule: body.membershipRule };
    case '#microsoft.graph.internalSponsors':
      return { kind: 'internalSponsors' };
    case '#microsoft.graph.externalSponsors':
      return { kind: 'externalSponsors' };
    case '#microsoft.graph.targetUserSponsors':
      return { kind: 'targetUserSponsors' };
    case '#microsoft.graph.connectedOrganizationMembers':
      return { kind: 'connectedOrganizationMembers', id: body.connectedOrganizationId, label: body.description ?? body.connectedOrganizationId };
    default:
      return { kind: 'other', body };
  }
}

/** Connected organizations a form names by id only (a policy made through the API without a description). */
export const unnamedOrganizations = (form: PolicyForm): string[] => [...new Set(form.allowedTargets.flatMap((set) => (set.kind === 'connectedOrganizationMembers' && set.label === set.id ? [set.id] : [])))];

/** The form with those organizations named, as found. */
export const withOrganizationNames = (form: PolicyForm, names: ReadonlyMap<string, string>): PolicyForm => ({
  ...form,
  allowedTargets: form.allowedTargets.map((set) => (set.kind === 'connectedOrganizationMembers' && set.label === set.id && names.has(set.id) ? { ...set, label: names.get(set.id)! } : set)),
});

/** How a set of people is named in the editor. */
export function describeSubjectSet(set: SubjectSet): string {
  switch (set.kind) {
    case 'singleUser':
      return set.label;
    case 'groupMembers':
      return `Members of ${set.label}`;
    case 'requestorManager':
      return set.managerLevel === 1 ? "The requester's manager" : "The manager's manager";
    case 'attributeRuleMembers':
      return `People matching ${set.rule}`;
    case 'internalSponsors':
      return 'Internal sponsors';
    case 'externalSponsors':
      return 'External sponsors';
    case 'targetUserSponsors':
      return "The requester's sponsors";
    case 'connectedOrganizationMembers':
      return `People of ${set.label}`;
    case 'other':
      return `Members of connected organization ${'connectedOrganizationId' in set.body ? set.body.connectedOrganizationId : ''}`.trim();
  }
}

/**
 * The body of PUT …/assignmentPolicies/{id}: the policy as it was loaded, with what the editor
 * edits laid over it. PUT replaces the whole policy, so what the editor does not show (automatic
 * assignment, review and notification settings, on-behalf requestors, fallback escalation
 * approvers, localizations) is sent back as it came rather than reset to its defaults.
 */
export function mergedPolicyBody(stored: PolicyJson, edited: PolicyBody): PolicyBody {
  const { id: _id, createdDateTime: _created, modifiedDateTime: _modified, ...kept } = stored as PolicyJson & { createdDateTime?: string; modifiedDateTime?: string };
  const storedStages = stored.requestApprovalSettings?.stages ?? [];
  return {
    ...kept,
    ...edited,
    requestorSettings: { ...stored.requestorSettings, ...edited.requestorSettings },
    requestApprovalSettings: {
      ...stored.requestApprovalSettings,
      ...edited.requestApprovalSettings,
      stages: (edited.requestApprovalSettings?.stages ?? []).map((stage, index) => ({ ...storedStages[index], ...stage })),
    },
    questions: (edited.questions ?? []).map((question) => {
      const before = (stored.questions ?? []).find((candidate) => candidate.id && candidate.id === question.id);
      if (!before) return question;
      if (!('choices' in question) || !('choices' in before)) return { ...before, ...question } as typeof question;
      const choices = (question.choices ?? []).map((choice) => ({ ...(before.choices ?? []).find((old) => old.actualValue === choice.actualValue), ...choice }));
      return { ...before, ...question, choices };
    }),
  };
}
