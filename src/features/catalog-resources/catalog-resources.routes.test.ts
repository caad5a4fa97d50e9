import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Group } from '../../domain/group.js';
import { catalogRoles, directoryRoles } from '../../domain/roles.js';
import { addGroup, addMemberRole, addResource, createAccessPackage, createCatalog, em, expectHidden, expectRefused, giveCatalogRole, rowCounts, type Reply } from '../../../test/helpers/entitlement-fixtures.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { skipReason } from '../../../test/helpers/test-database.js';
import { markGroupDeleted } from '../groups/groups.repo.js';
import { raceAgainstOpenTransaction } from '../../../test/helpers/concurrency.js';
import { lockCatalog, markCatalogDeleted } from '../catalogs/catalogs.repo.js';

describe.skipIf(skipReason())('catalog resources and resource requests', () => {
  let t: TestContext;
  let a: { id: string };
  let b: { id: string };
  let sales: Group;
  beforeAll(async () => {
    t = await createTestContext();
    a = await createCatalog(t, 'Catalog A');
    b = await createCatalog(t, 'Catalog B');
    sales = await addGroup(t, 'Sales team');
  });
  afterAll(async () => t?.close());

  const request = (token: string, payload: unknown, query = '') => t.request(token, { method: 'POST', url: `${em}/resourceRequests${query}`, payload: payload as never });
  const adminAdd = (catalogId: string, originId: string, originSystem = 'AadGroup') => ({ requestType: 'adminAdd', resource: { originId, originSystem }, catalog: { id: catalogId } });
  const get = (token: string, url: string) => t.request(token, { method: 'GET', url });

  it('adds a group through the directory connector, with its roles and root scope, in one audited write', async () => {
    const before = await rowCounts(t);
    const response = await request(t.admin.token, adminAdd(a.id, sales.id), '?$expand=resource');
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({ requestType: 'adminAdd', state: 'delivered', createdDateTime: '2026-11-26T09:00:00.000Z' });
    expect(body.resource).toMatchObject({ displayName: 'Sales team', description: 'Sales team team', originId: sales.id, originSystem: 'AadGroup' });
    expect(await rowCounts(t)).toEqual({
      ...before,
      resources: before.resources! + 1,
      resource_roles: before.resource_roles! + 2,
      resource_scopes: before.resource_scopes! + 1,
      resource_requests: before.resource_requests! + 1,
      directory_audits: before.directory_audits! + 1,
    });
    const [entry] = (await get(t.admin.token, `/v1.0/auditLogs/directoryAudits?$filter=targetResources/id eq '${body.resource.id}'`)).json().value;
    expect(entry).toMatchObject({ category: 'EntitlementManagement', activityDisplayName: 'Add resource to catalog' });
    expect(entry.additionalDetails).toEqual([
      { key: 'originSystem', value: 'AadGroup' },
      { key: 'originId', value: sales.id },
    ]);
  });

  it('lists resources with roles, scopes and environment, and filters them', async () => {
    const ops = await addGroup(t, 'Ops team');
    await addResource(t, a.id, ops.id);
    const listed = await get(t.admin.token, `${em}/catalogs/${a.id}/resources?$expand=roles,scopes,environment&$orderby=displayName`);
    expect(listed.statusCode).toBe(200);
    const [opsResource, salesResource] = listed.json().value;
    expect(opsResource.displayName).toBe('Ops team');
    expect(salesResource.roles.map((role: { originId: string }) => role.originId)).toEqual([`Member_${sales.id}`, `Owner_${sales.id}`]);
    expect(salesResource.roles[0]).toEqual({ id: expect.any(String), displayName: 'Member', description: 'Member of Sales team', originId: `Member_${sales.id}`, originSystem: 'AadGroup' });
    expect(salesResource.scopes).toEqual([{ id: expect.any(String), displayName: 'Root', description: 'Root Scope', originId: sales.id, originSystem: 'AadGroup', isRootScope: true }]);
    expect(salesResource.environment).toMatchObject({ id: '00000000-0000-0000-0000-00000000d1a0', originSystem: 'AadGroup', isDefaultEnvironment: true });

    const filtered = await get(t.admin.token, `${em}/catalogs/${a.id}/resources?$filter=originSystem eq 'AadGroup' and originId eq '${sales.id}'`);
    expect(filtered.json().value.map((r: { displayName: string }) => r.displayName)).toEqual(['Sales team']);
    expect((await get(t.admin.token, `${em}/catalogs/${a.id}/resources?$filter=startswith(displayName,'ops')`)).json().value).toHaveLength(1);
    expect((await get(t.admin.token, `${em}/catalogs/${b.id}/resources`)).json().value).toEqual([]);

    const one = await get(t.admin.token, `${em}/catalogs/${a.id}/resources/${salesResource.id}?$expand=roles($select=originId)`);
    expect(one.json().roles).toEqual([
      { id: expect.any(String), originId: `Member_${sales.id}` },
      { id: expect.any(String), originId: `Owner_${sales.id}` },
    ]);
    expect((await get(t.admin.token, `${em}/catalogs/${a.id}/resources/${salesResource.id}/roles`)).json().value).toHaveLength(2);
    expect((await get(t.admin.token, `${em}/catalogs/${a.id}/resources/${salesResource.id}/scopes`)).json().value[0].isRootScope).toBe(true);
  });

  it("finds role originIds the Graph way: resourceRoles filtered by the resource's id", async () => {
    const [salesResource] = (await get(t.admin.token, `${em}/catalogs/${a.id}/resources?$filter=originId eq '${sales.id}'`)).json().value;
    const roles = await get(t.admin.token, `${em}/catalogs/${a.id}/resourceRoles?$filter=originSystem eq 'AadGroup' and resource/id eq '${salesResource.id}'&$expand=resource`);
    expect(roles.statusCode).toBe(200);
    expect(roles.json().value.map((role: { originId: string }) => role.originId).sort()).toEqual([`Member_${sales.id}`, `Owner_${sales.id}`]);
    expect(roles.json().value[0].resource).toMatchObject({ id: salesResource.id, originId: sales.id });
    const scopes = await get(t.admin.token, `${em}/catalogs/${a.id}/resourceScopes?$filter=isRootScope eq true`);
    expect(scopes.json().value).toHaveLength(2);
    expect((await get(t.admin.token, `${em}/catalogs/${a.id}/resourceRoles?$filter=displayName eq 'Owner'&$count=true`)).json()['@odata.count']).toBe(2);
  });

  it('lists resource requests, filtered by type and catalog', async () => {
    const all = (await get(t.admin.token, `${em}/resourceRequests?$filter=catalog/id eq '${a.id}'&$expand=catalog($select=displayName)`)).json().value;
    expect(all).toHaveLength(2);
    expect(all[0].catalog).toEqual({ id: a.id, displayName: 'Catalog A' });
    expect((await get(t.admin.token, `${em}/resourceRequests?$filter=requestType eq 'adminRemove'`)).json().value).toEqual([]);
  });

  it('the same group may be in two catalogs', async () => {
    expect((await request(t.admin.token, adminAdd(b.id, sales.id))).statusCode).toBe(201);
  });

  it('removes a resource only when no living access package uses it; re-adding starts afresh', async () => {
    const temp = await addGroup(t, 'Temporary');
    const resource = await addResource(t, a.id, temp.id);
    const accessPackage = await createAccessPackage(t, a.id, 'Uses temporary');
    expect((await addMemberRole(t, accessPackage.id, resource.id, temp.id)).statusCode).toBe(201);
    const remove = () => request(t.admin.token, { requestType: 'adminRemove', resource: { id: resource.id }, catalog: { id: a.id } });
    await expectRefused(t, remove, 409, 'Request_ResourceInUse', /Uses temporary/);
    expect((await t.request(t.admin.token, { method: 'DELETE', url: `${em}/accessPackages/${accessPackage.id}` })).statusCode).toBe(204);
    const before = await rowCounts(t);
    const removed = await remove();
    expect(removed.statusCode).toBe(201);
    expect(removed.json()).toMatchObject({ requestType: 'adminRemove', state: 'delivered' });
    expect(await rowCounts(t)).toEqual({ ...before, resource_requests: before.resource_requests! + 1, directory_audits: before.directory_audits! + 1 });
    expect((await get(t.admin.token, `${em}/catalogs/${a.id}/resources/${resource.id}`)).statusCode).toBe(404);
    expect((await get(t.admin.token, `${em}/catalogs/${a.id}/resourceRoles?$filter=resource/id eq '${resource.id}'`)).json().value).toEqual([]);
    const again = await request(t.admin.token, adminAdd(a.id, temp.id), '?$expand=resource');
    expect(again.statusCode).toBe(201);
    expect(again.json().resource.id).not.toBe(resource.id);
    // Removal by originSystem and originId works too.
    expect((await request(t.admin.token, { requestType: 'adminRemove', resource: { originId: temp.id, originSystem: 'AadGroup' }, catalog: { id: a.id } })).statusCode).toBe(201);
  });

  describe('who may add what', () => {
    it("a catalog owner adds groups they own to their catalog, and nothing else", async () => {
      const owner = await t.addUser({ displayName: 'Olga Owner' });
      await giveCatalogRole(t, catalogRoles.catalogOwner.id, owner.id, a.id);
      const owned = await addGroup(t, 'Owned by Olga', [owner.id]);
      const notOwned = await addGroup(t, 'Not Olga’s');
      expect((await request(owner.token, adminAdd(a.id, owned.id))).statusCode).toBe(201);
      await expectRefused(t, () => request(owner.token, adminAdd(a.id, notOwned.id)), 403, 'Authorization_RequestDenied', /groups they own/);
      await expectRefused(t, () => request(owner.token, adminAdd(b.id, owned.id)), 403, 'Authorization_RequestDenied');
      expect((await get(owner.token, `${em}/catalogs/${a.id}/resources`)).statusCode).toBe(200);
      await expectHidden(t, () => get(owner.token, `${em}/catalogs/${b.id}/resources`));
      await expectHidden(t, () => get(owner.token, `${em}/catalogs/${b.id}/resourceRoles`));
      // The owner's list of resource requests holds catalog A's only.
      const requests = (await get(owner.token, `${em}/resourceRequests?$expand=catalog`)).json().value;
      expect(requests.every((item: { catalog: { id: string } }) => item.catalog.id === a.id)).toBe(true);
    });

    it('only a Global Administrator adds a role-assignable group, whose members hold directory roles', async () => {
      const governance = await t.addUser({ displayName: 'Gina Governance' }, [directoryRoles.identityGovernanceAdministrator.id]);
      const owner = await t.addUser({ displayName: 'Oskar Owner' });
      await giveCatalogRole(t, catalogRoles.catalogOwner.id, owner.id, a.id);
      const admins = await addGroup(t, 'Helpdesk admins', [owner.id], { isAssignableToRole: true });
      await expectRefused(t, () => request(governance.token, adminAdd(a.id, admins.id)), 403, 'Authorization_RequestDenied', /directory roles.*Global Administrator/);
      await expectRefused(t, () => request(owner.token, adminAdd(a.id, admins.id)), 403, 'Authorization_RequestDenied', /directory roles.*Global Administrator/);
      expect((await request(t.admin.token, adminAdd(a.id, admins.id))).statusCode).toBe(201);
      // A dynamic group confers no directory role: governance administrators still add it.
      const dynamic = await addGroup(t, 'All of Sales', [], { groupTypes: ['DynamicMembership'], membershipRule: 'user.department -eq "Sales"', membershipRuleProcessingState: 'On' });
      expect((await request(governance.token, adminAdd(a.id, dynamic.id))).statusCode).toBe(201);
    });

    it('an access package manager, a reader and a plain member may not add resources', async () => {
      const owned = await addGroup(t, 'Everyone owns this');
      const manager = await t.addUser({ displayName: 'Max Manager' });
      const reader = await t.addUser({ displayName: 'Rita Reader' });
      await giveCatalogRole(t, catalogRoles.accessPackageManager.id, manager.id, a.id);
      await giveCatalogRole(t, catalogRoles.catalogReader.id, reader.id, a.id);
      for (const user of [manager, reader]) {
        await expectRefused(t, () => request(user.token, adminAdd(a.id, owned.id)), 403, 'Authorization_RequestDenied');
        expect((await get(user.token, `${em}/catalogs/${a.id}/resources`)).statusCode).toBe(200);
      }
      await expectRefused(t, () => request(t.member.token, adminAdd(a.id, owned.id)), 403, 'Authorization_RequestDenied');
      await expectHidden(t, () => get(t.member.token, `${em}/catalogs/${a.id}/resources`));
      expect((await get(t.member.token, `${em}/resourceRequests`)).json().value).toEqual([]);
    });
  });

  it('a resource added while its catalog is being deleted is refused, not left living in a deleted catalog', async () => {
    const doomed = await createCatalog(t, 'Doomed');
    const group = await addGroup(t, 'Raced group');
    const before = await rowCounts(t);
    const response = await raceAgainstOpenTransaction(
      t,
      async (trx) => {
        await lockCatalog(trx, doomed.id);
        await markCatalogDeleted(trx, doomed.id, t.clock().toISOString());
      },
      () => request(t.admin.token, adminAdd(doomed.id, group.id)),
    );
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'Request_BadRequest', target: 'catalog.id' });
    expect(await rowCounts(t)).toEqual(before);
  });

  describe('refuses bad requests and writes nothing', () => {
    const missing = '00000000-0000-0000-0000-00000000beef';
    const cases: [string, () => Promise<Reply>, number, string, RegExp][] = [
      ['an unknown origin system', () => request(t.admin.token, adminAdd(a.id, sales.id, 'SharePointOnline')), 400, 'Request_BadRequest', /resource\.originSystem/],
      ['an unknown group', () => request(t.admin.token, adminAdd(a.id, missing)), 400, 'Request_BadRequest', /resource\.originId/],
      ['an unknown catalog', () => request(t.admin.token, adminAdd(missing, sales.id)), 400, 'Request_BadRequest', /catalog\.id/],
      ['a group already in the catalog', () => request(t.admin.token, adminAdd(a.id, sales.id)), 409, 'Request_MultipleObjectsWithSameKeyValue', /resource\.originId/],
      ['an unknown requestType', () => request(t.admin.token, { ...adminAdd(a.id, sales.id), requestType: 'adminDelete' }), 400, 'Request_BadRequest', /requestType/],
      ['an unsupported requestType', () => request(t.admin.token, { ...adminAdd(a.id, sales.id), requestType: 'userAdd' }), 400, 'Request_BadRequest', /requestType/],
      ['an unknown property in the resource', () => request(t.admin.token, { ...adminAdd(a.id, sales.id), resource: { originId: sales.id, originSystem: 'AadGroup', colour: 'red' } }), 400, 'Request_BadRequest', /colour/],
      ['an unknown property at the top', () => request(t.admin.token, { ...adminAdd(a.id, sales.id), justification: 'x' }), 400, 'Request_BadRequest', /justification/],
      ['a missing catalog', () => request(t.admin.token, { requestType: 'adminAdd', resource: { originId: sales.id, originSystem: 'AadGroup' } }), 400, 'Request_BadRequest', /catalog/],
      ['a missing originSystem', () => request(t.admin.token, { requestType: 'adminAdd', resource: { originId: sales.id }, catalog: { id: a.id } }), 400, 'Request_BadRequest', /resource\.originSystem/],
      ['a wrong type', () => request(t.admin.token, { requestType: 'adminAdd', resource: { originId: 7, originSystem: 'AadGroup' }, catalog: { id: a.id } }), 400, 'Request_BadRequest', /originId/],
      ['removing an unknown resource', () => request(t.admin.token, { requestType: 'adminRemove', resource: { id: missing }, catalog: { id: a.id } }), 400, 'Request_BadRequest', /resource\.id/],
      ['removing without naming the resource', () => request(t.admin.token, { requestType: 'adminRemove', resource: {}, catalog: { id: a.id } }), 400, 'Request_BadRequest', /resource\.id/],
      ['listing resources of a missing catalog', () => get(t.admin.token, `${em}/catalogs/${missing}/resources`), 404, 'Request_ResourceNotFound', /Catalog/],
      ['a missing resource', () => get(t.admin.token, `${em}/catalogs/${a.id}/resources/${missing}`), 404, 'Request_ResourceNotFound', /Resource/],
      ['a filter on an unknown property', () => get(t.admin.token, `${em}/catalogs/${a.id}/resourceRoles?$filter=colour eq 'red'`), 400, 'Request_BadRequest', /colour/],
      ['an unsupported $expand', () => get(t.admin.token, `${em}/catalogs/${a.id}/resources?$expand=owners`), 400, 'Request_BadRequest', /owners/],
    ];
    it.each(cases)('%s', async (_name, send, status, code, mentions) => {
      await expectRefused(t, send, status, code, mentions);
    });

    it('a deleted group cannot be added', async () => {
      const gone = await addGroup(t, 'Gone');
      await markGroupDeleted(t.handle.db, gone.id, t.clock().toISOString());
      await expectRefused(t, () => request(t.admin.token, adminAdd(a.id, gone.id)), 400, 'Request_BadRequest', /resource\.originId/);
    });
  });
});
