import { CompiledQuery, sql } from 'kysely';
import type { Database, Executor } from './database.js';
import { runCompiled } from './run-compiled.js';

/**
 * Multi-row INSERT for bulk writes (imports, audit batches), without Kysely's query builder.
 * Building a node per value is most of the cost of a 100,000-row import, so the statement text is
 * made once per shape and the values go straight to the driver as bound parameters — never into
 * the text. Column names come from the caller's code, not from users.
 */
const maxParameters = 30_000; // under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters
const placeholderStyle = new WeakMap<object, 'question' | 'dollar'>();
const statements = new Map<string, string>();

export async function bulkInsert<Table extends keyof Database & string>(db: Executor, table: Table, rows: readonly Database[Table][]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!) as (keyof Database[Table] & string)[];
  const style = placeholders(db);
  const perStatement = Math.max(1, Math.floor(maxParameters / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const parameters: unknown[] = new Array(chunk.length * columns.length);
    let index = 0;
    for (const row of chunk) for (const column of columns) parameters[index++] = row[column];
    await runCompiled(db, CompiledQuery.raw(statementText(table, columns, chunk.length, style), parameters));
  }
}

function statementText(table: string, columns: readonly string[], rowCount: number, style: 'question' | 'dollar'): string {
  const key = `${style}\u0000${table}\u0000${columns.join(',')}\u0000${rowCount}`;
  let text = statements.get(key);
  if (!text) {
    let parameter = 0;
    const tuple = () => `(${columns.map(() => (style === 'question' ? '?' : `$${++parameter}`)).join(', ')})`;
    text = `insert into "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) values ${Array.from({ length: rowCount }, tuple).join(', ')}`;
    if (statements.size > 200) statements.clear();
    statements.set(key, text);
  }
  return text;
}

/** SQLite binds `?`, PostgreSQL `$1`; asked once of the dialect's own compiler, per database. */
function placeholders(db: Executor): 'question' | 'dollar' {
  const key = db.getExecutor();
  let style = placeholderStyle.get(key);
  if (!style) {
    style = sql`select ${1}`.compile(db).sql.includes('$1') ? 'dollar' : 'question';
    placeholderStyle.set(key, style);
  }
  return style;
}
