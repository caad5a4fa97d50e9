import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { skipReason } from '../../../test/helpers/test-database.js';
import { directoryRoles } from '../../domain/roles.js';

const base = '/v1.0/roleManagement/directory';
const { userAdministrator, globalAdministrator, groupsAdministrator } = directoryRoles;

describe.skipIf(skipReason())('directory roles', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t?.close());

  it('lists the role definitions with Entra template ids', async () => {
    const response = await t.request(t.member.token, { method: 'GET', url: `${base}/roleDefinitions` });
    expect(response.statusCode).toBe(200);
    const names = response.json().value.map((role: { displayName: string }) => role.displayName);
    expect(names).toEqual(expect.arrayContaining(['Global Administrator', 'Identity Governance Administrator']));
  });

  it('assigns a role that takes effect on the next request, and removes it again', async () => {
    const helpdesk = await t.addUser({ userPrincipalName: 'helpdesk@example.com' });
    const attempt = () => t.request(helpdesk.token, { method: 'PATCH', url: `/v1.0/users/${t.member.id}`, payload: { jobTitle: 'Seller' } });
    expect((await attempt()).statusCode).toBe(403);

    const assigned = await t.request(t.admin.token, { method: 'POST', url: `${base}/roleAssignments`, payload: { roleDefinitionId: userAdministrator.id, principalId: helpdesk.id, directoryScopeId: '/' } });
    expect(assigned.statusCode).toBe(201);
    expect(assigned.json()).toMatchObject({ roleDefinitionId: userAdministrator.id, principalId: helpdesk.id, directoryScopeId: '/' });
    expect((await attempt()).statusCode).toBe(204);

    const listed = await t.request(t.admin.token, { method: 'GET', url: `${base}/roleAssignments?$filter=principalId eq '${helpdesk.id}'` });
    expect(listed.json().value).toHaveLength(1);

    expect((await t.request(t.admin.token, { method: 'DELETE', url: `${base}/roleAssignments/${assigned.json().id}` })).statusCode).toBe(204);
    expect((await attempt()).statusCode).toBe(403);
    // Ended, not deleted: the row stays for "who could do what, when".
    const row = await t.handle.db.selectFrom('role_assignments').selectAll().where('id', '=', assigned.json().id).executeTakeFirstOrThrow();
    expect(row.ended_date_time).not.toBeNull();
    expect(row.ended_by).toBe(t.admin.id);
  });

  it('counts a role held through a group', async () => {
    const operator = await t.addUser({ userPrincipalName: 'operator@example.com' });
    const team = await t.request(t.admin.token, { method: 'POST', url: '/v1.0/groups', payload: { displayName: 'Identity team', mailNickname: 'identity-team', isAssignableToRole: true } });
    expect(team.statusCode).toBe(201);
    expect((await t.request(t.admin.token, { method: 'POST', url: `/v1.0/groups/${team.json().id}/members/$ref`, payload: { '@odata.id': `https://x/v1.0/directoryObjects/${operator.id}` } })).statusCode).toBe(204);
    const assigned = await t.request(t.admin.token, { method: 'POST', url: `${base}/roleAssignments`, payload: { roleDefinitionId: userAdministrator.id, principalId: team.json().id } });
    expect(assigned.statusCode).toBe(201);
    expect((await t.request(operator.token, { method: 'PATCH', url: `/v1.0/users/${t.member.id}`, payload: { city: 'Oslo' } })).statusCode).toBe(204);
  });

  it('keeps role-holding groups and privileged users out of reach of lesser administrators', async () => {
    const groupsAdmin = await t.addUser({ userPrincipalName: 'groups-admin@example.com' }, [groupsAdministrator.id]);
    const userAdmin = await t.addUser({ userPrincipalName: 'user-admin@example.com' }, [userAdministrator.id]);
    const admins = await t.request(t.admin.token, { method: 'POST', url: '/v1.0/groups', payload: { displayName: 'Tenant admins', isAssignableToRole: true } });
    expect(admins.statusCode).toBe(201);
    expect((await t.request(t.admin.token, { method: 'POST', url: `${base}/roleAssignments`, payload: { roleDefinitionId: globalAdministrator.id, principalId: admins.json().id } })).statusCode).toBe(201);

    // A Groups Administrator may manage ordinary groups, but joining a role-holding group would make them Global Administrator.
    const join = await t.request(groupsAdmin.token, { method: 'POST', url: `/v1.0/groups/${admins.json().id}/members/$ref`, payload: { '@odata.id': `https://x/v1.0/users/${groupsAdmin.id}` } });
    expect(join.statusCode).toBe(403);
    expect((await t.request(groupsAdmin.token, { method: 'POST', url: '/v1.0/groups', payload: { displayName: 'Sneaky', isAssignableToRole: true } })).statusCode).toBe(403);
    // A User Administrator manages ordinary users, not those holding a role.
    expect((await t.request(userAdmin.token, { method: 'PATCH', url: `/v1.0/users/${t.admin.id}`, payload: { accountEnabled: false } })).statusCode).toBe(403);
    expect((await t.request(userAdmin.token, { method: 'DELETE', url: `/v1.0/users/${t.admin.id}` })).statusCode).toBe(403);
    expect((await t.request(userAdmin.token, { method: 'PATCH', url: `/v1.0/users/${t.member.id}`, payload: { officeLocation: 'B2' } })).statusCode).toBe(204);
  });

  it('refuses a role for a group that is not role-assignable, and stores ids, not names', async () => {
    const plain = await t.request(t.admin.token, { method: 'POST', url: '/v1.0/groups', payload: { displayName: 'Plain group' } });
    const refused = await t.request(t.admin.token, { method: 'POST', url: `${base}/roleAssignments`, payload: { roleDefinitionId: userAdministrator.id, principalId: plain.json().id } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toMatch(/isAssignableToRole/);
    const byName = await t.request(t.admin.token, { method: 'POST', url: `${base}/roleAssignments`, payload: { roleDefinitionId: userAdministrator.id, principalId: 'mia@example.com' } });
    expect(byName.statusCode).toBe(201);
    expect(byName.json().principalId).toBe(t.member.id);
  });

  describe('refuses', () => {
    it.each([
      ['a caller who is not a Global Administrator', () => t.member.token, { roleDefinitionId: globalAdministrator.id, principalId: 'x' }, 403, 'Authorization_RequestDenied'],
      ['an unknown role', () => t.admin.token, { roleDefinitionId: '00000000-0000-0000-0000-000000000001', principalId: 'x' }, 400, 'Request_BadRequest'],
      ['a role id that is not a GUID', () => t.admin.token, { roleDefinitionId: 'Global Administrator', principalId: 'x' }, 400, 'Request_BadRequest'],
      ['an unknown principal', () => t.admin.token, { roleDefinitionId: globalAdministrator.id, principalId: '00000000-0000-0000-0000-000000000002' }, 400, 'Request_BadRequest'],
      ['a scoped assignment', () => t.admin.token, { roleDefinitionId: globalAdministrator.id, principalId: 'x', directoryScopeId: '/administrativeUnits/1' }, 400, 'Request_BadRequest'],
      ['a duplicate', () => t.admin.token, { roleDefinitionId: globalAdministrator.id, principalId: 'SELF' }, 409, 'Request_MultipleObjectsWithSameKeyValue'],
    ])('%s', async (_name, token, payload, status, code) => {
      const body = { ...payload, principalId: payload.principalId === 'SELF' ? t.admin.id : payload.principalId };
      const before = [await countRows(t, 'role_assignments'), await countRows(t, 'directory_audits')];
      const response = await t.request(token(), { method: 'POST', url: `${base}/roleAssignments`, payload: body });
      expect(response.statusCode).toBe(status);
      expect(response.json().error.code).toBe(code);
      expect([await countRows(t, 'role_assignments'), await countRows(t, 'directory_audits')]).toEqual(before);
    });
  });
});
