import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogRoles, directoryRoles } from '../../domain/roles.js';
import { createAccessPackage, createCatalog, createPolicy, em, expectHidden, expectRefused, giveCatalogRole, rowCounts, type Reply } from '../../../test/helpers/entitlement-fixtures.js';
import { countRows, createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { skipReason } from '../../../test/helpers/test-database.js';
import { raceAgainstOpenTransaction } from '../../../test/helpers/concurrency.js';
import { buildAccessPackage } from '../../domain/access-package.js';
import { insertAccessPackage, lockAccessPackage, markAccessPackageDeleted } from './access-packages.repo.js';

describe.skipIf(skipReason())('/v1.0/identityGovernance/entitlementManagement/accessPackages', () => {
  let t: TestContext;
  let a: { id: string };
  let b: { id: string };
  beforeAll(async () => {
    t = await createTestContext();
    a = await createCatalog(t, 'Catalog A');
    b = await createCatalog(t, 'Catalog B');
  });
  afterAll(async () => t?.close());

  const post = (token: string, payload: unknown) => t.request(token, { method: 'POST', url: `${em}/accessPackages`, payload: payload as never });
  const patch = (token: string, id: string, payload: unknown) => t.request(token, { method: 'PATCH', url: `${em}/accessPackages/${id}`, payload: payload as never });
  const get = (token: string, url: string) => t.request(token, { method: 'GET', url });
  const names = (response: Reply) => response.json().value.map((item: { displayName: string }) => item.displayName);

  it('creates a package in a catalog, in Graph shape, and audits it', async () => {
    const before = await rowCounts(t);
    const response = await post(t.admin.token, { displayName: 'Sales access', description: 'For sellers', catalog: { id: a.id } });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({
      '@odata.context': expect.stringContaining('accessPackages/$entity'),
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      displayName: 'Sales access',
      description: 'For sellers',
      isHidden: false,
      createdDateTime: '2026-11-26T09:00:00.000Z',
      modifiedDateTime: '2026-11-26T09:00:00.000Z',
    });
    expect(await rowCounts(t)).toEqual({ ...before, access_packages: before.access_packages! + 1, directory_audits: before.directory_audits! + 1 });
    const [entry] = (await get(t.admin.token, `/v1.0/auditLogs/directoryAudits?$filter=targetResources/id eq '${response.json().id}'`)).json().value;
    expect(entry).toMatchObject({ category: 'EntitlementManagement', activityDisplayName: 'Create access package' });
    expect(entry.targetResources.map((target: { type: string }) => target.type)).toEqual(['AccessPackage', 'AccessPackageCatalog']);
  });

  it('reads with $expand=catalog, filters on catalog/id, isHidden and names', async () => {
    await post(t.admin.token, { displayName: 'Hidden ops', isHidden: true, catalog: { id: a.id } });
    await post(t.admin.token, { displayName: 'Sales access', catalog: { id: b.id } });
    expect(names(await get(t.admin.token, `${em}/accessPackages?$filter=catalog/id eq '${a.id}'&$orderby=displayName`))).toEqual(['Hidden ops', 'Sales access']);
    expect(names(await get(t.admin.token, `${em}/accessPackages?$filter=isHidden eq true`))).toEqual(['Hidden ops']);
    expect(names(await get(t.admin.token, `${em}/accessPackages?$filter=contains(description,'sell')`))).toEqual(['Sales access']);
    expect(names(await get(t.admin.token, `${em}/catalogs/${b.id}/accessPackages`))).toEqual(['Sales access']);
    const expanded = (await get(t.admin.token, `${em}/accessPackages?$filter=catalog/id eq '${b.id}'&$expand=catalog($select=displayName)&$select=displayName`)).json().value;
    expect(expanded).toEqual([{ id: expect.any(String), displayName: 'Sales access', catalog: { id: b.id, displayName: 'Catalog B' } }]);
    const one = (await get(t.admin.token, `${em}/accessPackages/${expanded[0].id}?$expand=catalog`)).json();
    expect(one.catalog).toMatchObject({ id: b.id, displayName: 'Catalog B', state: 'published' });
  });

  it('updates with PATCH semantics and keeps names unique within a catalog only', async () => {
    const [hidden] = (await get(t.admin.token, `${em}/accessPackages?$filter=displayName eq 'Hidden ops'`)).json().value;
    t.clock.advance(1000);
    expect((await patch(t.admin.token, hidden.id, { isHidden: false, description: 'Ops' })).statusCode).toBe(204);
    expect((await get(t.admin.token, `${em}/accessPackages/${hidden.id}`)).json()).toMatchObject({ isHidden: false, description: 'Ops', displayName: 'Hidden ops', modifiedDateTime: '2026-11-26T09:00:01.000Z' });
    const audits = await countRows(t, 'directory_audits');
    expect((await patch(t.admin.token, hidden.id, { isHidden: false })).statusCode).toBe(204);
    expect(await countRows(t, 'directory_audits')).toBe(audits);
    await expectRefused(t, () => patch(t.admin.token, hidden.id, { displayName: 'SALES ACCESS' }), 409, 'Request_MultipleObjectsWithSameKeyValue', /displayName/);
    expect((await patch(t.admin.token, hidden.id, { displayName: 'Ops access' })).statusCode).toBe(204);
  });

  it('deletes softly; the name is free again', async () => {
    const accessPackage = await createAccessPackage(t, a.id, 'Temporary');
    const rows = await countRows(t, 'access_packages');
    expect((await t.request(t.admin.token, { method: 'DELETE', url: `${em}/accessPackages/${accessPackage.id}` })).statusCode).toBe(204);
    expect(await countRows(t, 'access_packages')).toBe(rows);
    expect((await get(t.admin.token, `${em}/accessPackages/${accessPackage.id}`)).statusCode).toBe(404);
    expect(names(await get(t.admin.token, `${em}/accessPackages`))).not.toContain('Temporary');
    await createAccessPackage(t, a.id, 'Temporary');
  });

  it('refuses to delete a package someone holds or has asked for; deleting it deletes its policies', async () => {
    const held = await createAccessPackage(t, a.id, 'Held');
    const policy = await createPolicy(t, held.id);
    const now = t.clock().toISOString();
    const common = { access_package_id: held.id, catalog_id: a.id, policy_id: policy.id, target_id: t.member.id, created_date_time: now };
    const assignmentId = randomUUID();
    await t.handle.db
      .insertInto('assignments')
      .values({ ...common, id: assignmentId, state: 'delivered', status: 'Delivered', start_date_time: now, end_date_time: null, expiration: '{"type":"noExpiration"}', is_active: 1, modified_date_time: now, expired_date_time: null, ended_reason: null })
      .execute();
    const remove = () => t.request(t.admin.token, { method: 'DELETE', url: `${em}/accessPackages/${held.id}` });
    await expectRefused(t, remove, 409, 'Request_ResourceInUse', /'Held' still has 1 active assignment/);
    await t.handle.db.updateTable('assignments').set({ is_active: 0 }).where('id', '=', assignmentId).execute();
    const requestId = randomUUID();
    await t.handle.db
      .insertInto('assignment_requests')
      .values({ ...common, id: requestId, request_type: 'userAdd', state: 'pendingApproval', status: 'PendingApproval', requestor_id: t.member.id, assignment_id: null, justification: null, answers: '[]', schedule: '{}', policy_snapshot: null, is_open: 1, completed_date_time: null })
      .execute();
    await expectRefused(t, remove, 409, 'Request_ResourceInUse', /under way/);
    await t.handle.db.updateTable('assignment_requests').set({ is_open: 0 }).where('id', '=', requestId).execute();

    expect((await remove()).statusCode).toBe(204);
    expect((await get(t.admin.token, `${em}/assignmentPolicies/${policy.id}`)).statusCode).toBe(404);
    const [entry] = (await get(t.admin.token, `/v1.0/auditLogs/directoryAudits?$filter=targetResources/id eq '${policy.id}' and activityDisplayName eq 'Delete access package assignment policy'`)).json().value;
    expect(entry.targetResources.map((target: { id: string }) => target.id)).toEqual([policy.id, held.id]);
  });

  describe('races', () => {
    const deleteRow = (id: string) => async (trx: Parameters<typeof lockAccessPackage>[0]) => {
      await lockAccessPackage(trx, id);
      await markAccessPackageDeleted(trx, id, t.clock().toISOString());
    };

    it('a PATCH racing a DELETE finds the package deleted, and does not bring it back', async () => {
      const accessPackage = await createAccessPackage(t, a.id, 'Raced by PATCH');
      const audits = await countRows(t, 'directory_audits');
      const patched = await raceAgainstOpenTransaction(t, deleteRow(accessPackage.id), () => patch(t.admin.token, accessPackage.id, { description: 'too late' }));
      expect(patched.statusCode, patched.body).toBe(404);
      expect(patched.json().error.code).toBe('Request_ResourceNotFound');
      const row = await t.handle.db.selectFrom('access_packages').select(['deleted_date_time', 'description']).where('id', '=', accessPackage.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ deleted_date_time: t.clock().toISOString(), description: null });
      expect(await countRows(t, 'directory_audits')).toBe(audits);
    });

    it('of two racing DELETEs the second finds nothing and audits nothing', async () => {
      const accessPackage = await createAccessPackage(t, a.id, 'Deleted twice');
      const audits = await countRows(t, 'directory_audits');
      const deleted = await raceAgainstOpenTransaction(t, deleteRow(accessPackage.id), () => t.request(t.admin.token, { method: 'DELETE', url: `${em}/accessPackages/${accessPackage.id}` }));
      expect(deleted.statusCode, deleted.body).toBe(404);
      expect(await countRows(t, 'directory_audits')).toBe(audits);
    });

    it('a rename racing a create of the same name is a conflict, settled by the unique index', async () => {
      const renamed = await createAccessPackage(t, a.id, 'About to be renamed');
      const rows = await countRows(t, 'access_packages');
      const raced = buildAccessPackage({ displayName: 'Raced name' }, a.id, '00000000-0000-0000-0000-0000000a5a5a', t.clock());
      const response = await raceAgainstOpenTransaction(t, (trx) => insertAccessPackage(trx, raced), () => patch(t.admin.token, renamed.id, { displayName: 'RACED NAME' }));
      expect(response.statusCode, response.body).toBe(409);
      expect(response.json().error).toMatchObject({ code: 'Request_MultipleObjectsWithSameKeyValue', target: 'displayName' });
      expect(await countRows(t, 'access_packages')).toBe(rows + 1);
      expect((await get(t.admin.token, `${em}/accessPackages/${renamed.id}`)).json().displayName).toBe('About to be renamed');
    });

    it('the database itself refuses a second living package of the same name in a catalog', async () => {
      const twins = await createCatalog(t, 'Twins');
      const twin = (id: string, displayName: string) => buildAccessPackage({ displayName }, twins.id, id, t.clock());
      await insertAccessPackage(t.handle.db, twin('00000000-0000-0000-0000-0000000b0001', 'Twin'));
      await expect(insertAccessPackage(t.handle.db, twin('00000000-0000-0000-0000-0000000b0002', 'TWIN'))).rejects.toThrow();
      await markAccessPackageDeleted(t.handle.db, '00000000-0000-0000-0000-0000000b0001', t.clock().toISOString());
      await insertAccessPackage(t.handle.db, twin('00000000-0000-0000-0000-0000000b0003', 'twin'));
    });
  });

  describe('who may do what', () => {
    it('an access package manager of A creates and edits packages in A only', async () => {
      const manager = await t.addUser({ displayName: 'Max Manager' });
      await giveCatalogRole(t, catalogRoles.accessPackageManager.id, manager.id, a.id);
      const created = await post(manager.token, { displayName: "Max's package", catalog: { id: a.id } });
      expect(created.statusCode).toBe(201);
      expect((await patch(manager.token, created.json().id, { description: 'by Max' })).statusCode).toBe(204);
      const inB = (await get(t.admin.token, `${em}/catalogs/${b.id}/accessPackages`)).json().value[0];
      await expectRefused(t, () => post(manager.token, { displayName: 'Not here', catalog: { id: b.id } }), 403, 'Authorization_RequestDenied');
      await expectRefused(t, () => patch(manager.token, inB.id, { description: 'x' }), 403, 'Authorization_RequestDenied');
      await expectHidden(t, () => get(manager.token, `${em}/accessPackages/${inB.id}`));
      // Lists hold the packages of catalogs the caller may read, and nothing else.
      const listed = (await get(manager.token, `${em}/accessPackages?$expand=catalog`)).json().value;
      expect(listed.length).toBeGreaterThan(0);
      expect(listed.every((item: { catalog: { id: string } }) => item.catalog.id === a.id)).toBe(true);
      await expectHidden(t, () => get(manager.token, `${em}/catalogs/${b.id}/accessPackages`));
    });

    it('a catalog owner manages packages of their catalog; a reader reads; a plain member neither', async () => {
      const owner = await t.addUser({ displayName: 'Olga Owner' });
      const reader = await t.addUser({ displayName: 'Rita Reader' });
      await giveCatalogRole(t, catalogRoles.catalogOwner.id, owner.id, b.id);
      await giveCatalogRole(t, catalogRoles.catalogReader.id, reader.id, b.id);
      const created = await post(owner.token, { displayName: "Olga's package", catalog: { id: b.id } });
      expect(created.statusCode).toBe(201);
      expect((await get(reader.token, `${em}/accessPackages/${created.json().id}`)).statusCode).toBe(200);
      expect(names(await get(reader.token, `${em}/accessPackages?$orderby=displayName`))).toEqual(["Olga's package", 'Sales access']);
      await expectRefused(t, () => patch(reader.token, created.json().id, { isHidden: true }), 403, 'Authorization_RequestDenied');
      await expectRefused(t, () => post(reader.token, { displayName: 'No', catalog: { id: b.id } }), 403, 'Authorization_RequestDenied');
      await expectRefused(t, () => t.request(reader.token, { method: 'DELETE', url: `${em}/accessPackages/${created.json().id}` }), 403, 'Authorization_RequestDenied');
      expect((await get(t.member.token, `${em}/accessPackages`)).json().value).toEqual([]);
      await expectHidden(t, () => get(t.member.token, `${em}/accessPackages/${created.json().id}`));
      await expectRefused(t, () => post(t.member.token, { displayName: 'No', catalog: { id: b.id } }), 403, 'Authorization_RequestDenied');
      const globalReader = await t.addUser({ displayName: 'Gus' }, [directoryRoles.globalReader.id]);
      expect((await get(globalReader.token, `${em}/accessPackages`)).json().value.length).toBe((await get(t.admin.token, `${em}/accessPackages`)).json().value.length);
    });
  });

  describe('refuses bad requests and writes nothing', () => {
    const missing = '00000000-0000-0000-0000-00000000beef';
    const salesAccess = async () => (await get(t.admin.token, `${em}/accessPackages?$filter=displayName eq 'Sales access' and catalog/id eq '${a.id}'`)).json().value[0].id as string;
    const cases: [string, () => Promise<Reply>, number, string, RegExp?][] = [
      ['a missing catalog', () => post(t.admin.token, { displayName: 'X' }), 400, 'Request_BadRequest', /catalog/],
      ['an unknown catalog', () => post(t.admin.token, { displayName: 'X', catalog: { id: missing } }), 400, 'Request_BadRequest', /catalog\.id/],
      ['a missing displayName', () => post(t.admin.token, { catalog: { id: a.id } }), 400, 'Request_BadRequest', /displayName/],
      ['a wrong type', () => post(t.admin.token, { displayName: 'X', isHidden: 'no', catalog: { id: a.id } }), 400, 'Request_BadRequest', /isHidden/],
      ['an unknown property', () => post(t.admin.token, { displayName: 'X', catalog: { id: a.id }, durationInDays: 30 }), 400, 'Request_BadRequest', /durationInDays/],
      ['an unknown property in catalog', () => post(t.admin.token, { displayName: 'X', catalog: { id: a.id, name: 'A' } }), 400, 'Request_BadRequest', /name/],
      ['a duplicate name in the catalog, in any case', () => post(t.admin.token, { displayName: 'sales ACCESS', catalog: { id: a.id } }), 409, 'Request_MultipleObjectsWithSameKeyValue', /displayName/],
      ['moving to another catalog by PATCH', async () => patch(t.admin.token, await salesAccess(), { catalog: { id: b.id } }), 400, 'Request_BadRequest', /catalog/],
      ['a PATCH with a wrong type', async () => patch(t.admin.token, await salesAccess(), { displayName: 12 }), 400, 'Request_BadRequest', /displayName/],
      ['a PATCH of a missing package', () => patch(t.admin.token, missing, { description: 'x' }), 404, 'Request_ResourceNotFound'],
      ['a DELETE of a missing package', () => t.request(t.admin.token, { method: 'DELETE', url: `${em}/accessPackages/${missing}` }), 404, 'Request_ResourceNotFound'],
      ['a GET of a missing package', () => get(t.admin.token, `${em}/accessPackages/${missing}`), 404, 'Request_ResourceNotFound'],
      ['packages of a missing catalog', () => get(t.admin.token, `${em}/catalogs/${missing}/accessPackages`), 404, 'Request_ResourceNotFound'],
      ['a filter on an unknown property', () => get(t.admin.token, `${em}/accessPackages?$filter=catalog/name eq 'A'`), 400, 'Request_BadRequest', /catalog\/name/],
      ['an unsupported $expand', () => get(t.admin.token, `${em}/accessPackages?$expand=assignmentPolicies`), 400, 'Request_BadRequest', /assignmentPolicies/],
    ];
    it.each(cases)('%s', async (_name, send, status, code, mentions) => {
      await expectRefused(t, send, status, code, mentions);
    });
  });
});
