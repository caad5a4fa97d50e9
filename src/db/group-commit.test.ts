import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase, skipReason, testDialect } from '../../test/helpers/test-database.js';
import type { DatabaseHandle } from './dialect.js';
import { unitOfWork, type UnitOfWork } from './group-commit.js';

describe.skipIf(skipReason())(`units of work, committed together on SQLite (${testDialect})`, () => {
  let handle: DatabaseHandle;
  let transact: UnitOfWork;
  beforeEach(async () => {
    handle = await freshDatabase();
    transact = unitOfWork(handle.db, handle.dialect);
  });
  afterEach(async () => handle.close());

  const addLock = (name: string) => (trx: Parameters<Parameters<UnitOfWork>[0]>[0]) => trx.insertInto('named_locks').values({ name: name as 'manager-chain' }).execute().then(() => name);
  const names = async () => (await handle.db.selectFrom('named_locks').select('name').execute()).map((row) => row.name).sort();

  it('commits concurrent units, rolls back a failing one alone and gives it its own error', async () => {
    const before = await names();
    const outcomes = await Promise.allSettled([
      transact(addLock('one')),
      transact(async (trx) => {
        await addLock('doomed')(trx);
        throw new Error('this unit fails after writing');
      }),
      transact(addLock('two')),
      // A unique violation inside a unit leaves the others intact.
      transact(addLock('one')),
      transact(addLock('three')),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason.message).toBe('this unit fails after writing');
    expect(await names()).toEqual([...before, 'one', 'three', 'two'].sort());
  });

  it('answers a unit only once its write is committed and visible to everyone', async () => {
    const result = await transact(addLock('visible'));
    expect(result).toBe('visible');
    expect(await names()).toContain('visible');
  });

  it('serves a hundred concurrent units, each exactly once', async () => {
    const results = await Promise.all(Array.from({ length: 100 }, (_, n) => transact(addLock(`unit-${n}`))));
    expect(new Set(results).size).toBe(100);
    expect((await names()).filter((name) => name.startsWith('unit-'))).toHaveLength(100);
  });
});
