import { CompiledQuery } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/helpers/test-database.js';
import type { DatabaseHandle } from './dialect.js';
import { runCompiled } from './run-compiled.js';

describe('a compiled query outside a transaction, on SQLite', () => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await freshDatabase();
  });
  afterEach(async () => handle.close());

  it('waits for the transaction holding the connection, and never reads its uncommitted writes', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const written = new Promise<void>((resolve) => (inserted = resolve));
    const transaction = handle.db.transaction().execute(async (trx) => {
      await runCompiled(trx, CompiledQuery.raw('insert into named_locks (name) values (?)', ['pending']));
      inserted();
      await held;
      // Still uncommitted here: had the read below run on the connection, it would be inside this transaction.
      await runCompiled(trx, CompiledQuery.raw('delete from named_locks where name = ?', ['pending']));
      await runCompiled(trx, CompiledQuery.raw('insert into named_locks (name) values (?)', ['committed']));
    });
    await written;
    const read = runCompiled(handle.db, CompiledQuery.raw("select name from named_locks where name in ('pending', 'committed')", []));
    release();
    await transaction;
    expect((await read).rows).toEqual([{ name: 'committed' }]);
  });
});
