import type { Kysely } from 'kysely';

// Frozen in time. Sessions of people signed in to the portal: the cookie carries a random token,
// the table its hash (as access_tokens do), so a copy of the database signs nobody in. Each has a
// CSRF token the portal sends back on every state-changing call. Ended sessions are kept (ended_*):
// who was signed in, when, is a question an auditor asks.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('portal_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_date_time', 'text', (c) => c.notNull())
    .addColumn('expires_date_time', 'text', (c) => c.notNull())
    .addColumn('last_seen_date_time', 'text', (c) => c.notNull())
    .addColumn('ended_date_time', 'text')
    .addColumn('ended_reason', 'text')
    .addColumn('ip_address', 'text')
    .execute();
  await db.schema.createIndex('portal_sessions_user').on('portal_sessions').columns(['user_id', 'created_date_time']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('portal_sessions').execute();
}
