import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase, skipReason, testDialect } from '../../test/helpers/test-database.js';
import { rowCount, type DatabaseHandle } from './dialect.js';
import { preparedQuery, type Slots } from './prepared-query.js';

describe.skipIf(skipReason())(`prepared queries (${testDialect})`, () => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await freshDatabase();
    // The migrations' rows are 'manager-chain', 'group-nesting' and 'dynamic-membership'; a few more to tell apart.
    await handle.db
      .insertInto('named_locks')
      .values([{ name: 'alpha' as never }, { name: 'beta' as never }, { name: "o'brien; drop table users --" as never }])
      .execute();
  });
  afterEach(async () => handle.close());

  const named = preparedQuery((db, slots: Slots<{ name: string }>) => db.selectFrom('named_locks').select('name').where('name', '=', slots.value('name') as never));
  const namedAmong = preparedQuery((db, slots: Slots<{ names: readonly string[]; except: string }>) =>
    db.selectFrom('named_locks').select('name').where(slots.inList('name', 'names')).where('name', '<>', slots.value('except') as never).where('name', '<>', 'alpha' as never).orderBy('name'),
  );

  it('runs each time with that run’s values, keeping the values the query was built with', async () => {
    expect(await named(handle.db, { name: 'beta' })).toEqual([{ name: 'beta' }]);
    expect(await named(handle.db, { name: 'manager-chain' })).toEqual([{ name: 'manager-chain' }]);
    expect(await named(handle.db, { name: 'nobody' })).toEqual([]);
    // A value is a bound parameter, never SQL.
    expect(await named(handle.db, { name: "o'brien; drop table users --" })).toEqual([{ name: "o'brien; drop table users --" }]);
    // 'alpha' was written into the query when it was built, and stays excluded.
    expect(await namedAmong(handle.db, { names: ['alpha', 'beta', 'manager-chain'], except: 'manager-chain' })).toEqual([{ name: 'beta' }]);
  });

  it('takes lists of any length, empty included, in the same SQL', async () => {
    expect(await namedAmong(handle.db, { names: [], except: 'x' })).toEqual([]);
    expect(await namedAmong(handle.db, { names: ['beta'], except: 'x' })).toEqual([{ name: 'beta' }]);
    const many = Array.from({ length: 2000 }, (_, index) => `n${index}`).concat('beta', 'manager-chain');
    expect(await namedAmong(handle.db, { names: many, except: 'x' })).toEqual([{ name: 'beta' }, { name: 'manager-chain' }]);
  });

  it('runs inside a transaction, seeing its uncommitted writes, as the query builder would', async () => {
    await handle.db.transaction().execute(async (trx) => {
      await trx.insertInto('named_locks').values({ name: 'gamma' as never }).execute();
      expect(await named(trx, { name: 'gamma' })).toEqual([{ name: 'gamma' }]);
      expect(await named(trx, { name: 'beta' })).toEqual([{ name: 'beta' }]);
    });
    expect(await named(handle.db, { name: 'gamma' })).toEqual([{ name: 'gamma' }]);
  });

  it('writes too, returning what the statement returns', async () => {
    const rename = preparedQuery((db, slots: Slots<{ from: string; to: string }>) => db.updateTable('named_locks').set({ name: slots.value('to') as never }).where('name', '=', slots.value('from') as never).returning('name'));
    expect(await rename(handle.db, { from: 'beta', to: 'delta' })).toEqual([{ name: 'delta' }]);
    expect(await rename(handle.db, { from: 'beta', to: 'epsilon' })).toEqual([]);
    const count = await sql<{ n: number | string }>`select count(*) as n from named_locks where name = 'delta'`.execute(handle.db);
    expect(Number(count.rows[0]?.n)).toBe(1);
  });

  it('refuses a bound row count, and takes one written in with rowCount', async () => {
    const bound = preparedQuery((db, slots: Slots<{ name: string }>) => db.selectFrom('named_locks').select('name').where('name', '=', slots.value('name') as never).limit(1));
    await expect(bound(handle.db, { name: 'beta' })).rejects.toThrow(/binds its row count/);
    const written = preparedQuery((db, slots: Slots<{ name: string }>) => db.selectFrom('named_locks').select('name').where('name', '<>', slots.value('name') as never).orderBy('name').limit(rowCount(2)).offset(rowCount(1)));
    expect(await written(handle.db, { name: 'alpha' })).toEqual([{ name: 'dynamic-membership' }, { name: 'group-nesting' }]);
    expect(() => rowCount(1.5)).toThrow(/whole number/);
    expect(() => rowCount(-1)).toThrow(/whole number/);
  });
});
