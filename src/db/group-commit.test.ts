import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase, skipReason, testDialect } from '../../test/helpers/test-database.js';
import type { DatabaseHandle } from './dialect.js';
import { deferToCommit, unitOfWork, type DeferredAppend, type UnitOfWork } from './group-commit.js';

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

  describe('appends deferred to the commit', () => {
    type Flush = { items: string[]; insideTransaction: boolean };
    const flushes: Flush[] = [];
    const append: DeferredAppend<string> = {
      name: 'test append',
      async flush(trx, items) {
        // Written in the shared transaction, so that it commits (or not) with the units.
        await trx.insertInto('named_locks').values(items.map((item) => ({ name: `appended-${item}` as 'manager-chain' }))).execute();
        flushes.push({ items, insideTransaction: trx.isTransaction });
      },
    };
    beforeEach(() => void flushes.splice(0));

    it('on SQLite, flushes what the units that succeeded deferred, once, in order, before their commit', async () => {
      const outcomes = await Promise.allSettled([
        transact(async (trx) => (deferToCommit(trx, append, 'a') ? addLock('unit-a')(trx) : 'written now')),
        transact(async (trx) => {
          deferToCommit(trx, append, 'doomed');
          throw new Error('rolled back with what it deferred');
        }),
        transact(async (trx) => {
          deferToCommit(trx, append, 'b1');
          deferToCommit(trx, append, 'b2');
          return addLock('unit-b')(trx);
        }),
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      const appended = (await names()).filter((name) => name.startsWith('appended-'));
      if (testDialect === 'postgres') {
        // Each unit has a transaction of its own: nothing is deferred, the caller writes at once.
        expect((outcomes[0] as PromiseFulfilledResult<string>).value).toBe('written now');
        expect(flushes).toEqual([]);
        expect(appended).toEqual([]);
        return;
      }
      expect(flushes).toEqual([{ items: ['a', 'b1', 'b2'], insideTransaction: true }]);
      expect(appended.sort()).toEqual(['appended-a', 'appended-b1', 'appended-b2']);
    });

    it('fails every unit of the batch when the flush fails, and writes none of them (on PostgreSQL there is no flush)', async () => {
      const failing: DeferredAppend<string> = { name: 'failing append', flush: () => Promise.reject(new Error('the append failed')) };
      const outcomes = await Promise.allSettled([
        transact(async (trx) => {
          deferToCommit(trx, failing, 'x');
          return addLock('lost-1')(trx);
        }),
        transact(addLock('lost-2')),
      ]);
      const written = (await names()).filter((name) => name.startsWith('lost-'));
      if (testDialect === 'postgres') {
        expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled']);
        expect(written).toEqual(['lost-1', 'lost-2']);
        return;
      }
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
      expect((outcomes[0] as PromiseRejectedResult).reason.message).toBe('the append failed');
      expect(written).toEqual([]);
    });

    it('is not deferred outside a shared transaction', async () => {
      expect(deferToCommit(handle.db, append, 'outside')).toBe(false);
      await handle.db.transaction().execute(async (trx) => expect(deferToCommit(trx, append, 'own transaction')).toBe(false));
    });
  });
});
