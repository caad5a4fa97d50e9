import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Group } from '../../domain/group.js';
import { catalogRoles } from '../../domain/roles.js';
import { addGroup, addMemberRole, addResource, createAccessPackage, createCatalog, em, expectHidden, expectRefused, giveCatalogRole, rowCounts, type Reply } from '../../../test/helpers/entitlement-fixtures.js';
import { countRows, createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { skipReason } from '../../../test/helpers/test-database.js';

/** The whole curation path: catalog → resource → package → resource role scopes → incompatibilities → deletion rules. */
describe.skipIf(skipReason())('access package contents: resource role scopes and incompatibilities', () => {
  let t: TestContext;
  let catalog: { id: string };
  let other: { id: string };
  let sales: Group;
  let salesResource: { id: string };
  let elsewhere: Group;
  let elsewhereResource: { id: string };
  let accessPackage: { id: string };
  let second: { id: string };
  beforeAll(async () => {
    t = await createTestContext();
    catalog = await createCatalog(t, 'Sales catalog');
    other = await createCatalog(t, 'Other catalog');
    sales = await addGroup(t, 'Sales team');
    elsewhere = await addGroup(t, 'Elsewhere');
    salesResource = await addResource(t, catalog.id, sales.id);
    elsewhereResource = await addResource(t, other.id, elsewhere.id);
    accessPackage = await createAccessPackage(t, catalog.id, 'Sales access');
    second = await createAccessPackage(t, catalog.id, 'Sales approvals');
  });
  afterAll(async () => t?.close());

  const get = (token: string, url: string) => t.request(token, { method: 'GET', url });
  const roleScopes = (id: string) => `${em}/accessPackages/${id}/resourceRoleScopes`;
  const postRoleScope = (token: string, id: string, payload: unknown) => t.request(token, { method: 'POST', url: roleScopes(id), payload: payload as never });
  const ref = (token: string, id: string, relation: string, odataId: string) => t.request(token, { method: 'POST', url: `${em}/accessPackages/${id}/${relation}/$ref`, payload: { '@odata.id': odataId } });
  const packageRef = (id: string) => `https://graph.microsoft.com/v1.0/identityGovernance/entitlementManagement/accessPackages/${id}`;
  const groupRef = (id: string) => `https://graph.microsoft.com/v1.0/groups/${id}`;

  it('adds the Member role of a catalog group, as Graph documents the body', async () => {
    const before = await rowCounts(t);
    const response = await addMemberRole(t, accessPackage.id, salesResource.id, sales.id);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      id: expect.any(String),
      createdDateTime: '2026-11-26T09:00:00.000Z',
      role: { displayName: 'Member', originId: `Member_${sales.id}`, originSystem: 'AadGroup' },
      scope: { displayName: 'Root', originId: sales.id, originSystem: 'AadGroup', isRootScope: true },
    });
    expect(await rowCounts(t)).toEqual({ ...before, access_package_resource_role_scopes: before.access_package_resource_role_scopes! + 1, directory_audits: before.directory_audits! + 1 });
    const [entry] = (await get(t.admin.token, `/v1.0/auditLogs/directoryAudits?$filter=activityDisplayName eq 'Add resource role scope to access package'`)).json().value;
    expect(entry.targetResources.map((target: { id: string }) => target.id)).toEqual([accessPackage.id, salesResource.id]);
  });

  it('adds by ids as copied from a catalog listing (Graph example 3), with display properties and annotations', async () => {
    const [owner] = (await get(t.admin.token, `${em}/catalogs/${catalog.id}/resourceRoles?$filter=resource/id eq '${salesResource.id}' and displayName eq 'Owner'&$expand=resource`)).json().value;
    const [root] = (await get(t.admin.token, `${em}/catalogs/${catalog.id}/resourceScopes?$filter=resource/id eq '${salesResource.id}'`)).json().value;
    const response = await postRoleScope(t.admin.token, accessPackage.id, {
      role: { '@odata.type': '#microsoft.graph.accessPackageResourceRole', ...owner },
      scope: { ...root },
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().role.originId).toBe(`Owner_${sales.id}`);
  });

  it('lists role scopes with $expand=role,scope, and packages with resourceRoleScopes($expand=role,scope)', async () => {
    const listed = await get(t.admin.token, `${roleScopes(accessPackage.id)}?$expand=role,scope`);
    expect(listed.statusCode).toBe(200);
    const value = listed.json().value;
    expect(value.map((item: { role: { originId: string } }) => item.role.originId).sort()).toEqual([`Member_${sales.id}`, `Owner_${sales.id}`]);
    expect(value[0].scope.isRootScope).toBe(true);
    const bare = (await get(t.admin.token, roleScopes(accessPackage.id))).json().value[0];
    expect(Object.keys(bare).sort()).toEqual(['createdDateTime', 'id']);

    const expanded = (await get(t.admin.token, `${em}/accessPackages/${accessPackage.id}?$expand=resourceRoleScopes($expand=role($expand=resource),scope),catalog`)).json();
    expect(expanded.catalog.id).toBe(catalog.id);
    expect(expanded.resourceRoleScopes).toHaveLength(2);
    expect(expanded.resourceRoleScopes[0].role.resource).toMatchObject({ id: salesResource.id, originId: sales.id });
    expect(expanded.resourceRoleScopes[0].scope.originId).toBe(sales.id);
    const page = (await get(t.admin.token, `${em}/accessPackages?$expand=resourceRoleScopes($select=id;$expand=role($select=originId))&$orderby=displayName`)).json().value;
    expect(page.map((item: { resourceRoleScopes: unknown[] }) => item.resourceRoleScopes.length)).toEqual([2, 0]);
    expect(Object.keys(page[0].resourceRoleScopes[0]).sort()).toEqual(['id', 'role']);
    expect(Object.keys(page[0].resourceRoleScopes[0].role).sort()).toEqual(['id', 'originId']);
  });

  it('removes a role scope by closing it', async () => {
    await addGroup(t, 'unused');
    const [first] = (await get(t.admin.token, `${roleScopes(second.id)}`)).json().value;
    expect(first).toBeUndefined();
    const added = await addMemberRole(t, second.id, salesResource.id, sales.id);
    const rows = await countRows(t, 'access_package_resource_role_scopes');
    expect((await t.request(t.admin.token, { method: 'DELETE', url: `${roleScopes(second.id)}/${added.json().id}` })).statusCode).toBe(204);
    expect(await countRows(t, 'access_package_resource_role_scopes')).toBe(rows);
    expect((await get(t.admin.token, roleScopes(second.id))).json().value).toEqual([]);
    await expectRefused(t, () => t.request(t.admin.token, { method: 'DELETE', url: `${roleScopes(second.id)}/${added.json().id}` }), 404, 'Request_ResourceNotFound');
    // And it may be added again afterwards.
    expect((await addMemberRole(t, second.id, salesResource.id, sales.id)).statusCode).toBe(201);
  });

  it('records incompatible packages and groups, both ways, and removes them', async () => {
    const before = await rowCounts(t);
    expect((await ref(t.admin.token, accessPackage.id, 'incompatibleAccessPackages', packageRef(second.id))).statusCode).toBe(204);
    expect((await ref(t.admin.token, accessPackage.id, 'incompatibleGroups', groupRef(elsewhere.id))).statusCode).toBe(204);
    expect(await rowCounts(t)).toEqual({ ...before, access_package_incompatibilities: before.access_package_incompatibilities! + 2, directory_audits: before.directory_audits! + 2 });
    expect((await get(t.admin.token, `${em}/accessPackages/${accessPackage.id}/incompatibleAccessPackages`)).json().value.map((p: { id: string }) => p.id)).toEqual([second.id]);
    const groups = (await get(t.admin.token, `${em}/accessPackages/${accessPackage.id}/incompatibleGroups?$select=displayName`)).json().value;
    expect(groups).toEqual([{ id: elsewhere.id, displayName: 'Elsewhere', '@odata.type': '#microsoft.graph.group' }]);
    expect((await get(t.admin.token, `${em}/accessPackages/${second.id}/accessPackagesIncompatibleWith`)).json().value.map((p: { id: string }) => p.id)).toEqual([accessPackage.id]);

    expect((await t.request(t.admin.token, { method: 'DELETE', url: `${em}/accessPackages/${accessPackage.id}/incompatibleGroups/${elsewhere.id}/$ref` })).statusCode).toBe(204);
    expect((await get(t.admin.token, `${em}/accessPackages/${accessPackage.id}/incompatibleGroups`)).json().value).toEqual([]);
    await expectRefused(t, () => t.request(t.admin.token, { method: 'DELETE', url: `${em}/accessPackages/${accessPackage.id}/incompatibleGroups/${elsewhere.id}/$ref` }), 404, 'Request_ResourceNotFound');
  });

  it('deleting a package ends its role scopes and incompatibilities; the resource may then leave', async () => {
    const doomed = await createAccessPackage(t, catalog.id, 'Doomed');
    expect((await addMemberRole(t, doomed.id, salesResource.id, sales.id)).statusCode).toBe(201);
    expect((await ref(t.admin.token, second.id, 'incompatibleAccessPackages', packageRef(doomed.id))).statusCode).toBe(204);
    expect((await t.request(t.admin.token, { method: 'DELETE', url: `${em}/accessPackages/${doomed.id}` })).statusCode).toBe(204);
    expect((await get(t.admin.token, `${em}/accessPackages/${second.id}/incompatibleAccessPackages`)).json().value).toEqual([]);
    const living = await t.handle.db.selectFrom('access_package_resource_role_scopes').select('id').where('access_package_id', '=', doomed.id).where('removed_date_time', 'is', null).execute();
    expect(living).toEqual([]);
    // The catalog still holds living packages, which keep the resource and the catalog in place.
    const remove = () => t.request(t.admin.token, { method: 'POST', url: `${em}/resourceRequests`, payload: { requestType: 'adminRemove', resource: { id: salesResource.id }, catalog: { id: catalog.id } } });
    await expectRefused(t, remove, 409, 'Request_ResourceInUse', /Sales access/);
    await expectRefused(t, () => t.request(t.admin.token, { method: 'DELETE', url: `${em}/catalogs/${catalog.id}` }), 409, 'Request_ResourceInUse', /Sales access/);
  });

  describe('who may change contents', () => {
    it('an access package manager adds roles of the catalog’s resources, but no resources; others are refused', async () => {
      const manager = await t.addUser({ displayName: 'Max Manager' });
      const reader = await t.addUser({ displayName: 'Rita Reader' });
      await giveCatalogRole(t, catalogRoles.accessPackageManager.id, manager.id, catalog.id);
      await giveCatalogRole(t, catalogRoles.catalogReader.id, reader.id, catalog.id);
      const fresh = await createAccessPackage(t, catalog.id, 'Managed by Max', manager.token);
      expect((await addMemberRole(t, fresh.id, salesResource.id, sales.id, manager.token)).statusCode).toBe(201);
      expect((await ref(manager.token, fresh.id, 'incompatibleGroups', groupRef(elsewhere.id))).statusCode).toBe(204);
      const owned = await addGroup(t, 'Max owns this', [manager.id]);
      await expectRefused(
        t,
        () => t.request(manager.token, { method: 'POST', url: `${em}/resourceRequests`, payload: { requestType: 'adminAdd', resource: { originId: owned.id, originSystem: 'AadGroup' }, catalog: { id: catalog.id } } }),
        403,
        'Authorization_RequestDenied',
      );
      expect((await get(reader.token, `${roleScopes(fresh.id)}?$expand=role`)).json().value).toHaveLength(1);
      expect((await get(reader.token, `${em}/accessPackages/${fresh.id}/incompatibleGroups`)).json().value).toHaveLength(1);
      await expectRefused(t, () => addMemberRole(t, second.id, salesResource.id, sales.id, reader.token), 403, 'Authorization_RequestDenied');
      await expectRefused(t, () => ref(reader.token, fresh.id, 'incompatibleAccessPackages', packageRef(second.id)), 403, 'Authorization_RequestDenied');
      await expectRefused(t, () => addMemberRole(t, second.id, salesResource.id, sales.id, t.member.token), 403, 'Authorization_RequestDenied');
      await expectHidden(t, () => get(t.member.token, roleScopes(second.id)));
      // An owner of the other catalog cannot touch this catalog's packages.
      const otherOwner = await t.addUser({ displayName: 'Otto Other' });
      await giveCatalogRole(t, catalogRoles.catalogOwner.id, otherOwner.id, other.id);
      await expectRefused(t, () => addMemberRole(t, fresh.id, salesResource.id, sales.id, otherOwner.token), 403, 'Authorization_RequestDenied');
      await expectRefused(t, () => t.request(otherOwner.token, { method: 'DELETE', url: `${em}/accessPackages/${fresh.id}` }), 403, 'Authorization_RequestDenied');
    });
  });

  describe('refuses bad requests and writes nothing', () => {
    const missing = '00000000-0000-0000-0000-00000000beef';
    const member = (groupId: string, resourceId: string) => ({ originId: `Member_${groupId}`, originSystem: 'AadGroup', resource: { id: resourceId } });
    const cases: [string, () => Promise<Reply>, number, string, RegExp?][] = [
      ['a duplicate role scope', () => addMemberRole(t, accessPackage.id, salesResource.id, sales.id), 409, 'Request_MultipleObjectsWithSameKeyValue'],
      ['a resource of another catalog', () => addMemberRole(t, accessPackage.id, elsewhereResource.id, elsewhere.id), 400, 'Request_BadRequest', /role\.resource\.id/],
      ['a role of another catalog named by id', async () => {
        const [role] = (await get(t.admin.token, `${em}/catalogs/${other.id}/resourceRoles?$filter=displayName eq 'Member'`)).json().value;
        return postRoleScope(t.admin.token, accessPackage.id, { role: { id: role.id }, scope: { originId: elsewhere.id } });
      }, 400, 'Request_BadRequest', /role\.id/],
      ['a scope of another resource', () => postRoleScope(t.admin.token, accessPackage.id, { role: member(sales.id, salesResource.id), scope: { originId: elsewhere.id, originSystem: 'AadGroup', resource: { id: elsewhereResource.id } } }), 400, 'Request_BadRequest', /scope/],
      ['an unknown resource id', () => addMemberRole(t, accessPackage.id, missing, sales.id), 400, 'Request_BadRequest', /role\.resource\.id/],
      ['an unknown role originId', () => postRoleScope(t.admin.token, accessPackage.id, { role: member(missing, salesResource.id), scope: { originId: sales.id } }), 400, 'Request_BadRequest', /role\.originId/],
      ['an unknown role id', () => postRoleScope(t.admin.token, accessPackage.id, { role: { id: missing }, scope: { originId: sales.id } }), 400, 'Request_BadRequest', /role\.id/],
      ['an unknown scope originId', () => postRoleScope(t.admin.token, accessPackage.id, { role: member(sales.id, salesResource.id), scope: { originId: missing } }), 400, 'Request_BadRequest', /scope\.originId/],
      ['an unknown scope id', () => postRoleScope(t.admin.token, accessPackage.id, { role: member(sales.id, salesResource.id), scope: { id: missing } }), 400, 'Request_BadRequest', /scope\.id/],
      ['a role without its resource', () => postRoleScope(t.admin.token, accessPackage.id, { role: { originId: `Member_${sales.id}` }, scope: { originId: sales.id } }), 400, 'Request_BadRequest', /role\.resource/],
      ['a mismatched originSystem', () => postRoleScope(t.admin.token, accessPackage.id, { role: { ...member(sales.id, salesResource.id), originSystem: 'SharePointOnline' }, scope: { originId: sales.id } }), 400, 'Request_BadRequest', /originSystem/],
      ['a missing scope', () => postRoleScope(t.admin.token, accessPackage.id, { role: member(sales.id, salesResource.id) }), 400, 'Request_BadRequest', /scope/],
      ['an unknown property', () => postRoleScope(t.admin.token, accessPackage.id, { role: member(sales.id, salesResource.id), scope: { originId: sales.id }, expiry: 'P1D' }), 400, 'Request_BadRequest', /expiry/],
      ['a wrong type', () => postRoleScope(t.admin.token, accessPackage.id, { role: member(sales.id, salesResource.id), scope: { originId: sales.id, isRootScope: 'yes' } }), 400, 'Request_BadRequest', /isRootScope/],
      ['a role scope on a missing package', () => addMemberRole(t, missing, salesResource.id, sales.id), 404, 'Request_ResourceNotFound'],
      ['removing a missing role scope', () => t.request(t.admin.token, { method: 'DELETE', url: `${roleScopes(accessPackage.id)}/${missing}` }), 404, 'Request_ResourceNotFound'],
      ['a package incompatible with itself', () => ref(t.admin.token, accessPackage.id, 'incompatibleAccessPackages', packageRef(accessPackage.id)), 400, 'Request_BadRequest', /itself/],
      ['an unknown incompatible package', () => ref(t.admin.token, accessPackage.id, 'incompatibleAccessPackages', packageRef(missing)), 404, 'Request_ResourceNotFound', /Access package/],
      ['an unknown incompatible group', () => ref(t.admin.token, accessPackage.id, 'incompatibleGroups', groupRef(missing)), 400, 'Request_BadRequest', /@odata\.id/],
      ['a duplicate incompatible package', () => ref(t.admin.token, accessPackage.id, 'incompatibleAccessPackages', packageRef(second.id)), 409, 'Request_MultipleObjectsWithSameKeyValue'],
      ['a group reference given as a package', () => ref(t.admin.token, accessPackage.id, 'incompatibleAccessPackages', groupRef(elsewhere.id)), 400, 'Request_BadRequest', /@odata\.id/],
      ['a malformed reference', () => ref(t.admin.token, accessPackage.id, 'incompatibleGroups', 'not a url'), 400, 'Request_BadRequest', /@odata\.id/],
      ['a reference body with extra properties', () => t.request(t.admin.token, { method: 'POST', url: `${em}/accessPackages/${accessPackage.id}/incompatibleGroups/$ref`, payload: { '@odata.id': groupRef(elsewhere.id), note: 'x' } }), 400, 'Request_BadRequest', /note/],
      ['removing a package that is not incompatible', () => t.request(t.admin.token, { method: 'DELETE', url: `${em}/accessPackages/${accessPackage.id}/incompatibleAccessPackages/${missing}/$ref` }), 404, 'Request_ResourceNotFound'],
      ['incompatibilities of a missing package', () => get(t.admin.token, `${em}/accessPackages/${missing}/incompatibleGroups`), 404, 'Request_ResourceNotFound'],
      ['an unsupported $expand on role scopes', () => get(t.admin.token, `${roleScopes(accessPackage.id)}?$expand=accessPackage`), 400, 'Request_BadRequest', /accessPackage/],
    ];
    it.each(cases)('%s', async (_name, send, status, code, mentions) => {
      await expectRefused(t, send, status, code, mentions);
    });
  });
});
