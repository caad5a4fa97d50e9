import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogRoles, directoryRoles } from '../../domain/roles.js';
import { addGroup, addResource, createAccessPackage, createCatalog, em, expectHidden, expectRefused, giveCatalogRole, type Reply } from '../../../test/helpers/entitlement-fixtures.js';
import { countRows, createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { skipReason } from '../../../test/helpers/test-database.js';
import { raceAgainstOpenTransaction } from '../../../test/helpers/concurrency.js';
import { lockCatalog, markCatalogDeleted } from './catalogs.repo.js';

describe.skipIf(skipReason())('/v1.0/identityGovernance/entitlementManagement/catalogs', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t?.close());

  const post = (token: string | undefined, payload: unknown) => t.request(token, { method: 'POST', url: `${em}/catalogs`, payload: payload as never });
  const get = (token: string, url: string) => t.request(token, { method: 'GET', url });
  const names = (response: Reply) => response.json().value.map((item: { displayName: string }) => item.displayName);

  it("creates a catalog with Graph's defaults and audits it", async () => {
    const audits = await countRows(t, 'directory_audits');
    const response = await post(t.admin.token, { displayName: 'Sales', description: 'Sales resources' });
    expect(response.statusCode).toBe(201);
    const catalog = response.json();
    expect(catalog).toMatchObject({
      displayName: 'Sales',
      description: 'Sales resources',
      catalogType: 'userManaged',
      state: 'published',
      isExternallyVisible: false,
      createdDateTime: '2026-11-26T09:00:00.000Z',
      modifiedDateTime: '2026-11-26T09:00:00.000Z',
    });
    expect(catalog.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(catalog.deletedDateTime).toBeUndefined();
    // An administrator already manages every catalog: no owner role is added for them.
    expect(await countRows(t, 'role_assignments')).toBe(1);
    expect(await countRows(t, 'directory_audits')).toBe(audits + 1);
    const [entry] = (await get(t.admin.token, `/v1.0/auditLogs/directoryAudits?$filter=targetResources/id eq '${catalog.id}'`)).json().value;
    expect(entry).toMatchObject({ category: 'EntitlementManagement', activityDisplayName: 'Create catalog', loggedByService: 'Entitlement Management', result: 'success' });
    expect(entry.initiatedBy.user.userPrincipalName).toBe('admin@example.com');
  });

  it('reads, filters, sorts, selects and counts', async () => {
    await post(t.admin.token, { displayName: 'Finance', state: 'unpublished', isExternallyVisible: true });
    await post(t.admin.token, { displayName: 'Engineering' });
    expect(names(await get(t.admin.token, `${em}/catalogs?$orderby=displayName`))).toEqual(['Engineering', 'Finance', 'Sales']);
    expect(names(await get(t.admin.token, `${em}/catalogs?$filter=state eq 'unpublished'`))).toEqual(['Finance']);
    expect(names(await get(t.admin.token, `${em}/catalogs?$filter=isExternallyVisible eq true or startswith(displayName,'eng')&$orderby=displayName desc`))).toEqual(['Finance', 'Engineering']);
    const counted = (await get(t.admin.token, `${em}/catalogs?$count=true&$top=1&$select=displayName`)).json();
    expect(counted['@odata.count']).toBe(3);
    expect(Object.keys(counted.value[0]).sort()).toEqual(['displayName', 'id']);
    expect(counted['@odata.nextLink']).toContain('skiptoken=');
    const finance = (await get(t.admin.token, `${em}/catalogs?$filter=displayName eq 'finance'`)).json().value[0];
    const one = await get(t.admin.token, `${em}/catalogs/${finance.id}?$select=state`);
    expect(one.json()).toMatchObject({ id: finance.id, state: 'unpublished' });
  });

  it('updates with PATCH semantics; a change of nothing writes nothing', async () => {
    const sales = (await get(t.admin.token, `${em}/catalogs?$filter=displayName eq 'Sales'`)).json().value[0];
    t.clock.advance(60_000);
    const audits = await countRows(t, 'directory_audits');
    const patch = (payload: unknown) => t.request(t.admin.token, { method: 'PATCH', url: `${em}/catalogs/${sales.id}`, payload: payload as never });
    expect((await patch({ state: 'unpublished', description: null })).statusCode).toBe(204);
    const after = (await get(t.admin.token, `${em}/catalogs/${sales.id}`)).json();
    expect(after).toMatchObject({ displayName: 'Sales', state: 'unpublished', description: null, modifiedDateTime: '2026-11-26T09:01:00.000Z' });
    expect(await countRows(t, 'directory_audits')).toBe(audits + 1);
    expect((await patch({ state: 'unpublished' })).statusCode).toBe(204);
    expect(await countRows(t, 'directory_audits')).toBe(audits + 1);
    // Renaming to its own name in another case is not a clash with itself.
    expect((await patch({ displayName: 'SALES' })).statusCode).toBe(204);
    expect((await patch({ displayName: 'Sales', state: 'published' })).statusCode).toBe(204);
  });

  it('deletes softly, and not while the catalog holds access packages', async () => {
    const catalog = await createCatalog(t, 'Short-lived');
    const accessPackage = await createAccessPackage(t, catalog.id, 'Blocker');
    const reader = await t.addUser({ displayName: 'Short-lived reader' });
    const readerRole = await giveCatalogRole(t, catalogRoles.catalogReader.id, reader.id, catalog.id);
    const resource = await addResource(t, catalog.id, (await addGroup(t, 'Short-lived group')).id);
    await expectRefused(t, () => t.request(t.admin.token, { method: 'DELETE', url: `${em}/catalogs/${catalog.id}` }), 409, 'Request_ResourceInUse', /Blocker/);
    expect((await t.request(t.admin.token, { method: 'DELETE', url: `${em}/accessPackages/${accessPackage.id}` })).statusCode).toBe(204);
    const rows = await countRows(t, 'catalogs');
    expect((await t.request(t.admin.token, { method: 'DELETE', url: `${em}/catalogs/${catalog.id}` })).statusCode).toBe(204);
    expect(await countRows(t, 'catalogs')).toBe(rows);
    expect((await get(t.admin.token, `${em}/catalogs/${catalog.id}`)).statusCode).toBe(404);
    expect(names(await get(t.admin.token, `${em}/catalogs`))).not.toContain('Short-lived');
    // Its roles and resources end with it; the rows stay for history.
    const role = await t.handle.db.selectFrom('role_assignments').select('ended_date_time').where('id', '=', readerRole).executeTakeFirstOrThrow();
    expect(role.ended_date_time).toBe(t.clock().toISOString());
    const row = await t.handle.db.selectFrom('resources').select('removed_date_time').where('id', '=', resource.id).executeTakeFirstOrThrow();
    expect(row.removed_date_time).toBe(t.clock().toISOString());
    expect((await get(reader.token, `${em}/catalogs`)).json().value).toEqual([]);
    // The name is free again for a new catalog.
    expect((await post(t.admin.token, { displayName: 'short-lived' })).statusCode).toBe(201);
  });

  it('a PATCH racing a DELETE finds the catalog deleted, and does not bring it back', async () => {
    const catalog = await createCatalog(t, 'Raced');
    const audits = await countRows(t, 'directory_audits');
    const patched = await raceAgainstOpenTransaction(
      t,
      async (trx) => {
        await lockCatalog(trx, catalog.id);
        await markCatalogDeleted(trx, catalog.id, t.clock().toISOString());
      },
      () => t.request(t.admin.token, { method: 'PATCH', url: `${em}/catalogs/${catalog.id}`, payload: { description: 'too late' } }),
    );
    expect(patched.statusCode, patched.body).toBe(404);
    expect(patched.json().error.code).toBe('Request_ResourceNotFound');
    const row = await t.handle.db.selectFrom('catalogs').select(['deleted_date_time', 'description']).where('id', '=', catalog.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ deleted_date_time: t.clock().toISOString(), description: null });
    expect(await countRows(t, 'directory_audits')).toBe(audits);
  });

  describe('who may do what', () => {
    it('a Catalog creator creates catalogs, becomes their owner, and sees only those', async () => {
      const creator = await t.addUser({ displayName: 'Cato Creator' });
      const given = await t.request(t.admin.token, {
        method: 'POST',
        url: '/v1.0/roleManagement/entitlementManagement/roleAssignments',
        payload: { roleDefinitionId: catalogRoles.catalogCreator.id, principalId: creator.id, directoryScopeId: '/' },
      });
      expect(given.statusCode).toBe(201);
      expect(given.json()).toMatchObject({ directoryScopeId: '/', appScopeId: null });
      const roles = await countRows(t, 'role_assignments');
      const audits = await countRows(t, 'directory_audits');
      const created = await post(creator.token, { displayName: "Cato's catalog" });
      expect(created.statusCode).toBe(201);
      expect(await countRows(t, 'role_assignments')).toBe(roles + 1);
      expect(await countRows(t, 'directory_audits')).toBe(audits + 2);
      expect(names(await get(creator.token, `${em}/catalogs`))).toEqual(["Cato's catalog"]);
      const ownership = (await get(creator.token, `/v1.0/roleManagement/entitlementManagement/roleAssignments?$filter=appScopeId eq '/AccessPackageCatalog/${created.json().id}'`)).json().value;
      expect(ownership).toEqual([expect.objectContaining({ roleDefinitionId: catalogRoles.catalogOwner.id, principalId: creator.id })]);
      expect((await t.request(creator.token, { method: 'PATCH', url: `${em}/catalogs/${created.json().id}`, payload: { description: 'mine' } })).statusCode).toBe(204);
    });

    it('an owner of catalog A manages A, is refused B and does not see B', async () => {
      const a = await createCatalog(t, 'Catalog A');
      const b = await createCatalog(t, 'Catalog B');
      const owner = await t.addUser({ displayName: 'Olga Owner' });
      await giveCatalogRole(t, catalogRoles.catalogOwner.id, owner.id, a.id);
      expect(names(await get(owner.token, `${em}/catalogs`))).toEqual(['Catalog A']);
      expect((await get(owner.token, `${em}/catalogs/${a.id}`)).statusCode).toBe(200);
      expect((await t.request(owner.token, { method: 'PATCH', url: `${em}/catalogs/${a.id}`, payload: { isExternallyVisible: true } })).statusCode).toBe(204);
      await expectHidden(t, () => get(owner.token, `${em}/catalogs/${b.id}`));
      await expectRefused(t, () => t.request(owner.token, { method: 'PATCH', url: `${em}/catalogs/${b.id}`, payload: { description: 'x' } }), 403, 'Authorization_RequestDenied');
      await expectRefused(t, () => t.request(owner.token, { method: 'DELETE', url: `${em}/catalogs/${b.id}` }), 403, 'Authorization_RequestDenied');
      // Owning a catalog is not the right to create catalogs.
      await expectRefused(t, () => post(owner.token, { displayName: 'Not allowed' }), 403, 'Authorization_RequestDenied');
    });

    it('a Catalog reader reads but does not write; a role held through a group counts', async () => {
      const a = (await get(t.admin.token, `${em}/catalogs?$filter=displayName eq 'Catalog A'`)).json().value[0];
      const reader = await t.addUser({ displayName: 'Rita Reader' });
      await giveCatalogRole(t, catalogRoles.catalogReader.id, reader.id, a.id);
      expect((await get(reader.token, `${em}/catalogs/${a.id}`)).json().displayName).toBe('Catalog A');
      await expectRefused(t, () => t.request(reader.token, { method: 'PATCH', url: `${em}/catalogs/${a.id}`, payload: { description: 'x' } }), 403, 'Authorization_RequestDenied');
      await expectRefused(t, () => t.request(reader.token, { method: 'DELETE', url: `${em}/catalogs/${a.id}` }), 403, 'Authorization_RequestDenied');
    });

    it('a Global Reader reads every catalog but changes none; a plain member sees none', async () => {
      const globalReader = await t.addUser({ displayName: 'Gus Reader' }, [directoryRoles.globalReader.id]);
      const all = names(await get(t.admin.token, `${em}/catalogs`));
      expect(names(await get(globalReader.token, `${em}/catalogs`))).toEqual(all);
      const a = (await get(t.admin.token, `${em}/catalogs?$filter=displayName eq 'Catalog A'`)).json().value[0];
      await expectRefused(t, () => t.request(globalReader.token, { method: 'PATCH', url: `${em}/catalogs/${a.id}`, payload: { description: 'x' } }), 403, 'Authorization_RequestDenied');
      await expectRefused(t, () => post(globalReader.token, { displayName: 'Nope' }), 403, 'Authorization_RequestDenied');
      expect((await get(t.member.token, `${em}/catalogs`)).json().value).toEqual([]);
      await expectHidden(t, () => get(t.member.token, `${em}/catalogs/${a.id}`));
      await expectRefused(t, () => post(t.member.token, { displayName: 'Nope' }), 403, 'Authorization_RequestDenied');
    });

    it('an Identity Governance Administrator manages any catalog', async () => {
      const governance = await t.addUser({ displayName: 'Gina Governance' }, [directoryRoles.identityGovernanceAdministrator.id]);
      const created = await post(governance.token, { displayName: 'Governed' });
      expect(created.statusCode).toBe(201);
      const b = (await get(t.admin.token, `${em}/catalogs?$filter=displayName eq 'Catalog B'`)).json().value[0];
      expect((await t.request(governance.token, { method: 'PATCH', url: `${em}/catalogs/${b.id}`, payload: { state: 'unpublished' } })).statusCode).toBe(204);
    });
  });

  describe('refuses bad requests and writes nothing', () => {
    const unknownId = '00000000-0000-0000-0000-00000000beef';
    const sales = async () => (await get(t.admin.token, `${em}/catalogs?$filter=displayName eq 'Sales'`)).json().value[0].id as string;
    const cases: [string, () => Promise<Reply>, number, string, RegExp?][] = [
      ['no token', () => post(undefined, { displayName: 'X' }), 401, 'InvalidAuthenticationToken'],
      ['a missing displayName', () => post(t.admin.token, { description: 'X' }), 400, 'Request_BadRequest', /displayName/],
      ['an empty displayName', () => post(t.admin.token, { displayName: '  ' }), 400, 'Request_BadRequest', /displayName/],
      ['an unknown property', () => post(t.admin.token, { displayName: 'X', colour: 'blue' }), 400, 'Request_BadRequest', /colour/],
      ['a wrong type', () => post(t.admin.token, { displayName: 'X', isExternallyVisible: 'yes' }), 400, 'Request_BadRequest', /isExternallyVisible/],
      ['an unknown state', () => post(t.admin.token, { displayName: 'X', state: 'archived' }), 400, 'Request_BadRequest', /state/],
      ['a service catalog type', () => post(t.admin.token, { displayName: 'X', catalogType: 'serviceDefault' }), 400, 'Request_BadRequest', /catalogType/],
      ['a duplicate name, in any case', () => post(t.admin.token, { displayName: 'SALES' }), 409, 'Request_MultipleObjectsWithSameKeyValue', /displayName/],
      ['a rename onto another catalog', async () => t.request(t.admin.token, { method: 'PATCH', url: `${em}/catalogs/${await sales()}`, payload: { displayName: 'finance' } }), 409, 'Request_MultipleObjectsWithSameKeyValue', /displayName/],
      ['a PATCH with a bad enum', async () => t.request(t.admin.token, { method: 'PATCH', url: `${em}/catalogs/${await sales()}`, payload: { state: 'gone' } }), 400, 'Request_BadRequest', /state/],
      ['a PATCH of a missing catalog', () => t.request(t.admin.token, { method: 'PATCH', url: `${em}/catalogs/${unknownId}`, payload: { description: 'x' } }), 404, 'Request_ResourceNotFound'],
      ['a DELETE of a missing catalog', () => t.request(t.admin.token, { method: 'DELETE', url: `${em}/catalogs/${unknownId}` }), 404, 'Request_ResourceNotFound'],
      ['a GET of a missing catalog', () => get(t.admin.token, `${em}/catalogs/${unknownId}`), 404, 'Request_ResourceNotFound'],
      ['a filter on an unknown property', () => get(t.admin.token, `${em}/catalogs?$filter=colour eq 'blue'`), 400, 'Request_BadRequest', /colour/],
      ['a filter with an unknown state', () => get(t.admin.token, `${em}/catalogs?$filter=state eq 'archived'`), 400, 'Request_BadRequest', /archived/],
      ['an unsupported $expand', () => get(t.admin.token, `${em}/catalogs?$expand=owners`), 400, 'Request_BadRequest', /owners/],
    ];
    it.each(cases)('%s', async (_name, send, status, code, mentions) => {
      await expectRefused(t, send, status, code, mentions);
    });
  });
});
