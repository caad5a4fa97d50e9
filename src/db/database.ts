import type { Kysely, Transaction } from 'kysely';

/**
 * The tables, as Kysely sees them. Timestamps are ISO 8601 UTC text, booleans 0/1, JSON text;
 * repositories turn rows into domain objects so nothing above db/ sees these shapes.
 */
export interface UsersTable {
  id: string;
  user_principal_name: string;
  display_name: string;
  given_name: string | null;
  surname: string | null;
  mail: string | null;
  other_mails: string;
  proxy_addresses: string;
  user_type: string;
  account_enabled: number;
  department: string | null;
  job_title: string | null;
  company_name: string | null;
  country: string | null;
  city: string | null;
  office_location: string | null;
  employee_id: string | null;
  employee_type: string | null;
  employee_hire_date: string | null;
  usage_location: string | null;
  extension_attribute_1: string | null;
  extension_attribute_2: string | null;
  extension_attribute_3: string | null;
  extension_attribute_4: string | null;
  extension_attribute_5: string | null;
  extension_attribute_6: string | null;
  extension_attribute_7: string | null;
  extension_attribute_8: string | null;
  extension_attribute_9: string | null;
  extension_attribute_10: string | null;
  extension_attribute_11: string | null;
  extension_attribute_12: string | null;
  extension_attribute_13: string | null;
  extension_attribute_14: string | null;
  extension_attribute_15: string | null;
  manager_id: string | null;
  created_date_time: string;
  modified_date_time: string;
  deleted_date_time: string | null;
}

export interface GroupsTable {
  id: string;
  display_name: string;
  description: string | null;
  mail_nickname: string | null;
  mail: string | null;
  mail_enabled: number;
  security_enabled: number;
  group_types: string;
  membership_rule: string | null;
  membership_rule_processing_state: string | null;
  visibility: string | null;
  is_assignable_to_role: number;
  created_date_time: string;
  modified_date_time: string;
  deleted_date_time: string | null;
}

export interface GroupMembershipsTable {
  id: string;
  group_id: string;
  member_id: string;
  member_type: 'user' | 'group';
  relationship: 'member' | 'owner';
  started_date_time: string;
  added_by: string | null;
  ended_date_time: string | null;
  removed_by: string | null;
  reason: string | null;
}

export interface UserSponsorsTable {
  id: string;
  user_id: string;
  sponsor_id: string;
  sponsor_type: 'user' | 'group';
  started_date_time: string;
  added_by: string | null;
  ended_date_time: string | null;
  removed_by: string | null;
}

export interface RoleAssignmentsTable {
  id: string;
  provider: 'directory' | 'entitlementManagement';
  role_definition_id: string;
  principal_id: string;
  directory_scope_id: string;
  app_scope_id: string | null;
  created_date_time: string;
  created_by: string | null;
  ended_date_time: string | null;
  ended_by: string | null;
}

export interface AccessTokensTable {
  id: string;
  user_id: string;
  token_hash: string;
  description: string | null;
  created_date_time: string;
  expires_date_time: string;
  revoked_date_time: string | null;
}

export interface DirectoryAuditsTable {
  id: string;
  sequence: number;
  activity_date_time: string;
  activity_display_name: string;
  category: string;
  operation_type: string;
  result: string;
  result_reason: string | null;
  correlation_id: string;
  logged_by_service: string;
  initiated_by: string;
  initiated_by_user_id: string | null;
  initiated_by_upn: string | null;
  target_resources: string;
  target_ids: string;
  additional_details: string;
  previous_hash: string;
  hash: string;
}

export interface NamedLocksTable {
  name: 'manager-chain' | 'group-nesting' | 'dynamic-membership' | 'one-time-codes';
}

export interface AuditChainHeadTable {
  id: number;
  sequence: number;
  hash: string;
}

export interface ResourceEnvironmentsTable {
  id: string;
  display_name: string;
  description: string | null;
  origin_system: string;
  origin_id: string;
  connector_kind: string;
  is_default_environment: number;
  created_date_time: string;
  modified_date_time: string;
}

export interface CatalogsTable {
  id: string;
  display_name: string;
  description: string | null;
  catalog_type: string;
  state: string;
  is_externally_visible: number;
  created_date_time: string;
  modified_date_time: string;
  deleted_date_time: string | null;
}

export interface ResourcesTable {
  id: string;
  catalog_id: string;
  environment_id: string;
  origin_id: string;
  origin_system: string;
  display_name: string;
  description: string | null;
  resource_type: string | null;
  created_date_time: string;
  modified_date_time: string;
  removed_date_time: string | null;
}

export interface ResourceRolesTable {
  id: string;
  resource_id: string;
  origin_id: string;
  origin_system: string;
  display_name: string;
  description: string | null;
}

export interface ResourceScopesTable {
  id: string;
  resource_id: string;
  origin_id: string;
  origin_system: string;
  display_name: string;
  description: string | null;
  is_root_scope: number;
}

export interface ResourceRequestsTable {
  id: string;
  request_type: string;
  state: string;
  catalog_id: string;
  resource_id: string;
  requestor_id: string;
  created_date_time: string;
}

export interface AccessPackagesTable {
  id: string;
  catalog_id: string;
  display_name: string;
  description: string | null;
  is_hidden: number;
  created_date_time: string;
  modified_date_time: string;
  deleted_date_time: string | null;
}

export interface AccessPackageResourceRoleScopesTable {
  id: string;
  access_package_id: string;
  role_id: string;
  scope_id: string;
  created_date_time: string;
  created_by: string | null;
  removed_date_time: string | null;
  removed_by: string | null;
}

export interface AccessPackageIncompatibilitiesTable {
  id: string;
  access_package_id: string;
  incompatible_kind: 'accessPackage' | 'group';
  incompatible_id: string;
  created_date_time: string;
  created_by: string | null;
  removed_date_time: string | null;
  removed_by: string | null;
}

export interface AssignmentPoliciesTable {
  id: string;
  access_package_id: string;
  catalog_id: string;
  display_name: string;
  description: string | null;
  allowed_target_scope: string;
  specific_allowed_targets: string;
  automatic_request_settings: string | null;
  expiration: string;
  requestor_settings: string;
  request_approval_settings: string;
  review_settings: string | null;
  notification_settings: string;
  questions: string;
  created_date_time: string;
  modified_date_time: string;
  deleted_date_time: string | null;
}

export interface AssignmentRequestsTable {
  id: string;
  request_type: string;
  state: string;
  status: string;
  access_package_id: string;
  catalog_id: string;
  policy_id: string | null;
  target_id: string;
  requestor_id: string | null;
  assignment_id: string | null;
  justification: string | null;
  answers: string;
  schedule: string;
  policy_snapshot: string | null;
  is_open: number;
  created_date_time: string;
  completed_date_time: string | null;
}

export interface ApprovalStagesTable {
  id: string;
  request_id: string;
  stage_number: number;
  status: string;
  review_result: string;
  reviewed_by_id: string | null;
  reviewed_date_time: string | null;
  justification: string | null;
  started_date_time: string | null;
  due_date_time: string | null;
  escalation_date_time: string | null;
  escalated_date_time: string | null;
}

export interface ApprovalStageApproversTable {
  stage_id: string;
  request_id: string;
  approver_id: string;
  source: string;
}

export interface AssignmentsTable {
  id: string;
  access_package_id: string;
  catalog_id: string;
  policy_id: string | null;
  target_id: string;
  state: string;
  status: string;
  start_date_time: string;
  end_date_time: string | null;
  expiration: string;
  is_active: number;
  created_date_time: string;
  modified_date_time: string;
  expired_date_time: string | null;
  ended_reason: string | null;
}

export interface AssignmentRoleGrantsTable {
  id: string;
  assignment_id: string;
  target_id: string;
  role_scope_id: string;
  resource_id: string;
  environment_id: string;
  resource_origin_id: string;
  role_origin_id: string;
  scope_origin_id: string;
  state: string;
  last_error: string | null;
  granted_date_time: string | null;
  revoked_date_time: string | null;
  /** The account the grant was delivered to, as its system names it; null for the directory, or before delivery. */
  holder: string | null;
}

export interface JobsTable {
  id: string;
  kind: string;
  payload: string;
  run_at: string;
  attempts: number;
  lease_owner: string | null;
  last_error: string | null;
  dead: number;
  created_date_time: string;
}

/** An automatic assignment waiting out its policy's grace period before removal. */
export interface PendingAutomaticRemovalsTable {
  assignment_id: string;
  policy_id: string;
  left_date_time: string;
  due_date_time: string;
}

/** A connected system an administrator added; its id is its resource environment's. */
export interface ConnectedSystemsTable {
  id: string;
  display_name: string;
  description: string | null;
  kind: string;
  settings: string;
  /** Write-only: never selected by what the API shows. */
  secrets: string;
  /** JSON array of the names of the secrets set. */
  secret_names: string;
  created_date_time: string;
  modified_date_time: string;
  deleted_date_time: string | null;
  /** reportOnly | correct */
  reconciliation_mode: string;
  reconciliation_interval_minutes: number | null;
  next_reconciliation_date_time: string | null;
}

export interface ReconciliationRunsTable {
  id: string;
  connected_system_id: string;
  /** onDemand | schedule */
  trigger: string;
  mode: string;
  /** queued | running | succeeded | failed */
  status: string;
  requested_by: string;
  created_date_time: string;
  started_date_time: string | null;
  completed_date_time: string | null;
  heartbeat_date_time: string | null;
  resource_roles_checked: number;
  holders_found: number;
  unexpected_holders: number;
  missing_holders: number;
  corrected: number;
  correction_failures: number;
  error: string | null;
}

export interface ReconciliationDriftsTable {
  id: string;
  run_id: string;
  /** unexpectedHolder | missingHolder */
  kind: string;
  resource_origin_id: string;
  role_origin_id: string;
  holder: string | null;
  user_id: string | null;
  grant_id: string | null;
  assignment_id: string | null;
  /** reported | removed | regrantQueued | correctionFailed */
  outcome: string;
  detail: string | null;
}

export interface PortalSessionsTable {
  /** sha256 of the cookie's token: the token itself is never stored. */
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_date_time: string;
  expires_date_time: string;
  last_seen_date_time: string;
  ended_date_time: string | null;
  /** signedOut | expired | idle */
  ended_reason: string | null;
  ip_address: string | null;
}

export interface AccessReviewDefinitionsTable {
  id: string;
  display_name: string;
  description_for_admins: string | null;
  description_for_reviewers: string | null;
  /** Graph's accessReviewScope JSON, as given. */
  scope: string;
  /** groupMembers | accessPackageAssignments */
  scope_kind: string;
  /** The group or access package reviewed. */
  scope_object_id: string;
  reviewers: string;
  fallback_reviewers: string;
  settings: string;
  stage_settings: string | null;
  policy_id: string | null;
  created_by_id: string | null;
  created_date_time: string;
  last_modified_date_time: string;
  instances_started: number;
  deleted_date_time: string | null;
}

export interface AccessReviewInstancesTable {
  id: string;
  definition_id: string;
  occurrence: number;
  start_date_time: string;
  end_date_time: string;
  status: string;
  scope: string;
  resource_display_name: string;
  stopped_by_id: string | null;
  completed_date_time: string | null;
  applied_date_time: string | null;
  applied_by_id: string | null;
}

export interface AccessReviewStagesTable {
  id: string;
  instance_id: string;
  stage_number: number;
  start_date_time: string;
  end_date_time: string;
  status: string;
}

export interface AccessReviewStageReviewersTable {
  stage_id: string;
  user_id: string;
  role: string;
}

export interface AccessReviewDecisionsTable {
  id: string;
  instance_id: string;
  stage_id: string;
  principal_id: string;
  principal_display_name: string;
  principal_user_principal_name: string;
  principal_user_type: string;
  resource_id: string;
  assignment_id: string | null;
  is_direct_member: number;
  reviewer_id: string | null;
  reviewer_role: string;
  decision: string;
  justification: string | null;
  reviewed_by_id: string | null;
  reviewed_date_time: string | null;
  recommendation: string;
  recommendation_reason: string | null;
  last_activity_date_time: string | null;
  apply_result: string;
  applied_by_id: string | null;
  applied_date_time: string | null;
  apply_detail: string | null;
  is_current: number;
}

export interface UserActivityTable {
  user_id: string;
  last_sign_in_date_time: string | null;
  last_api_date_time: string | null;
  last_reported_date_time: string | null;
  last_reported_source: string | null;
}

export interface ConnectedOrganizationsTable {
  id: string;
  display_name: string;
  description: string | null;
  identity_sources: string;
  state: string;
  created_by_id: string | null;
  created_date_time: string;
  modified_date_time: string;
  deleted_date_time: string | null;
}

export interface ConnectedOrganizationDomainsTable {
  domain_name: string;
  organization_id: string;
}

export interface ConnectedOrganizationSponsorsTable {
  id: string;
  organization_id: string;
  kind: 'internal' | 'external';
  sponsor_id: string;
  sponsor_type: 'user' | 'group';
  started_date_time: string;
  added_by: string | null;
  ended_date_time: string | null;
  removed_by: string | null;
}

export interface EntitlementManagementSettingsTable {
  id: string;
  external_user_lifecycle_action: string;
  duration_until_external_user_deleted_after_blocked: string;
  modified_date_time: string;
}

export interface GovernedGuestsTable {
  user_id: string;
  email: string;
  connected_organization_id: string | null;
  created_date_time: string;
  blocked_date_time: string | null;
  deletion_due_date_time: string | null;
  deleted_date_time: string | null;
}

export interface OneTimeCodesTable {
  id: string;
  email: string;
  sealed_code: string;
  created_date_time: string;
  expires_date_time: string;
  failed_attempts: number;
  used_date_time: string | null;
  ip_address: string | null;
}

export interface Database {
  users: UsersTable;
  groups: GroupsTable;
  group_memberships: GroupMembershipsTable;
  user_sponsors: UserSponsorsTable;
  role_assignments: RoleAssignmentsTable;
  access_tokens: AccessTokensTable;
  directory_audits: DirectoryAuditsTable;
  audit_chain_head: AuditChainHeadTable;
  named_locks: NamedLocksTable;
  resource_environments: ResourceEnvironmentsTable;
  catalogs: CatalogsTable;
  resources: ResourcesTable;
  resource_roles: ResourceRolesTable;
  resource_scopes: ResourceScopesTable;
  resource_requests: ResourceRequestsTable;
  access_packages: AccessPackagesTable;
  access_package_resource_role_scopes: AccessPackageResourceRoleScopesTable;
  access_package_incompatibilities: AccessPackageIncompatibilitiesTable;
  assignment_policies: AssignmentPoliciesTable;
  assignment_requests: AssignmentRequestsTable;
  approval_stages: ApprovalStagesTable;
  approval_stage_approvers: ApprovalStageApproversTable;
  assignments: AssignmentsTable;
  assignment_role_grants: AssignmentRoleGrantsTable;
  jobs: JobsTable;
  pending_automatic_removals: PendingAutomaticRemovalsTable;
  connected_systems: ConnectedSystemsTable;
  reconciliation_runs: ReconciliationRunsTable;
  reconciliation_drifts: ReconciliationDriftsTable;
  portal_sessions: PortalSessionsTable;
  access_review_definitions: AccessReviewDefinitionsTable;
  access_review_instances: AccessReviewInstancesTable;
  access_review_stages: AccessReviewStagesTable;
  access_review_stage_reviewers: AccessReviewStageReviewersTable;
  access_review_decisions: AccessReviewDecisionsTable;
  user_activity: UserActivityTable;
  connected_organizations: ConnectedOrganizationsTable;
  connected_organization_domains: ConnectedOrganizationDomainsTable;
  connected_organization_sponsors: ConnectedOrganizationSponsorsTable;
  entitlement_management_settings: EntitlementManagementSettingsTable;
  governed_guests: GovernedGuestsTable;
  one_time_codes: OneTimeCodesTable;
}

/** What repositories take: the database itself or a transaction of it, interchangeably. */
export type Executor = Kysely<Database> | Transaction<Database>;
