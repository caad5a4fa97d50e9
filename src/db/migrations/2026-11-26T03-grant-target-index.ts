import type { Kysely } from 'kysely';

// Frozen in time. A grant's state changes twice on its way out (pendingRevoke, then revoked), and
// with the state in the per-target index each change moved the grant's entry there too: a tenth
// of the time of an expiry sweep. The index is asked for a target's grants, a handful, which are
// then filtered on their state as cheaply without it.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('assignment_role_grants_target').execute();
  await db.schema.createIndex('assignment_role_grants_target').on('assignment_role_grants').column('target_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('assignment_role_grants_target').execute();
  await db.schema.createIndex('assignment_role_grants_target').on('assignment_role_grants').columns(['target_id', 'state']).execute();
}
