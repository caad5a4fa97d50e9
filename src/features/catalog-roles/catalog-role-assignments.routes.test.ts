import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogRoles, directoryRoles } from '../../domain/roles.js';
import { addGroup, createCatalog, em, expectRefused, giveCatalogRole, type Reply } from '../../../test/helpers/entitlement-fixtures.js';
import { countRows, createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { skipReason } from '../../../test/helpers/test-database.js';
import { openMembership } from '../group-memberships/memberships.repo.js';
import { raceAgainstOpenTransaction } from '../../../test/helpers/concurrency.js';
import { lockCatalog, markCatalogDeleted } from '../catalogs/catalogs.repo.js';
import { endCatalogRoleAssignmentRow } from './catalog-role-assignments.repo.js';

const rm = '/v1.0/roleManagement/entitlementManagement';
const { catalogOwner, catalogReader, accessPackageManager, catalogCreator } = catalogRoles;

describe.skipIf(skipReason())('/v1.0/roleManagement/entitlementManagement', () => {
  let t: TestContext;
  let a: { id: string };
  let b: { id: string };
  beforeAll(async () => {
    t = await createTestContext();
    a = await createCatalog(t, 'Catalog A');
    b = await createCatalog(t, 'Catalog B');
  });
  afterAll(async () => t?.close());

  const assign = (token: string, payload: unknown) => t.request(token, { method: 'POST', url: `${rm}/roleAssignments`, payload: payload as never });
  const get = (token: string, url: string) => t.request(token, { method: 'GET', url });
  const scopeOf = (catalog: { id: string }) => `/AccessPackageCatalog/${catalog.id}`;

  it('lists the catalog roles with their Entra template ids', async () => {
    const response = await get(t.member.token, `${rm}/roleDefinitions`);
    expect(response.statusCode).toBe(200);
    const roles = response.json().value;
    expect(roles.map((role: { displayName: string }) => role.displayName)).toEqual(['Catalog owner', 'Catalog reader', 'Access package manager', 'Access package assignment manager', 'Catalog creator']);
    expect(roles[0]).toMatchObject({ id: catalogOwner.id, templateId: catalogOwner.id, isBuiltIn: true, isEnabled: true });
    expect((await get(t.member.token, `${rm}/roleDefinitions/${catalogReader.id}?$select=displayName`)).json()).toMatchObject({ id: catalogReader.id, displayName: 'Catalog reader' });
    expect((await get(t.member.token, `${rm}/roleDefinitions/nope`)).statusCode).toBe(404);
  });

  it('finds role definitions by name, as scripts written for Graph do', async () => {
    const owner = await get(t.member.token, `${rm}/roleDefinitions?$filter=displayName eq 'Catalog owner'&$select=id`);
    expect(owner.statusCode, owner.body).toBe(200);
    expect(owner.json().value).toEqual([{ id: catalogOwner.id }]);
    const sorted = (await get(t.member.token, `${rm}/roleDefinitions?$filter=startswith(displayName,'catalog')&$orderby=displayName desc&$count=true`)).json();
    expect(sorted.value.map((role: { displayName: string }) => role.displayName)).toEqual(['Catalog reader', 'Catalog owner', 'Catalog creator']);
    expect(sorted['@odata.count']).toBe(3);
    await expectRefused(t, () => get(t.member.token, `${rm}/roleDefinitions?$filter=colour eq 'red'`), 400, 'Request_BadRequest', /colour/);
  });

  it('gives a catalog role to a user and to a group, lists it by appScopeId, and audits it', async () => {
    const olga = await t.addUser({ displayName: 'Olga Owner' });
    const team = await addGroup(t, 'Catalog A readers');
    const audits = await countRows(t, 'directory_audits');
    const created = await assign(t.admin.token, { roleDefinitionId: catalogOwner.id, principalId: olga.id, appScopeId: scopeOf(a) });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ roleDefinitionId: catalogOwner.id, principalId: olga.id, appScopeId: scopeOf(a), directoryScopeId: '/' });
    expect((await assign(t.admin.token, { roleDefinitionId: catalogReader.id, principalId: team.id, appScopeId: scopeOf(a), '@odata.type': '#microsoft.graph.unifiedRoleAssignment' })).statusCode).toBe(201);
    expect(await countRows(t, 'directory_audits')).toBe(audits + 2);

    const listed = (await get(t.admin.token, `${rm}/roleAssignments?$filter=appScopeId eq '${scopeOf(a)}'&$expand=roleDefinition`)).json().value;
    expect(listed).toHaveLength(2);
    expect(listed.find((item: { principalId: string }) => item.principalId === team.id).roleDefinition.displayName).toBe('Catalog reader');
    const one = await get(t.admin.token, `${rm}/roleAssignments/${created.json().id}`);
    expect(one.json()).toMatchObject({ id: created.json().id, principalId: olga.id });

    // A member of the group reads catalog A through the group's role.
    const reader = await t.addUser({ displayName: 'Rolf Reader' });
    await openMembership(t.handle.db, { groupId: team.id, memberId: reader.id, memberType: 'user', relationship: 'member' }, null, t.clock().toISOString());
    expect((await get(reader.token, `${em}/catalogs/${a.id}`)).statusCode).toBe(200);
    expect((await get(reader.token, `${em}/catalogs/${b.id}`)).statusCode).toBe(404);
  });

  it("lets a catalog's owner manage its roles, and nothing beyond it", async () => {
    const owner = await t.addUser({ displayName: 'Otto Owner' });
    await giveCatalogRole(t, catalogOwner.id, owner.id, a.id);
    const helper = await t.addUser({ displayName: 'Hanne Helper' });
    const given = await assign(owner.token, { roleDefinitionId: accessPackageManager.id, principalId: helper.id, appScopeId: scopeOf(a) });
    expect(given.statusCode).toBe(201);
    // The owner sees the assignments of A only.
    const visible = (await get(owner.token, `${rm}/roleAssignments`)).json().value;
    expect(visible.length).toBeGreaterThan(0);
    expect(visible.every((item: { appScopeId: string }) => item.appScopeId === scopeOf(a))).toBe(true);
    await expectRefused(t, () => assign(owner.token, { roleDefinitionId: catalogReader.id, principalId: helper.id, appScopeId: scopeOf(b) }), 403, 'Authorization_RequestDenied');
    await expectRefused(t, () => assign(owner.token, { roleDefinitionId: catalogCreator.id, principalId: helper.id, directoryScopeId: '/' }), 403, 'Authorization_RequestDenied');
    const inB = await giveCatalogRole(t, catalogReader.id, helper.id, b.id);
    await expectRefused(t, () => get(owner.token, `${rm}/roleAssignments/${inB}`), 404, 'Request_ResourceNotFound', /Role assignment/);
    await expectRefused(t, () => t.request(owner.token, { method: 'DELETE', url: `${rm}/roleAssignments/${inB}` }), 404, 'Request_ResourceNotFound', /Role assignment/);
    // A plain member and a reader change nothing.
    await expectRefused(t, () => assign(t.member.token, { roleDefinitionId: catalogReader.id, principalId: helper.id, appScopeId: scopeOf(a) }), 403, 'Authorization_RequestDenied');
    expect((await get(t.member.token, `${rm}/roleAssignments`)).json().value).toEqual([]);
    // Ending closes the row: the helper loses the role at once, the row stays for history.
    const rows = await countRows(t, 'role_assignments');
    expect((await t.request(owner.token, { method: 'DELETE', url: `${rm}/roleAssignments/${given.json().id}` })).statusCode).toBe(204);
    expect(await countRows(t, 'role_assignments')).toBe(rows);
    expect((await get(helper.token, `${em}/catalogs/${a.id}`)).statusCode).toBe(404);
    expect((await get(t.admin.token, `${rm}/roleAssignments/${given.json().id}`)).statusCode).toBe(404);
    const ended = await t.handle.db.selectFrom('role_assignments').select(['ended_date_time', 'ended_by']).where('id', '=', given.json().id).executeTakeFirstOrThrow();
    expect(ended).toEqual({ ended_date_time: t.clock().toISOString(), ended_by: owner.id });
  });

  it('Catalog creator is given tenant-wide by a governance administrator only', async () => {
    const governance = await t.addUser({ displayName: 'Gina' }, [directoryRoles.identityGovernanceAdministrator.id]);
    const someone = await t.addUser({ displayName: 'Sam' });
    const created = await assign(governance.token, { roleDefinitionId: catalogCreator.id, principalId: someone.id, directoryScopeId: '/' });
    expect(created.statusCode).toBe(201);
    const reader = await t.addUser({ displayName: 'Greta' }, [directoryRoles.globalReader.id]);
    expect((await get(reader.token, `${rm}/roleAssignments/${created.json().id}`)).statusCode).toBe(200);
    await expectRefused(t, () => t.request(reader.token, { method: 'DELETE', url: `${rm}/roleAssignments/${created.json().id}` }), 403, 'Authorization_RequestDenied');
    // Someone who may not read tenant-wide roles learns nothing of them, not even that one exists.
    const owner = await t.addUser({ displayName: 'Oda Owner' });
    await giveCatalogRole(t, catalogOwner.id, owner.id, a.id);
    await expectRefused(t, () => get(owner.token, `${rm}/roleAssignments/${created.json().id}`), 404, 'Request_ResourceNotFound', /Role assignment/);
    await expectRefused(t, () => t.request(owner.token, { method: 'DELETE', url: `${rm}/roleAssignments/${created.json().id}` }), 404, 'Request_ResourceNotFound', /Role assignment/);
    expect((await t.request(governance.token, { method: 'DELETE', url: `${rm}/roleAssignments/${created.json().id}` })).statusCode).toBe(204);
  });

  it('a role given while its catalog is being deleted is refused, not left living in a deleted catalog', async () => {
    const doomed = await createCatalog(t, 'Doomed');
    const before = await countRows(t, 'role_assignments');
    const audits = await countRows(t, 'directory_audits');
    const response = await raceAgainstOpenTransaction(
      t,
      async (trx) => {
        await lockCatalog(trx, doomed.id);
        await markCatalogDeleted(trx, doomed.id, t.clock().toISOString());
      },
      () => assign(t.admin.token, { roleDefinitionId: catalogReader.id, principalId: t.member.id, appScopeId: scopeOf(doomed) }),
    );
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'Request_BadRequest', target: 'appScopeId' });
    expect(await countRows(t, 'role_assignments')).toBe(before);
    expect(await countRows(t, 'directory_audits')).toBe(audits);
  });

  it('of two racing ends of one assignment the second finds nothing and audits nothing', async () => {
    const someone = await t.addUser({ displayName: 'Ended twice' });
    const id = await giveCatalogRole(t, catalogReader.id, someone.id, a.id);
    const audits = await countRows(t, 'directory_audits');
    const response = await raceAgainstOpenTransaction(
      t,
      async (trx) => void (await endCatalogRoleAssignmentRow(trx, id, t.admin.id, t.clock().toISOString())),
      () => t.request(t.admin.token, { method: 'DELETE', url: `${rm}/roleAssignments/${id}` }),
    );
    expect(response.statusCode, response.body).toBe(404);
    expect(response.json().error.code).toBe('Request_ResourceNotFound');
    expect(await countRows(t, 'directory_audits')).toBe(audits);
  });

  describe('refuses bad requests and writes nothing', () => {
    const missing = '00000000-0000-0000-0000-00000000beef';
    const cases: [string, () => Promise<Reply>, number, string, RegExp][] = [
      ['an unknown role', () => assign(t.admin.token, { roleDefinitionId: missing, principalId: t.member.id, appScopeId: scopeOf(a) }), 400, 'Request_BadRequest', /roleDefinitionId/],
      ['a directory role', () => assign(t.admin.token, { roleDefinitionId: directoryRoles.globalAdministrator.id, principalId: t.member.id, appScopeId: scopeOf(a) }), 400, 'Request_BadRequest', /roleDefinitionId/],
      ['an unknown principal', () => assign(t.admin.token, { roleDefinitionId: catalogReader.id, principalId: missing, appScopeId: scopeOf(a) }), 400, 'Request_BadRequest', /principalId/],
      ['an unknown catalog', () => assign(t.admin.token, { roleDefinitionId: catalogReader.id, principalId: t.member.id, appScopeId: `/AccessPackageCatalog/${missing}` }), 400, 'Request_BadRequest', /appScopeId/],
      ['a malformed appScopeId', () => assign(t.admin.token, { roleDefinitionId: catalogReader.id, principalId: t.member.id, appScopeId: 'catalog-a' }), 400, 'Request_BadRequest', /appScopeId/],
      ['a catalog role without a catalog', () => assign(t.admin.token, { roleDefinitionId: catalogReader.id, principalId: t.member.id, directoryScopeId: '/' }), 400, 'Request_BadRequest', /appScopeId/],
      ['Catalog creator in a catalog', () => assign(t.admin.token, { roleDefinitionId: catalogCreator.id, principalId: t.member.id, appScopeId: scopeOf(a) }), 400, 'Request_BadRequest', /appScopeId/],
      ['an unknown property', () => assign(t.admin.token, { roleDefinitionId: catalogReader.id, principalId: t.member.id, appScopeId: scopeOf(a), condition: 'x' }), 400, 'Request_BadRequest', /condition/],
      ['a wrong type', () => assign(t.admin.token, { roleDefinitionId: catalogReader.id, principalId: 42, appScopeId: scopeOf(a) }), 400, 'Request_BadRequest', /principalId/],
      ['a missing principalId', () => assign(t.admin.token, { roleDefinitionId: catalogReader.id, appScopeId: scopeOf(a) }), 400, 'Request_BadRequest', /principalId/],
      ['a GET of a missing assignment', () => get(t.admin.token, `${rm}/roleAssignments/${missing}`), 404, 'Request_ResourceNotFound', /Role assignment/],
      ['a DELETE of a missing assignment', () => t.request(t.admin.token, { method: 'DELETE', url: `${rm}/roleAssignments/${missing}` }), 404, 'Request_ResourceNotFound', /Role assignment/],
      ['a filter on an unknown property', () => get(t.admin.token, `${rm}/roleAssignments?$filter=scope eq 'x'`), 400, 'Request_BadRequest', /scope/],
    ];
    it.each(cases)('%s', async (_name, send, status, code, mentions) => {
      await expectRefused(t, send, status, code, mentions);
    });

    it('a duplicate assignment is a conflict', async () => {
      const [existing] = (await get(t.admin.token, `${rm}/roleAssignments?$filter=appScopeId eq '${scopeOf(a)}' and roleDefinitionId eq '${catalogOwner.id}'`)).json().value;
      await expectRefused(t, () => assign(t.admin.token, { roleDefinitionId: catalogOwner.id, principalId: existing.principalId, appScopeId: scopeOf(a) }), 409, 'Request_MultipleObjectsWithSameKeyValue', /principalId/);
    });
  });
});
