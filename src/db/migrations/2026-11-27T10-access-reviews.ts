import type { Kysely } from 'kysely';

// Frozen in time. Access reviews (Graph's accessReviewScheduleDefinition, accessReviewInstance,
// accessReviewStage and accessReviewInstanceDecisionItem), and when each user was last active.
//
// A definition keeps its scope, reviewers and settings as Graph's JSON (validated on the way in);
// scope_kind and scope_object_id are what queries need of it. An instance snapshots who is in
// scope when it starts: one decision row per person per stage. Reviewers resolved at that moment
// are kept per stage (access_review_stage_reviewers) when they review everyone in it (named users,
// a group, its owners, the fallbacks), or on the decision itself (reviewer_id) when each person has
// their own (their manager, themself), so 100,000 decisions are not 100,000 × reviewers rows.
// Nothing is deleted: a deleted definition is marked, and decisions keep who decided and when.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('access_review_definitions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('description_for_admins', 'text')
    .addColumn('description_for_reviewers', 'text')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('scope_kind', 'text', (c) => c.notNull())
    .addColumn('scope_object_id', 'text', (c) => c.notNull())
    .addColumn('reviewers', 'text', (c) => c.notNull())
    .addColumn('fallback_reviewers', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('stage_settings', 'text')
    // Set when an assignment policy's reviewSettings made it: the policy manages it, not the API.
    .addColumn('policy_id', 'text', (c) => c.references('assignment_policies.id'))
    .addColumn('created_by_id', 'text')
    .addColumn('created_date_time', 'text', (c) => c.notNull())
    .addColumn('last_modified_date_time', 'text', (c) => c.notNull())
    .addColumn('instances_started', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deleted_date_time', 'text')
    .execute();
  await db.schema.createIndex('access_review_definitions_policy').on('access_review_definitions').column('policy_id').execute();

  await db.schema
    .createTable('access_review_instances')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('definition_id', 'text', (c) => c.notNull().references('access_review_definitions.id'))
    .addColumn('occurrence', 'integer', (c) => c.notNull())
    .addColumn('start_date_time', 'text', (c) => c.notNull())
    .addColumn('end_date_time', 'text', (c) => c.notNull())
    /** InProgress | Completed | Applying | Applied */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('resource_display_name', 'text', (c) => c.notNull())
    .addColumn('stopped_by_id', 'text')
    .addColumn('completed_date_time', 'text')
    .addColumn('applied_date_time', 'text')
    .addColumn('applied_by_id', 'text')
    .execute();
  await db.schema.createIndex('access_review_instances_definition').on('access_review_instances').columns(['definition_id', 'occurrence']).unique().execute();

  await db.schema
    .createTable('access_review_stages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) => c.notNull().references('access_review_instances.id'))
    .addColumn('stage_number', 'integer', (c) => c.notNull())
    .addColumn('start_date_time', 'text', (c) => c.notNull())
    .addColumn('end_date_time', 'text', (c) => c.notNull())
    /** NotStarted | InProgress | Completed */
    .addColumn('status', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('access_review_stages_instance').on('access_review_stages').columns(['instance_id', 'stage_number']).unique().execute();

  await db.schema
    .createTable('access_review_stage_reviewers')
    .addColumn('stage_id', 'text', (c) => c.notNull().references('access_review_stages.id'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    /** primary | fallback: fallbacks review the decisions whose own reviewer could not be found. */
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('access_review_stage_reviewers_pk', ['stage_id', 'user_id', 'role'])
    .execute();
  await db.schema.createIndex('access_review_stage_reviewers_user').on('access_review_stage_reviewers').columns(['user_id', 'stage_id']).execute();

  await db.schema
    .createTable('access_review_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('stage_id', 'text', (c) => c.notNull())
    .addColumn('principal_id', 'text', (c) => c.notNull())
    .addColumn('principal_display_name', 'text', (c) => c.notNull())
    .addColumn('principal_user_principal_name', 'text', (c) => c.notNull())
    .addColumn('principal_user_type', 'text', (c) => c.notNull())
    // What is reviewed: the group membership (direct or through a nested group) or the assignment.
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('assignment_id', 'text')
    .addColumn('is_direct_member', 'integer', (c) => c.notNull())
    /** The person who reviews this one alone (their manager, themself); null: the stage's reviewers. */
    .addColumn('reviewer_id', 'text')
    /** primary | fallback: which of the stage's reviewers review it when reviewer_id is null. */
    .addColumn('reviewer_role', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('justification', 'text')
    .addColumn('reviewed_by_id', 'text')
    .addColumn('reviewed_date_time', 'text')
    .addColumn('recommendation', 'text', (c) => c.notNull())
    .addColumn('recommendation_reason', 'text')
    .addColumn('last_activity_date_time', 'text')
    /** New | AppliedSuccessfully | AppliedSuccessfullyButObjectNotFound | ApplyNotSupported | AppliedWithUnknownFailure */
    .addColumn('apply_result', 'text', (c) => c.notNull())
    .addColumn('applied_by_id', 'text')
    .addColumn('applied_date_time', 'text')
    .addColumn('apply_detail', 'text')
    // 1 on the decision of the last stage a person reached: the one that counts, and is applied.
    .addColumn('is_current', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('access_review_decisions_stage').on('access_review_decisions').columns(['stage_id', 'id']).execute();
  await db.schema.createIndex('access_review_decisions_instance').on('access_review_decisions').columns(['instance_id', 'is_current', 'id']).execute();
  await db.schema.createIndex('access_review_decisions_reviewer').on('access_review_decisions').columns(['reviewer_id', 'stage_id']).execute();

  await db.schema
    .createTable('user_activity')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('last_sign_in_date_time', 'text')
    .addColumn('last_api_date_time', 'text')
    .addColumn('last_reported_date_time', 'text')
    .addColumn('last_reported_source', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['user_activity', 'access_review_decisions', 'access_review_stage_reviewers', 'access_review_stages', 'access_review_instances', 'access_review_definitions']) await db.schema.dropTable(table).execute();
}
