import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { skipReason } from '../../../test/helpers/test-database.js';

describe.skipIf(skipReason())('/v1.0/users', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t?.close());

  const post = (token: string | undefined, payload: unknown, headers: Record<string, string> = {}) =>
    t.request(token, { method: 'POST', url: '/v1.0/users', payload: payload as never, headers });

  it('creates a user in Graph shape and records who did it', async () => {
    const response = await post(t.admin.token, {
      userPrincipalName: 'ola.nordmann@example.com',
      displayName: 'Ola Nordmann',
      department: 'IT',
      country: 'NO',
      otherMails: ['ola@home.example'],
      onPremisesExtensionAttributes: { extensionAttribute3: 'cost-center-42' },
    });
    expect(response.statusCode).toBe(201);
    const user = response.json();
    expect(user).toMatchObject({
      userPrincipalName: 'ola.nordmann@example.com',
      displayName: 'Ola Nordmann',
      userType: 'Member',
      accountEnabled: true,
      department: 'IT',
      otherMails: ['ola@home.example'],
    });
    expect(user.onPremisesExtensionAttributes.extensionAttribute3).toBe('cost-center-42');
    expect(user.id).toMatch(/^[0-9a-f-]{36}$/);

    const audits = await t.request(t.admin.token, { method: 'GET', url: `/v1.0/auditLogs/directoryAudits?$filter=targetResources/id eq '${user.id}'` });
    expect(audits.statusCode).toBe(200);
    const [entry] = audits.json().value;
    expect(entry).toMatchObject({ activityDisplayName: 'Add user', category: 'UserManagement', result: 'success' });
    expect(entry.initiatedBy.user.userPrincipalName).toBe('admin@example.com');
  });

  it('reads a user by id and by userPrincipalName, with $select', async () => {
    const byName = await t.request(t.member.token, { method: 'GET', url: '/v1.0/users/ola.nordmann@example.com?$select=displayName,department' });
    expect(byName.statusCode).toBe(200);
    const body = byName.json();
    expect(body.displayName).toBe('Ola Nordmann');
    expect(body.department).toBe('IT');
    expect(body.country).toBeUndefined();
    const byId = await t.request(t.member.token, { method: 'GET', url: `/v1.0/users/${body.id}` });
    expect(byId.json().userPrincipalName).toBe('ola.nordmann@example.com');
  });

  it('answers /me with the caller, guests included, who may not list the directory', async () => {
    const guest = await t.addUser({ userPrincipalName: 'gina_partner.example#EXT#@example.com', userType: 'Guest', mail: 'gina@partner.example' });
    const me = await t.request(guest.token, { method: 'GET', url: '/v1.0/me?$select=userType,mail' });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: guest.id, userType: 'Guest', mail: 'gina@partner.example' });
    expect((await t.request(guest.token, { method: 'GET', url: '/v1.0/users' })).statusCode).toBe(403);
  });

  it('filters case-insensitively, counts and pages with an opaque nextLink', async () => {
    for (let index = 0; index < 5; index += 1) {
      expect((await post(t.admin.token, { userPrincipalName: `pager${index}@example.com`, displayName: `Pager ${index}`, department: 'Paging' })).statusCode).toBe(201);
    }
    const seen: string[] = [];
    let url: string | undefined = "/v1.0/users?$filter=department eq 'paging'&$top=2&$count=true";
    let first = true;
    while (url) {
      const response = await t.request(t.member.token, { method: 'GET', url });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      if (first) expect(body['@odata.count']).toBe(5);
      first = false;
      seen.push(...body.value.map((user: { displayName: string }) => user.displayName));
      url = body['@odata.nextLink'] ? new URL(body['@odata.nextLink']).pathname + new URL(body['@odata.nextLink']).search : undefined;
    }
    expect(seen.sort()).toEqual(['Pager 0', 'Pager 1', 'Pager 2', 'Pager 3', 'Pager 4']);

    const sorted = await t.request(t.member.token, { method: 'GET', url: "/v1.0/users?$filter=startswith(displayName,'pager')&$orderby=displayName desc&$top=2" });
    expect(sorted.json().value.map((user: { displayName: string }) => user.displayName)).toEqual(['Pager 4', 'Pager 3']);
  });

  it('updates with PATCH semantics and audits only what changed', async () => {
    const before = await countRows(t, 'directory_audits');
    const response = await t.request(t.admin.token, { method: 'PATCH', url: '/v1.0/users/ola.nordmann@example.com', payload: { jobTitle: 'Engineer', department: null } });
    expect(response.statusCode).toBe(204);
    const user = (await t.request(t.admin.token, { method: 'GET', url: '/v1.0/users/ola.nordmann@example.com' })).json();
    expect(user.jobTitle).toBe('Engineer');
    expect(user.department).toBeNull();
    expect(user.country).toBe('NO');
    expect(await countRows(t, 'directory_audits')).toBe(before + 1);
    const [entry] = (await t.request(t.admin.token, { method: 'GET', url: `/v1.0/auditLogs/directoryAudits?$filter=activityDisplayName eq 'Update user'` })).json().value;
    expect(entry.targetResources[0].modifiedProperties.map((p: { displayName: string }) => p.displayName).sort()).toEqual(['department', 'jobTitle']);
    expect(entry.targetResources[0].modifiedProperties.find((p: { displayName: string }) => p.displayName === 'jobTitle').newValue).toBe('"Engineer"');
  });

  it('sets and removes a manager, lists direct reports and refuses a loop', async () => {
    const boss = await t.addUser({ userPrincipalName: 'boss@example.com', displayName: 'The Boss' });
    const ref = (id: string) => ({ '@odata.id': `https://graph.example/v1.0/users/${id}` });
    expect((await t.request(t.admin.token, { method: 'PUT', url: '/v1.0/users/ola.nordmann@example.com/manager/$ref', payload: ref(boss.id) })).statusCode).toBe(204);
    const manager = await t.request(t.member.token, { method: 'GET', url: '/v1.0/users/ola.nordmann@example.com/manager' });
    expect(manager.json().id).toBe(boss.id);
    const reports = await t.request(t.member.token, { method: 'GET', url: `/v1.0/users/${boss.id}/directReports` });
    expect(reports.json().value.map((u: { userPrincipalName: string }) => u.userPrincipalName)).toEqual(['ola.nordmann@example.com']);
    const ola = (await t.request(t.member.token, { method: 'GET', url: '/v1.0/users/ola.nordmann@example.com' })).json();
    const loop = await t.request(t.admin.token, { method: 'PUT', url: `/v1.0/users/${boss.id}/manager/$ref`, payload: ref(ola.id) });
    expect(loop.statusCode).toBe(400);
    expect(loop.json().error.message).toMatch(/loop/);
    expect((await t.request(t.admin.token, { method: 'DELETE', url: '/v1.0/users/ola.nordmann@example.com/manager/$ref' })).statusCode).toBe(204);
    expect((await t.request(t.member.token, { method: 'GET', url: '/v1.0/users/ola.nordmann@example.com/manager' })).statusCode).toBe(404);
  });

  it('deletes softly: the user disappears from the API, its token stops working, the row stays', async () => {
    const leaver = await t.addUser({ userPrincipalName: 'leaver@example.com' });
    const rows = await countRows(t, 'users');
    expect((await t.request(t.admin.token, { method: 'DELETE', url: `/v1.0/users/${leaver.id}` })).statusCode).toBe(204);
    expect((await t.request(t.admin.token, { method: 'GET', url: `/v1.0/users/${leaver.id}` })).statusCode).toBe(404);
    expect((await t.request(leaver.token, { method: 'GET', url: '/v1.0/users' })).statusCode).toBe(401);
    expect(await countRows(t, 'users')).toBe(rows);
    // The principal name is free again for a new person.
    expect((await post(t.admin.token, { userPrincipalName: 'leaver@example.com', displayName: 'New Leaver' })).statusCode).toBe(201);
  });

  describe('refuses bad requests and writes nothing', () => {
    const cases: [string, () => Promise<{ statusCode: number; json(): any }>, number, string, RegExp?][] = [
      ['no token', () => post(undefined, { userPrincipalName: 'x@example.com', displayName: 'X' }), 401, 'InvalidAuthenticationToken'],
      ['an unknown token', () => post('nope', { userPrincipalName: 'x@example.com', displayName: 'X' }), 401, 'InvalidAuthenticationToken'],
      ['a member without a role', () => post(t.member.token, { userPrincipalName: 'x@example.com', displayName: 'X' }), 403, 'Authorization_RequestDenied'],
      ['malformed JSON', () => t.request(t.admin.token, { method: 'POST', url: '/v1.0/users', payload: '{"displayName": ', headers: { 'content-type': 'application/json' } }), 400, 'Request_BadRequest', /JSON/],
      ['a missing required property', () => post(t.admin.token, { displayName: 'X' }), 400, 'Request_BadRequest', /userPrincipalName/],
      ['a wrong type', () => post(t.admin.token, { userPrincipalName: 'x@example.com', displayName: 'X', accountEnabled: 'yes' }), 400, 'Request_BadRequest', /accountEnabled/],
      ['an unknown enum value', () => post(t.admin.token, { userPrincipalName: 'x@example.com', displayName: 'X', userType: 'Robot' }), 400, 'Request_BadRequest', /userType/],
      ['an unknown property', () => post(t.admin.token, { userPrincipalName: 'x@example.com', displayName: 'X', favouriteColour: 'blue' }), 400, 'Request_BadRequest', /favouriteColour/],
      ['a malformed principal name', () => post(t.admin.token, { userPrincipalName: 'not-an-address', displayName: 'X' }), 400, 'Request_BadRequest', /userPrincipalName/],
      ['an oversized body', () => post(t.admin.token, { userPrincipalName: 'x@example.com', displayName: 'X', proxyAddresses: Array.from({ length: 200 }, (_, i) => `smtp:${'a'.repeat(400)}${i}@example.com`) }), 400, 'Request_BadRequest', /limit/],
      ['a duplicate principal name, in any case', () => post(t.admin.token, { userPrincipalName: 'OLA.NORDMANN@example.com', displayName: 'Twin' }), 409, 'Request_MultipleObjectsWithSameKeyValue'],
      ['an unknown manager', () => t.request(t.admin.token, { method: 'PUT', url: '/v1.0/users/mia@example.com/manager/$ref', payload: { '@odata.id': 'https://x/v1.0/users/00000000-0000-0000-0000-000000000000' } }), 400, 'Request_BadRequest', /manager/],
      ['an update of a user that does not exist', () => t.request(t.admin.token, { method: 'PATCH', url: '/v1.0/users/ghost@example.com', payload: { jobTitle: 'x' } }), 404, 'Request_ResourceNotFound'],
    ];
    it.each(cases)('%s', async (_name, send, status, code, message) => {
      const users = await countRows(t, 'users');
      const audits = await countRows(t, 'directory_audits');
      const response = await send();
      expect(response.statusCode).toBe(status);
      const body = response.json();
      expect(body.error.code).toBe(code);
      expect(body.error.innerError['request-id']).toBeTruthy();
      expect(body.error.innerError.date).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      if (message) expect(body.error.message).toMatch(message);
      expect(await countRows(t, 'users')).toBe(users);
      expect(await countRows(t, 'directory_audits')).toBe(audits);
    });
  });

  describe('refuses unsupported query options', () => {
    it.each([
      ['/v1.0/users?$filter=favouriteColour eq \'blue\'', /favouriteColour/],
      ['/v1.0/users?$filter=displayName eq', /position/],
      ['/v1.0/users?$search="ola"', /\$search/],
      ['/v1.0/users?$select=shoeSize', /shoeSize/],
      ['/v1.0/users?$expand=memberOf', /memberOf/],
      ['/v1.0/users?$top=5000', /\$top/],
      ['/v1.0/users?$orderby=otherMails', /otherMails/],
      ['/v1.0/users?$filter=accountEnabled eq \'yes\'', /true or false/],
      ['/v1.0/users?$filter=userType eq \'Robot\'', /Robot/],
      ['/v1.0/users?$skiptoken=garbage', /skiptoken/],
    ])('%s', async (url, message) => {
      const response = await t.request(t.member.token, { method: 'GET', url });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toMatch(message);
    });
  });
});
