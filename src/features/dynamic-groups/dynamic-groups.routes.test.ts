import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { skipReason } from '../../../test/helpers/test-database.js';
import { addMemberRole, addResource, createAccessPackage, createCatalog, createPolicy, em } from '../../../test/helpers/entitlement-fixtures.js';
import { packageWithGroup } from '../../../test/helpers/lifecycle-fixtures.js';
import { raceAgainstOpenTransaction } from '../../../test/helpers/concurrency.js';
import { lockResourcesOfOrigin } from '../catalog-resources/catalog-resources.repo.js';

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

  let staticId: string | undefined;
  const staticGroup = async () => (staticId ??= await created(await send('POST', '/v1.0/groups', { displayName: 'Static group' })));

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

  it('refuses (400) a rule that reads its own group’s membership, directly or through other rules (paused ones too), and writes nothing', async () => {
    const first = await newDynamicGroup('Loop A', 'user.department -eq "Ops"');
    const second = await newDynamicGroup('Loop B', `user.memberOf -any (group.objectId -eq '${first}')`);
    const third = await newDynamicGroup('Loop C', `user.memberOf -any (group.objectId -in ['${second}'])`, { membershipRuleProcessingState: 'Paused' });
    const refused = async (response: Response, message: RegExp) => {
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'Request_BadRequest', message: expect.stringMatching(message), target: 'membershipRule' });
    };
    const audits = await countRows(t, 'directory_audits');
    const groups = await countRows(t, 'groups');
    await refused(await send('PATCH', `/v1.0/groups/${first}`, { membershipRule: `user.memberOf -any (group.objectId -eq '${first.toUpperCase()}')` }), /reads the membership of its own group 'Loop A'/);
    await refused(await send('PATCH', `/v1.0/groups/${first}`, { membershipRule: `user.memberOf -any (group.objectId -in ['${third}'])` }), /reads the membership of 'Loop C', whose rule reads that of 'Loop B', whose rule reads that of this group/);
    await refused(await send('PATCH', `/v1.0/groups/${first}`, { membershipRule: `user.department -eq "Ops" -or user.memberOf -any (group.objectId -eq '${second}')` }), /'Loop B', whose rule reads that of this group/);
    expect(await countRows(t, 'directory_audits')).toBe(audits);
    expect(await countRows(t, 'groups')).toBe(groups);
    expect((await send('GET' as never, `/v1.0/groups/${first}`)).json().membershipRule).toBe('user.department -eq "Ops"');
    // A chain without a loop is fine.
    expect((await send('PATCH', `/v1.0/groups/${third}`, { membershipRule: `user.memberOf -any (group.objectId -in ['${second}', '${first}'])` })).statusCode).toBe(204);
  });

  it('previews a rule: who it matches, who would join and who would leave, a page at a time, writing nothing', async () => {
    const groupId = await newDynamicGroup('Norway', 'user.country -eq "NO"');
    await t.jobs.drain();
    expect(await members(groupId)).toEqual(['Ingrid', 'Sara']);
    const audits = await countRows(t, 'directory_audits');
    const preview = (payload: unknown, query = '') => send('POST', `/v1.0/tessera/membershipRules/preview${query}`, payload);
    const response = await preview({ membershipRule: 'user.country -in ["NO", "SE"] -and user.department -ne "Sales"', groupId });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      matchingCount: 2,
      joiningCount: 1,
      leavingCount: 1,
      joining: [{ displayName: 'Ivar', userPrincipalName: 'Ivar@contoso.example' }],
      leaving: [{ displayName: 'Sara' }],
    });
    const paged = await preview({ membershipRule: 'user.userPrincipalName -endsWith "@contoso.example"' }, '?$top=2&$skip=1');
    // By display name: Conrad, Ingrid, Ivar, Olav, … (Fiona and Boss were deleted).
    expect(paged.json().joining.map((user: { displayName: string }) => user.displayName)).toEqual(['Ingrid', 'Ivar']);
    expect(paged.json().joiningCount).toBe(paged.json().matchingCount);
    expect(await members(groupId)).toEqual(['Ingrid', 'Sara']);
    expect(await countRows(t, 'directory_audits')).toBe(audits);
  });

  it('re-evaluates a group now, repairing memberships changed behind its back', async () => {
    const groupId = await newDynamicGroup('Sales people', 'user.department -eq "Sales"');
    await t.jobs.drain();
    // Mia, the test context's member, is in Sales too.
    expect(await members(groupId)).toEqual(['Mia Member', 'Sam', 'Sara']);
    // Someone edits the database directly: the members are gone, and a stranger is in.
    await t.handle.db.updateTable('group_memberships').set({ ended_date_time: t.clock().toISOString() }).where('group_id', '=', groupId).execute();
    const ingrid = await t.handle.db.selectFrom('users').select('id').where('display_name', '=', 'Ingrid').executeTakeFirstOrThrow();
    await t.handle.db.insertInto('group_memberships').values({ id: 'stranger', group_id: groupId, member_id: ingrid.id, member_type: 'user', relationship: 'member', started_date_time: t.clock().toISOString(), added_by: 'sql', ended_date_time: null, removed_by: null, reason: null }).execute();
    expect(await members(groupId)).toEqual(['Ingrid']);
    const response = await send('POST', `/v1.0/tessera/dynamicGroups/${groupId}/reevaluate`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ joined: 3, left: 1 });
    expect(await members(groupId)).toEqual(['Mia Member', 'Sam', 'Sara']);
  });

  describe('refuses bad requests and writes nothing', () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    beforeAll(async () => {
      await staticGroup();
    });
    it.each<[string, () => Promise<Response>, number, string, RegExp?]>([
      ['a preview of a rule that cannot be used', () => send('POST', '/v1.0/tessera/membershipRules/preview', { membershipRule: 'user.department -equals "x"' }), 400, 'Request_BadRequest', /-equals is not an operator.*line 1, column 17/],
      ['a preview without a rule', () => send('POST', '/v1.0/tessera/membershipRules/preview', {}), 400, 'Request_BadRequest', /membershipRule/],
      ['a preview against an unknown group', () => send('POST', '/v1.0/tessera/membershipRules/preview', { membershipRule: 'user.city -eq "x"', groupId: unknown }), 404, 'Request_ResourceNotFound'],
      ['a preview page too large', () => send('POST', '/v1.0/tessera/membershipRules/preview?$top=5000', { membershipRule: 'user.city -eq "x"' }), 400, 'Request_BadRequest', /\$top/],
      ['a preview by a member without a role', () => t.request(t.member.token, { method: 'POST', url: '/v1.0/tessera/membershipRules/preview', payload: { membershipRule: 'user.city -eq "x"' } }), 403, 'Authorization_RequestDenied'],
      ['a re-evaluation without a token', () => t.request(undefined, { method: 'POST', url: `/v1.0/tessera/dynamicGroups/${unknown}/reevaluate` }), 401, 'InvalidAuthenticationToken'],
      ['a re-evaluation of an unknown group', () => send('POST', `/v1.0/tessera/dynamicGroups/${unknown}/reevaluate`), 404, 'Request_ResourceNotFound'],
      ['a re-evaluation by a member without a role', async () => t.request(t.member.token, { method: 'POST', url: `/v1.0/tessera/dynamicGroups/${await staticGroup()}/reevaluate` }), 403, 'Authorization_RequestDenied'],
      ['a re-evaluation of a group without a rule', async () => send('POST', `/v1.0/tessera/dynamicGroups/${await staticGroup()}/reevaluate`), 400, 'Request_BadRequest', /no membership rule being processed/],
    ])('%s', async (_name, call, status, code, message) => {
      const before = [await countRows(t, 'group_memberships'), await countRows(t, 'directory_audits')];
      const response = await call();
      expect(response.statusCode).toBe(status);
      expect(response.json().error.code).toBe(code);
      if (message) expect(response.json().error.message).toMatch(message);
      expect([await countRows(t, 'group_memberships'), await countRows(t, 'directory_audits')]).toEqual(before);
    });
  });

  it('works as a package resource (its owner role: its members follow its rule) and as a policy target', async () => {
    const groupId = await newDynamicGroup('Engineers', 'user.department -eq "Engineering"');
    await t.jobs.drain();
    const catalog = await createCatalog(t, 'Engineering tools');
    const resource = await addResource(t, catalog.id, groupId);
    const roles = (await t.request(t.admin.token, { method: 'GET', url: `${em}/catalogs/${catalog.id}/resources/${resource.id}/roles` })).json().value;
    expect(roles.map((role: { displayName: string }) => role.displayName)).toEqual(['Owner']);
    const accessPackage = await createAccessPackage(t, catalog.id, 'Run the engineers group');
    expect((await addMemberRole(t, accessPackage.id, resource.id, groupId)).statusCode).toBe(400);
    const ownerRole = await t.request(t.admin.token, {
      method: 'POST',
      url: `${em}/accessPackages/${accessPackage.id}/resourceRoleScopes`,
      payload: { role: { originId: `Owner_${groupId}`, originSystem: 'AadGroup', resource: { id: resource.id } }, scope: { originId: groupId, originSystem: 'AadGroup' } },
    });
    expect(ownerRole.statusCode, ownerRole.body).toBe(201);
    await createPolicy(t, accessPackage.id, { allowedTargetScope: 'specificDirectoryUsers', specificAllowedTargets: [{ '@odata.type': '#microsoft.graph.groupMembers', groupId }] });

    const erik = await t.addUser({ userPrincipalName: 'erik@contoso.example', displayName: 'Erik' });
    const ola = await t.addUser({ userPrincipalName: 'ola@contoso.example', displayName: 'Ola' });
    expect((await send('PATCH', `/v1.0/users/${erik.id}`, { department: 'Engineering' })).statusCode).toBe(204);
    expect(await members(groupId)).toEqual(['Erik']);
    const ask = (token: string) => t.request(token, { method: 'POST', url: `${em}/assignmentRequests`, payload: { requestType: 'userAdd', assignment: { accessPackageId: accessPackage.id } } });
    expect((await ask(ola.token)).statusCode).toBe(403);
    expect((await ask(erik.token)).statusCode).toBe(201);
    await t.jobs.drain();
    const owners = (await t.request(t.admin.token, { method: 'GET', url: `/v1.0/groups/${groupId}/owners` })).json().value;
    expect(owners.map((owner: { displayName: string }) => owner.displayName)).toEqual(['Erik']);
  });

  it('refuses (400) to make a group dynamic while a package gives its membership, and then a Member role it no longer offers', async () => {
    const groupId = await created(await send('POST', '/v1.0/groups', { displayName: 'Sales floor' }));
    const catalog = await createCatalog(t, 'Sales floor catalog');
    const resource = await addResource(t, catalog.id, groupId);
    const accessPackage = await createAccessPackage(t, catalog.id, 'Sales floor access');
    const memberRole = await addMemberRole(t, accessPackage.id, resource.id, groupId);
    expect(memberRole.statusCode).toBe(201);
    const makeDynamic = () => send('PATCH', `/v1.0/groups/${groupId}`, { groupTypes: ['DynamicMembership'], membershipRule: 'user.department -eq "Sales"' });

    const audits = await countRows(t, 'directory_audits');
    const refused = await makeDynamic();
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'Request_BadRequest', target: 'groupTypes', message: expect.stringMatching(/cannot become dynamic while access packages give its membership \('Sales floor access'\); remove its Member role/) });
    expect(await countRows(t, 'directory_audits')).toBe(audits);
    expect((await t.request(t.admin.token, { method: 'GET', url: `/v1.0/groups/${groupId}` })).json().groupTypes).toEqual([]);

    expect((await t.request(t.admin.token, { method: 'DELETE', url: `${em}/accessPackages/${accessPackage.id}/resourceRoleScopes/${memberRole.json().id}` })).statusCode).toBe(204);
    expect((await makeDynamic()).statusCode).toBe(204);
    // The catalog still lists the Member role it saw when the group was added; the directory no longer offers it.
    const again = await addMemberRole(t, accessPackage.id, resource.id, groupId);
    expect(again.statusCode).toBe(400);
    expect(again.json().error.message).toBe("The resource 'Sales floor' no longer offers the role 'Member'.");
  });

  it('refuses (400) a Member role scope when the group becomes dynamic while the role is being added (a race on PostgreSQL)', async () => {
    const groupId = await created(await send('POST', '/v1.0/groups', { displayName: 'Night shift' }));
    const catalog = await createCatalog(t, 'Night shift catalog');
    const resource = await addResource(t, catalog.id, groupId);
    const accessPackage = await createAccessPackage(t, catalog.id, 'Night shift access');
    // The group is made dynamic in a transaction that holds what making a group dynamic holds, while the role is added.
    const response = await raceAgainstOpenTransaction(
      t,
      async (trx) => {
        await lockResourcesOfOrigin(trx, 'AadGroup', groupId);
        await trx.updateTable('groups').set({ group_types: JSON.stringify(['DynamicMembership']), membership_rule: 'user.department -eq "Night"', membership_rule_processing_state: 'On' }).where('id', '=', groupId).execute();
      },
      () => addMemberRole(t, accessPackage.id, resource.id, groupId),
    );
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.message).toBe("The resource 'Night shift' no longer offers the role 'Member'.");
    expect((await t.request(t.admin.token, { method: 'GET', url: `${em}/accessPackages/${accessPackage.id}/resourceRoleScopes` })).json().value).toEqual([]);
  });

  it('follows memberships an access package gives and takes, for memberOf rules', async () => {
    const { packageId, group } = await packageWithGroup(t, {}, 'VPN');
    const vpnUsers = await newDynamicGroup('VPN users', `user.memberOf -any (group.objectId -eq '${group.id}')`);
    await t.jobs.drain();
    const victor = await t.addUser({ userPrincipalName: 'victor@contoso.example', displayName: 'Victor' });
    const asked = await t.request(victor.token, { method: 'POST', url: `${em}/assignmentRequests`, payload: { requestType: 'userAdd', assignment: { accessPackageId: packageId } } });
    expect(asked.statusCode, asked.body).toBe(201);
    await t.jobs.drain();
    expect(await members(vpnUsers)).toEqual(['Victor']);
    const assignment = await t.handle.db.selectFrom('assignments').select('id').where('target_id', '=', victor.id).where('is_active', '=', 1).executeTakeFirstOrThrow();
    const removed = await t.request(t.admin.token, { method: 'POST', url: `${em}/assignmentRequests`, payload: { requestType: 'adminRemove', assignment: { id: assignment.id } } });
    expect(removed.statusCode, removed.body).toBe(201);
    await t.jobs.drain();
    expect(await members(vpnUsers)).toEqual([]);
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
