import { CompiledQuery, PostgresAdapter, createQueryId, sql, type Compilable, type Expression, type SqlBool } from 'kysely';
import type { Executor } from './database.js';
import type { DialectName } from './dialect.js';
import { runCompiled } from './run-compiled.js';

const slotName = Symbol('prepared query slot');
type Slot = { readonly [slotName]: string; readonly list: boolean };
const isSlot = (value: unknown): value is Slot => typeof value === 'object' && value !== null && slotName in value;

export type Slots<Args> = {
  /** Where this run's value of `name` goes. */
  value<K extends keyof Args & string>(name: K): Args[K];
  /** `column IN (the list named name)`, whatever its length, in SQL that does not change with it. */
  inList<K extends keyof Args & string>(column: string, name: K): Expression<SqlBool>;
};

/**
 * A query whose shape never changes, built and compiled by Kysely once per dialect and then run
 * with new values each time.
 *
 * Kysely builds an immutable tree for every query and compiles it to SQL on every run; on the
 * requests that come in bursts (an access request, its authentication) that cost about a fifth of
 * the CPU time, and much of the garbage. Here the query is built once with named slots in place
 * of its values; each run puts this run's values in the slots' places among the compiled
 * parameters. Only values can be slots (not identifiers, not the query's shape), and a list is one
 * value (a JSON array that SQLite unpacks with json_each, an array parameter on PostgreSQL). The
 * result rows are Kysely's, untransformed (no plugins are in use).
 */
export function preparedQuery<Args extends Record<string, unknown>, Row>(build: (db: Executor, slots: Slots<Args>) => Compilable<Row>): (db: Executor, args: Args) => Promise<Row[]> {
  // By the dialect's adapter: the SQL differs between SQLite and PostgreSQL, not between the
  // transactions of one database. (getExecutor is marked internal by Kysely, but is how its own
  // query builders reach the adapter.)
  const compiled = new WeakMap<object, { query: CompiledQuery<Row>; slots: (Slot | undefined)[]; dialect: DialectName }>();
  return async (db, args) => {
    const adapter = db.getExecutor().adapter;
    let prepared = compiled.get(adapter);
    if (!prepared) {
      const dialect: DialectName = adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
      const slot = (name: string, list: boolean) => ({ [slotName]: name, list }) as Slot;
      const slots: Slots<Args> = {
        value: (name) => slot(name, false) as never,
        inList: (column, name) =>
          dialect === 'postgres' ? sql<SqlBool>`${sql.ref(column)} = any(${slot(name, true)}::text[])` : sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${slot(name, true)}))`,
      };
      const query = build(db, slots).compile();
      // See rowCount in dialect.ts: a bound LIMIT would have SQLite compile the statement again at every run.
      if (/\b(limit|offset)\s+(\?|\$\d+)/i.test(query.sql)) throw new Error(`A prepared query binds its row count; write it with rowCount(n): ${query.sql}`);
      prepared = { query, slots: query.parameters.map((value) => (isSlot(value) ? value : undefined)), dialect };
      compiled.set(adapter, prepared);
    }
    const { query, slots, dialect } = prepared;
    const parameters = query.parameters.map((value, index) => {
      const slot = slots[index];
      if (!slot) return value;
      const given = args[slot[slotName]];
      return slot.list && dialect === 'sqlite' ? JSON.stringify(given) : given;
    });
    const result = await runCompiled<Row>(db, { ...query, parameters, queryId: createQueryId() });
    return result.rows;
  };
}
