import { sql, type Transaction } from 'kysely';
import type { Database } from '../../src/db/database.js';
import type { TestContext } from './test-app.js';
import { testDialect } from './test-database.js';

/**
 * Races a request against a concurrent writer. `write` runs in a transaction that stays open
 * while `contender` starts, and commits once the contender waits for a lock the transaction holds,
 * or has finished without waiting (a contender that takes no lock then acts on what it read before
 * the commit, which is the race the test is about).
 *
 * The race is real on PostgreSQL only: SQLite serializes the whole transaction against the
 * contender, which then simply runs after the commit. So a test built on this fails without its
 * fix on PostgreSQL (`--project postgres`), and checks the plain behaviour on SQLite.
 */
export async function raceAgainstOpenTransaction<T>(t: TestContext, write: (trx: Transaction<Database>) => Promise<void>, contender: () => Promise<T>): Promise<T> {
  let result!: Promise<T>;
  await t.handle.db.transaction().execute(async (trx) => {
    await write(trx);
    result = contender();
    await blockedOrSettled(t, result);
  });
  return result;
}

/** Returns once `contender` waits for a lock (PostgreSQL), has settled, or (SQLite) has had a moment to queue. */
export async function blockedOrSettled(t: TestContext, contender: Promise<unknown>): Promise<void> {
  let settled = false;
  contender.then(
    () => (settled = true),
    () => (settled = true),
  );
  if (testDialect === 'sqlite') {
    // The contender queues behind the open transaction; give it the moment to get there.
    await new Promise((resolve) => setTimeout(resolve, 20));
    return;
  }
  const deadline = Date.now() + 10_000;
  while (!settled && Date.now() < deadline) {
    const { rows } = await sql<{ waiting: number }>`select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(t.handle.db);
    if (rows[0]!.waiting > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  if (!settled) throw new Error('The contender neither waited for a lock nor finished within 10 s.');
}
