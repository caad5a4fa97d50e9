import { sql, type Kysely } from 'kysely';

// Frozen in time. External users (issue 8): connected organizations (Graph's
// connectedOrganization) with their sponsors, entitlementManagement/settings, the guests Tessera
// brought in and governs, and the one-time codes outsiders prove their e-mail address with.
//
// An organization's domains have a table of their own, with the domain as its key: an e-mail
// address leads to one organization, and finding it is one indexed lookup. Organizations are soft
// deleted: policies and guests that named one keep pointing at what it was.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('connected_organizations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('identity_sources', 'text', (c) => c.notNull())
    /** configured | proposed */
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text')
    .addColumn('created_date_time', 'text', (c) => c.notNull())
    .addColumn('modified_date_time', 'text', (c) => c.notNull())
    .addColumn('deleted_date_time', 'text')
    .execute();

  await db.schema
    .createTable('connected_organization_domains')
    .addColumn('domain_name', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('connected_organizations.id'))
    .execute();
  await db.schema.createIndex('connected_organization_domains_organization').on('connected_organization_domains').column('organization_id').execute();

  // Sponsors are users or groups, inside (internal) or at the partner (external). Closed, not
  // deleted, as a user's sponsors are: who vouched for an organization, when, is history.
  await db.schema
    .createTable('connected_organization_sponsors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('connected_organizations.id'))
    /** internal | external */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sponsor_id', 'text', (c) => c.notNull())
    /** user | group */
    .addColumn('sponsor_type', 'text', (c) => c.notNull())
    .addColumn('started_date_time', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text')
    .addColumn('ended_date_time', 'text')
    .addColumn('removed_by', 'text')
    .execute();
  await db.schema
    .createIndex('connected_organization_sponsors_active')
    .on('connected_organization_sponsors')
    .columns(['organization_id', 'kind', 'sponsor_id'])
    .unique()
    .where(sql.ref('ended_date_time'), 'is', null)
    .execute();

  // One row: the service's entitlementManagement settings. Absent means Entra's defaults.
  await db.schema
    .createTable('entitlement_management_settings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('external_user_lifecycle_action', 'text', (c) => c.notNull())
    .addColumn('duration_until_external_user_deleted_after_blocked', 'text', (c) => c.notNull())
    .addColumn('modified_date_time', 'text', (c) => c.notNull())
    .execute();

  // The guests Tessera created for an assignment (Graph's subjectLifecycle 'governed'): only these
  // are blocked and deleted when their last assignment ends. A guest someone else invited is not.
  await db.schema
    .createTable('governed_guests')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('connected_organization_id', 'text', (c) => c.references('connected_organizations.id'))
    .addColumn('created_date_time', 'text', (c) => c.notNull())
    // Set while the lifecycle keeps the guest from signing in; cleared when access arrives again.
    .addColumn('blocked_date_time', 'text')
    .addColumn('deletion_due_date_time', 'text')
    // When the guest was deleted and their personal data removed; the row stays for history.
    .addColumn('deleted_date_time', 'text')
    .execute();
  await db.schema.createIndex('governed_guests_organization').on('governed_guests').column('connected_organization_id').execute();

  // Codes sent by mail to prove an address, sealed under the secrets key (a copy of the database
  // opens none). A used or spent code stays, so that the rate limits can count what was sent.
  await db.schema
    .createTable('one_time_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('sealed_code', 'text', (c) => c.notNull())
    .addColumn('created_date_time', 'text', (c) => c.notNull())
    .addColumn('expires_date_time', 'text', (c) => c.notNull())
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('used_date_time', 'text')
    .addColumn('ip_address', 'text')
    .execute();
  await db.schema.createIndex('one_time_codes_email').on('one_time_codes').columns(['email', 'created_date_time']).execute();
  await db.schema.createIndex('one_time_codes_ip').on('one_time_codes').columns(['ip_address', 'created_date_time']).execute();
  // Codes are issued in turn, so that the rate limits hold under concurrent asking.
  await db.insertInto('named_locks').values({ name: 'one-time-codes' }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('named_locks').where('name', '=', 'one-time-codes').execute();
  for (const table of ['one_time_codes', 'governed_guests', 'entitlement_management_settings', 'connected_organization_sponsors', 'connected_organization_domains', 'connected_organizations']) {
    await db.schema.dropTable(table).execute();
  }
}
