import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raceAgainstOpenTransaction } from '../../../test/helpers/concurrency.js';
import { addGroup, createAccessPackage, createCatalog, createPolicy, em, type Reply } from '../../../test/helpers/entitlement-fixtures.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { skipReason } from '../../../test/helpers/test-database.js';
import { directoryRoles } from '../../domain/roles.js';
import { lockConnectedOrganization, markConnectedOrganizationDeleted } from './connected-organizations.repo.js';

const url = `${em}/connectedOrganizations`;
const domain = (domainName: string, displayName = domainName) => ({ '@odata.type': '#microsoft.graph.domainIdentitySource', domainName, displayName });
const federation = (domainName: string, issuerUri: string) => ({ '@odata.type': '#microsoft.graph.externalDomainFederation', domainName, displayName: domainName, issuerUri });

describe.skipIf(skipReason())('/v1.0/identityGovernance/entitlementManagement/connectedOrganizations', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t?.close());

  const post = (payload: unknown, token: string | null = t.admin.token) => t.request(token ?? undefined, { method: 'POST', url, payload: payload as never });
  const patch = (id: string, payload: unknown, token = t.admin.token) => t.request(token, { method: 'PATCH', url: `${url}/${id}`, payload: payload as never });
  const remove = (path: string, token = t.admin.token) => t.request(token, { method: 'DELETE', url: `${url}/${path}` });
  const get = (path: string, token = t.admin.token) => t.request(token, { method: 'GET', url: `${url}${path}` });
  const names = (response: Reply) => response.json().value.map((item: { displayName: string }) => item.displayName);
  const create = async (displayName: string, sources: unknown[], extra: Record<string, unknown> = {}) => {
    const response = await post({ displayName, identitySources: sources, ...extra });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; displayName: string };
  };
  const byName = async (displayName: string) => (await get(`?$filter=displayName eq '${displayName}'`)).json().value[0] as { id: string };

  /** Every row these endpoints write: a refused request must leave each count as it was. */
  const written = async () => {
    const tables = ['connected_organizations', 'connected_organization_domains', 'connected_organization_sponsors', 'directory_audits'] as const;
    const counts = {} as Record<(typeof tables)[number], number>;
    for (const table of tables) {
      const row = await t.handle.db.selectFrom(table).select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
      counts[table] = Number(row.count);
    }
    const living = await t.handle.db.selectFrom('connected_organizations').select(['id', 'display_name', 'description', 'identity_sources', 'state', 'deleted_date_time']).orderBy('id').execute();
    return { counts, living };
  };
  const audits = async () => (await written()).counts.directory_audits;
  const auditsOf = async (id: string) => (await t.request(t.admin.token, { method: 'GET', url: `/v1.0/auditLogs/directoryAudits?$filter=targetResources/id eq '${id}'` })).json().value;

  /** Sends a request that must be refused; checks status, code, what it names, and that nothing was written. */
  async function expectRefused(send: () => Promise<Reply>, status: number, code: string, names?: string | RegExp) {
    const before = await written();
    const response = await send();
    expect(response.statusCode, response.body).toBe(status);
    const { error } = response.json();
    expect(error.code).toBe(code);
    if (typeof names === 'string') expect([error.target, ...(error.details ?? []).map((detail: { target: string }) => detail.target)]).toContain(names);
    else if (names) expect(`${error.target ?? ''} ${error.message}`).toMatch(names);
    expect(await written()).toEqual(before);
    return error;
  }

  it("creates an organization with Graph's defaults, and audits it", async () => {
    const before = await audits();
    const response = await post({ displayName: 'Contoso', description: 'Our reseller', identitySources: [domain('contoso.example', 'Contoso mail')] });
    expect(response.statusCode, response.body).toBe(201);
    const organization = response.json();
    expect(organization).toEqual({
      '@odata.context': 'http://tessera.test/v1.0/$metadata#identityGovernance/entitlementManagement/connectedOrganizations/$entity',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      displayName: 'Contoso',
      description: 'Our reseller',
      identitySources: [domain('contoso.example', 'Contoso mail')],
      state: 'configured',
      createdDateTime: '2026-11-26T09:00:00.000Z',
      modifiedDateTime: '2026-11-26T09:00:00.000Z',
    });
    expect(await audits()).toBe(before + 1);
    const [entry] = await auditsOf(organization.id);
    expect(entry).toMatchObject({ category: 'EntitlementManagement', activityDisplayName: 'Create connected organization', operationType: 'Add', loggedByService: 'Entitlement Management', result: 'success' });
    expect(entry.initiatedBy.user.userPrincipalName).toBe('admin@example.com');
    expect(entry.targetResources[0]).toMatchObject({ id: organization.id, type: 'ConnectedOrganization', displayName: 'Contoso' });
    expect(entry.targetResources[0].modifiedProperties.map((property: { displayName: string }) => property.displayName)).toEqual(['displayName', 'description', 'identitySources', 'state']);
    expect((await get(`/${organization.id}`)).json()).toMatchObject({ id: organization.id, displayName: 'Contoso', identitySources: [domain('contoso.example', 'Contoso mail')] });
  });

  it('takes a proposed organization, a federation with an https issuer, several domains, and a displayName left out', async () => {
    const fabrikam = await create('Fabrikam', [federation('fabrikam.example', 'https://login.fabrikam.example/'), { '@odata.type': 'microsoft.graph.domainIdentitySource', domainName: 'fabrikam-mail.example' }], { state: 'proposed' });
    expect(fabrikam).toMatchObject({
      state: 'proposed',
      identitySources: [federation('fabrikam.example', 'https://login.fabrikam.example/'), domain('fabrikam-mail.example')],
    });
    const rows = await t.handle.db.selectFrom('connected_organization_domains').select('domain_name').where('organization_id', '=', fabrikam.id).orderBy('domain_name').execute();
    expect(rows.map((row) => row.domain_name)).toEqual(['fabrikam-mail.example', 'fabrikam.example']);
    await create('Northwind', [domain('northwind.example')]);
  });

  it('lists with $filter, $orderby, $top, $count and $select', async () => {
    expect(names(await get('?$orderby=displayName'))).toEqual(['Contoso', 'Fabrikam', 'Northwind']);
    expect(names(await get("?$filter=state eq 'proposed'"))).toEqual(['Fabrikam']);
    expect(names(await get("?$filter=startswith(displayName,'nor') or displayName eq 'contoso'&$orderby=displayName desc"))).toEqual(['Northwind', 'Contoso']);
    const counted = (await get('?$count=true&$top=1&$select=displayName&$orderby=displayName')).json();
    expect(counted['@odata.count']).toBe(3);
    expect(counted.value).toEqual([{ id: expect.any(String), displayName: 'Contoso' }]);
    expect(counted['@odata.nextLink']).toContain('skiptoken=');
    const next = await t.request(t.admin.token, { method: 'GET', url: counted['@odata.nextLink'].replace('http://tessera.test', '') });
    expect(names(next)).toEqual(['Fabrikam']);
    const contoso = await byName('Contoso');
    expect((await get(`/${contoso.id}?$select=state`)).json()).toMatchObject({ id: contoso.id, state: 'configured' });
    expect((await get(`/${contoso.id}?$select=state`)).json().displayName).toBeUndefined();
  });

  it('updates with PATCH semantics, keeps its own domains, and frees the ones it drops; a change of nothing writes nothing', async () => {
    const contoso = await byName('Contoso');
    t.clock.advance(60_000);
    const before = await audits();
    expect((await patch(contoso.id, { description: null, state: 'proposed', identitySources: [domain('contoso.example', 'Contoso mail'), domain('contoso-partners.example')] })).statusCode).toBe(204);
    expect((await get(`/${contoso.id}`)).json()).toMatchObject({
      displayName: 'Contoso',
      description: null,
      state: 'proposed',
      identitySources: [domain('contoso.example', 'Contoso mail'), domain('contoso-partners.example')],
      createdDateTime: '2026-11-26T09:00:00.000Z',
      modifiedDateTime: '2026-11-26T09:01:00.000Z',
    });
    expect(await audits()).toBe(before + 1);
    const [latest] = await auditsOf(contoso.id);
    expect(latest).toMatchObject({ activityDisplayName: 'Update connected organization', operationType: 'Update' });
    expect(latest.targetResources[0].modifiedProperties.map((property: { displayName: string }) => property.displayName)).toEqual(['description', 'identitySources', 'state']);
    // The same values again: 204, and nothing written.
    expect((await patch(contoso.id, { state: 'proposed', description: null })).statusCode).toBe(204);
    expect(await audits()).toBe(before + 1);
    // Dropping a domain frees it for another organization.
    expect((await patch(contoso.id, { displayName: 'Contoso Ltd', state: 'configured', identitySources: [domain('contoso.example', 'Contoso mail')] })).statusCode).toBe(204);
    const taker = await create('Contoso Partners', [domain('contoso-partners.example')]);
    expect((await remove(taker.id)).statusCode).toBe(204);
  });

  it('deletes softly; the organization is gone from the API and its domain is free for a new one', async () => {
    const gone = await create('Short-lived', [domain('short-lived.example')]);
    const before = await audits();
    expect((await remove(gone.id)).statusCode).toBe(204);
    expect(await audits()).toBe(before + 1);
    const row = await t.handle.db.selectFrom('connected_organizations').select(['display_name', 'deleted_date_time']).where('id', '=', gone.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ display_name: 'Short-lived', deleted_date_time: t.clock().toISOString() });
    expect((await get(`/${gone.id}`)).statusCode).toBe(404);
    expect(names(await get(''))).not.toContain('Short-lived');
    expect((await auditsOf(gone.id))[0]).toMatchObject({ activityDisplayName: 'Delete connected organization', operationType: 'Delete' });
    expect((await post({ displayName: 'Short-lived again', identitySources: [domain('SHORT-LIVED.example')] })).statusCode).toBe(201);
  });

  it('refuses to delete an organization a living assignment policy names, saying which policy', async () => {
    const named = await create('Named by a policy', [domain('named.example')]);
    const catalog = await createCatalog(t, 'Partner catalog');
    const accessPackage = await createAccessPackage(t, catalog.id, 'Partner package');
    const policy = await createPolicy(t, accessPackage.id, { displayName: 'Named partners may ask' });
    // Written directly: the policy API takes connectedOrganizationMembers in another change.
    const targets = [{ '@odata.type': '#microsoft.graph.connectedOrganizationMembers', connectedOrganizationId: named.id, description: null }];
    await t.handle.db.updateTable('assignment_policies').set({ allowed_target_scope: 'specificConnectedOrganizationUsers', specific_allowed_targets: JSON.stringify(targets) }).where('id', '=', policy.id).execute();

    const error = await expectRefused(() => remove(named.id), 409, 'Request_ResourceInUse', /Named partners may ask/);
    expect(error.message).toContain(policy.id);
    // Once the policy is deleted, the organization may go.
    await t.handle.db.updateTable('assignment_policies').set({ deleted_date_time: t.clock().toISOString() }).where('id', '=', policy.id).execute();
    expect((await remove(named.id)).statusCode).toBe(204);
  });

  it('a PATCH racing a DELETE finds the organization deleted, and does not bring it or its domains back', async () => {
    const raced = await create('Raced', [domain('raced.example')]);
    const before = await audits();
    const patched = await raceAgainstOpenTransaction(
      t,
      async (trx) => {
        await lockConnectedOrganization(trx, raced.id);
        await markConnectedOrganizationDeleted(trx, raced.id, t.clock().toISOString());
      },
      () => patch(raced.id, { description: 'too late', identitySources: [domain('raced.example')] }),
    );
    expect(patched.statusCode, patched.body).toBe(404);
    const domains = await t.handle.db.selectFrom('connected_organization_domains').select('domain_name').where('organization_id', '=', raced.id).execute();
    expect(domains).toEqual([]);
    expect(await audits()).toBe(before);
  });

  describe('sponsors', () => {
    let organizationId: string;
    let ann: { id: string };
    let bob: { id: string };
    let group: { id: string };
    const sponsorsUrl = (kind: string) => `${url}/${organizationId}/${kind}`;
    const add = (kind: string, odataId: string, token = t.admin.token) => t.request(token, { method: 'POST', url: `${sponsorsUrl(kind)}/$ref`, payload: { '@odata.id': odataId } });
    const drop = (kind: string, sponsorId: string) => t.request(t.admin.token, { method: 'DELETE', url: `${sponsorsUrl(kind)}/${sponsorId}/$ref` });
    const list = async (kind: string, query = '') => {
      const response = await t.request(t.admin.token, { method: 'GET', url: `${sponsorsUrl(kind)}${query}` });
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };

    beforeAll(async () => {
      organizationId = (await create('Sponsored', [domain('sponsored.example')])).id;
      ann = await t.addUser({ userPrincipalName: 'ann@example.com', displayName: 'Ann Sponsor' });
      bob = await t.addUser({ userPrincipalName: 'bob@sponsored.example', displayName: 'Bob Partner', userType: 'Guest' });
      group = await addGroup(t, 'Partner managers');
    });

    it('adds users and groups as internal and external sponsors, and lists them as users and groups', async () => {
      const before = await audits();
      expect((await add('internalSponsors', `https://graph.microsoft.com/v1.0/users/${ann.id}`)).statusCode).toBe(204);
      expect((await add('internalSponsors', `https://graph.microsoft.com/v1.0/groups/${group.id}`)).statusCode).toBe(204);
      expect((await add('externalSponsors', `http://tessera.test/v1.0/directoryObjects/${bob.id}`)).statusCode).toBe(204);
      expect(await audits()).toBe(before + 3);

      const internal = await list('internalSponsors', '?$count=true');
      expect(internal['@odata.count']).toBe(2);
      // Paged by id, as other relationship lists are.
      expect(internal.value).toHaveLength(2);
      expect(internal.value).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ '@odata.type': '#microsoft.graph.user', id: ann.id, displayName: 'Ann Sponsor', userPrincipalName: 'ann@example.com' }),
          expect.objectContaining({ '@odata.type': '#microsoft.graph.group', id: group.id, displayName: 'Partner managers', securityEnabled: true }),
        ]),
      );
      expect(internal.value.map((item: { id: string }) => item.id)).toEqual([ann.id, group.id].sort());
      expect((await list('internalSponsors', '?$select=displayName')).value.map((item: Record<string, unknown>) => Object.keys(item).sort())).toEqual([
        ['@odata.type', 'displayName', 'id'],
        ['@odata.type', 'displayName', 'id'],
      ]);
      expect((await list('externalSponsors')).value).toEqual([expect.objectContaining({ '@odata.type': '#microsoft.graph.user', id: bob.id, userType: 'Guest' })]);

      const [entry] = await auditsOf(ann.id);
      expect(entry).toMatchObject({ category: 'EntitlementManagement', activityDisplayName: 'Add internal sponsor to connected organization', operationType: 'Assign' });
      expect(entry.targetResources.map((target: { id: string; type: string }) => [target.id, target.type])).toEqual([
        [organizationId, 'ConnectedOrganization'],
        [ann.id, 'User'],
      ]);
    });

    it('refuses a sponsor twice, one that is not in the directory, and a reference to something else', async () => {
      const twice = await expectRefused(() => add('internalSponsors', `https://graph.microsoft.com/v1.0/users/${ann.id}`), 400, 'Request_BadRequest', '@odata.id');
      expect(twice.message).toMatch(/already exist.*internalSponsors/);
      await expectRefused(() => add('internalSponsors', 'https://graph.microsoft.com/v1.0/users/00000000-0000-0000-0000-00000000beef'), 400, 'Request_BadRequest', '@odata.id');
      await expectRefused(() => add('internalSponsors', 'https://graph.microsoft.com/v1.0/groups/00000000-0000-0000-0000-00000000beef'), 400, 'Request_BadRequest', '@odata.id');
      await expectRefused(() => add('externalSponsors', `https://graph.microsoft.com/v1.0/accessPackages/${ann.id}`), 400, 'Request_BadRequest', '@odata.id');
      await expectRefused(() => add('externalSponsors', 'not a reference'), 400, 'Request_BadRequest', '@odata.id');
      const member = await expectRefused(() => add('externalSponsors', `https://graph.microsoft.com/v1.0/users/${ann.id}`), 400, 'Request_BadRequest', '@odata.id');
      expect(member.message).toMatch(/Ann Sponsor is a member of this organization; external sponsors are people at the partner/);
      await expectRefused(() => t.request(t.admin.token, { method: 'POST', url: `${sponsorsUrl('internalSponsors')}/$ref`, payload: { id: ann.id } }), 400, 'Request_BadRequest');
      await expectRefused(() => t.request(t.admin.token, { method: 'POST', url: `${url}/00000000-0000-0000-0000-00000000beef/internalSponsors/$ref`, payload: { '@odata.id': `https://graph.microsoft.com/v1.0/users/${ann.id}` } }), 404, 'Request_ResourceNotFound');
    });

    it('removes a sponsor, and says 404 for one that is not', async () => {
      const before = await audits();
      expect((await drop('internalSponsors', ann.id)).statusCode).toBe(204);
      expect(await audits()).toBe(before + 1);
      expect((await list('internalSponsors')).value.map((item: { id: string }) => item.id)).toEqual([group.id]);
      expect((await auditsOf(ann.id))[0]).toMatchObject({ activityDisplayName: 'Remove internal sponsor from connected organization', operationType: 'Unassign' });
      await expectRefused(() => drop('internalSponsors', ann.id), 404, 'Request_ResourceNotFound');
      // An external sponsor is not an internal one.
      await expectRefused(() => drop('internalSponsors', bob.id), 404, 'Request_ResourceNotFound');
      await expectRefused(() => t.request(t.admin.token, { method: 'DELETE', url: `${url}/00000000-0000-0000-0000-00000000beef/externalSponsors/${bob.id}/$ref` }), 404, 'Request_ResourceNotFound');
      expect((await t.request(t.admin.token, { method: 'GET', url: `${url}/00000000-0000-0000-0000-00000000beef/internalSponsors` })).statusCode).toBe(404);
      // Added again after removal: a new sponsorship.
      expect((await add('internalSponsors', `https://graph.microsoft.com/v1.0/users/${ann.id}`)).statusCode).toBe(204);
    });
  });

  describe('who may do what', () => {
    it('a plain member may not list, read or change organizations or their sponsors', async () => {
      const contoso = await byName('Contoso Ltd');
      const token = t.member.token;
      await expectRefused(() => get('', token), 403, 'Authorization_RequestDenied');
      await expectRefused(() => get(`/${contoso.id}`, token), 403, 'Authorization_RequestDenied');
      await expectRefused(() => get(`/${contoso.id}/internalSponsors`, token), 403, 'Authorization_RequestDenied');
      await expectRefused(() => post({ displayName: 'Mine', identitySources: [domain('mine.example')] }, token), 403, 'Authorization_RequestDenied');
      await expectRefused(() => patch(contoso.id, { description: 'x' }, token), 403, 'Authorization_RequestDenied');
      await expectRefused(() => remove(contoso.id, token), 403, 'Authorization_RequestDenied');
      await expectRefused(() => t.request(token, { method: 'POST', url: `${url}/${contoso.id}/externalSponsors/$ref`, payload: { '@odata.id': `https://graph.microsoft.com/v1.0/users/${t.member.id}` } }), 403, 'Authorization_RequestDenied');
    });

    it('a Global Reader reads but does not change; an Identity Governance Administrator manages', async () => {
      const reader = await t.addUser({ displayName: 'Gus Reader' }, [directoryRoles.globalReader.id]);
      expect(names(await get('', reader.token))).toEqual(names(await get('')));
      const contoso = await byName('Contoso Ltd');
      expect((await get(`/${contoso.id}/externalSponsors`, reader.token)).statusCode).toBe(200);
      await expectRefused(() => patch(contoso.id, { description: 'x' }, reader.token), 403, 'Authorization_RequestDenied');
      await expectRefused(() => post({ displayName: 'Nope', identitySources: [domain('nope.example')] }, reader.token), 403, 'Authorization_RequestDenied');
      const governance = await t.addUser({ displayName: 'Gina Governance' }, [directoryRoles.identityGovernanceAdministrator.id]);
      const created = await post({ displayName: 'Governed', identitySources: [domain('governed.example')] }, governance.token);
      expect(created.statusCode, created.body).toBe(201);
      expect((await patch(created.json().id, { state: 'proposed' }, governance.token)).statusCode).toBe(204);
      expect((await remove(created.json().id, governance.token)).statusCode).toBe(204);
    });
  });

  describe('refuses bad requests with the property named, and writes nothing', () => {
    const unknownId = '00000000-0000-0000-0000-00000000beef';
    const contoso = async () => (await byName('Contoso Ltd')).id;
    const body = (extra: Record<string, unknown>) => ({ displayName: 'Bad', identitySources: [domain('bad.example')], ...extra });
    const cases: [string, () => Promise<Reply>, number, string, (string | RegExp)?][] = [
      ['no token', () => post(body({}), null), 401, 'InvalidAuthenticationToken'],
      ['a missing displayName', () => post({ identitySources: [domain('bad.example')] }), 400, 'Request_BadRequest', 'displayName'],
      ['an empty displayName', () => post(body({ displayName: '   ' })), 400, 'Request_BadRequest', 'displayName'],
      ['a displayName over 256 characters', () => post(body({ displayName: 'x'.repeat(257) })), 400, 'Request_BadRequest', 'displayName'],
      ['a description over 1024 characters', () => post(body({ description: 'x'.repeat(1025) })), 400, 'Request_BadRequest', 'description'],
      ['no identitySources', () => post({ displayName: 'Bad' }), 400, 'Request_BadRequest', 'identitySources'],
      ['an empty identitySources', () => post(body({ identitySources: [] })), 400, 'Request_BadRequest', 'identitySources'],
      ['a domain that is not one', () => post(body({ identitySources: [domain('not a domain')] })), 400, 'Request_BadRequest', 'identitySources[0].domainName'],
      ['a domain without a dot', () => post(body({ identitySources: [domain('localhost')] })), 400, 'Request_BadRequest', 'identitySources[0].domainName'],
      ['the same domain twice', () => post(body({ identitySources: [domain('twice.example'), federation('TWICE.example', 'https://idp.twice.example')] })), 400, 'Request_BadRequest', 'identitySources[1].domainName'],
      ["a domain that is another organization's", () => post(body({ identitySources: [domain('bad.example'), domain('Contoso.example')] })), 400, 'Request_BadRequest', 'identitySources[1].domainName'],
      ['an http issuerUri', () => post(body({ identitySources: [federation('idp.example', 'http://idp.example/')] })), 400, 'Request_BadRequest', 'identitySources[0].issuerUri'],
      ['an issuerUri that is not a URL', () => post(body({ identitySources: [federation('idp.example', 'idp.example')] })), 400, 'Request_BadRequest', 'identitySources[0].issuerUri'],
      ['a federation without an issuerUri', () => post(body({ identitySources: [{ '@odata.type': '#microsoft.graph.externalDomainFederation', domainName: 'idp.example' }] })), 400, 'Request_BadRequest', /identitySources.*issuerUri/],
      ['a Microsoft tenant as identity source', () => post(body({ identitySources: [{ '@odata.type': '#microsoft.graph.azureActiveDirectoryTenant', tenantId: unknownId, displayName: 'Tenant' }] })), 400, 'Request_BadRequest', /identitySources.*domainIdentitySource, #microsoft.graph.externalDomainFederation/],
      ['an identity source without @odata.type', () => post(body({ identitySources: [{ domainName: 'bad.example', displayName: 'x' }] })), 400, 'Request_BadRequest', /identitySources.*@odata.type/],
      ['an unknown property of an identity source', () => post(body({ identitySources: [{ ...domain('bad.example'), tenantId: 'x' }] })), 400, 'Request_BadRequest', /identitySources.*tenantId/],
      ['an unknown state', () => post(body({ state: 'archived' })), 400, 'Request_BadRequest', 'state'],
      ["Graph's unknownFutureValue as state", () => post(body({ state: 'unknownFutureValue' })), 400, 'Request_BadRequest', 'state'],
      ['an unknown property', () => post(body({ colour: 'blue' })), 400, 'Request_BadRequest', /colour/],
      ['a PATCH with an unknown state', async () => patch(await contoso(), { state: 'gone' }), 400, 'Request_BadRequest', 'state'],
      ['a PATCH with an empty displayName', async () => patch(await contoso(), { displayName: '' }), 400, 'Request_BadRequest', 'displayName'],
      ["a PATCH taking another organization's domain", async () => patch(await contoso(), { identitySources: [domain('contoso.example'), domain('fabrikam.example')] }), 400, 'Request_BadRequest', 'identitySources[1].domainName'],
      ['a PATCH with no identity sources left', async () => patch(await contoso(), { identitySources: [] }), 400, 'Request_BadRequest', 'identitySources'],
      ['a PATCH with an unknown property', async () => patch(await contoso(), { createdDateTime: '2020-01-01T00:00:00Z' }), 400, 'Request_BadRequest', /createdDateTime/],
      ['a PATCH of a missing organization', () => patch(unknownId, { description: 'x' }), 404, 'Request_ResourceNotFound'],
      ['a DELETE of a missing organization', () => remove(unknownId), 404, 'Request_ResourceNotFound'],
      ['a GET of a missing organization', () => get(`/${unknownId}`), 404, 'Request_ResourceNotFound'],
      ['a filter on an unsupported property', () => get("?$filter=identitySources eq 'x'"), 400, 'Request_BadRequest', /identitySources/],
      ['a filter with an unknown state', () => get("?$filter=state eq 'archived'"), 400, 'Request_BadRequest', /archived/],
      ['an unsupported $expand', () => get('?$expand=internalSponsors'), 400, 'Request_BadRequest', /internalSponsors/],
    ];
    it.each(cases)('%s', async (_name, send, status, code, mentions) => {
      await expectRefused(send, status, code, mentions);
    });

    it('reports every identity source problem at once, each under its own path', async () => {
      const error = await expectRefused(
        () => post(body({ identitySources: [domain('not a domain'), domain('contoso.example'), federation('ok.example', 'http://ok.example'), domain('ok.example')] })),
        400,
        'Request_BadRequest',
        'identitySources[0].domainName',
      );
      expect(error.details.map((detail: { target: string }) => detail.target)).toEqual(['identitySources[0].domainName', 'identitySources[1].domainName', 'identitySources[2].issuerUri', 'identitySources[3].domainName']);
    });
  });
});
