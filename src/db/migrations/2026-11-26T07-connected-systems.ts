import type { Kysely } from 'kysely';

// Frozen in time. Connected systems an administrator adds (PostgreSQL today; LDAP, SCIM and
// webhooks next): one row each beside its resource environment (same id). Settings are JSON the
// API shows; secrets are JSON it never shows, read only to build the system's connector.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('connected_systems')
    .addColumn('id', 'text', (c) => c.primaryKey().references('resource_environments.id'))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('secrets', 'text', (c) => c.notNull())
    // The names of the secrets that are set, so that showing a system never reads a secret.
    .addColumn('secret_names', 'text', (c) => c.notNull())
    .addColumn('created_date_time', 'text', (c) => c.notNull())
    .addColumn('modified_date_time', 'text', (c) => c.notNull())
    .addColumn('deleted_date_time', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('connected_systems').execute();
}
