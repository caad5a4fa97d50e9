import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Group } from '../../domain/group.js';
import { catalogRoles } from '../../domain/roles.js';
import { raceAgainstOpenTransaction } from '../../../test/helpers/concurrency.js';
import { addGroup, addMemberRole, addResource, createAccessPackage, createCatalog, em, expectRefused, giveCatalogRole, rowCounts } from '../../../test/helpers/entitlement-fixtures.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { skipReason } from '../../../test/helpers/test-database.js';
import { lockAccessPackage, markAccessPackageDeleted } from '../access-packages/access-packages.repo.js';
import { insertIncompatibility } from './incompatibilities.repo.js';
import { closeRoleScope } from './resource-role-scopes.repo.js';

/** What a package hands out and excludes, across catalog boundaries and under concurrent writers. */
describe.skipIf(skipReason())('access package contents across catalogs and races', () => {
  let t: TestContext;
  let a: { id: string };
  let b: { id: string };
  let sales: Group;
  let salesResource: { id: string };
  let elsewhere: Group;
  let elsewhereResource: { id: string };
  let inA: { id: string };
  let alsoInA: { id: string };
  let inB: { id: string };
  let manager: { id: string; token: string };
  beforeAll(async () => {
    t = await createTestContext();
    [a, b] = [await createCatalog(t, 'Catalog A'), await createCatalog(t, 'Catalog B')];
    [sales, elsewhere] = [await addGroup(t, 'Sales team'), await addGroup(t, 'Elsewhere')];
    salesResource = await addResource(t, a.id, sales.id);
    elsewhereResource = await addResource(t, b.id, elsewhere.id);
    [inA, alsoInA, inB] = [await createAccessPackage(t, a.id, 'Sales access'), await createAccessPackage(t, a.id, 'Sales approvals'), await createAccessPackage(t, b.id, 'Secret B package')];
    manager = await t.addUser({ displayName: 'Max Manager' });
    await giveCatalogRole(t, catalogRoles.accessPackageManager.id, manager.id, a.id);
  });
  afterAll(async () => t?.close());

  const get = (token: string, url: string) => t.request(token, { method: 'GET', url });
  const ref = (token: string, id: string, relation: string, odataId: string) => t.request(token, { method: 'POST', url: `${em}/accessPackages/${id}/${relation}/$ref`, payload: { '@odata.id': odataId } });
  const packageRef = (id: string) => `https://graph.microsoft.com/v1.0/identityGovernance/entitlementManagement/accessPackages/${id}`;
  const groupRef = (id: string) => `https://graph.microsoft.com/v1.0/groups/${id}`;
  const postRoleScope = (id: string, payload: unknown) => t.request(t.admin.token, { method: 'POST', url: `${em}/accessPackages/${id}/resourceRoleScopes`, payload: payload as never });
  const ids = async (token: string, url: string) => (await get(token, url)).json().value.map((item: { id: string }) => item.id);
  const deletePackage = (id: string) => async (trx: Parameters<typeof lockAccessPackage>[0]) => {
    await lockAccessPackage(trx, id);
    await markAccessPackageDeleted(trx, id, t.clock().toISOString());
  };

  it("shows a package only the packages of catalogs the caller may read", async () => {
    expect((await ref(t.admin.token, inA.id, 'incompatibleAccessPackages', packageRef(inB.id))).statusCode).toBe(204);
    expect((await ref(t.admin.token, inB.id, 'incompatibleAccessPackages', packageRef(alsoInA.id))).statusCode).toBe(204);
    expect(await ids(t.admin.token, `${em}/accessPackages/${inA.id}/incompatibleAccessPackages`)).toEqual([inB.id]);
    expect(await ids(t.admin.token, `${em}/accessPackages/${alsoInA.id}/accessPackagesIncompatibleWith`)).toEqual([inB.id]);
    expect(await ids(manager.token, `${em}/accessPackages/${inA.id}/incompatibleAccessPackages`)).toEqual([]);
    expect(await ids(manager.token, `${em}/accessPackages/${alsoInA.id}/accessPackagesIncompatibleWith`)).toEqual([]);
  });

  it('lets a package manager link only packages they may read', async () => {
    await expectRefused(t, () => ref(manager.token, alsoInA.id, 'incompatibleAccessPackages', packageRef(inB.id)), 404, 'Request_ResourceNotFound', /Access package/);
    expect((await ref(manager.token, alsoInA.id, 'incompatibleAccessPackages', packageRef(inA.id))).statusCode).toBe(204);
  });

  it("resolves a role scope's resource, role and scope within the package's catalog only, naming nothing of another", async () => {
    const [roleInB] = (await get(t.admin.token, `${em}/catalogs/${b.id}/resourceRoles?$filter=displayName eq 'Member'`)).json().value;
    const [scopeInB] = (await get(t.admin.token, `${em}/catalogs/${b.id}/resourceScopes`)).json().value;
    const attempts: [unknown, string][] = [
      [{ role: { originId: 'Member_nobody', originSystem: 'AadGroup', resource: { id: elsewhereResource.id } }, scope: { originId: elsewhere.id } }, 'role.resource.id'],
      [{ role: { id: roleInB.id }, scope: { originId: elsewhere.id } }, 'role.id'],
      [{ role: { originId: `Member_${sales.id}`, resource: { id: salesResource.id } }, scope: { id: scopeInB.id } }, 'scope.id'],
    ];
    for (const [payload, target] of attempts) {
      const before = await rowCounts(t);
      const response = await postRoleScope(inA.id, payload);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'Request_BadRequest', target, message: expect.stringMatching(/not in the access package's catalog/) });
      expect(response.body).not.toMatch(/Elsewhere/);
      expect(await rowCounts(t)).toEqual(before);
    }
  });

  describe('races', () => {
    it('a role scope added while its package is being deleted is refused, not left living', async () => {
      const doomed = await createAccessPackage(t, a.id, 'Doomed by role scope');
      const before = await rowCounts(t);
      const response = await raceAgainstOpenTransaction(t, deletePackage(doomed.id), () => addMemberRole(t, doomed.id, salesResource.id, sales.id));
      expect(response.statusCode, response.body).toBe(404);
      expect(response.json().error.code).toBe('Request_ResourceNotFound');
      expect(await rowCounts(t)).toEqual(before);
    });

    it('an incompatibility added to, or naming, a package being deleted is refused', async () => {
      const doomed = await createAccessPackage(t, a.id, 'Doomed by incompatibility');
      const before = await rowCounts(t);
      const onIt = await raceAgainstOpenTransaction(t, deletePackage(doomed.id), () => ref(t.admin.token, doomed.id, 'incompatibleGroups', groupRef(sales.id)));
      expect(onIt.statusCode, onIt.body).toBe(404);
      const other = await createAccessPackage(t, a.id, 'Doomed as the other');
      const naming = await raceAgainstOpenTransaction(t, deletePackage(other.id), () => ref(t.admin.token, inA.id, 'incompatibleAccessPackages', packageRef(other.id)));
      expect(naming.statusCode, naming.body).toBe(404);
      expect(naming.json().error.code).toBe('Request_ResourceNotFound');
      expect(await rowCounts(t)).toEqual({ ...before, access_packages: before.access_packages! + 1, directory_audits: before.directory_audits! + 1 });
    });

    it('a duplicate incompatibility that slips past the check is a conflict, settled by the unique index', async () => {
      const before = await rowCounts(t);
      const insert = (trx: Parameters<typeof insertIncompatibility>[0]) => insertIncompatibility(trx, alsoInA.id, 'group', elsewhere.id, t.admin.id, t.clock().toISOString());
      const response = await raceAgainstOpenTransaction(t, insert, () => ref(t.admin.token, alsoInA.id, 'incompatibleGroups', groupRef(elsewhere.id)));
      expect(response.statusCode, response.body).toBe(409);
      expect(response.json().error.code).toBe('Request_MultipleObjectsWithSameKeyValue');
      expect(await rowCounts(t)).toEqual({ ...before, access_package_incompatibilities: before.access_package_incompatibilities! + 1 });
    });

    it('of two racing removals of a role scope the second finds nothing and audits nothing', async () => {
      const added = (await addMemberRole(t, alsoInA.id, salesResource.id, sales.id)).json();
      const before = await rowCounts(t);
      const close = async (trx: Parameters<typeof closeRoleScope>[0]) => void (await closeRoleScope(trx, added.id, t.admin.id, t.clock().toISOString()));
      const response = await raceAgainstOpenTransaction(t, close, () => t.request(t.admin.token, { method: 'DELETE', url: `${em}/accessPackages/${alsoInA.id}/resourceRoleScopes/${added.id}` }));
      expect(response.statusCode, response.body).toBe(404);
      expect(await rowCounts(t)).toEqual(before);
    });
  });
});
