import type { Kysely } from 'kysely';

// Frozen in time. Rules that compare with system.now are applied each minute to the users whose
// hire date a threshold crossed since the minute before: a range on this column, not a scan.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('users_employee_hire_date').on('users').column('employee_hire_date').where('employee_hire_date', 'is not', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('users_employee_hire_date').execute();
}
