import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { skipReason, testDialect } from '../../../test/helpers/test-database.js';
import { recordAudit, verifyAuditChain } from './audit.repo.js';

describe.skipIf(skipReason())('the audit log', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    const target = (id: string) => ({ id, displayName: id, type: 'User', modifiedProperties: [] });
    await recordAudit(t.handle.db, t.system, t.clock(), { category: 'UserManagement', activityDisplayName: 'Add user', operationType: 'Add', targetResources: [target('a')] });
    await recordAudit(t.handle.db, t.system, t.clock(), [
      { category: 'UserManagement', activityDisplayName: 'Add user', operationType: 'Add', targetResources: [target('b')] },
      { category: 'GroupManagement', activityDisplayName: 'Add group', operationType: 'Add', targetResources: [target('c')] },
    ]);
  });
  afterAll(async () => t?.close());

  it('chains every entry to the one before it', async () => {
    expect(await verifyAuditChain(t.handle.db)).toEqual({ ok: true, entries: 3 });
  });

  it('refuses updates and deletes in the database itself', async () => {
    await expect(sql`update directory_audits set activity_display_name = 'Nothing happened'`.execute(t.handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from directory_audits`.execute(t.handle.db)).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(t.handle.db)).toEqual({ ok: true, entries: 3 });
  });

  it('chains the entries of requests sharing a transaction in their order, leaving out a request that failed', async () => {
    const entry = (id: string) => ({ category: 'EntitlementManagement' as const, activityDisplayName: 'Shared', operationType: 'Add' as const, targetResources: [{ id, displayName: id, type: 'Other', modifiedProperties: [] }] });
    const outcomes = await Promise.allSettled([
      t.deps.transact((trx) => recordAudit(trx, t.system, t.clock(), [entry('first'), entry('second')])),
      t.deps.transact(async (trx) => {
        await recordAudit(trx, t.system, t.clock(), entry('rolled back'));
        throw new Error('this request failed');
      }),
      t.deps.transact((trx) => recordAudit(trx, t.system, t.clock(), entry('third'))),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const rows = await t.handle.db.selectFrom('directory_audits').select(['sequence', 'target_ids']).where('activity_display_name', '=', 'Shared').orderBy('sequence').execute();
    const chained = rows.map((row) => [Number(row.sequence), row.target_ids.trim()]);
    // On PostgreSQL each request has a transaction of its own, and the third may commit first.
    if (testDialect === 'postgres' && chained[0]![1] === 'third') expect(chained).toEqual([[4, 'third'], [5, 'first'], [6, 'second']]);
    else expect(chained).toEqual([[4, 'first'], [5, 'second'], [6, 'third']]);
    expect(await verifyAuditChain(t.handle.db)).toEqual({ ok: true, entries: 6 });
  });

  it('is readable by administrators, newest first, filterable, and closed to members', async () => {
    const page = await t.request(t.admin.token, { method: 'GET', url: "/v1.0/auditLogs/directoryAudits?$filter=category eq 'UserManagement'&$count=true" });
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body['@odata.count']).toBe(2);
    expect(body.value.map((entry: { targetResources: { id: string }[] }) => entry.targetResources[0]!.id)).toEqual(['b', 'a']);
    expect(body.value[0]).toMatchObject({ loggedByService: 'Core Directory', result: 'success', initiatedBy: { user: null, app: { displayName: 'tests' } } });
    const one = await t.request(t.admin.token, { method: 'GET', url: `/v1.0/auditLogs/directoryAudits/${body.value[0].id}` });
    expect(one.json().activityDisplayName).toBe('Add user');
    expect((await t.request(t.member.token, { method: 'GET', url: '/v1.0/auditLogs/directoryAudits' })).statusCode).toBe(403);
    expect((await t.request(t.admin.token, { method: 'DELETE', url: `/v1.0/auditLogs/directoryAudits/${body.value[0].id}` })).statusCode).toBe(404);
  });

  it('notices an entry altered behind its back, by someone who first disabled the protection', async () => {
    const triggers = testDialect === 'sqlite' ? ['drop trigger directory_audits_refuse_update'] : ['drop trigger directory_audits_refuse_change on directory_audits'];
    for (const statement of triggers) await sql.raw(statement).execute(t.handle.db);
    await sql`update directory_audits set target_resources = ${JSON.stringify([{ id: 'someone-else', displayName: 'x', type: 'User', modifiedProperties: [] }])} where sequence = 2`.execute(t.handle.db);
    expect(await verifyAuditChain(t.handle.db)).toEqual({ ok: false, sequence: 2, reason: 'the entry was altered' });
  });

  it('notices an entry removed behind its back', async () => {
    // Simulate tampering by someone with raw database access who disabled the triggers' protection:
    // dropping the last entry's head link is enough for the chain to disagree with the head.
    await t.handle.db.updateTable('audit_chain_head').set({ sequence: 4 }).where('id', '=', 1).execute();
    const result = await verifyAuditChain(t.handle.db);
    expect(result.ok).toBe(false);
  });
});
