import type { AssignmentPolicy, ExpirationPattern, Question, SubjectSet } from './assignment-policy.js';

/**
 * Who a policy lets ask, and what it asks of them. The caller supplies what the decision needs
 * about the person (their type and their groups, transitively) so that this stays pure.
 */
export type PolicySubject = {
  id: string;
  userType: 'Member' | 'Guest';
  groupIds: ReadonlySet<string>;
  /** Whether the person matches a membership rule (attributeRuleMembers); without it, no rule names them. */
  matchesRule?: (membershipRule: string) => boolean;
  /** For a guest or an outsider: the connected organization their e-mail domain belongs to, if any. */
  connectedOrganization?: { id: string; state: 'configured' | 'proposed' } | null;
  /**
   * For an outsider (a guest Tessera brought in): the catalogs visible to external users, the only
   * ones whose packages they may ask for, whatever a policy's scope says.
   */
  outsiderCatalogIds?: ReadonlySet<string>;
};

/** Whether a user is in the policy's allowed targets. */
export function isAllowedTarget(policy: Pick<AssignmentPolicy, 'allowedTargetScope' | 'specificAllowedTargets' | 'catalogId'>, subject: PolicySubject): boolean {
  if (subject.outsiderCatalogIds && !subject.outsiderCatalogIds.has(policy.catalogId)) return false;
  switch (policy.allowedTargetScope) {
    case 'allMemberUsers':
      return subject.userType === 'Member';
    case 'allDirectoryUsers':
      return subject.userType === 'Member' || subject.userType === 'Guest';
    case 'specificDirectoryUsers':
      return policy.specificAllowedTargets.some((set) => namesSubject(set, subject));
    // People outside are guests (or outsiders about to become one); a member of the directory is
    // never one, whatever their address.
    case 'specificConnectedOrganizationUsers':
      return subject.userType === 'Guest' && policy.specificAllowedTargets.some((set) => set['@odata.type'] === '#microsoft.graph.connectedOrganizationMembers' && set.connectedOrganizationId === subject.connectedOrganization?.id);
    case 'allConfiguredConnectedOrganizationUsers':
      return subject.userType === 'Guest' && subject.connectedOrganization?.state === 'configured';
    case 'allExternalUsers':
      return subject.userType === 'Guest';
    default:
      return false;
  }
}

/** A request-based, living policy that lets this user ask for the package for themselves (userAdd). */
export function policyAppliesTo(policy: AssignmentPolicy, requestor: PolicySubject): boolean {
  if (policy.deletedDateTime !== null || policy.automaticRequestSettings?.requestAccessForAllowedTargets) return false;
  return policy.requestorSettings.enableTargetsToSelfAddAccess && isAllowedTarget(policy, requestor);
}

export type OnBehalfAction = 'add' | 'update' | 'remove';

/**
 * Whether a user may ask on behalf of someone else under this policy. requestorManager means
 * managers for their direct reports, so the caller says whether the requestor manages the target.
 * Whether the target is an allowed target of the policy is a separate question (isAllowedTarget).
 */
export function isOnBehalfRequestor(
  policy: AssignmentPolicy,
  requestor: PolicySubject,
  options: { isManagerOfTarget: boolean; action?: OnBehalfAction },
): boolean {
  if (policy.deletedDateTime !== null || policy.allowedTargetScope === 'notSpecified') return false;
  const settings = policy.requestorSettings;
  const enabled = {
    add: settings.enableOnBehalfRequestorsToAddAccess,
    update: settings.enableOnBehalfRequestorsToUpdateAccess,
    remove: settings.enableOnBehalfRequestorsToRemoveAccess,
  }[options.action ?? 'add'];
  if (!enabled) return false;
  return settings.onBehalfRequestors.some((set) =>
    set['@odata.type'] === '#microsoft.graph.requestorManager' ? set.managerLevel === 1 && options.isManagerOfTarget : namesSubject(set, requestor),
  );
}

function namesSubject(set: SubjectSet, subject: PolicySubject): boolean {
  if (set['@odata.type'] === '#microsoft.graph.singleUser') return set.userId === subject.id;
  if (set['@odata.type'] === '#microsoft.graph.groupMembers') return subject.groupIds.has(set.groupId);
  if (set['@odata.type'] === '#microsoft.graph.attributeRuleMembers') return subject.matchesRule?.(set.membershipRule) ?? false;
  return false;
}

/** Graph's accessPackageAssignmentRequestRequirements: what a requester must provide under a policy. */
export type RequestRequirements = {
  policyId: string;
  policyDisplayName: string;
  policyDescription: string | null;
  allowCustomAssignmentSchedule: boolean;
  isApprovalRequiredForAdd: boolean;
  isApprovalRequiredForUpdate: boolean;
  isRequestorJustificationRequired: boolean;
  /** The schedule the policy imposes: its expiration; a start time and recurrence are never imposed. */
  schedule: { startDateTime: null; recurrence: null; expiration: ExpirationPattern };
  questions: Question[];
};

export function requestRequirements(policy: AssignmentPolicy): RequestRequirements {
  const approval = policy.requestApprovalSettings;
  return {
    policyId: policy.id,
    policyDisplayName: policy.displayName,
    policyDescription: policy.description,
    allowCustomAssignmentSchedule: policy.requestorSettings.allowCustomAssignmentSchedule,
    isApprovalRequiredForAdd: approval.isApprovalRequiredForAdd,
    isApprovalRequiredForUpdate: approval.isApprovalRequiredForUpdate,
    isRequestorJustificationRequired: approval.isRequestorJustificationRequired,
    schedule: { startDateTime: null, recurrence: null, expiration: structuredClone(policy.expiration) },
    questions: orderedQuestions(policy.questions),
  };
}

/** Questions in the order they are shown: by sequence, then as written. */
export function orderedQuestions(questions: readonly Question[]): Question[] {
  return questions
    .map((question, index) => ({ question, index }))
    .sort((a, b) => a.question.sequence - b.question.sequence || a.index - b.index)
    .map(({ question }) => structuredClone(question));
}
