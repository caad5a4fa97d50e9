import type { CompiledQuery, QueryResult } from 'kysely';
import type { Executor } from './database.js';

/** Runs a compiled query on SQLite's one connection, at once: what Kysely's driver does, minus its queueing. */
export type DirectRunner = (query: CompiledQuery) => QueryResult<unknown>;

const runners = new WeakMap<object, DirectRunner>();

/** Called by dialect.ts for each SQLite database it opens, keyed by its Kysely adapter (shared by its transactions). */
export function registerDirectRunner(db: Executor, runner: DirectRunner): void {
  runners.set(db.getExecutor().adapter, runner);
}

/**
 * Runs a query that is already compiled (prepared-query.ts, bulk-insert.ts).
 *
 * Inside a SQLite transaction, the transaction holds the database's one connection until it ends,
 * and better-sqlite3 runs a statement to its end before anything else can: so the statement is run
 * straight on the connection, skipping the half-dozen promises Kysely passes each query through to
 * queue it for a connection that is already held — per statement, as long as SQLite takes to
 * run a small one. Anywhere else (PostgreSQL; SQLite outside a transaction, where it must wait
 * its turn behind whatever transaction holds the connection) the query goes through Kysely.
 * (getExecutor is marked internal by Kysely, but is how its own builders reach the adapter.)
 *
 * What this asks of callers, which Kysely would otherwise enforce: every query of a transaction is
 * awaited before the next starts (one started and left running would be overtaken by a direct
 * one), and a transaction object is not used after its transaction has ended.
 */
export function runCompiled<Row>(db: Executor, query: CompiledQuery<Row>): Promise<QueryResult<Row>> {
  if (db.isTransaction) {
    const runner = runners.get(db.getExecutor().adapter);
    if (runner) {
      try {
        return Promise.resolve(runner(query) as QueryResult<Row>);
      } catch (error) {
        return Promise.reject(error);
      }
    }
  }
  return db.executeQuery(query);
}
