import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raceAgainstOpenTransaction } from '../../../test/helpers/concurrency.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { skipReason } from '../../../test/helpers/test-database.js';
import { takeNamedLock } from '../../db/named-lock.js';
import { setManagerId } from '../users/users.repo.js';
import { setManager } from './set-manager.js';

describe.skipIf(skipReason())('setManager under concurrency', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t?.close());

  it('does not let two changes close a loop that neither saw', async () => {
    const ann = await t.addUser({ userPrincipalName: 'ann@example.com' });
    const bob = await t.addUser({ userPrincipalName: 'bob@example.com' });
    // A concurrent change makes Bob Ann's manager and holds its transaction open, as setManager would;
    // meanwhile someone asks to make Ann Bob's manager, which would close the loop.
    const contender = await raceAgainstOpenTransaction(
      t,
      async (trx) => {
        await takeNamedLock(trx, 'manager-chain');
        await setManagerId(trx, ann.id, bob.id, t.clock().toISOString());
      },
      () => setManager(t.deps, t.system, bob.id, ann.id).then(() => 'set' as const, (error: Error) => error.message),
    );
    expect(contender).toMatch(/loop/);
    const bobsManager = await t.handle.db.selectFrom('users').select('manager_id').where('id', '=', bob.id).executeTakeFirstOrThrow();
    expect(bobsManager.manager_id).toBeNull();
  });
});
