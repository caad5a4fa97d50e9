import { policyReviewDefinition, type PolicyReviewSettings } from './policy-review-settings.js';
import { parse as parseIsoDuration } from 'tinyduration';
import { addDuration } from './duration.js';
import type {
  AllowedTargetScope,
  ApprovalSettings,
  ApprovalStageSettings,
  AssignmentPolicy,
  AutomaticRequestSettings,
  ExpirationPattern,
  NotificationSettings,
  RequestorSettings,
  SubjectSet,
} from './assignment-policy.js';
import { validateQuestions, type QuestionInput } from './policy-questions.js';
import { checkedSubjects, subjectKinds } from './policy-subject-sets.js';
import { ValidationProblems } from './validation-problems.js';

/**
 * The rules a policy must keep before it is stored: who may be targeted, who may request, how
 * approval runs, how long access lasts and what is asked. Every problem of an input is reported at
 * once, each with its property path. The policy is written in Graph's shapes (assignment-policy.ts).
 */
export type ExpirationInput = { type: 'notSpecified' | 'noExpiration' | 'afterDateTime' | 'afterDuration'; endDateTime?: string | null; duration?: string | null };

export type ApprovalStageInput = {
  durationBeforeAutomaticDenial: string;
  isApproverJustificationRequired?: boolean | null;
  isEscalationEnabled?: boolean | null;
  durationBeforeEscalation?: string | null;
  primaryApprovers?: SubjectSet[] | null;
  fallbackPrimaryApprovers?: SubjectSet[] | null;
  escalationApprovers?: SubjectSet[] | null;
  fallbackEscalationApprovers?: SubjectSet[] | null;
};

export type ApprovalSettingsInput = {
  isApprovalRequiredForAdd?: boolean | null;
  isApprovalRequiredForUpdate?: boolean | null;
  isRequestorJustificationRequired?: boolean | null;
  stages?: ApprovalStageInput[] | null;
};

/** Each member optional, and null read as "the default". */
type Loose<T> = { [K in keyof T]?: T[K] | null };
export type RequestorSettingsInput = Loose<RequestorSettings>;

/** A policy as a client writes it: everything but the display name may be left out. */
export type AssignmentPolicyInput = {
  displayName: string;
  description?: string | null;
  allowedTargetScope?: string | null;
  specificAllowedTargets?: SubjectSet[] | null;
  automaticRequestSettings?: Loose<AutomaticRequestSettings> | null;
  expiration?: ExpirationInput | null;
  requestorSettings?: RequestorSettingsInput | null;
  requestApprovalSettings?: ApprovalSettingsInput | null;
  reviewSettings?: Record<string, unknown> | null;
  notificationSettings?: Loose<NotificationSettings> | null;
  questions?: QuestionInput[] | null;
  customExtensionStageSettings?: unknown[] | null;
};

/** What a policy decides, without its identity and timestamps. */
export type PolicySettings = Omit<AssignmentPolicy, 'id' | 'accessPackageId' | 'catalogId' | 'createdDateTime' | 'modifiedDateTime' | 'deletedDateTime'>;

export type PolicyValidationContext = {
  now: Date;
  newQuestionId: () => string;
  /** The stored end date of the policy being updated: kept as it is, it may have passed meanwhile. */
  currentEndDateTime?: string | null;
};

export const policyLimits = {
  stages: 3,
  /** Shortest and longest time a stage may wait for a decision (inclusive). */
  minimumDecisionTime: 'PT1H',
  maximumDecisionTime: 'P14D',
  /** Entra offers 0–3660 days; zero days would end access as it starts. */
  maximumExpirationDays: 3660,
  membershipRuleLength: 3072,
  reviewSettingsJsonLength: 8192,
} as const;

export const supportedTargetScopes = [
  'notSpecified',
  'specificDirectoryUsers',
  'allMemberUsers',
  'allDirectoryUsers',
  'specificConnectedOrganizationUsers',
  'allConfiguredConnectedOrganizationUsers',
  'allExternalUsers',
] as const satisfies readonly AllowedTargetScope[];
/** The scopes of a policy for people outside: its catalog must be externally visible. */
export const externalTargetScopes: readonly AllowedTargetScope[] = ['specificConnectedOrganizationUsers', 'allConfiguredConnectedOrganizationUsers', 'allExternalUsers'];
const servicePrincipalScopes = ['specificDirectoryServicePrincipals', 'allDirectoryServicePrincipals'];

const defaultRequestorSettings: Omit<RequestorSettings, 'onBehalfRequestors'> = {
  enableTargetsToSelfAddAccess: false,
  enableTargetsToSelfUpdateAccess: false,
  enableTargetsToSelfRemoveAccess: false,
  allowCustomAssignmentSchedule: false,
  enableOnBehalfRequestorsToAddAccess: false,
  enableOnBehalfRequestorsToUpdateAccess: false,
  enableOnBehalfRequestorsToRemoveAccess: false,
};

const { singleUser, groupMembers, requestorManager, internalSponsors, externalSponsors, targetUserSponsors, attributeRuleMembers, connectedOrganizationMembers } = subjectKinds;
const approverKinds = [singleUser, groupMembers, requestorManager, internalSponsors, externalSponsors, targetUserSponsors];
const namedKinds = [singleUser, groupMembers];

/** Checks and normalises a policy; throws one ValidationError listing every problem. */
export function validatePolicy(input: AssignmentPolicyInput, context: PolicyValidationContext): PolicySettings {
  const problems = new ValidationProblems();
  // An unsupported scope is reported once; the checks that depend on the scope are then skipped.
  const allowedTargetScope = checkedScope(input.allowedTargetScope ?? 'notSpecified', problems);
  const settings: PolicySettings = {
    displayName: input.displayName.trim(),
    description: input.description ?? null,
    allowedTargetScope: allowedTargetScope ?? 'notSpecified',
    specificAllowedTargets: checkedTargets(allowedTargetScope, input.specificAllowedTargets ?? [], problems),
    automaticRequestSettings: checkedAutomaticRequests(input.automaticRequestSettings ?? null, input, problems),
    expiration: checkedExpiration(input.expiration ?? { type: 'noExpiration' }, context, problems),
    requestorSettings: checkedRequestorSettings(allowedTargetScope, input.requestorSettings ?? {}, problems),
    requestApprovalSettings: checkedApprovalSettings(input.requestApprovalSettings ?? {}, problems),
    reviewSettings: checkedReviewSettings(input.reviewSettings ?? null, input.displayName, context.now, problems),
    notificationSettings: { isAssignmentNotificationDisabled: input.notificationSettings?.isAssignmentNotificationDisabled ?? false },
    questions: validateQuestions(input.questions ?? [], context.newQuestionId, problems),
  };
  if (settings.displayName.length === 0) problems.add('displayName', 'displayName must not be empty.');
  if ((input.customExtensionStageSettings ?? []).length > 0) {
    problems.add('customExtensionStageSettings', 'Custom extensions arrive in a later issue; customExtensionStageSettings must be empty.');
  }
  problems.throwIfAny();
  return settings;
}

export function buildAssignmentPolicy(
  input: AssignmentPolicyInput,
  ids: { id: string; accessPackageId: string; catalogId: string; newQuestionId: () => string },
  now: Date,
): AssignmentPolicy {
  const settings = validatePolicy(input, { now, newQuestionId: ids.newQuestionId });
  const time = now.toISOString();
  return { id: ids.id, accessPackageId: ids.accessPackageId, catalogId: ids.catalogId, ...settings, createdDateTime: time, modifiedDateTime: time, deletedDateTime: null };
}

/** A full replace (Graph's PUT): the policy keeps its identity, package and creation time. */
export function replaceAssignmentPolicy(before: AssignmentPolicy, input: AssignmentPolicyInput, newQuestionId: () => string, now: Date): AssignmentPolicy {
  const currentEndDateTime = before.expiration.type === 'afterDateTime' ? before.expiration.endDateTime : null;
  const settings = validatePolicy(input, { now, newQuestionId, currentEndDateTime });
  return { ...before, ...settings, modifiedDateTime: now.toISOString() };
}

/** A stored policy written back as input, so that a partial update can be merged onto it. */
export function policyInputOf(policy: AssignmentPolicy): AssignmentPolicyInput {
  const { displayName, description, allowedTargetScope, specificAllowedTargets, automaticRequestSettings, expiration, requestorSettings, requestApprovalSettings } = policy;
  const { reviewSettings, notificationSettings, questions } = policy;
  return structuredClone({ displayName, description, allowedTargetScope, specificAllowedTargets, automaticRequestSettings, expiration, requestorSettings, requestApprovalSettings, reviewSettings, notificationSettings, questions });
}

/**
 * PATCH, which Tessera accepts besides Graph's PUT: a property given replaces the stored one; the
 * settings objects (requestorSettings, requestApprovalSettings, notificationSettings) are merged
 * member by member, as OData merges complex properties; collections (stages, subject sets,
 * questions) and expiration are replaced whole.
 */
export function mergePolicyInput(before: AssignmentPolicy, patch: Partial<AssignmentPolicyInput>): AssignmentPolicyInput {
  const base = policyInputOf(before);
  const merged: AssignmentPolicyInput = { ...base, ...definedMembers(patch) };
  if (patch.requestorSettings) merged.requestorSettings = { ...base.requestorSettings, ...definedMembers(patch.requestorSettings) };
  if (patch.requestApprovalSettings) merged.requestApprovalSettings = { ...base.requestApprovalSettings, ...definedMembers(patch.requestApprovalSettings) };
  if (patch.notificationSettings) merged.notificationSettings = { ...base.notificationSettings, ...definedMembers(patch.notificationSettings) };
  return merged;
}

function definedMembers<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as Partial<T>;
}

/** The properties an audit entry lists when they change. */
export const auditedPolicyProperties = [
  'displayName',
  'description',
  'allowedTargetScope',
  'specificAllowedTargets',
  'automaticRequestSettings',
  'expiration',
  'requestorSettings',
  'requestApprovalSettings',
  'reviewSettings',
  'notificationSettings',
  'questions',
] as const;

/** Every user and group a policy names, with where, so that a missing one can be reported by path. */
export function subjectReferences(settings: Pick<PolicySettings, 'specificAllowedTargets' | 'requestorSettings' | 'requestApprovalSettings'>): { kind: 'user' | 'group' | 'connectedOrganization'; id: string; target: string }[] {
  const lists: [string, SubjectSet[]][] = [
    ['specificAllowedTargets', settings.specificAllowedTargets],
    ['requestorSettings.onBehalfRequestors', settings.requestorSettings.onBehalfRequestors],
  ];
  settings.requestApprovalSettings.stages.forEach((stage, index) => {
    for (const list of ['primaryApprovers', 'fallbackPrimaryApprovers', 'escalationApprovers', 'fallbackEscalationApprovers'] as const) {
      lists.push([`requestApprovalSettings.stages[${index}].${list}`, stage[list]]);
    }
  });
  const references: { kind: 'user' | 'group' | 'connectedOrganization'; id: string; target: string }[] = [];
  for (const [path, subjects] of lists) {
    subjects.forEach((subject, index) => {
      if (subject['@odata.type'] === '#microsoft.graph.singleUser') references.push({ kind: 'user', id: subject.userId, target: `${path}[${index}].userId` });
      if (subject['@odata.type'] === '#microsoft.graph.groupMembers') references.push({ kind: 'group', id: subject.groupId, target: `${path}[${index}].groupId` });
      if (subject['@odata.type'] === '#microsoft.graph.connectedOrganizationMembers') references.push({ kind: 'connectedOrganization', id: subject.connectedOrganizationId, target: `${path}[${index}].connectedOrganizationId` });
    });
  }
  return references;
}

function checkedScope(scope: string, problems: ValidationProblems): AllowedTargetScope | null {
  if ((supportedTargetScopes as readonly string[]).includes(scope)) return scope as AllowedTargetScope;
  if (servicePrincipalScopes.includes(scope)) {
    problems.add('allowedTargetScope', `allowedTargetScope '${scope}' targets service principals; Tessera assigns access packages to users only.`);
  } else {
    problems.add('allowedTargetScope', `'${scope.slice(0, 80)}' is not an allowedTargetScope; use ${supportedTargetScopes.join(', ')}.`);
  }
  return null;
}

function checkedTargets(scope: AllowedTargetScope | null, targets: SubjectSet[], problems: ValidationProblems): SubjectSet[] {
  const path = 'specificAllowedTargets';
  if (scope === null) return [];
  if (scope === 'specificConnectedOrganizationUsers') {
    const checked = checkedSubjects(targets, path, { kinds: [connectedOrganizationMembers] }, problems);
    if (targets.length === 0) problems.add(path, 'allowedTargetScope specificConnectedOrganizationUsers needs at least one connectedOrganizationMembers entry in specificAllowedTargets, naming the connected organization.');
    return checked;
  }
  if (scope !== 'specificDirectoryUsers') {
    if (targets.length > 0) problems.add(path, `specificAllowedTargets applies only to allowedTargetScope specificDirectoryUsers and specificConnectedOrganizationUsers; leave it empty for ${scope}.`);
    return [];
  }
  const checked = checkedSubjects(targets, path, { kinds: [singleUser, groupMembers, attributeRuleMembers], membershipRuleLength: policyLimits.membershipRuleLength }, problems);
  if (targets.length === 0) problems.add(path, 'allowedTargetScope specificDirectoryUsers needs at least one entry in specificAllowedTargets (singleUser, groupMembers or attributeRuleMembers).');
  return checked;
}

/**
 * An automatic assignment policy gives its package to everyone its one rule matches, without being
 * asked and without approval, as Entra's do: so its allowed targets are exactly one
 * attributeRuleMembers rule, and it needs no approval to add.
 */
function checkedAutomaticRequests(settings: Loose<AutomaticRequestSettings> | null, input: AssignmentPolicyInput, problems: ValidationProblems): AutomaticRequestSettings | null {
  // Without automatic requests the settings say nothing: the policy is request-based, which Graph marks by their absence.
  if (!settings?.requestAccessForAllowedTargets) return null;
  const at = 'automaticRequestSettings.requestAccessForAllowedTargets';
  const targets = input.specificAllowedTargets ?? [];
  if (input.allowedTargetScope !== 'specificDirectoryUsers' || targets.length !== 1 || targets[0]!['@odata.type'] !== '#microsoft.graph.attributeRuleMembers') {
    problems.add(at, "An automatic assignment policy assigns the users of one rule: set allowedTargetScope to specificDirectoryUsers and specificAllowedTargets to one attributeRuleMembers with the membershipRule.");
  }
  if (input.requestApprovalSettings?.isApprovalRequiredForAdd) problems.add(at, 'An automatic assignment policy assigns without approval: set requestApprovalSettings.isApprovalRequiredForAdd to false.');
  return {
    requestAccessForAllowedTargets: true,
    removeAccessWhenTargetLeavesAllowedTargets: settings.removeAccessWhenTargetLeavesAllowedTargets ?? false,
    gracePeriodBeforeAccessRemoval: settings.gracePeriodBeforeAccessRemoval ?? null,
  };
}

function checkedExpiration(input: ExpirationInput, context: PolicyValidationContext, problems: ValidationProblems): ExpirationPattern {
  const { endDateTime, duration } = input;
  switch (input.type) {
    case 'notSpecified':
    case 'noExpiration':
      // notSpecified is read as "no expiration": an assignment lasts until removed, as Entra's "Never".
      if (endDateTime || duration) problems.add('expiration', `An expiration of type ${input.type} takes no endDateTime or duration.`);
      return { type: 'noExpiration', endDateTime: null, duration: null };
    case 'afterDateTime': {
      if (duration) problems.add('expiration.duration', 'An expiration of type afterDateTime takes an endDateTime, not a duration.');
      const time = endDateTime ? Date.parse(endDateTime) : Number.NaN;
      if (Number.isNaN(time)) {
        problems.add('expiration.endDateTime', 'An expiration of type afterDateTime needs endDateTime, an ISO 8601 date and time such as 2027-01-31T00:00:00Z.');
        return { type: 'noExpiration', endDateTime: null, duration: null };
      }
      const iso = new Date(time).toISOString();
      if (time <= context.now.getTime() && iso !== context.currentEndDateTime) {
        problems.add('expiration.endDateTime', `expiration.endDateTime must be in the future; ${iso} is not after ${context.now.toISOString()}.`);
      }
      return { type: 'afterDateTime', endDateTime: iso, duration: null };
    }
    case 'afterDuration': {
      if (endDateTime) problems.add('expiration.endDateTime', 'An expiration of type afterDuration takes a duration, not an endDateTime.');
      const text = duration ?? '';
      const match = /^P(\d{1,7})D$/.exec(text) ?? /^PT(\d{1,9})H$/.exec(text);
      const days = match ? (text.endsWith('H') ? Number(match[1]) / 24 : Number(match[1])) : Number.NaN;
      if (!(days > 0 && days <= policyLimits.maximumExpirationDays)) {
        problems.add('expiration.duration', `expiration.duration must be a whole number of days or hours (P{n}D or PT{n}H, as Entra offers), more than zero and at most P${policyLimits.maximumExpirationDays}D; it is '${text.slice(0, 40)}'.`);
      }
      return { type: 'afterDuration', duration: text, endDateTime: null };
    }
  }
}

function checkedRequestorSettings(scope: AllowedTargetScope | null, input: RequestorSettingsInput, problems: ValidationProblems): RequestorSettings {
  const flags = { ...defaultRequestorSettings };
  for (const key of Object.keys(flags) as (keyof typeof flags)[]) flags[key] = input[key] ?? false;
  const path = 'requestorSettings.onBehalfRequestors';
  const onBehalfRequestors = checkedSubjects(input.onBehalfRequestors ?? [], path, { kinds: [requestorManager, singleUser, groupMembers], managerLevels: [1] }, problems);
  const onBehalf = flags.enableOnBehalfRequestorsToAddAccess || flags.enableOnBehalfRequestorsToUpdateAccess || flags.enableOnBehalfRequestorsToRemoveAccess;
  if (onBehalf && onBehalfRequestors.length === 0) {
    problems.add(path, 'Requesting on behalf of others is enabled, so onBehalfRequestors must say who may do it: requestorManager (managers for their direct reports), singleUser or groupMembers.');
  }
  if (scope === 'notSpecified') {
    const enabled = (Object.keys(flags) as (keyof typeof flags)[]).filter((key) => key.startsWith('enable') && flags[key]);
    if (enabled.length > 0) {
      problems.add('requestorSettings', `With allowedTargetScope notSpecified only administrators assign the package, so nobody may request it; turn off ${enabled.join(', ')}.`);
    }
  }
  return { ...flags, onBehalfRequestors };
}

function checkedApprovalSettings(input: ApprovalSettingsInput, problems: ValidationProblems): ApprovalSettings {
  const isApprovalRequiredForAdd = input.isApprovalRequiredForAdd ?? false;
  const isApprovalRequiredForUpdate = input.isApprovalRequiredForUpdate ?? false;
  const stagesInput = input.stages ?? [];
  const path = 'requestApprovalSettings.stages';
  if (isApprovalRequiredForAdd || isApprovalRequiredForUpdate) {
    if (stagesInput.length < 1 || stagesInput.length > policyLimits.stages) problems.add(path, `Approval is required, so 1–${policyLimits.stages} approval stages are needed; there are ${stagesInput.length}.`);
  } else if (stagesInput.length > 0) {
    problems.add(path, `No approval is required (isApprovalRequiredForAdd and isApprovalRequiredForUpdate are false), so stages must be empty; there are ${stagesInput.length}.`);
  }
  return {
    isApprovalRequiredForAdd,
    isApprovalRequiredForUpdate,
    isRequestorJustificationRequired: input.isRequestorJustificationRequired ?? false,
    stages: stagesInput.map((stage, index) => checkedStage(stage, `${path}[${index}]`, problems)),
  };
}

function checkedStage(input: ApprovalStageInput, path: string, problems: ValidationProblems): ApprovalStageSettings {
  const decisionTime = durationMilliseconds(input.durationBeforeAutomaticDenial);
  const [minimum, maximum] = [durationMilliseconds(policyLimits.minimumDecisionTime)!, durationMilliseconds(policyLimits.maximumDecisionTime)!];
  if (decisionTime === null || decisionTime < minimum || decisionTime > maximum) {
    problems.add(
      `${path}.durationBeforeAutomaticDenial`,
      `durationBeforeAutomaticDenial must be an ISO 8601 duration from ${policyLimits.minimumDecisionTime} to ${policyLimits.maximumDecisionTime} (e.g. P7D); it is '${input.durationBeforeAutomaticDenial.slice(0, 40)}'.`,
    );
  }
  const isEscalationEnabled = input.isEscalationEnabled ?? false;
  const approvers = (list: keyof ApprovalStageInput, kinds: string[]) =>
    checkedSubjects((input[list] as SubjectSet[] | null | undefined) ?? [], `${path}.${list}`, { kinds, managerLevels: [1, 2] }, problems);
  const stage: ApprovalStageSettings = {
    durationBeforeAutomaticDenial: input.durationBeforeAutomaticDenial,
    isApproverJustificationRequired: input.isApproverJustificationRequired ?? false,
    isEscalationEnabled,
    durationBeforeEscalation: 'PT0S',
    primaryApprovers: approvers('primaryApprovers', approverKinds),
    fallbackPrimaryApprovers: approvers('fallbackPrimaryApprovers', namedKinds),
    escalationApprovers: approvers('escalationApprovers', approverKinds),
    fallbackEscalationApprovers: approvers('fallbackEscalationApprovers', namedKinds),
  };
  if ((input.primaryApprovers ?? []).length === 0) {
    problems.add(`${path}.primaryApprovers`, 'Each approval stage needs at least one primary approver.');
  }
  const escalation = input.durationBeforeEscalation ?? null;
  const escalationTime = escalation === null ? 0 : durationMilliseconds(escalation);
  if (isEscalationEnabled) {
    if (escalationTime === null || escalationTime <= 0 || (decisionTime !== null && escalationTime >= decisionTime)) {
      problems.add(
        `${path}.durationBeforeEscalation`,
        `With escalation enabled, durationBeforeEscalation must be a positive ISO 8601 duration shorter than durationBeforeAutomaticDenial (${input.durationBeforeAutomaticDenial.slice(0, 40)}); it is '${(escalation ?? 'missing').slice(0, 40)}'.`,
      );
    } else {
      stage.durationBeforeEscalation = escalation!;
    }
    if ((input.escalationApprovers ?? []).length === 0) problems.add(`${path}.escalationApprovers`, 'With escalation enabled, escalationApprovers must name at least one approver.');
  } else {
    if (escalationTime !== 0) problems.add(`${path}.durationBeforeEscalation`, 'durationBeforeEscalation applies only when isEscalationEnabled is true; send PT0S or leave it out.');
    for (const list of ['escalationApprovers', 'fallbackEscalationApprovers'] as const) {
      if ((input[list] ?? []).length > 0) problems.add(`${path}.${list}`, `${list} applies only when isEscalationEnabled is true; leave it empty.`);
    }
  }
  return stage;
}

function checkedReviewSettings(settings: Record<string, unknown> | null, displayName: string, now: Date, problems: ValidationProblems): Record<string, unknown> | null {
  if (settings === null) return null;
  const length = JSON.stringify(settings).length;
  if (length > policyLimits.reviewSettingsJsonLength) {
    problems.add('reviewSettings', `reviewSettings may be at most ${policyLimits.reviewSettingsJsonLength} characters of JSON; it has ${length}.`);
  }
  // The review it stands for is checked now, so a policy is never saved with a review that cannot run.
  policyReviewDefinition(settings as PolicyReviewSettings, { id: null, accessPackageId: null, displayName }, now, problems);
  return settings;
}

// Lengths are measured from a fixed instant, so that a calendar unit has one length everywhere
// (P1M is 31 days); the bounds above are in days and hours, where this makes no difference.
const durationReference = new Date('2000-01-01T00:00:00.000Z');

/** The length of an ISO 8601 duration in milliseconds: 0 for a zero duration, null when it is not one. */
function durationMilliseconds(text: string): number | null {
  if (text.length > 40) return null;
  try {
    if (parseIsoDuration(text).negative) return null;
  } catch {
    return null;
  }
  return addDuration(durationReference, text).getTime() - durationReference.getTime();
}

export { isAllowedTarget, isOnBehalfRequestor, orderedQuestions, policyAppliesTo, requestRequirements, type OnBehalfAction, type PolicySubject, type RequestRequirements } from './policy-requestors.js';
