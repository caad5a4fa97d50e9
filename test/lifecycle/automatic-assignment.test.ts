import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { skipReason } from '../helpers/test-database.js';
import { hourMs, isMember, packageWithGroup } from '../helpers/lifecycle-fixtures.js';
import type { Group } from '../../src/domain/group.js';
import { findPolicy } from '../../src/features/assignment-policies/assignment-policies.repo.js';
import { lifecycleEntry } from '../../src/features/assignment-requests/lifecycle-audit.js';
import { recordAudit } from '../../src/features/audit/audit.repo.js';
import { settle } from '../../src/features/automatic-assignments/automatic-assignments.js';
import { holdRuleLock } from '../../src/features/dynamic-groups/dynamic-membership.js';
import { blockedOrSettled } from '../helpers/concurrency.js';

describe.skipIf(skipReason())('automatic assignment policies follow their rule', () => {
  let t: TestContext;
  let pkg: { packageId: string; group: Group; policyId: string };
  const rule = 'user.department -eq "IT"';
  const send = (method: 'POST' | 'PATCH', url: string, payload: unknown) => t.request(t.admin.token, { method, url, payload: payload as never });
  const newUser = async (name: string, fields: Record<string, unknown>) => {
    const response = await send('POST', '/v1.0/users', { userPrincipalName: `${name}@contoso.example`, displayName: name, ...fields });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };
  const requestsOf = async (userId: string) =>
    (await t.handle.db.selectFrom('assignment_requests').select(['request_type', 'state', 'requestor_id']).where('target_id', '=', userId).where('access_package_id', '=', pkg.packageId).orderBy('id').execute()).map(
      (row) => `${row.request_type}:${row.state}${row.requestor_id === null ? '' : ':by-user'}`,
    );
  const hasAccess = async (userId: string) => {
    const active = await t.handle.db.selectFrom('assignments').select('id').where('target_id', '=', userId).where('access_package_id', '=', pkg.packageId).where('is_active', '=', 1).executeTakeFirst();
    return { assignment: active !== undefined, member: await isMember(t, pkg.group.id, userId) };
  };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestContext();
    ids.ingrid = await newUser('Ingrid', { department: 'IT' });
    ids.sara = await newUser('Sara', { department: 'Sales' });
    pkg = await packageWithGroup(t, {
      displayName: 'Everyone in IT',
      allowedTargetScope: 'specificDirectoryUsers',
      specificAllowedTargets: [{ '@odata.type': '#microsoft.graph.attributeRuleMembers', membershipRule: rule }],
      requestorSettings: {},
      automaticRequestSettings: { requestAccessForAllowedTargets: true, removeAccessWhenTargetLeavesAllowedTargets: true, gracePeriodBeforeAccessRemoval: 'PT1H' },
    }, 'Dev sandbox');
  });
  afterAll(async () => t?.close());

  it('assigns everyone the rule matches when the policy is created, as systemAdd requests delivered like any other', async () => {
    await t.jobs.drain();
    expect(await requestsOf(ids.ingrid!)).toEqual(['systemAdd:delivered']);
    expect(await hasAccess(ids.ingrid!)).toEqual({ assignment: true, member: true });
    expect(await requestsOf(ids.sara!)).toEqual([]);
    const policy = (await t.request(t.admin.token, { method: 'GET', url: `/v1.0/identityGovernance/entitlementManagement/assignmentPolicies/${pkg.policyId}` })).json();
    expect(policy.automaticRequestSettings).toEqual({ requestAccessForAllowedTargets: true, removeAccessWhenTargetLeavesAllowedTargets: true, gracePeriodBeforeAccessRemoval: 'PT1H' });
  });

  it('asks for a new user in the same moment as the user is created, and for a user who comes to match', async () => {
    ids.ivan = await newUser('Ivan', { department: 'it' });
    expect(await requestsOf(ids.ivan)).toEqual(['systemAdd:delivering']);
    expect((await send('PATCH', `/v1.0/users/${ids.sara}`, { department: 'IT' })).statusCode).toBe(204);
    expect(await requestsOf(ids.sara!)).toEqual(['systemAdd:delivering']);
    await t.jobs.drain();
    expect(await hasAccess(ids.ivan)).toEqual({ assignment: true, member: true });
    expect(await hasAccess(ids.sara!)).toEqual({ assignment: true, member: true });
  });

  it('takes access away from who stops matching, after the grace period, unless they match again by then', async () => {
    expect((await send('PATCH', `/v1.0/users/${ids.ingrid}`, { department: 'Finance' })).statusCode).toBe(204);
    expect((await send('PATCH', `/v1.0/users/${ids.ivan}`, { department: 'Finance' })).statusCode).toBe(204);
    t.clock.advance(hourMs / 2);
    await t.jobs.drain();
    expect(await hasAccess(ids.ingrid!)).toEqual({ assignment: true, member: true });
    // Ivan comes back before his grace period ends: he keeps his access.
    expect((await send('PATCH', `/v1.0/users/${ids.ivan}`, { department: 'IT' })).statusCode).toBe(204);
    t.clock.advance(hourMs);
    await t.jobs.drain();
    expect(await requestsOf(ids.ingrid!)).toEqual(['systemAdd:delivered', 'systemRemove:delivered']);
    expect(await hasAccess(ids.ingrid!)).toEqual({ assignment: false, member: false });
    expect(await requestsOf(ids.ivan!)).toEqual(['systemAdd:delivered']);
    expect(await hasAccess(ids.ivan!)).toEqual({ assignment: true, member: true });
  });

  it('counts the grace period from the latest time someone left, and a change while outside does not restart it', async () => {
    const minuteMs = hourMs / 60;
    ids.nora = await newUser('Nora', { department: 'IT' });
    await t.jobs.drain();
    const moveTo = async (department: string) => expect((await send('PATCH', `/v1.0/users/${ids.nora}`, { department })).statusCode).toBe(204);
    await moveTo('Finance'); // leaves at 0
    t.clock.advance(40 * minuteMs);
    await moveTo('IT'); // back at 40
    t.clock.advance(10 * minuteMs);
    await moveTo('Finance'); // leaves again at 50: removal due at 110, not at 60
    t.clock.advance(20 * minuteMs);
    await t.jobs.drain();
    expect(await hasAccess(ids.nora)).toEqual({ assignment: true, member: true });
    await moveTo('Legal'); // still outside at 70: the wait started at 50 stands
    t.clock.advance(30 * minuteMs);
    await t.jobs.drain();
    expect(await hasAccess(ids.nora)).toEqual({ assignment: true, member: true });
    t.clock.advance(15 * minuteMs); // 115
    await t.jobs.drain();
    expect(await requestsOf(ids.nora)).toEqual(['systemAdd:delivered', 'systemRemove:delivered']);
    expect(await hasAccess(ids.nora)).toEqual({ assignment: false, member: false });
    expect(await t.handle.db.selectFrom('pending_automatic_removals').selectAll().execute()).toEqual([]);
  });

  it('applies a changed rule to everyone', async () => {
    const url = `/v1.0/identityGovernance/entitlementManagement/assignmentPolicies/${pkg.policyId}`;
    const current = (await t.request(t.admin.token, { method: 'GET', url })).json();
    const response = await t.request(t.admin.token, {
      method: 'PATCH',
      url,
      payload: { specificAllowedTargets: [{ '@odata.type': '#microsoft.graph.attributeRuleMembers', membershipRule: 'user.department -in ["IT", "Finance"]' }], automaticRequestSettings: { ...current.automaticRequestSettings, gracePeriodBeforeAccessRemoval: null } },
    });
    expect(response.statusCode, response.body).toBe(204);
    await t.jobs.drain();
    // Ingrid (Finance) is matched again; the others still are.
    expect(await requestsOf(ids.ingrid!)).toEqual(['systemAdd:delivered', 'systemRemove:delivered', 'systemAdd:delivered']);
    expect(await hasAccess(ids.ingrid!)).toEqual({ assignment: true, member: true });
    // Without a grace period, leaving takes the access away at once.
    expect((await send('PATCH', `/v1.0/users/${ids.sara}`, { department: 'Sales' })).statusCode).toBe(204);
    expect((await requestsOf(ids.sara!)).at(-1)).toBe('systemRemove:delivering');
    await t.jobs.drain();
    expect(await hasAccess(ids.sara!)).toEqual({ assignment: false, member: false });
  });

  it('tests a user again once their system request is done: who came back during a removal, or left during an assignment', async () => {
    // (No grace period since the test before.) Sara leaves, and is back before her removal is delivered.
    expect((await send('PATCH', `/v1.0/users/${ids.sara}`, { department: 'IT' })).statusCode).toBe(204);
    await t.jobs.drain();
    expect(await hasAccess(ids.sara!)).toEqual({ assignment: true, member: true });
    expect((await send('PATCH', `/v1.0/users/${ids.sara}`, { department: 'Sales' })).statusCode).toBe(204);
    expect((await send('PATCH', `/v1.0/users/${ids.sara}`, { department: 'IT' })).statusCode).toBe(204);
    expect((await requestsOf(ids.sara!)).at(-1)).toBe('systemRemove:delivering');
    await t.jobs.drain();
    expect((await requestsOf(ids.sara!)).slice(-2)).toEqual(['systemRemove:delivered', 'systemAdd:delivered']);
    expect(await hasAccess(ids.sara!)).toEqual({ assignment: true, member: true });

    // Olaf is assigned on arrival, and leaves before the assignment is delivered.
    ids.olaf = await newUser('Olaf', { department: 'IT' });
    expect((await send('PATCH', `/v1.0/users/${ids.olaf}`, { department: 'Sales' })).statusCode).toBe(204);
    expect(await requestsOf(ids.olaf)).toEqual(['systemAdd:delivering']);
    await t.jobs.drain();
    expect(await requestsOf(ids.olaf)).toEqual(['systemAdd:delivered', 'systemRemove:delivered']);
    expect(await hasAccess(ids.olaf)).toEqual({ assignment: false, member: false });
  });

  it('lets an administrator’s request and an automatic one for the same user meet without a deadlock: one of them, the other refused (409)', async () => {
    // A user PATCH settling this user holds the rule lock and the audit chain head, as it does
    // before it settles; an administrator's adminAdd for the same user arrives meanwhile. On
    // PostgreSQL, without the rule lock on the administrator's side, each would wait for the
    // other (the request's unique key, the chain head).
    const pia = await t.addUser({ userPrincipalName: 'pia@contoso.example', department: 'IT' });
    const policy = (await findPolicy(t.handle.db, pkg.policyId))!;
    let contender!: Promise<{ statusCode: number; body: string }>;
    await t.handle.db.transaction().execute(async (trx) => {
      await holdRuleLock(trx);
      await recordAudit(trx, t.system, t.clock(), lifecycleEntry('Update user', 'Update', []));
      contender = t.request(t.admin.token, { method: 'POST', url: '/v1.0/identityGovernance/entitlementManagement/assignmentRequests', payload: { requestType: 'adminAdd', assignment: { accessPackageId: pkg.packageId, assignmentPolicyId: pkg.policyId, targetId: pia.id } } });
      await blockedOrSettled(t, contender);
      await settle(trx, policy, pia.id, true, { correlationId: 'pia-changed', now: t.clock() });
    });
    const response = await contender;
    expect(response.statusCode, response.body).toBe(409);
    expect(await requestsOf(pia.id)).toEqual(['systemAdd:delivering']);
  });

  it('is not offered to anyone to request: it assigns by itself', async () => {
    const member = await t.addUser({ userPrincipalName: 'ivy@contoso.example', department: 'IT' });
    const response = await t.request(member.token, { method: 'POST', url: '/v1.0/identityGovernance/entitlementManagement/assignmentRequests', payload: { requestType: 'userAdd', assignment: { accessPackageId: pkg.packageId } } });
    expect(response.statusCode).toBe(403);
  });
});
