import { CompiledQuery } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase, skipReason, testDialect } from '../../test/helpers/test-database.js';
import type { DatabaseHandle } from './dialect.js';
import { runCompiled } from './run-compiled.js';

describe.skipIf(skipReason())(`compiled queries, run straight on SQLite's connection inside a transaction (${testDialect})`, () => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await freshDatabase();
  });
  afterEach(async () => handle.close());

  const placeholder = () => (testDialect === 'postgres' ? '$1' : '?');
  const insert = (name: string) => CompiledQuery.raw(`insert into named_locks (name) values (${placeholder()})`, [name]);
  const select = (name: string) => CompiledQuery.raw(`select name from named_locks where name = ${placeholder()}`, [name]);

  it('answers as Kysely does: rows for a read, the count of changed rows for a write', async () => {
    await handle.db.transaction().execute(async (trx) => {
      const written = await runCompiled(trx, insert('shape'));
      expect(written.numAffectedRows).toBe(1n);
      expect(written.rows).toEqual([]);
      expect((await runCompiled(trx, select('shape'))).rows).toEqual([{ name: 'shape' }]);
    });
    expect((await runCompiled(handle.db, select('shape'))).rows).toEqual([{ name: 'shape' }]);
  });

  it('runs inside the transaction: its writes are seen by it, and rolled back with it', async () => {
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await runCompiled(trx, insert('undone'));
        expect((await trx.selectFrom('named_locks').select('name').where('name', '=', 'undone' as never).execute()).length).toBe(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await runCompiled(handle.db, select('undone'))).rows).toEqual([]);
  });

  it('reports a failing statement as a rejection, not a throw', async () => {
    let outcome: unknown;
    await handle.db
      .transaction()
      .execute(async (trx) => {
        await runCompiled(trx, insert('twice'));
        outcome = await runCompiled(trx, insert('twice')).then(
          () => 'written twice',
          (error: unknown) => error,
        );
      })
      .catch(() => undefined); // PostgreSQL aborts the transaction after the error
    expect(String(outcome)).toMatch(/unique|duplicate/i);
  });
});
