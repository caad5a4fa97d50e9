import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { skipReason } from '../../../test/helpers/test-database.js';

type Response = { statusCode: number; json(): any };

describe.skipIf(skipReason())('dynamic groups follow their rules', () => {
  let t: TestContext;
  const ref = (id: string, collection = 'directoryObjects') => ({ '@odata.id': `https://graph.example/v1.0/${collection}/${id}` });
  const send = (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.request(t.admin.token, { method, url, headers, ...(payload === undefined ? {} : { payload: payload as never }) });
  const created = async (response: Response) => {
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  };
  const newUser = (name: string, fields: Record<string, unknown> = {}) =>
    send('POST', '/v1.0/users', { userPrincipalName: `${name}@contoso.example`, displayName: name, accountEnabled: true, ...fields }).then(created);
  const newDynamicGroup = (displayName: string, membershipRule: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    send('POST', '/v1.0/groups', { displayName, groupTypes: ['DynamicMembership'], membershipRule, ...extra }, headers).then(created);
  const members = async (groupId: string) => {
    const listed = await t.request(t.admin.token, { method: 'GET', url: `/v1.0/groups/${groupId}/members?$top=999` });
    expect(listed.statusCode).toBe(200);
    return (listed.json().value as { displayName: string }[]).map((member) => member.displayName).sort();
  };
  const ruleAudits = async (groupId: string) => {
    const rows = await t.handle.db.selectFrom('directory_audits').selectAll().where('target_ids', 'like', `% ${groupId} %`).where('initiated_by', 'like', '%Dynamic membership%').orderBy('sequence').execute();
    return rows.map((row) => ({
      activity: row.activity_display_name,
      member: JSON.parse(row.target_resources)[0].displayName as string,
      rule: (JSON.parse(row.additional_details) as { key: string; value: string }[]).find((detail) => detail.key === 'membershipRule')?.value,
      correlationId: row.correlation_id,
    }));
  };

  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t?.close());

  it('applies a new rule to the whole directory, and audits each join with the rule', async () => {
    await newUser('Ingrid', { department: 'IT', country: 'NO' });
    await newUser('Ivar', { department: 'it', country: 'SE' });
    await newUser('Sara', { department: 'Sales', country: 'NO' });
    const rule = 'user.department -eq "IT" -and user.country -eq "no"';
    const groupId = await newDynamicGroup('IT Norway', rule, {}, { 'client-request-id': 'create-it-norway' });
    // The rule meets the directory in a job, right after the group is created.
    expect(await members(groupId)).toEqual([]);
    expect(await t.jobs.drain()).toBeGreaterThanOrEqual(1);
    expect(await members(groupId)).toEqual(['Ingrid']);
    expect(await ruleAudits(groupId)).toEqual([{ activity: 'Add member to group', member: 'Ingrid', rule, correlationId: 'create-it-norway' }]);
  });

  it('moves a user in and out in the same moment as the change, by create, update and delete', async () => {
    const groupId = await newDynamicGroup('Finance', 'user.department -eq "Finance"');
    await t.jobs.drain();
    const fiona = await newUser('Fiona', { department: 'Finance' });
    expect(await members(groupId)).toEqual(['Fiona']);
    expect((await send('PATCH', `/v1.0/users/${fiona}`, { department: 'Legal' })).statusCode).toBe(204);
    expect(await members(groupId)).toEqual([]);
    expect((await send('PATCH', `/v1.0/users/${fiona}`, { department: 'FINANCE' })).statusCode).toBe(204);
    expect(await members(groupId)).toEqual(['Fiona']);
    expect((await send('DELETE', `/v1.0/users/${fiona}`)).statusCode).toBe(204);
    expect(await members(groupId)).toEqual([]);
    expect((await ruleAudits(groupId)).map(({ activity, member }) => `${activity}: ${member}`)).toEqual([
      'Add member to group: Fiona',
      'Remove member from group: Fiona',
      'Add member to group: Fiona',
    ]);
  });

  it('leaves members alone when a change touches nothing the rule reads', async () => {
    const groupId = await newDynamicGroup('Oslo office', 'user.city -eq "Oslo"');
    const olav = await newUser('Olav', { city: 'Oslo' });
    await t.jobs.drain();
    const before = await ruleAudits(groupId);
    expect((await send('PATCH', `/v1.0/users/${olav}`, { jobTitle: 'Engineer' })).statusCode).toBe(204);
    expect(await members(groupId)).toEqual(['Olav']);
    expect(await ruleAudits(groupId)).toEqual(before);
  });

  it('does nothing while paused, and catches up when switched back on', async () => {
    const groupId = await newDynamicGroup('Contractors', 'user.extensionAttribute1 -eq "Contractor"');
    await t.jobs.drain();
    expect((await send('PATCH', `/v1.0/groups/${groupId}`, { membershipRuleProcessingState: 'Paused' })).statusCode).toBe(204);
    expect(await t.jobs.drain()).toBe(0);
    await newUser('Conrad', { onPremisesExtensionAttributes: { extensionAttribute1: 'contractor' } });
    expect(await members(groupId)).toEqual([]);
    expect((await send('PATCH', `/v1.0/groups/${groupId}`, { membershipRuleProcessingState: 'On' })).statusCode).toBe(204);
    await t.jobs.drain();
    expect(await members(groupId)).toEqual(['Conrad']);
  });

  it('applies a changed rule to everyone: who no longer matches leaves, who now matches joins', async () => {
    const groupId = await newDynamicGroup('Nordics', 'user.country -eq "NO"');
    await t.jobs.drain();
    expect(await members(groupId)).toEqual(['Ingrid', 'Sara']);
    expect((await send('PATCH', `/v1.0/groups/${groupId}`, { membershipRule: 'user.country -in ["SE", "DK"] -or user.department -eq "Sales" -and user.country -eq "NO"' })).statusCode).toBe(204);
    await t.jobs.drain();
    // -and binds before -or: Sara (Sales, NO) stays, Ivar (SE) joins, Ingrid (IT, NO) leaves.
    expect(await members(groupId)).toEqual(['Ivar', 'Sara']);
  });

  it("follows a manager's direct reports as managers are set and removed", async () => {
    const boss = await newUser('Boss');
    const groupId = await newDynamicGroup("Boss's team", `Direct Reports for "${boss}"`);
    await t.jobs.drain();
    const rita = await newUser('Rita');
    expect((await send('PUT', `/v1.0/users/${rita}/manager/$ref`, ref(boss))).statusCode).toBe(204);
    expect(await members(groupId)).toEqual(['Rita']);
    expect((await send('DELETE', `/v1.0/users/${rita}/manager/$ref`)).statusCode).toBe(204);
    expect(await members(groupId)).toEqual([]);
    expect((await send('PUT', `/v1.0/users/${rita}/manager/$ref`, ref(boss))).statusCode).toBe(204);
    expect((await send('DELETE', `/v1.0/users/${boss}`)).statusCode).toBe(204);
    // The manager is gone, so Rita has none: she leaves.
    expect(await members(groupId)).toEqual([]);
  });

  it('follows memberships of other groups for memberOf rules, through chains of rules', async () => {
    const pilots = await created(await send('POST', '/v1.0/groups', { displayName: 'Pilot users' }));
    const inPilot = await newDynamicGroup('Pilot mailboxes', `user.memberOf -any (group.objectId -in ['${pilots}'])`);
    const chained = await newDynamicGroup('Pilot mailboxes in Sales', `user.memberOf -any (group.objectId -eq '${inPilot}') -and user.department -eq "Sales"`);
    await t.jobs.drain();
    const sam = await newUser('Sam', { department: 'Sales' });
    expect((await send('POST', `/v1.0/groups/${pilots}/members/$ref`, ref(sam))).statusCode).toBe(204);
    expect(await members(inPilot)).toEqual(['Sam']);
    expect(await members(chained)).toEqual(['Sam']);
    expect((await send('DELETE', `/v1.0/groups/${pilots}/members/${sam}/$ref`)).statusCode).toBe(204);
    expect(await members(inPilot)).toEqual([]);
    expect(await members(chained)).toEqual([]);
  });

  it('refuses hand-made changes to a dynamic group, and writes nothing', async () => {
    const groupId = await newDynamicGroup('Everyone in HR', 'user.department -eq "HR"');
    const harry = await newUser('Harry');
    const response = await send('POST', `/v1.0/groups/${groupId}/members/$ref`, ref(harry));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/managed by its membership rule/);
    expect(await members(groupId)).toEqual([]);
  });
});
