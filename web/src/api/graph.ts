/**
 * The Graph shapes the portal reads. The OpenAPI document types what the portal sends (paths,
 * parameters, bodies); its responses are not described there yet, so what comes back is typed here,
 * after Graph v1.0's entitlement management resources, with only the properties the portal uses.
 */
import type { AdminCenterAreas } from '../../../src/domain/permissions';

/** The admin center's areas, as the server decides them (one definition, in src/domain). */
export type { AdminCenterAreas };

export type Collection<T> = { value: T[]; '@odata.nextLink'?: string };

export type Session = {
  /** userType and companyName are read from /me (the session does not carry them): a guest's portal differs. */
  user: { id: string; displayName: string; userPrincipalName: string; userType?: 'Member' | 'Guest'; companyName?: string | null } | null;
  authenticatedBy: 'session' | 'accessToken';
  csrfToken: string | null;
  expiresDateTime: string | null;
  adminCenter: AdminCenterAreas;
};
export type Catalog = { id: string; displayName: string; description: string | null; state: 'published' | 'unpublished'; isExternallyVisible: boolean; catalogType?: string; createdDateTime: string };

export type ResourceRoleScope = {
  id: string;
  role?: { id: string; displayName: string | null; originId: string; originSystem: string; resource?: AccessPackageResource };
  scope?: { id: string; displayName: string | null; originId: string };
};
export type AccessPackageResource = { id: string; displayName: string; description: string | null; originId: string; originSystem: string };

export type AccessPackage = {
  id: string;
  displayName: string;
  description: string | null;
  isHidden: boolean;
  createdDateTime: string;
  modifiedDateTime: string;
  catalog?: Catalog;
  resourceRoleScopes?: ResourceRoleScope[];
};

export type Expiration = { type: 'notSpecified' | 'noExpiration' | 'afterDateTime' | 'afterDuration'; endDateTime: string | null; duration: string | null };
export type Schedule = { startDateTime: string | null; expiration: Expiration };

export type LocalizedText = { text: string; languageCode: string };
export type QuestionChoice = { actualValue: string; text: string; localizations?: LocalizedText[] };
export type Question = {
  '@odata.type': '#microsoft.graph.accessPackageTextInputQuestion' | '#microsoft.graph.accessPackageMultipleChoiceQuestion';
  id: string;
  text: string;
  isRequired: boolean;
  isAnswerEditable?: boolean;
  sequence: number;
  isSingleLineQuestion?: boolean;
  regexPattern?: string | null;
  choices?: QuestionChoice[];
  isMultipleSelectionAllowed?: boolean;
};
export type Answer = { '@odata.type': '#microsoft.graph.accessPackageAnswerString'; value: string; displayValue?: string; answeredQuestion: { id: string; text?: string } };

export type PolicyRequirements = {
  policyId: string;
  policyDisplayName: string;
  policyDescription: string | null;
  allowCustomAssignmentSchedule: boolean;
  isApprovalRequiredForAdd: boolean;
  isApprovalRequiredForUpdate: boolean;
  isRequestorJustificationRequired: boolean;
  schedule: Schedule;
  questions: Question[];
};

export type Subject = { id: string; displayName: string | null; email: string | null; principalName: string | null };

export type RequestState = 'submitted' | 'pendingApproval' | 'delivering' | 'delivered' | 'deliveryFailed' | 'denied' | 'scheduled' | 'canceled' | 'partiallyDelivered';
export type AssignmentRequest = {
  id: string;
  requestType: string;
  state: RequestState;
  status: string;
  createdDateTime: string;
  completedDateTime: string | null;
  justification: string | null;
  answers: Answer[];
  schedule: Schedule;
  accessPackage?: AccessPackage;
  requestor?: Subject;
  assignment?: { id: string; state: string; target?: Subject };
};

export type Assignment = {
  id: string;
  state: 'delivering' | 'partiallyDelivered' | 'delivered' | 'expired' | 'deliveryFailed';
  status: string;
  expiredDateTime: string | null;
  schedule: Schedule;
  accessPackage?: AccessPackage;
  assignmentPolicy?: { id: string; displayName: string; description: string | null };
  target?: Subject;
};

export type ApprovalStage = {
  id: string;
  displayName: string;
  status: 'NotStarted' | 'InProgress' | 'Completed' | 'Expired' | 'Escalated';
  reviewResult: 'NotReviewed' | 'Approved' | 'Denied';
  reviewedDateTime: string | null;
  justification: string | null;
  assignedToMe: boolean;
  reviewedBy: { id: string; displayName: string | null; userPrincipalName?: string | null } | null;
};
export type Approval = { id: string; stages: ApprovalStage[] };

export type AuditEntry = {
  id: string;
  category: string;
  correlationId: string;
  result: 'success' | 'failure' | 'timeout';
  resultReason: string | null;
  activityDisplayName: string;
  activityDateTime: string;
  operationType: string;
  initiatedBy: { user: { id: string; displayName: string | null; userPrincipalName: string | null } | null; app: { displayName: string | null } | null };
  targetResources: { id: string; displayName: string | null; type: string }[];
  additionalDetails: { key: string; value: string }[];
};

/** Access reviews (Graph's accessReviewScheduleDefinition, accessReviewInstance, accessReviewStage, accessReviewInstanceDecisionItem). */
export type AccessReviewQueryScope = { '@odata.type'?: string; query: string; queryType?: string | null; queryRoot?: string | null; inactiveDuration?: string | null };
export type ReviewDecisionValue = 'NotReviewed' | 'Approve' | 'Deny' | 'DontKnow';
export type ReviewRecommendation = 'Approve' | 'Deny' | 'NotAvailable';
export type ReviewRecurrence = {
  pattern: { type: 'weekly' | 'absoluteMonthly' | 'absoluteYearly'; interval: number } | null;
  range: { type: 'noEnd' | 'endDate' | 'numbered'; startDate: string; endDate?: string | null; numberOfOccurrences?: number | null };
};
export type AccessReviewSettings = {
  mailNotificationsEnabled: boolean;
  reminderNotificationsEnabled: boolean;
  justificationRequiredOnApproval: boolean;
  defaultDecisionEnabled: boolean;
  defaultDecision: 'None' | 'Approve' | 'Deny' | 'Recommendation' | null;
  instanceDurationInDays: number;
  autoApplyDecisionsEnabled: boolean;
  recommendationsEnabled: boolean;
  recommendationLookBackDuration: string | null;
  decisionHistoriesForReviewersEnabled?: boolean;
  recurrence: ReviewRecurrence;
  applyActions?: { '@odata.type': string }[];
};
export type AccessReviewDefinition = {
  id: string;
  displayName: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  status: 'NotStarted' | 'InProgress' | 'Completed';
  descriptionForAdmins: string | null;
  descriptionForReviewers: string | null;
  createdBy: { id: string | null; displayName: string | null; userPrincipalName: string | null } | null;
  scope: AccessReviewQueryScope;
  reviewers: AccessReviewQueryScope[];
  fallbackReviewers: AccessReviewQueryScope[];
  settings: AccessReviewSettings;
  stageSettings: { stageId: string; durationInDays: number; reviewers?: AccessReviewQueryScope[] }[] | null;
};
export type AccessReviewInstanceStatus = 'InProgress' | 'Completed' | 'Applying' | 'Applied';
/** How many of each decision an instance's people have now (each person's current decision), and in all. */
export type AccessReviewDecisionCounts = Record<ReviewDecisionValue, number> & { total: number };
/** Beyond Graph: resourceDisplayName names what is reviewed (the group or package, as it was named when the instance started), and decisionCounts says how far it is. */
export type AccessReviewInstance = { id: string; startDateTime: string; endDateTime: string; status: AccessReviewInstanceStatus; scope: AccessReviewQueryScope; resourceDisplayName: string; decisionCounts: AccessReviewDecisionCounts };
export type AccessReviewStage = { id: string; stageNumber: number; status: 'NotStarted' | 'InProgress' | 'Completed'; startDateTime: string; endDateTime: string };
type ReviewIdentity = { id: string | null; displayName: string | null; userPrincipalName: string | null };
export type AccessReviewDecision = {
  id: string;
  decision: ReviewDecisionValue;
  justification: string | null;
  reviewedBy: ReviewIdentity;
  reviewedDateTime: string | null;
  recommendation: ReviewRecommendation;
  recommendationReason: string | null;
  applyResult: string;
  applyDescription: string | null;
  appliedBy: ReviewIdentity;
  appliedDateTime: string | null;
  principal: { id: string; displayName: string; userPrincipalName: string };
  resource: { id: string; displayName: string; type: string };
  insights: { lastSignInDateTime: string | null }[];
};

/** Connected organizations (Graph's connectedOrganization): partners known by the e-mail domains of their people. */
export type IdentitySource =
  | { '@odata.type': '#microsoft.graph.domainIdentitySource'; domainName: string; displayName: string }
  | { '@odata.type': '#microsoft.graph.externalDomainFederation'; domainName: string; displayName: string; issuerUri: string };
export type ConnectedOrganization = {
  id: string;
  displayName: string;
  description: string | null;
  identitySources: IdentitySource[];
  state: 'configured' | 'proposed';
  createdDateTime: string;
  modifiedDateTime: string;
};
/** A sponsor is a directoryObject: a user or a group, told apart by its @odata.type. */
export type Sponsor =
  | { '@odata.type': '#microsoft.graph.user'; id: string; displayName: string; userPrincipalName: string; mail: string | null; userType: 'Member' | 'Guest' }
  | { '@odata.type': '#microsoft.graph.group'; id: string; displayName: string; description: string | null };

/** Graph's entitlementManagementSettings: what happens to an external user Tessera brought in once their last assignment ends. */
export type ExternalUserLifecycleAction = 'none' | 'blockSignIn' | 'blockSignInAndDelete';
export type EntitlementManagementSettings = { id: string; externalUserLifecycleAction: ExternalUserLifecycleAction; durationUntilExternalUserDeletedAfterBlocked: string };
