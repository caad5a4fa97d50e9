import type { Executor, NamedLocksTable } from './database.js';

/**
 * Makes writers of one kind take turns until their transaction ends. Updating the row to itself
 * takes its row lock in PostgreSQL; in SQLite every write transaction already holds the database's
 * write lock (BEGIN IMMEDIATE), so there it costs one no-op write.
 */
export async function takeNamedLock(trx: Executor, name: NamedLocksTable['name']): Promise<void> {
  await trx.updateTable('named_locks').set({ name }).where('name', '=', name).execute();
}
