import { sql, type Kysely } from 'kysely';

// Frozen in time. The access lifecycle: assignment policies, requests with their approval stages,
// assignments with the delivery of each resource role, and the durable job table that moves them.
// Requests, stages, assignments and grants are closed, never deleted; finished jobs are deleted
// (their effects and the audit log are the history).

export async function up(db: Kysely<any>): Promise<void> {
  // Settings are kept in Graph's own shapes as JSON: they are read whole, validated in domain/,
  // and never filtered on piecemeal.
  await db.schema
    .createTable('assignment_policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('access_package_id', 'text', (c) => c.notNull().references('access_packages.id'))
    .addColumn('catalog_id', 'text', (c) => c.notNull().references('catalogs.id'))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('allowed_target_scope', 'text', (c) => c.notNull())
    .addColumn('specific_allowed_targets', 'text', (c) => c.notNull())
    .addColumn('automatic_request_settings', 'text')
    .addColumn('expiration', 'text', (c) => c.notNull())
    .addColumn('requestor_settings', 'text', (c) => c.notNull())
    .addColumn('request_approval_settings', 'text', (c) => c.notNull())
    .addColumn('review_settings', 'text')
    .addColumn('notification_settings', 'text', (c) => c.notNull())
    .addColumn('questions', 'text', (c) => c.notNull())
    .addColumn('created_date_time', 'text', (c) => c.notNull())
    .addColumn('modified_date_time', 'text', (c) => c.notNull())
    .addColumn('deleted_date_time', 'text')
    .execute();
  await db.schema.createIndex('assignment_policies_package').on('assignment_policies').columns(['access_package_id', 'id']).execute();

  await db.schema
    .createTable('assignment_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_type', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('access_package_id', 'text', (c) => c.notNull().references('access_packages.id'))
    .addColumn('catalog_id', 'text', (c) => c.notNull().references('catalogs.id'))
    .addColumn('policy_id', 'text', (c) => c.references('assignment_policies.id'))
    .addColumn('target_id', 'text', (c) => c.notNull().references('users.id'))
    // Who asked: a user, or null when Tessera itself acted (systemAdd / systemRemove).
    .addColumn('requestor_id', 'text', (c) => c.references('users.id'))
    .addColumn('assignment_id', 'text')
    .addColumn('justification', 'text')
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('schedule', 'text', (c) => c.notNull())
    // The policy as it was when the request was made: a later change of the policy never changes
    // a request already under way.
    .addColumn('policy_snapshot', 'text')
    // 1 while the request is under way; the unique index below allows one such per target and package.
    .addColumn('is_open', 'integer', (c) => c.notNull())
    .addColumn('created_date_time', 'text', (c) => c.notNull())
    .addColumn('completed_date_time', 'text')
    .execute();
  await db.schema
    .createIndex('assignment_requests_one_open')
    .on('assignment_requests')
    .columns(['target_id', 'access_package_id'])
    .unique()
    .where(sql.ref('is_open'), '=', 1)
    .execute();
  await db.schema.createIndex('assignment_requests_target').on('assignment_requests').columns(['target_id', 'id']).execute();
  await db.schema.createIndex('assignment_requests_requestor').on('assignment_requests').columns(['requestor_id', 'id']).execute();
  await db.schema.createIndex('assignment_requests_package').on('assignment_requests').columns(['access_package_id', 'id']).execute();
  await db.schema.createIndex('assignment_requests_assignment').on('assignment_requests').columns(['assignment_id']).execute();

  await db.schema
    .createTable('approval_stages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('assignment_requests.id'))
    .addColumn('stage_number', 'integer', (c) => c.notNull())
    // notStarted → inProgress (→ escalated) → completed | expired
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('review_result', 'text', (c) => c.notNull())
    .addColumn('reviewed_by_id', 'text')
    .addColumn('reviewed_date_time', 'text')
    .addColumn('justification', 'text')
    .addColumn('started_date_time', 'text')
    .addColumn('due_date_time', 'text')
    .addColumn('escalation_date_time', 'text')
    .addColumn('escalated_date_time', 'text')
    .execute();
  await db.schema.createIndex('approval_stages_request').on('approval_stages').columns(['request_id', 'stage_number']).unique().execute();

  // Who may decide a stage, resolved when the stage starts (and again when it escalates).
  await db.schema
    .createTable('approval_stage_approvers')
    .addColumn('stage_id', 'text', (c) => c.notNull().references('approval_stages.id'))
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('approver_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('approval_stage_approvers_pk', ['stage_id', 'approver_id'])
    .execute();
  await db.schema.createIndex('approval_stage_approvers_approver').on('approval_stage_approvers').columns(['approver_id', 'request_id']).execute();

  await db.schema
    .createTable('assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('access_package_id', 'text', (c) => c.notNull().references('access_packages.id'))
    .addColumn('catalog_id', 'text', (c) => c.notNull().references('catalogs.id'))
    .addColumn('policy_id', 'text', (c) => c.references('assignment_policies.id'))
    .addColumn('target_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('start_date_time', 'text', (c) => c.notNull())
    .addColumn('end_date_time', 'text')
    .addColumn('expiration', 'text', (c) => c.notNull())
    // 1 until the assignment ends; one active assignment per target and package.
    .addColumn('is_active', 'integer', (c) => c.notNull())
    .addColumn('created_date_time', 'text', (c) => c.notNull())
    .addColumn('modified_date_time', 'text', (c) => c.notNull())
    .addColumn('expired_date_time', 'text')
    .addColumn('ended_reason', 'text')
    .execute();
  await db.schema
    .createIndex('assignments_one_active')
    .on('assignments')
    .columns(['target_id', 'access_package_id'])
    .unique()
    .where(sql.ref('is_active'), '=', 1)
    .execute();
  await db.schema.createIndex('assignments_package').on('assignments').columns(['access_package_id', 'id']).execute();
  await db.schema.createIndex('assignments_target').on('assignments').columns(['target_id', 'id']).execute();

  // One row per resource role an assignment delivers: what Tessera believes the target holds.
  await db.schema
    .createTable('assignment_role_grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id'))
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('role_scope_id', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('environment_id', 'text', (c) => c.notNull())
    .addColumn('resource_origin_id', 'text', (c) => c.notNull())
    .addColumn('role_origin_id', 'text', (c) => c.notNull())
    .addColumn('scope_origin_id', 'text', (c) => c.notNull())
    // pendingGrant → granted | grantFailed; pendingRevoke → revoked | revokeFailed
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('granted_date_time', 'text')
    .addColumn('revoked_date_time', 'text')
    .execute();
  await db.schema.createIndex('assignment_role_grants_assignment').on('assignment_role_grants').columns(['assignment_id']).execute();
  // Who holds a resource's roles (access reports, reconciliation) …
  await db.schema
    .createIndex('assignment_role_grants_holder')
    .on('assignment_role_grants')
    .columns(['environment_id', 'resource_origin_id', 'role_origin_id', 'target_id'])
    .execute();
  // … and who else gives the same access, asked per target (a role held through two assignments).
  await db.schema.createIndex('assignment_role_grants_target').on('assignment_role_grants').columns(['target_id', 'state']).execute();

  // A request's story is the audit entries that carry its id as correlation id.
  await db.schema.createIndex('directory_audits_correlation').on('directory_audits').columns(['correlation_id', 'sequence']).execute();

  // The durable job table (src/jobs/). A job is written in the transaction of the change that
  // causes it and claimed with a lease; a claimer that dies lets its lease run out.
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    // Who holds the lease; while leased, run_at is when the lease runs out.
    .addColumn('lease_owner', 'text')
    .addColumn('last_error', 'text')
    // 0 waiting or leased, 1 given up after its last attempt (kept for an operator to look at)
    .addColumn('dead', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_date_time', 'text', (c) => c.notNull())
    .execute();
  // A leased job's run_at is its lease's end, so one index on run_at finds everything claimable:
  // jobs that are due and jobs whose claimer died.
  await db.schema.createIndex('jobs_due').on('jobs').columns(['run_at']).where(sql.ref('dead'), '=', 0).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('directory_audits_correlation').execute();
  for (const table of ['jobs', 'assignment_role_grants', 'assignments', 'approval_stage_approvers', 'approval_stages', 'assignment_requests', 'assignment_policies']) {
    await db.schema.dropTable(table).execute();
  }
}
