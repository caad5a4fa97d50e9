import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './database.js';
import type { DialectName } from './dialect.js';

/**
 * Runs a unit of work in a transaction of its own — or, on SQLite, in one it shares with the units
 * that arrived while the previous transaction was committing (group commit).
 *
 * SQLite has one writer. Every commit writes each changed page to the write-ahead log, and on
 * this kind of machine the system calls cost more than the statements: a burst of a hundred
 * requests committed one by one spends most of its time committing. Shared, the commit and the
 * pages it writes (the same index pages, touched by each request) are paid once. Each unit runs
 * under a savepoint of its own, so a unit that fails is rolled back alone and its caller gets its
 * error; the others commit. A unit's result is handed back only after the commit, so nobody sees
 * a write that could still be lost. With no burst there is no waiting: a unit arriving at an idle
 * database starts at once.
 *
 * PostgreSQL runs transactions in parallel on its pool, so there each unit has its own.
 */
export type UnitOfWork = <T>(work: (trx: Transaction<Database>) => Promise<T>) => Promise<T>;

type Pending = { work: (trx: Transaction<Database>) => Promise<unknown>; resolve: (value: unknown) => void; reject: (error: unknown) => void };

/** Enough to amortise the commit; few enough that one slow unit delays little. */
const maxUnitsPerCommit = 64;

export function unitOfWork(db: Kysely<Database>, dialect: DialectName): UnitOfWork {
  if (dialect === 'postgres') return (work) => db.transaction().execute(work);

  const queue: Pending[] = [];
  let committing = false;

  async function commitQueued(): Promise<void> {
    committing = true;
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, maxUnitsPerCommit);
        const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
        try {
          await db.transaction().execute(async (trx) => {
            for (const pending of batch) {
              await sql.raw('savepoint unit').execute(trx);
              try {
                outcomes.push({ ok: true, value: await pending.work(trx) });
                await sql.raw('release unit').execute(trx);
              } catch (error) {
                await sql.raw('rollback to unit').execute(trx);
                await sql.raw('release unit').execute(trx);
                outcomes.push({ ok: false, error });
              }
            }
          });
        } catch (error) {
          // The commit itself failed: nothing of the batch was written.
          for (const pending of batch) pending.reject(error);
          continue;
        }
        batch.forEach((pending, index) => {
          const outcome = outcomes[index]!;
          if (outcome.ok) pending.resolve(outcome.value);
          else pending.reject(outcome.error);
        });
      }
    } finally {
      committing = false;
    }
  }

  return <T>(work: (trx: Transaction<Database>) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (committing) return;
      committing = true;
      // One turn of the event loop lets the requests already being read reach here too.
      setImmediate(() => void commitQueued());
    });
}
