import type { Executor } from '../../db/database.js';

/**
 * Automatic assignments waiting out their policy's grace period (table pending_automatic_removals):
 * the first time a user is found outside the rule starts the wait, later changes leave it as it
 * is, and coming back ends it.
 */
export type PendingRemoval = { assignmentId: string; policyId: string; leftDateTime: string; dueDateTime: string };

/** A wait a day past its end has lost its job (given up after its attempts): a new one replaces it. */
const staleAfterMs = 86_400_000;

/** Starts the wait unless one is under way; true when this call started it. */
export async function startWaiting(db: Executor, pending: PendingRemoval, now: Date): Promise<boolean> {
  const stale = new Date(now.getTime() - staleAfterMs).toISOString();
  const values = { assignment_id: pending.assignmentId, policy_id: pending.policyId, left_date_time: pending.leftDateTime, due_date_time: pending.dueDateTime };
  const rows = await db
    .insertInto('pending_automatic_removals')
    .values(values)
    .onConflict((conflict) => conflict.column('assignment_id').doUpdateSet({ policy_id: values.policy_id, left_date_time: values.left_date_time, due_date_time: values.due_date_time }).where('pending_automatic_removals.due_date_time', '<', stale))
    .returning('assignment_id')
    .execute();
  return rows.length > 0;
}

export async function postponeWaiting(db: Executor, assignmentId: string, dueDateTime: string): Promise<void> {
  await db.updateTable('pending_automatic_removals').set({ due_date_time: dueDateTime }).where('assignment_id', '=', assignmentId).execute();
}

export async function stopWaiting(db: Executor, assignmentId: string): Promise<void> {
  await db.deleteFrom('pending_automatic_removals').where('assignment_id', '=', assignmentId).execute();
}

export async function pendingRemovalOf(db: Executor, assignmentId: string): Promise<PendingRemoval | undefined> {
  const row = await db.selectFrom('pending_automatic_removals').selectAll().where('assignment_id', '=', assignmentId).executeTakeFirst();
  return row ? { assignmentId: row.assignment_id, policyId: row.policy_id, leftDateTime: row.left_date_time, dueDateTime: row.due_date_time } : undefined;
}
