import type { Kysely } from 'kysely';

// Frozen in time. Changes to users and new rules both move members of dynamic groups; on
// PostgreSQL they take turns on this lock, so two of them never open the same membership twice.
// The index finds the dynamic groups whose rules are processed.

export async function up(db: Kysely<any>): Promise<void> {
  await db.insertInto('named_locks').values({ name: 'dynamic-membership' }).execute();
  await db.schema.createIndex('groups_processed_rules').on('groups').column('membership_rule_processing_state').where('membership_rule_processing_state', '=', 'On').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('groups_processed_rules').execute();
  await db.deleteFrom('named_locks').where('name', '=', 'dynamic-membership').execute();
}
