import type { Kysely } from 'kysely';

// Frozen in time. A user who stops matching an automatic policy's rule loses the assignment at the
// end of the grace period, unless they match again before. One row per assignment whose removal
// is waiting: the first time the user is found outside starts the wait (later changes do not move
// it), coming back deletes the row, and the removal job acts only on the row it was written for.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pending_automatic_removals')
    .addColumn('assignment_id', 'text', (c) => c.primaryKey())
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('left_date_time', 'text', (c) => c.notNull())
    .addColumn('due_date_time', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pending_automatic_removals').execute();
}
