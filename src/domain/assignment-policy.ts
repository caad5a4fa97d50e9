/**
 * An assignment policy (Graph: accessPackageAssignmentPolicy): who may ask for an access package,
 * who must approve, for how long access lasts, and what the requester is asked. Its settings keep
 * Graph's shapes and names, so that a policy written for Entra reads the same here.
 */

/** A set of people, as Graph's subjectSet subtypes (discriminated by @odata.type). */
export type SubjectSet =
  | { '@odata.type': '#microsoft.graph.singleUser'; userId: string; description?: string | null }
  | { '@odata.type': '#microsoft.graph.groupMembers'; groupId: string; description?: string | null }
  | { '@odata.type': '#microsoft.graph.requestorManager'; managerLevel: number }
  | { '@odata.type': '#microsoft.graph.internalSponsors' }
  | { '@odata.type': '#microsoft.graph.externalSponsors' }
  | { '@odata.type': '#microsoft.graph.targetUserSponsors' }
  | { '@odata.type': '#microsoft.graph.connectedOrganizationMembers'; connectedOrganizationId: string; description?: string | null }
  | { '@odata.type': '#microsoft.graph.attributeRuleMembers'; membershipRule: string; description?: string | null };

export type SubjectSetType = SubjectSet['@odata.type'];

export const allowedTargetScopes = [
  'notSpecified',
  'specificDirectoryUsers',
  'specificConnectedOrganizationUsers',
  'allMemberUsers',
  'allDirectoryUsers',
  'allConfiguredConnectedOrganizationUsers',
  'allExternalUsers',
] as const;
export type AllowedTargetScope = (typeof allowedTargetScopes)[number];

/** Graph's expirationPattern. */
export type ExpirationPattern =
  | { type: 'notSpecified' | 'noExpiration'; endDateTime?: null; duration?: null }
  | { type: 'afterDateTime'; endDateTime: string; duration?: null }
  | { type: 'afterDuration'; duration: string; endDateTime?: null };

export type RequestorSettings = {
  enableTargetsToSelfAddAccess: boolean;
  enableTargetsToSelfUpdateAccess: boolean;
  enableTargetsToSelfRemoveAccess: boolean;
  allowCustomAssignmentSchedule: boolean;
  enableOnBehalfRequestorsToAddAccess: boolean;
  enableOnBehalfRequestorsToUpdateAccess: boolean;
  enableOnBehalfRequestorsToRemoveAccess: boolean;
  onBehalfRequestors: SubjectSet[];
};

export type ApprovalStageSettings = {
  durationBeforeAutomaticDenial: string;
  isApproverJustificationRequired: boolean;
  isEscalationEnabled: boolean;
  durationBeforeEscalation: string;
  primaryApprovers: SubjectSet[];
  fallbackPrimaryApprovers: SubjectSet[];
  escalationApprovers: SubjectSet[];
  fallbackEscalationApprovers: SubjectSet[];
};

export type ApprovalSettings = {
  isApprovalRequiredForAdd: boolean;
  isApprovalRequiredForUpdate: boolean;
  isRequestorJustificationRequired: boolean;
  /** Empty when no approval is required; at most three. */
  stages: ApprovalStageSettings[];
};

export type LocalizedText = { languageCode: string; text: string };

type QuestionBase = {
  id: string;
  text: string;
  sequence: number;
  isRequired: boolean;
  isAnswerEditable: boolean;
  localizations: LocalizedText[];
};

export type AnswerChoice = { actualValue: string; text: string; localizations: LocalizedText[] };

export type Question =
  | (QuestionBase & { '@odata.type': '#microsoft.graph.accessPackageTextInputQuestion'; isSingleLineQuestion: boolean; regexPattern: string | null })
  | (QuestionBase & { '@odata.type': '#microsoft.graph.accessPackageMultipleChoiceQuestion'; isMultipleSelectionAllowed: boolean; choices: AnswerChoice[] });

/**
 * An answer on a request (Graph: accessPackageAnswerString), pointing at its question by id, with
 * the question's text as it was asked: approvers and auditors read the answer beside it, even
 * after the policy's questions change.
 */
export type Answer = {
  '@odata.type': '#microsoft.graph.accessPackageAnswerString';
  value: string;
  displayValue: string;
  answeredQuestion: { '@odata.type': Question['@odata.type']; id: string; text?: string };
};

export type NotificationSettings = { isAssignmentNotificationDisabled: boolean };

export type AutomaticRequestSettings = {
  requestAccessForAllowedTargets: boolean;
  removeAccessWhenTargetLeavesAllowedTargets: boolean;
  gracePeriodBeforeAccessRemoval: string | null;
};

export type AssignmentPolicy = {
  id: string;
  accessPackageId: string;
  catalogId: string;
  displayName: string;
  description: string | null;
  allowedTargetScope: AllowedTargetScope;
  specificAllowedTargets: SubjectSet[];
  automaticRequestSettings: AutomaticRequestSettings | null;
  expiration: ExpirationPattern;
  requestorSettings: RequestorSettings;
  requestApprovalSettings: ApprovalSettings;
  /** Kept as given until access reviews arrive (issue: access reviews). */
  reviewSettings: Record<string, unknown> | null;
  notificationSettings: NotificationSettings;
  questions: Question[];
  createdDateTime: string;
  modifiedDateTime: string;
  deletedDateTime: string | null;
};

/** What a request remembers of its policy: a later change of the policy never changes it. */
export type PolicySnapshot = Pick<AssignmentPolicy, 'id' | 'displayName' | 'expiration' | 'requestorSettings' | 'requestApprovalSettings' | 'questions' | 'notificationSettings'>;

export function snapshotOf(policy: AssignmentPolicy): PolicySnapshot {
  const { id, displayName, expiration, requestorSettings, requestApprovalSettings, questions, notificationSettings } = policy;
  return structuredClone({ id, displayName, expiration, requestorSettings, requestApprovalSettings, questions, notificationSettings });
}
