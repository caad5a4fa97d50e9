import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

// Frozen in time: never edit a migration that has shipped; add a new dated one instead.
// Portable column types only (text, integer, real) so one migration serves SQLite and PostgreSQL:
// timestamps are ISO 8601 UTC text (sortable, exact to the millisecond), booleans are 0/1 and
// JSON is text. See docs/architecture.md, "Storage".

const extensionAttributeColumns = Array.from({ length: 15 }, (_, index) => `extension_attribute_${index + 1}`);

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  let users = db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_principal_name', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('given_name', 'text')
    .addColumn('surname', 'text')
    .addColumn('mail', 'text')
    .addColumn('other_mails', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('proxy_addresses', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('user_type', 'text', (c) => c.notNull().defaultTo('Member'))
    .addColumn('account_enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('department', 'text')
    .addColumn('job_title', 'text')
    .addColumn('company_name', 'text')
    .addColumn('country', 'text')
    .addColumn('city', 'text')
    .addColumn('office_location', 'text')
    .addColumn('employee_id', 'text')
    .addColumn('employee_type', 'text')
    .addColumn('employee_hire_date', 'text')
    .addColumn('usage_location', 'text');
  for (const column of extensionAttributeColumns) users = users.addColumn(column, 'text');
  await users
    .addColumn('manager_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_date_time', 'text', (c) => c.notNull())
    .addColumn('modified_date_time', 'text', (c) => c.notNull())
    .addColumn('deleted_date_time', 'text')
    .execute();
  // A user principal name is unique among the living, case-insensitively, as in Entra.
  await db.schema
    .createIndex('users_upn_unique')
    .on('users')
    .expression(sql`lower(user_principal_name)`)
    .unique()
    .where(sql.ref('deleted_date_time'), 'is', null)
    .execute();
  // Expression indexes on lower(...) serve Graph's case-insensitive eq / startswith filters. Only
  // the selective columns get one: each index costs every write (jobTitle and country indexes made
  // a 100,000-user import 40% slower), while a filter on a common value finds its first page by
  // walking the id order anyway.
  for (const column of ['display_name', 'mail', 'department', 'employee_id']) {
    await db.schema.createIndex(`users_${column}_ci`).on('users').expression(sql`lower(${sql.ref(column)}), id`).execute();
  }
  await db.schema.createIndex('users_manager').on('users').column('manager_id').execute();
  if (dialect === 'postgres') {
    // startswith() compiles to lower(column) LIKE 'prefix%'. PostgreSQL uses a btree for that only
    // with the pattern operator class (unless the database collation is C); SQLite's LIKE on an
    // expression index does not need it.
    for (const column of ['user_principal_name', 'display_name', 'mail']) {
      await sql.raw(`CREATE INDEX users_${column}_prefix ON users (lower(${column}) text_pattern_ops)`).execute(db);
    }
  }

  await db.schema
    .createTable('groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('mail_nickname', 'text')
    .addColumn('mail', 'text')
    .addColumn('mail_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('security_enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('group_types', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('membership_rule', 'text')
    .addColumn('membership_rule_processing_state', 'text')
    .addColumn('visibility', 'text')
    // Only groups created as role-assignable may hold directory roles, and only a Global
    // Administrator manages their members: otherwise a group owner could grant themselves a role.
    .addColumn('is_assignable_to_role', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_date_time', 'text', (c) => c.notNull())
    .addColumn('modified_date_time', 'text', (c) => c.notNull())
    .addColumn('deleted_date_time', 'text')
    .execute();
  await db.schema.createIndex('groups_display_name_ci').on('groups').expression(sql`lower(display_name), id`).execute();

  // Members and owners of groups. Rows are closed (ended_date_time, removed_by, reason), never
  // deleted, so "who was in this group, when, and why" stays a query.
  await db.schema
    .createTable('group_memberships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('member_type', 'text', (c) => c.notNull())
    .addColumn('relationship', 'text', (c) => c.notNull())
    .addColumn('started_date_time', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text')
    .addColumn('ended_date_time', 'text')
    .addColumn('removed_by', 'text')
    .addColumn('reason', 'text')
    .execute();
  await db.schema
    .createIndex('group_memberships_active_unique')
    .on('group_memberships')
    .columns(['group_id', 'relationship', 'member_id'])
    .unique()
    .where(sql.ref('ended_date_time'), 'is', null)
    .execute();
  await db.schema.createIndex('group_memberships_member').on('group_memberships').columns(['member_id', 'relationship']).execute();

  await db.schema
    .createTable('user_sponsors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('sponsor_id', 'text', (c) => c.notNull())
    .addColumn('sponsor_type', 'text', (c) => c.notNull())
    .addColumn('started_date_time', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text')
    .addColumn('ended_date_time', 'text')
    .addColumn('removed_by', 'text')
    .execute();
  await db.schema
    .createIndex('user_sponsors_active_unique')
    .on('user_sponsors')
    .columns(['user_id', 'sponsor_id'])
    .unique()
    .where(sql.ref('ended_date_time'), 'is', null)
    .execute();

  // Directory roles (Global Administrator, Identity Governance Administrator, …) and catalog
  // roles share one table: both are Graph unifiedRoleAssignments, told apart by their provider.
  await db.schema
    .createTable('role_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('role_definition_id', 'text', (c) => c.notNull())
    .addColumn('principal_id', 'text', (c) => c.notNull())
    .addColumn('directory_scope_id', 'text', (c) => c.notNull().defaultTo('/'))
    .addColumn('app_scope_id', 'text')
    .addColumn('created_date_time', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('ended_date_time', 'text')
    .addColumn('ended_by', 'text')
    .execute();
  await db.schema.createIndex('role_assignments_principal').on('role_assignments').columns(['principal_id', 'provider']).execute();
  // One active assignment of a role to a principal at a scope; coalesce because NULLs never collide.
  await db.schema
    .createIndex('role_assignments_active_unique')
    .on('role_assignments')
    .expression(sql`provider, role_definition_id, principal_id, coalesce(app_scope_id, '')`)
    .unique()
    .where(sql.ref('ended_date_time'), 'is', null)
    .execute();

  await db.schema
    .createTable('access_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text')
    .addColumn('created_date_time', 'text', (c) => c.notNull())
    .addColumn('expires_date_time', 'text', (c) => c.notNull())
    .addColumn('revoked_date_time', 'text')
    .execute();

  // The audit log is a hash chain: each entry's hash covers the previous entry's hash, and the
  // head row (locked by every writer) orders the chain across nodes.
  await db.schema
    .createTable('directory_audits')
    // The chain's sequence is the key: in SQLite an integer primary key is the row id itself, one
    // index fewer to write for every entry (a 100,000-user import writes 100,000 entries).
    .addColumn('sequence', 'integer', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('activity_date_time', 'text', (c) => c.notNull())
    .addColumn('activity_display_name', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('operation_type', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('result_reason', 'text')
    .addColumn('correlation_id', 'text', (c) => c.notNull())
    .addColumn('logged_by_service', 'text', (c) => c.notNull())
    .addColumn('initiated_by', 'text', (c) => c.notNull())
    .addColumn('initiated_by_user_id', 'text')
    .addColumn('initiated_by_upn', 'text')
    .addColumn('target_resources', 'text', (c) => c.notNull())
    // ' id1 id2 ': the targets' ids, space-delimited, so "everything that touched X" is a filter.
    .addColumn('target_ids', 'text', (c) => c.notNull())
    .addColumn('additional_details', 'text', (c) => c.notNull())
    .addColumn('previous_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('directory_audits_time').on('directory_audits').columns(['activity_date_time', 'sequence']).execute();
  await db.schema.createIndex('directory_audits_category').on('directory_audits').columns(['category', 'sequence']).execute();
  await db.schema
    .createTable('audit_chain_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('audit_chain_head').values({ id: 1, sequence: 0, hash: 'genesis' }).execute();

  // Rows that writers lock to take turns where checking one row is not enough: a loop in the
  // manager chain or in group nesting can be closed by two writers that each saw no loop.
  await db.schema.createTable('named_locks').addColumn('name', 'text', (c) => c.primaryKey()).execute();
  await db.insertInto('named_locks').values([{ name: 'manager-chain' }, { name: 'group-nesting' }]).execute();
  await refuseAuditChanges(db, dialect);
}

/** Append-only is enforced by the database itself, so not even a bug in Tessera can rewrite history. */
async function refuseAuditChanges(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect === 'sqlite') {
    for (const action of ['UPDATE', 'DELETE']) {
      await sql.raw(`CREATE TRIGGER directory_audits_refuse_${action.toLowerCase()} BEFORE ${action} ON directory_audits
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`).execute(db);
    }
    return;
  }
  await sql.raw(`CREATE FUNCTION tessera_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$`).execute(db);
  await sql.raw(`CREATE TRIGGER directory_audits_refuse_change BEFORE UPDATE OR DELETE ON directory_audits
    FOR EACH ROW EXECUTE FUNCTION tessera_refuse_audit_change()`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['named_locks', 'audit_chain_head', 'directory_audits', 'access_tokens', 'role_assignments', 'user_sponsors', 'group_memberships', 'groups', 'users']) {
    await db.schema.dropTable(table).execute();
  }
}
