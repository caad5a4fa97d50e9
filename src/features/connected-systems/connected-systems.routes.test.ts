import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'ldapts';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalog, createAccessPackage, createPolicy, em } from '../../../test/helpers/entitlement-fixtures.js';
import { getRequest, submitted } from '../../../test/helpers/lifecycle-fixtures.js';
import { slapdMissing, startOpenLdap, type OpenLdap, seedGroupsAndPeople } from '../../../test/helpers/openldap.js';
import { startScimProvider, type ScimProvider } from '../../../test/helpers/scim-server.js';
import { titled, postgresMissing, findPostgresBinaries, startCluster, type Cluster } from '../../../test/helpers/postgres-cluster.js';
import { countRows, createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { skipReason } from '../../../test/helpers/test-database.js';
import { directoryRoles } from '../../domain/roles.js';
import { verifyWebhook } from '../../connectors/webhook/webhook-signature.js';
import { secretBox } from './secret-box.js';
import { loadConnectedSystems } from './system-connectors.js';

/**
 * Connected systems through the API, with a real PostgreSQL as the target (its own cluster, with a
 * password, apart from Tessera's store): added, tested, changed, searched, delivered into, removed.
 * The password is never shown, never in the audit log.
 */
const binaries = findPostgresBinaries();

describe.skipIf(skipReason() || postgresMissing())(titled('connected systems', skipReason() || postgresMissing()), () => {
  const password = 'Pg-target-secret-42';
  let t: TestContext;
  let cluster: Cluster;
  let target: pg.Client;
  const url = '/v1.0/tessera/connectedSystems';
  const send = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, payload?: unknown, token?: string) =>
    t.request(token ?? t.admin.token, { method, url: path, ...(payload === undefined ? {} : { payload: payload as never }) });
  const body = (extra: Record<string, unknown> = {}) => ({
    displayName: 'Reporting database',
    kind: 'postgresql',
    settings: { host: '127.0.0.1', port: cluster.port, database: 'postgres', user: 'postgres', createMissingAccounts: true },
    secrets: { password },
    ...extra,
  });
  const holders = async (role: string) => (await target.query(`select m.rolname from pg_auth_members a join pg_roles r on r.oid = a.roleid join pg_roles m on m.oid = a.member where r.rolname = $1 order by 1`, [role])).rows.map((row) => row.rolname);
  let systemId: string;

  beforeAll(async () => {
    t = await createTestContext();
    cluster = await startCluster(binaries!, { password });
    target = new pg.Client({ connectionString: cluster.url('postgres') });
    await target.connect();
    await target.query(`create role app_readers nologin; create role app_writers nologin`);
  });
  afterAll(async () => {
    await target?.end();
    await t?.close();
    cluster?.stop();
  });

  it('adds a PostgreSQL system: its settings shown with their defaults, its password never, and the audit names only that it was set', async () => {
    const created = await send('POST', url, body());
    expect(created.statusCode, created.body).toBe(201);
    systemId = created.json().id;
    expect(created.json()).toMatchObject({
      displayName: 'Reporting database',
      kind: 'postgresql',
      settings: { host: '127.0.0.1', port: cluster.port, database: 'postgres', user: 'postgres', ssl: false, accountNaming: 'userPrincipalNameLocalPart', createMissingAccounts: true },
      secretsSet: ['password'],
    });
    const shown = [created.body, (await send('GET', `${url}/${systemId}`)).body, (await send('GET', url)).body];
    for (const text of shown) expect(text).not.toContain(password);
    expect((await send('GET', url)).json().value.map((system: { id: string }) => system.id)).toEqual([systemId]);
    const audits = await t.handle.db.selectFrom('directory_audits').select(['activity_display_name', 'target_resources']).where('activity_display_name', '=', 'Add connected system').execute();
    expect(audits).toHaveLength(1);
    expect(audits[0]!.target_resources).toContain('secrets.password');
    expect(audits[0]!.target_resources).not.toContain(password);
  });

  it('tests the connection and says what is wrong: a wrong password is named, then put right', async () => {
    expect((await send('POST', `${url}/${systemId}/testConnection`)).json()).toEqual({ succeeded: true, message: null });
    expect((await send('PATCH', `${url}/${systemId}`, { secrets: { password: 'not-it' } })).statusCode).toBe(204);
    expect((await send('POST', `${url}/${systemId}/testConnection`)).json()).toEqual({ succeeded: false, message: `The PostgreSQL database 'postgres' at 127.0.0.1:${cluster.port} refused the credentials of 'postgres'.` });
    expect((await send('PATCH', `${url}/${systemId}`, { secrets: { password } })).statusCode).toBe(204);
    expect((await send('POST', `${url}/${systemId}/testConnection`)).json().succeeded).toBe(true);
  });

  it('keeps the password sealed in the database, seals one stored before sealing, and says so when the key does not open it', async () => {
    const stored = async () => (await t.handle.db.selectFrom('connected_systems').select('secrets').where('id', '=', systemId).executeTakeFirstOrThrow()).secrets;
    expect(await stored()).toMatch(/^aes256gcm:v1:/);
    expect(await stored()).not.toContain(password);

    // Written in the clear by an earlier version: sealed when Tessera next starts, and still working.
    await t.handle.db.updateTable('connected_systems').set({ secrets: JSON.stringify({ password }) }).where('id', '=', systemId).execute();
    await loadConnectedSystems(t.deps);
    expect(await stored()).toMatch(/^aes256gcm:v1:/);
    expect((await send('POST', `${url}/${systemId}/testConnection`)).json().succeeded).toBe(true);

    // Sealed under another key (SECRETS_KEY changed): the system says so on every call, and takes the secrets again.
    await t.handle.db.updateTable('connected_systems').set({ secrets: secretBox(randomBytes(32)).seal(JSON.stringify({ password }), `connected-system:${systemId}`) }).where('id', '=', systemId).execute();
    await loadConnectedSystems(t.deps);
    expect((await send('POST', `${url}/${systemId}/testConnection`)).json()).toEqual({ succeeded: false, message: expect.stringMatching(/do not open with this secrets key/) });
    // A change that would keep secrets it cannot read is refused, naming what to give, and writes nothing.
    const audits = await countRows(t, 'directory_audits');
    const partial = await send('PATCH', `${url}/${systemId}`, { secrets: {} });
    expect(partial.statusCode).toBe(400);
    expect(partial.json().error).toMatchObject({ target: 'secrets.password', message: expect.stringMatching(/Give every secret again \(secrets\.password\)/) });
    expect(await countRows(t, 'directory_audits')).toBe(audits);
    expect((await send('PATCH', `${url}/${systemId}`, { secrets: { password } })).statusCode).toBe(204);
    expect((await send('POST', `${url}/${systemId}/testConnection`)).json().succeeded).toBe(true);
  });

  it('needs the password again to point the system somewhere else, so that a stored secret never follows a new host', async () => {
    const audits = await countRows(t, 'directory_audits');
    const moved = await send('PATCH', `${url}/${systemId}`, { settings: { host: 'attacker.example' } });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().error).toMatchObject({ target: 'secrets.password', message: 'Changing settings.host needs the secrets again (secrets.password): the stored ones are never sent anywhere new.' });
    expect(await countRows(t, 'directory_audits')).toBe(audits);
    expect((await send('GET', `${url}/${systemId}`)).json().settings.host).toBe('127.0.0.1');
    // A setting that sends nothing anywhere new needs no secret.
    expect((await send('PATCH', `${url}/${systemId}`, { settings: { createMissingAccounts: true } })).statusCode).toBe(204);
  });

  it('lists the roles the system offers, searched and paged', async () => {
    const first = await send('GET', `${url}/${systemId}/resources?search=app&$top=1`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().value).toEqual([expect.objectContaining({ originId: 'app_readers', originSystem: 'PostgreSqlRole' })]);
    const next = new URL(first.json()['@odata.nextLink']);
    const second = await send('GET', `${next.pathname}${next.search}`);
    expect(second.json().value.map((r: { originId: string }) => r.originId)).toEqual(['app_writers']);
    expect(second.json()['@odata.nextLink']).toBeUndefined();
  });

  it('delivers a package’s PostgreSQL role: brought into a catalog, requested, granted in the database, removed and revoked', async () => {
    const catalog = await createCatalog(t, 'Reporting');
    const resource = await send('POST', `${em}/resourceRequests?$expand=resource`, { requestType: 'adminAdd', resource: { originId: 'app_readers', originSystem: 'PostgreSqlRole' }, catalog: { id: catalog.id } });
    expect(resource.statusCode, resource.body).toBe(201);
    const resourceId = resource.json().resource.id;
    const accessPackage = await createAccessPackage(t, catalog.id, 'Read the reports');
    const role = await send('POST', `${em}/accessPackages/${accessPackage.id}/resourceRoleScopes`, { role: { originId: 'Member', originSystem: 'PostgreSqlRole', resource: { id: resourceId } }, scope: { originId: 'app_readers', originSystem: 'PostgreSqlRole' } });
    expect(role.statusCode, role.body).toBe(201);
    await createPolicy(t, accessPackage.id);
    const ann = await t.addUser({ userPrincipalName: 'ann@contoso.example', displayName: 'Ann' });
    const created = await submitted(t, ann.token, { requestType: 'userAdd', assignment: { accessPackageId: accessPackage.id } });
    await t.jobs.drain();
    const delivered = await getRequest(t, created.id);
    expect(delivered.state, JSON.stringify(delivered)).toBe('delivered');
    expect(await holders('app_readers')).toEqual(['ann']);
    await submitted(t, ann.token, { requestType: 'userRemove', assignment: { id: delivered.assignment.id } });
    await t.jobs.drain();
    expect(await holders('app_readers')).toEqual([]);

    // The system holds resources in a catalog: it cannot be removed until they leave.
    const refused = await send('DELETE', `${url}/${systemId}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('ConnectedSystemInUse');
  });

  describe('refuses bad input and callers without the role, writing nothing', () => {
    it.each<[string, () => Promise<{ statusCode: number; json(): any }>, number, string, RegExp?]>([
      ['an unknown kind', () => send('POST', url, body({ kind: 'ftp' })), 400, 'Request_BadRequest', /kind/],
      ['a host that is not a host', () => send('POST', url, body({ settings: { ...body().settings, host: 'db.example; drop role x' } })), 400, 'Request_BadRequest', /settings\.host: must be a host name or an IP address/],
      ['a port out of range', () => send('POST', url, body({ settings: { ...body().settings, port: 70000 } })), 400, 'Request_BadRequest', /settings\.port/],
      ['an unknown setting', () => send('POST', url, body({ settings: { ...body().settings, sslmode: 'off' } })), 400, 'Request_BadRequest', /settings: unknown property sslmode/],
      ['an unknown account naming', () => send('POST', url, body({ settings: { ...body().settings, accountNaming: 'employeeId' } })), 400, 'Request_BadRequest', /settings\.accountNaming/],
      ['no password', () => send('POST', url, body({ secrets: {} })), 400, 'Request_BadRequest', /secrets\.password/],
      ['a member adding one', () => send('POST', url, body(), t.member.token), 403, 'Authorization_RequestDenied'],
      ['a member reading them', () => send('GET', url, undefined, t.member.token), 403, 'Authorization_RequestDenied'],
      ['a member testing one', () => send('POST', `${url}/${systemId}/testConnection`, undefined, t.member.token), 403, 'Authorization_RequestDenied'],
      ['no token', () => t.request(undefined, { method: 'GET', url }), 401, 'InvalidAuthenticationToken'],
      ['an unknown system', () => send('PATCH', `${url}/00000000-0000-4000-8000-000000000000`, { displayName: 'x' }), 404, 'Request_ResourceNotFound'],
      ['a bad setting in a change', () => send('PATCH', `${url}/${systemId}`, { settings: { port: 0 } }), 400, 'Request_BadRequest', /settings\.port/],
    ])('%s', async (_name, call, status, code, message) => {
      const before = [await countRows(t, 'connected_systems'), await countRows(t, 'directory_audits')];
      const response = await call();
      expect(response.statusCode).toBe(status);
      expect(response.json().error.code).toBe(code);
      if (message) expect(response.json().error.message).toMatch(message);
      expect([await countRows(t, 'connected_systems'), await countRows(t, 'directory_audits')]).toEqual(before);
    });

    it('lets a Global Reader see systems, without secrets, but not change them', async () => {
      const reader = await t.addUser({ userPrincipalName: 'gwen@example.com' }, [directoryRoles.globalReader.id]);
      const listed = await send('GET', url, undefined, reader.token);
      expect(listed.statusCode).toBe(200);
      expect(listed.body).not.toContain(password);
      expect((await send('PATCH', `${url}/${systemId}`, { displayName: 'Mine' }, reader.token)).statusCode).toBe(403);
    });
  });
});

describe.skipIf(skipReason() || slapdMissing)(titled('an LDAP connected system', skipReason() || slapdMissing), () => {
  let t: TestContext;
  let ldap: OpenLdap;
  let admin: Client;
  const base = 'dc=example,dc=org';
  const url = '/v1.0/tessera/connectedSystems';
  const send = (method: 'GET' | 'POST' | 'PATCH', path: string, payload?: unknown) => t.request(t.admin.token, { method, url: path, ...(payload === undefined ? {} : { payload: payload as never }) });
  const settings = () => ({ url: ldap.url, bindDn: ldap.adminDn, groupsBaseDn: `ou=groups,${base}`, usersBaseDn: `ou=people,${base}`, emptyGroupPlaceholder: 'cn=nobody' });
  const members = async () => {
    const { searchEntries } = await admin.search(`cn=vpn,ou=groups,${base}`, { scope: 'base', attributes: ['member'] });
    const values = searchEntries[0]!.member!;
    return (Array.isArray(values) ? values : [values]).map(String).sort();
  };

  beforeAll(async () => {
    t = await createTestContext();
    ldap = await startOpenLdap(base);
    admin = await seedGroupsAndPeople(ldap);
    await admin.add(`uid=ann,ou=people,${base}`, { objectClass: 'inetOrgPerson', uid: 'ann', cn: 'Ann', sn: 'A' });
    await admin.add(`cn=vpn,ou=groups,${base}`, { objectClass: 'groupOfNames', cn: 'vpn', description: 'VPN access', member: 'cn=nobody' });
  });
  afterAll(async () => {
    await admin?.unbind();
    await t?.close();
    await ldap?.stop();
  });

  it('is added, tested, searched, and delivers a group membership through a package, taken away on removal', async () => {
    const created = await send('POST', url, { displayName: 'Corporate LDAP', kind: 'ldap', settings: settings(), secrets: { password: ldap.adminPassword } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ kind: 'ldap', settings: { ...settings(), groupKind: 'groupOfNames', accountAttribute: 'uid', accountDnTemplate: null, accountNaming: 'userPrincipalNameLocalPart' }, secretsSet: ['password'] });
    expect(created.body).not.toContain(ldap.adminPassword);
    const systemId = created.json().id;
    expect((await send('POST', `${url}/${systemId}/testConnection`)).json()).toEqual({ succeeded: true, message: null });
    expect((await send('GET', `${url}/${systemId}/resources?search=vp`)).json().value).toEqual([expect.objectContaining({ originId: `cn=vpn,ou=groups,${base}`, displayName: 'vpn', originSystem: 'LdapGroup' })]);

    const catalog = await createCatalog(t, 'Network');
    const resource = await send('POST', `${em}/resourceRequests?$expand=resource`, { requestType: 'adminAdd', resource: { originId: `cn=vpn,ou=groups,${base}`, originSystem: 'LdapGroup' }, catalog: { id: catalog.id } });
    expect(resource.statusCode, resource.body).toBe(201);
    const accessPackage = await createAccessPackage(t, catalog.id, 'VPN');
    const role = await send('POST', `${em}/accessPackages/${accessPackage.id}/resourceRoleScopes`, { role: { originId: 'Member', originSystem: 'LdapGroup', resource: { id: resource.json().resource.id } }, scope: { originId: `cn=vpn,ou=groups,${base}`, originSystem: 'LdapGroup' } });
    expect(role.statusCode, role.body).toBe(201);
    await createPolicy(t, accessPackage.id);
    const ann = await t.addUser({ userPrincipalName: 'ann@contoso.example', displayName: 'Ann' });
    const request = await submitted(t, ann.token, { requestType: 'userAdd', assignment: { accessPackageId: accessPackage.id } });
    await t.jobs.drain();
    const delivered = await getRequest(t, request.id);
    expect(delivered.state, JSON.stringify(delivered)).toBe('delivered');
    expect(await members()).toEqual([`uid=ann,ou=people,${base}`]);
    await submitted(t, ann.token, { requestType: 'userRemove', assignment: { id: delivered.assignment.id } });
    await t.jobs.drain();
    expect(await members()).toEqual(['cn=nobody']);
  });

  it.each([
    ['a URL that is not ldap:// or ldaps://', { url: 'http://127.0.0.1:389' }, /settings\.url: must be ldap:\/\/host:port or ldaps:\/\/host:port/],
    ['a DN template without {account}', { accountDnTemplate: `uid=ann,ou=people,${base}` }, /settings\.accountDnTemplate: must hold \{account\} once/],
    ['an attribute name that is not one', { accountAttribute: 'uid)(objectClass=*' }, /settings\.accountAttribute: must be an attribute name/],
    ['a base DN that is not a DN', { groupsBaseDn: 'groups' }, /settings\.groupsBaseDn: must be a distinguished name/],
  ])('refuses (400) %s, writing nothing', async (_name, change, message) => {
    const before = await countRows(t, 'connected_systems');
    const response = await send('POST', url, { displayName: 'Bad LDAP', kind: 'ldap', settings: { ...settings(), ...change }, secrets: { password: 'x' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(message);
    expect(await countRows(t, 'connected_systems')).toBe(before);
  });
});

describe.skipIf(skipReason())('a webhook connected system', () => {
  const secret = 'receiver-and-tessera-share-this';
  let t: TestContext;
  let server: Server;
  let receiverUrl: string;
  let failing = false;
  const events: { type: string; resource: { originId: string }; role: { originId: string }; target: { userPrincipalName: string } }[] = [];
  const url = '/v1.0/tessera/connectedSystems';
  const send = (method: 'GET' | 'POST', path: string, payload?: unknown) => t.request(t.admin.token, { method, url: path, ...(payload === undefined ? {} : { payload: payload as never }) });
  const settings = () => ({ url: receiverUrl, resources: [{ originId: 'crm-sales', displayName: 'CRM: Sales', roles: [{ originId: 'editor', displayName: 'Editor' }] }] });

  beforeAll(async () => {
    t = await createTestContext();
    const seen = new Set<string>();
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const check = verifyWebhook(secret, request.headers, body, seen);
        if (!check.ok) return void response.writeHead(401).end(check.reason);
        if (failing) return void response.writeHead(503).end('down for maintenance');
        if (check.event.type !== 'ping') events.push(check.event as never);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
  });
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });

  it('delivers through signed calls; a receiver down for a while delays the delivery and loses nothing', async () => {
    const created = await send('POST', url, { displayName: 'CRM', kind: 'webhook', settings: settings(), secrets: { signingSecret: secret } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.body).not.toContain(secret);
    const systemId = created.json().id;
    expect((await send('POST', `${url}/${systemId}/testConnection`)).json()).toEqual({ succeeded: true, message: null });

    const catalog = await createCatalog(t, 'Sales apps');
    const resource = await send('POST', `${em}/resourceRequests?$expand=resource`, { requestType: 'adminAdd', resource: { originId: 'crm-sales', originSystem: 'Webhook' }, catalog: { id: catalog.id } });
    expect(resource.statusCode, resource.body).toBe(201);
    const accessPackage = await createAccessPackage(t, catalog.id, 'CRM editing');
    const role = await send('POST', `${em}/accessPackages/${accessPackage.id}/resourceRoleScopes`, { role: { originId: 'editor', originSystem: 'Webhook', resource: { id: resource.json().resource.id } }, scope: { originId: 'crm-sales', originSystem: 'Webhook' } });
    expect(role.statusCode, role.body).toBe(201);
    await createPolicy(t, accessPackage.id);
    const ann = await t.addUser({ userPrincipalName: 'ann@contoso.example', displayName: 'Ann' });

    failing = true;
    const request = await submitted(t, ann.token, { requestType: 'userAdd', assignment: { accessPackageId: accessPackage.id } });
    await t.jobs.drain();
    t.clock.advance(5_000);
    await t.jobs.drain();
    expect((await getRequest(t, request.id)).state).toBe('delivering');
    expect(events).toEqual([]);
    failing = false;
    t.clock.advance(30_000);
    await t.jobs.drain();
    const delivered = await getRequest(t, request.id);
    expect(delivered.state).toBe('delivered');
    expect(events).toEqual([expect.objectContaining({ type: 'grant', resource: { originId: 'crm-sales' }, role: { originId: 'editor' }, target: expect.objectContaining({ userPrincipalName: 'ann@contoso.example' }) })]);
    await submitted(t, ann.token, { requestType: 'userRemove', assignment: { id: delivered.assignment.id } });
    await t.jobs.drain();
    expect(events.map((event) => event.type)).toEqual(['grant', 'revoke']);
  });

  it('brings a resource of the second system of a kind into a catalog when the request names its environment', async () => {
    const erp = await send('POST', url, { displayName: 'ERP', kind: 'webhook', settings: { url: receiverUrl, resources: [{ originId: 'erp-finance', displayName: 'ERP: Finance', roles: [{ originId: 'clerk', displayName: 'Clerk' }] }] }, secrets: { signingSecret: secret } });
    expect(erp.statusCode, erp.body).toBe(201);
    const catalog = await createCatalog(t, 'Finance apps');
    const request = (resource: Record<string, unknown>) => send('POST', `${em}/resourceRequests?$expand=resource`, { requestType: 'adminAdd', resource: { originId: 'erp-finance', originSystem: 'Webhook', ...resource }, catalog: { id: catalog.id } });
    // Without an environment, the first webhook system (the default) is asked, and has no such resource.
    const unnamed = await request({});
    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.json().error.message).toBe("'erp-finance' is not a resource of Webhook.");
    const unknown = await request({ environment: { originId: '00000000-0000-4000-8000-000000000000' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.target).toBe('resource.environment');
    const named = await request({ environment: { originId: erp.json().id } });
    expect(named.statusCode, named.body).toBe(201);
    const row = await t.handle.db.selectFrom('resources').select('environment_id').where('id', '=', named.json().resource.id).executeTakeFirstOrThrow();
    expect(row.environment_id).toBe(erp.json().id);
  });

  it.each([
    ['a URL that is not http(s)', { url: 'ftp://127.0.0.1/x' }, {}, /settings\.url/],
    ['the same resource twice', { resources: [...settings().resources, ...settings().resources] }, {}, /settings\.resources: must name each resource \(originId\) once/],
    ['a resource without roles', { resources: [{ originId: 'x', displayName: 'X', roles: [] }] }, {}, /settings\.resources\.0\.roles/],
    ['a short signing secret', {}, { signingSecret: 'short' }, /secrets\.signingSecret: must be at least 16 characters/],
  ])('refuses (400) %s, writing nothing', async (_name, change, secrets, message) => {
    const before = await countRows(t, 'connected_systems');
    const response = await send('POST', url, { displayName: 'Bad hook', kind: 'webhook', settings: { ...settings(), ...change }, secrets: { signingSecret: secret, ...secrets } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(message);
    expect(await countRows(t, 'connected_systems')).toBe(before);
  });
});

describe.skipIf(skipReason())('a SCIM connected system', () => {
  let t: TestContext;
  let provider: ScimProvider;
  const url = '/v1.0/tessera/connectedSystems';
  const send = (method: 'GET' | 'POST', path: string, payload?: unknown) => t.request(t.admin.token, { method, url: path, ...(payload === undefined ? {} : { payload: payload as never }) });

  beforeAll(async () => {
    t = await createTestContext();
    provider = await startScimProvider('tessera-scim-token-123');
  });
  afterAll(async () => {
    await t?.close();
    await provider?.stop();
  });

  it('delivers a group membership into a SCIM application, creating the account, and takes it away', async () => {
    const groupId = provider.addGroup('Wiki editors');
    const created = await send('POST', url, { displayName: 'Wiki', kind: 'scim', settings: { baseUrl: provider.url, createMissingAccounts: true }, secrets: { bearerToken: provider.token } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.body).not.toContain(provider.token);
    const systemId = created.json().id;
    expect((await send('POST', `${url}/${systemId}/testConnection`)).json()).toEqual({ succeeded: true, message: null });
    expect((await send('GET', `${url}/${systemId}/resources?search=Wiki`)).json().value).toEqual([expect.objectContaining({ originId: groupId, displayName: 'Wiki editors', originSystem: 'ScimGroup' })]);

    const catalog = await createCatalog(t, 'Knowledge');
    const resource = await send('POST', `${em}/resourceRequests?$expand=resource`, { requestType: 'adminAdd', resource: { originId: groupId, originSystem: 'ScimGroup' }, catalog: { id: catalog.id } });
    expect(resource.statusCode, resource.body).toBe(201);
    const accessPackage = await createAccessPackage(t, catalog.id, 'Edit the wiki');
    const role = await send('POST', `${em}/accessPackages/${accessPackage.id}/resourceRoleScopes`, { role: { originId: 'Member', originSystem: 'ScimGroup', resource: { id: resource.json().resource.id } }, scope: { originId: groupId, originSystem: 'ScimGroup' } });
    expect(role.statusCode, role.body).toBe(201);
    await createPolicy(t, accessPackage.id);
    const ann = await t.addUser({ userPrincipalName: 'ann@contoso.example', displayName: 'Ann', mail: 'ann@contoso.example' });
    const request = await submitted(t, ann.token, { requestType: 'userAdd', assignment: { accessPackageId: accessPackage.id } });
    await t.jobs.drain();
    const delivered = await getRequest(t, request.id);
    expect(delivered.state, JSON.stringify(delivered)).toBe('delivered');
    const account = [...provider.users.values()].find((user) => user.userName === 'ann@contoso.example')!;
    expect(account).toMatchObject({ active: true, emails: [expect.objectContaining({ value: 'ann@contoso.example' })] });
    expect(provider.groups.get(groupId)!.members).toEqual([expect.objectContaining({ value: account.id })]);
    await submitted(t, ann.token, { requestType: 'userRemove', assignment: { id: delivered.assignment.id } });
    await t.jobs.drain();
    expect(provider.groups.get(groupId)!.members ?? []).toEqual([]);
  });

  it('answers 503 with the service’s own trouble when it cannot list what it offers', async () => {
    const created = await send('POST', url, { displayName: 'Flaky', kind: 'scim', settings: { baseUrl: provider.url }, secrets: { bearerToken: provider.token } });
    provider.fail(20, 503);
    const response = await send('GET', `${url}/${created.json().id}/resources`);
    provider.fail(0, 503);
    expect(response.statusCode).toBe(503);
    expect(response.json().error).toMatchObject({ code: 'serviceNotAvailable', message: `The SCIM service ${provider.url} answered 503 to listing groups: Service unavailable.` });
  });

  it('refuses (400) a base URL that is not http(s), and a missing token, writing nothing', async () => {
    const before = await countRows(t, 'connected_systems');
    for (const body of [
      { displayName: 'X', kind: 'scim', settings: { baseUrl: 'file:///etc/passwd' }, secrets: { bearerToken: 'x' } },
      { displayName: 'X', kind: 'scim', settings: { baseUrl: provider.url }, secrets: {} },
    ]) {
      const response = await send('POST', url, body);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toMatch(/settings\.baseUrl|secrets\.bearerToken/);
    }
    expect(await countRows(t, 'connected_systems')).toBe(before);
  });
});
