import type { Kysely } from 'kysely';

// Frozen in time. Reconciliation of connected systems: each system's mode (only report drift, or
// also correct it) and schedule; each run, with its counts; and each drift a run found, with what
// the run did about it.

export async function up(db: Kysely<any>): Promise<void> {
  // The account each grant was delivered to, as its system names it (a login, a DN, a SCIM id): a
  // revocation reaches that account even after the user's name changed, and reconciliation compares it.
  await db.schema.alterTable('assignment_role_grants').addColumn('holder', 'text').execute();
  await db.schema.alterTable('connected_systems').addColumn('reconciliation_mode', 'text', (c) => c.notNull().defaultTo('reportOnly')).execute();
  // Null: only on demand.
  await db.schema.alterTable('connected_systems').addColumn('reconciliation_interval_minutes', 'integer').execute();
  // The scheduled run due next; a scheduled job whose time is not this one was overtaken by a change of schedule.
  await db.schema.alterTable('connected_systems').addColumn('next_reconciliation_date_time', 'text').execute();

  await db.schema
    .createTable('reconciliation_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('connected_system_id', 'text', (c) => c.notNull().references('connected_systems.id'))
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // JSON: Graph's initiatedBy of whoever asked (a scheduled run: Tessera).
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('created_date_time', 'text', (c) => c.notNull())
    .addColumn('started_date_time', 'text')
    .addColumn('completed_date_time', 'text')
    // Written every few seconds while the run is under way: a run whose heartbeat stopped was interrupted (a crash).
    .addColumn('heartbeat_date_time', 'text')
    .addColumn('resource_roles_checked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('holders_found', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unexpected_holders', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('missing_holders', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('corrected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('correction_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('reconciliation_runs_system').on('reconciliation_runs').columns(['connected_system_id', 'created_date_time']).execute();

  await db.schema
    .createTable('reconciliation_drifts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull().references('reconciliation_runs.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('resource_origin_id', 'text', (c) => c.notNull())
    .addColumn('role_origin_id', 'text', (c) => c.notNull())
    .addColumn('holder', 'text')
    .addColumn('user_id', 'text')
    .addColumn('grant_id', 'text')
    .addColumn('assignment_id', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('reconciliation_drifts_run').on('reconciliation_drifts').columns(['run_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reconciliation_drifts').execute();
  await db.schema.dropTable('reconciliation_runs').execute();
  await db.schema.alterTable('connected_systems').dropColumn('next_reconciliation_date_time').execute();
  await db.schema.alterTable('connected_systems').dropColumn('reconciliation_interval_minutes').execute();
  await db.schema.alterTable('connected_systems').dropColumn('reconciliation_mode').execute();
  await db.schema.alterTable('assignment_role_grants').dropColumn('holder').execute();
}
