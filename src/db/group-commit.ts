import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Database } from './database.js';
import type { DialectName } from './dialect.js';
import { runCompiled } from './run-compiled.js';

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
 * A unit can also leave appends to the end of the shared transaction (deferToCommit): the audit
 * log's entries of every unit that succeeded are chained and written together, with one move of
 * the chain's head, instead of once per unit.
 *
 * PostgreSQL runs transactions in parallel on its pool, so there each unit has its own.
 */
export type UnitOfWork = <T>(work: (trx: Transaction<Database>) => Promise<T>) => Promise<T>;

type Pending = { work: (trx: Transaction<Database>) => Promise<unknown>; resolve: (value: unknown) => void; reject: (error: unknown) => void };

/** Compiled once: they run twice in every unit. */
const savepoint = { begin: CompiledQuery.raw('savepoint unit'), release: CompiledQuery.raw('release unit'), rollback: CompiledQuery.raw('rollback to unit') };

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
            const deferrals = new Deferrals();
            sharedTransactions.set(trx, deferrals);
            for (const pending of batch) {
              await runCompiled(trx, savepoint.begin);
              try {
                outcomes.push({ ok: true, value: await pending.work(trx) });
                await runCompiled(trx, savepoint.release);
                deferrals.keepUnit();
              } catch (error) {
                await runCompiled(trx, savepoint.rollback);
                await runCompiled(trx, savepoint.release);
                deferrals.dropUnit();
                outcomes.push({ ok: false, error });
              }
            }
            sharedTransactions.delete(trx);
            await deferrals.flush(trx);
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

/**
 * An append that can wait for the end of a shared transaction, and is cheaper made once for many
 * units: `flush` gets the items of every unit that succeeded, in the order they were deferred, and
 * runs in the transaction before it commits (a failure there fails every unit of the batch, as a
 * failed commit does). Only for writes nothing reads back within a transaction.
 */
export type DeferredAppend<Item> = { readonly name: string; flush(trx: Transaction<Database>, items: Item[]): Promise<void> };

/**
 * Hands `item` to the end of the shared transaction `trx` belongs to, and says so; false when `trx`
 * is not shared (PostgreSQL, a transaction of its own, no transaction), and the caller writes now.
 */
export function deferToCommit<Item>(trx: object, append: DeferredAppend<Item>, item: Item): boolean {
  const deferrals = sharedTransactions.get(trx);
  if (!deferrals) return false;
  deferrals.add(append, item);
  return true;
}

const sharedTransactions = new WeakMap<object, Deferrals>();

/** What the units of one shared transaction deferred: the current unit's, until it ends, and the kept. */
class Deferrals {
  readonly #kept = new Map<DeferredAppend<unknown>, unknown[]>();
  #unit: [DeferredAppend<unknown>, unknown][] = [];

  add<Item>(append: DeferredAppend<Item>, item: Item): void {
    this.#unit.push([append as DeferredAppend<unknown>, item]);
  }

  keepUnit(): void {
    for (const [append, item] of this.#unit) {
      const items = this.#kept.get(append);
      if (items) items.push(item);
      else this.#kept.set(append, [item]);
    }
    this.#unit = [];
  }

  /** The unit was rolled back to its savepoint: what it deferred goes with it. */
  dropUnit(): void {
    this.#unit = [];
  }

  async flush(trx: Transaction<Database>): Promise<void> {
    for (const [append, items] of this.#kept) await append.flush(trx, items);
  }
}
