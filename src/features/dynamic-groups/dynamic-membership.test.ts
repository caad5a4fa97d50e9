import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { skipReason } from '../../../test/helpers/test-database.js';
import type { Database } from '../../db/database.js';
import { buildUser } from '../../domain/user.js';
import { insertUsers } from '../users/users.repo.js';
import { userMembersOf } from '../group-memberships/memberships.repo.js';
import { applyBatch, reconcileGroup } from './dynamic-membership.js';
import { reconcilePolicy } from '../automatic-assignments/automatic-assignments.js';
import { packageWithGroup } from '../../../test/helpers/lifecycle-fixtures.js';
import { em } from '../../../test/helpers/entitlement-fixtures.js';

/**
 * A whole-directory pass (a new rule meeting every user) reads the directory outside any
 * transaction and applies its moves a batch at a time, each batch a short transaction of its own:
 * at a million users, one transaction would hold everyone else's writes for seconds.
 */
describe.skipIf(skipReason())('a whole-directory pass of a dynamic group', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t?.close());

  const users = applyBatch * 2 + 100;
  async function directory(department: string): Promise<void> {
    const at = t.clock().toISOString();
    const rows = Array.from({ length: users }, (_, i) => ({ user: buildUser({ displayName: `${department} ${i}`, userPrincipalName: `${department.toLowerCase()}-${i}-${randomUUID().slice(0, 6)}@contoso.example`, department }, randomUUID(), t.clock()), managerId: null }));
    await insertUsers(t.handle.db, rows, at);
  }
  async function dynamicGroup(rule: string): Promise<string> {
    const response = await t.request(t.admin.token, { method: 'POST', url: '/v1.0/groups', payload: { displayName: `Rule ${randomUUID().slice(0, 6)}`, groupTypes: ['DynamicMembership'], membershipRule: rule } });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id;
  }
  /** deps.db, counting the transactions begun, and running `before(n)` before the n-th begins. */
  function countingDb(before: (n: number) => Promise<void> = async () => {}): { db: Kysely<Database>; transactions: () => number } {
    let count = 0;
    const real = t.deps.db;
    const db = new Proxy(real, {
      get(target, property) {
        if (property !== 'transaction') {
          // Kysely keeps its state in private fields: its methods must run on the real object.
          const value = Reflect.get(target, property, target);
          return typeof value === 'function' ? value.bind(target) : value;
        }
        return () => {
          const builder = target.transaction();
          return { execute: async (fn: Parameters<typeof builder.execute>[0]) => (await before(++count), builder.execute(fn)) };
        };
      },
    });
    return { db, transactions: () => count };
  }

  it('moves the users it matches in batches, one short transaction each', async () => {
    await directory('Logistics');
    const groupId = await dynamicGroup('user.department -eq "Logistics"');
    const { db, transactions } = countingDb();
    const moved = await reconcileGroup(db, groupId, { correlationId: 'pass', now: t.clock() });
    expect(moved).toEqual({ joined: users, left: 0 });
    expect(transactions()).toBe(Math.ceil(users / applyBatch));
    expect((await userMembersOf(t.handle.db, groupId)).length).toBe(users);
  });

  it('stops when the rule changes midway, and the changed rule’s own pass makes the members right', async () => {
    await directory('Legal');
    const groupId = await dynamicGroup('user.department -eq "Legal"');
    const { db } = countingDb(async (n) => {
      if (n !== 2) return;
      const changed = await t.request(t.admin.token, { method: 'PATCH', url: `/v1.0/groups/${groupId}`, payload: { membershipRule: 'user.department -eq "Nobody"' } });
      expect(changed.statusCode, changed.body).toBe(204);
    });
    const moved = await reconcileGroup(db, groupId, { correlationId: 'pass', now: t.clock() });
    expect(moved).toEqual({ joined: applyBatch, left: 0 });
    expect((await userMembersOf(t.handle.db, groupId)).length).toBe(applyBatch);
    await t.jobs.drain();
    expect(await userMembersOf(t.handle.db, groupId)).toEqual([]);
  });

  it('settles an automatic policy’s pass in batches too, and stops when the policy changes midway', async () => {
    await directory('Harbour');
    const rule = (department: string) => [{ '@odata.type': '#microsoft.graph.attributeRuleMembers', membershipRule: `user.department -eq "${department}"` }];
    const { packageId, policyId } = await packageWithGroup(t, {
      allowedTargetScope: 'specificDirectoryUsers',
      specificAllowedTargets: rule('Harbour'),
      requestorSettings: {},
      automaticRequestSettings: { requestAccessForAllowedTargets: true, removeAccessWhenTargetLeavesAllowedTargets: true, gracePeriodBeforeAccessRemoval: null },
    }, 'Harbour tools');
    const requests = async () => Number((await t.handle.db.selectFrom('assignment_requests').select((eb) => eb.fn.countAll().as('n')).where('access_package_id', '=', packageId).executeTakeFirstOrThrow()).n);
    const { db, transactions } = countingDb(async (n) => {
      if (n !== 2) return;
      const changed = await t.request(t.admin.token, { method: 'PATCH', url: `${em}/assignmentPolicies/${policyId}`, payload: { specificAllowedTargets: rule('Nobody') } });
      expect(changed.statusCode, changed.body).toBe(204);
    });
    await reconcilePolicy(db, policyId, { correlationId: 'pass', now: t.clock() });
    expect(transactions()).toBe(2);
    expect(await requests()).toBe(applyBatch);
  });

  it('applies rules that compare with system.now as time passes, a minute at a time, and stops ticking without them', async () => {
    const dayMs = 86_400_000;
    const hired = (days: number) => new Date(t.clock().getTime() + days * dayMs).toISOString();
    const person = async (name: string, employeeHireDate: string) => {
      const response = await t.request(t.admin.token, { method: 'POST', url: '/v1.0/users', payload: { userPrincipalName: `${name}@contoso.example`, displayName: name, employeeHireDate } });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().id as string;
    };
    const newbie = await person('Newbie', hired(-10));
    await person('Veteran', hired(-400));
    const soon = await person('Soon', hired(2));
    const groupId = await dynamicGroup('user.employeeHireDate -ge system.now -minus P30D -and user.employeeHireDate -le system.now');
    const names = async () => (await t.request(t.admin.token, { method: 'GET', url: `/v1.0/groups/${groupId}/members` })).json().value.map((member: { displayName: string }) => member.displayName).sort();
    const ticks = async () => (await t.handle.db.selectFrom('jobs').select('run_at').where('kind', '=', 'clock-rules-tick').execute()).length;
    await t.jobs.drain();
    expect(await names()).toEqual(['Newbie']);
    expect(await ticks()).toBe(1);

    // Soon starts two days from now; Newbie's thirty days end in twenty.
    t.clock.advance(3 * dayMs);
    await t.jobs.drain();
    expect(await names()).toEqual(['Newbie', 'Soon']);
    t.clock.advance(18 * dayMs);
    await t.jobs.drain();
    expect(await names()).toEqual(['Soon']);
    const moves = await t.handle.db.selectFrom('directory_audits').select(['activity_display_name', 'correlation_id', 'target_ids']).where('correlation_id', 'like', 'clock-%').orderBy('sequence').execute();
    expect(moves.map((move) => [move.activity_display_name, move.target_ids.includes(soon) ? 'Soon' : move.target_ids.includes(newbie) ? 'Newbie' : '?'])).toEqual([
      ['Add member to group', 'Soon'],
      ['Remove member from group', 'Newbie'],
    ]);

    // Paused, the rule no longer reads the clock for anyone: the next tick is the last.
    expect((await t.request(t.admin.token, { method: 'PATCH', url: `/v1.0/groups/${groupId}`, payload: { membershipRuleProcessingState: 'Paused' } })).statusCode).toBe(204);
    t.clock.advance(2 * 60_000);
    await t.jobs.drain();
    expect(await ticks()).toBe(0);
  });
});
