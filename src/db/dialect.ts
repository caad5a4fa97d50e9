import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, sql, type DatabaseConnection, type Driver, type Expression, type QueryResult, type RawBuilder, type SqlBool, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { checkpointInBackground } from './background-checkpoints.js';
import type { Database } from './database.js';
import { FifoLock } from './fifo-lock.js';
import { registerDirectRunner } from './run-compiled.js';

/**
 * The one place that knows SQLite from PostgreSQL. Everything dialect-specific — connecting,
 * pragmas, case-insensitive text matching — is decided here, so repositories stay portable.
 */
export type DialectName = 'sqlite' | 'postgres';

export type DatabaseHandle = {
  db: Kysely<Database>;
  dialect: DialectName;
  close(): Promise<void>;
};

export type SqliteOptions = {
  /**
   * A long-running server checkpoints the write-ahead log from a thread of its own (see
   * background-checkpoints.ts), told here what to do with a failure; everything else, in the commit.
   */
  backgroundCheckpoints?: { onFailure(message: string): void };
};

export function openDatabase(url: string, options: SqliteOptions = {}): DatabaseHandle {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length), options);
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url);
  throw new Error(`Unsupported DATABASE_URL ${JSON.stringify(url.split(':')[0])}: use sqlite:<path> or postgres://…`);
}

function openSqlite(path: string, options: SqliteOptions): DatabaseHandle {
  const inMemory = path === ':memory:' || path === '';
  if (!inMemory) mkdirSync(dirname(resolve(path)), { recursive: true });
  const connection = new BetterSqlite3(inMemory ? ':memory:' : path);
  // WAL lets readers proceed while one writer commits; the busy timeout makes a second process
  // (the CLI beside a running server) wait for the lock instead of failing at once.
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  // 16 MiB of page cache (the default is 2 MiB; imports of 100,000 users took twice as long with
  // it). Not more: below 1 GiB of database, nearly every commit walks the whole cache. A B-tree
  // split renumbers pages through the page number at the 1 GiB mark, SQLite's cache then holds a
  // key past the end of the file, and the commit's truncation scans every cached page to find it
  // (pcache1TruncateUnsafe). At 64 MiB that walk took 7-8 % of the server's time in a burst of
  // requests, at 16 MiB 3 %; the pages that no longer fit come from the operating system's cache,
  // and imports, expiry sweeps and list queries measured no slower.
  connection.pragma('cache_size = -16384');
  // Each unit of a group commit runs under a savepoint, whose journal of the pages it changes
  // spills to a temporary file past 64 KiB: a file write per page, in every request. In memory
  // it is a copy. (Sorts without an index use the same store; they are bounded by $top.)
  connection.pragma('temp_store = MEMORY');
  const background = options.backgroundCheckpoints;
  const checkpoints =
    background && !inMemory
      ? checkpointInBackground(path, {
          onFailure: background.onFailure,
          onEnded() {
            background.onFailure('the checkpoint thread ended; the server checkpoints in its commits again');
            if (connection.open) connection.pragma('wal_autocheckpoint = 1000');
          },
        })
      : undefined;
  if (checkpoints) {
    connection.pragma('wal_autocheckpoint = 0');
    // A log that grew under a long burst is cut back to 64 MiB once it starts over.
    connection.pragma('journal_size_limit = 67108864');
  }
  const statements = withStatementCache(connection);
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: statements }) });
  registerDirectRunner(db, (query) => runStatement(statements.prepare(query.sql), query.parameters));
  return {
    db,
    dialect: 'sqlite',
    async close() {
      await checkpoints?.stop();
      await db.destroy();
    },
  };
}

/**
 * Kysely prepares every query anew, and preparing costs about as much as running a small query
 * (and seconds over a bulk import's multi-row inserts). Statements are kept by SQL text, least
 * recently used dropped first. Sharing one is safe: Kysely runs one query at a time per connection.
 */
function withStatementCache(connection: BetterSqlite3.Database, size = 500): Omit<SqliteDatabase, 'prepare'> & { prepare(text: string): BetterSqlite3.Statement } {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => connection.close(),
    prepare(text) {
      const statement = statements.get(text) ?? connection.prepare(text);
      statements.delete(text);
      statements.set(text, statement);
      if (statements.size > size) statements.delete(statements.keys().next().value!);
      return statement;
    },
  };
}

/** As Kysely's SQLite driver runs a statement, with the same result. */
function runStatement(statement: BetterSqlite3.Statement, parameters: readonly unknown[]): QueryResult<unknown> {
  if (statement.reader) return { rows: statement.all(parameters) };
  const { changes, lastInsertRowid } = statement.run(parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

/**
 * Transactions take SQLite's write lock when they begin (BEGIN IMMEDIATE). Use cases read before
 * they write; with a deferred BEGIN, a second process (the CLI beside the server) writing in
 * between would fail the upgrade with SQLITE_BUSY_SNAPSHOT, which the busy timeout cannot wait out.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver() as SqliteDriver;
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    // Waiters for the one connection queue in order behind a lock of ours (see fifo-lock.ts), so
    // that the driver's own lock, taken only by whoever holds ours, never has a crowd to wake.
    const queue = new FifoLock();
    const acquire = driver.acquireConnection.bind(driver);
    const release = driver.releaseConnection.bind(driver);
    driver.acquireConnection = async () => {
      await queue.acquire();
      return acquire();
    };
    driver.releaseConnection = async () => {
      await release();
      queue.release();
    };
    return driver;
  }
}

function openPostgres(url: string): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/** Escapes LIKE wildcards so user text matches literally (with ESCAPE '\'). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * Case-insensitive text predicates, as Graph's $filter has them. lower() is applied by the
 * database on both sides so that SQLite (ASCII-only lower) and PostgreSQL (Unicode lower) each
 * agree with themselves, and the expression indexes on lower(column) serve them.
 */
export const textMatch = {
  equals(column: Expression<unknown>, value: string): Expression<SqlBool> {
    return sql<SqlBool>`lower(${column}) = lower(${value})`;
  },
  startsWith(column: Expression<unknown>, prefix: string): Expression<SqlBool> {
    return sql<SqlBool>`lower(${column}) like lower(${`${escapeLike(prefix)}%`}) escape '\\'`;
  },
  endsWith(column: Expression<unknown>, suffix: string): Expression<SqlBool> {
    return sql<SqlBool>`lower(${column}) like lower(${`%${escapeLike(suffix)}`}) escape '\\'`;
  },
  contains(column: Expression<unknown>, part: string): Expression<SqlBool> {
    return sql<SqlBool>`lower(${column}) like lower(${`%${escapeLike(part)}%`}) escape '\\'`;
  },
};

/**
 * After a bulk load the query planner's statistics are stale until autovacuum gets round to them,
 * and PostgreSQL picks poor plans meanwhile (measured: list queries 3× slower right after a
 * 100,000-user import). Refreshing them is cheap next to the load itself.
 */
export async function refreshPlannerStatistics(db: Kysely<Database>, dialect: DialectName, tables: readonly (keyof Database & string)[]): Promise<void> {
  if (dialect === 'postgres') await sql.raw(`ANALYZE ${tables.map((table) => `"${table}"`).join(', ')}`).execute(db);
  else await sql.raw('PRAGMA optimize').execute(db);
}

/**
 * The lock clause for claiming rows that several processes compete for (the job table): on
 * PostgreSQL each claimer skips rows another has locked instead of waiting for them; SQLite has
 * one writer at a time, so a claim there needs no clause at all.
 */
export function skipLockedRows(dialect: DialectName) {
  return dialect === 'postgres' ? sql`for update skip locked` : sql``;
}

/**
 * The lock clause for reading a row that must not change or disappear before the transaction ends,
 * while others may hold it too (many requests submitted under one policy): FOR SHARE on PostgreSQL,
 * which makes a writer of the row wait, and is waited for by one. SQLite's transactions already
 * run one at a time, so there nothing is needed, and callers may skip the read altogether.
 */
export function sharedRowLock(dialect: DialectName) {
  return dialect === 'postgres' ? sql`for share` : sql``;
}

/**
 * SQLite's planner statistics are refreshed only when asked; a long-running server asks hourly
 * (`PRAGMA optimize` re-analyses only tables that changed a lot), as SQLite advises, so tables
 * that were empty at the last import — assignments, say — are not planned as empty forever.
 * PostgreSQL's autovacuum does this by itself. Returns the function that stops it.
 */
export function maintainPlannerStatistics(db: Kysely<Database>, dialect: DialectName, everyMs = 3_600_000): () => void {
  if (dialect !== 'sqlite') return () => {};
  const timer = setInterval(() => {
    sql.raw('PRAGMA optimize').execute(db).catch(() => {});
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * A row count for LIMIT or OFFSET, written into the SQL instead of bound: SQLite reads a bound
 * LIMIT while planning, and a statement planned from a bound value is compiled again each time a
 * value is bound to it — every run, with better-sqlite3 (measured: twice the time of a one-row
 * lookup). Only whole numbers are written, so nothing but digits reaches the SQL.
 */
export function rowCount(count: number): RawBuilder<number> {
  if (!Number.isSafeInteger(count) || count < 0) throw new Error(`A row count must be a whole number, not ${count}`);
  return sql.lit(count);
}

/** True when a write failed on a unique index: a race lost to a concurrent writer, reported as 409. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/**
 * For `.catch` on a transaction whose check-then-insert a concurrent writer may win: the unique
 * index has the last word, and its violation becomes the same domain error as the check's.
 */
export function onUniqueViolation(toError: () => Error): (error: unknown) => never {
  return (error) => {
    throw isUniqueViolation(error) ? toError() : error;
  };
}
