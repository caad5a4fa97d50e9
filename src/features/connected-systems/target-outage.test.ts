import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessPackage, createCatalog, createPolicy, em } from '../../../test/helpers/entitlement-fixtures.js';
import { getRequest, submitted } from '../../../test/helpers/lifecycle-fixtures.js';
import { slapdMissing, startOpenLdap, type OpenLdap, bindAdmin, seedGroupsAndPeople } from '../../../test/helpers/openldap.js';
import { titled, postgresMissing, findPostgresBinaries, startCluster, type Cluster } from '../../../test/helpers/postgres-cluster.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { skipReason } from '../../../test/helpers/test-database.js';

/**
 * The fault test of each connector: a burst of requests is being delivered when the target system
 * stops; it starts again a while later. Every request ends delivered, once: one fulfilment each in
 * the audit log, and each user holds the role once in the target.
 */
const burst = 12;
const binaries = findPostgresBinaries();

type Target = {
  /** The connected system's kind, settings and secrets, and the resource to bring into a catalog. */
  system: Record<string, unknown>;
  resource: { originId: string; originSystem: string; roleOriginId: string };
  stop(): Promise<void>;
  start(): Promise<void>;
  holders(): Promise<string[]>;
};

async function burstThroughAnOutage(t: TestContext, target: Target): Promise<void> {
  const created = await t.request(t.admin.token, { method: 'POST', url: '/v1.0/tessera/connectedSystems', payload: target.system as never });
  expect(created.statusCode, created.body).toBe(201);
  const catalog = await createCatalog(t, `Outage ${target.resource.originSystem}`);
  const resource = await t.request(t.admin.token, { method: 'POST', url: `${em}/resourceRequests?$expand=resource`, payload: { requestType: 'adminAdd', resource: { originId: target.resource.originId, originSystem: target.resource.originSystem }, catalog: { id: catalog.id } } });
  expect(resource.statusCode, resource.body).toBe(201);
  const accessPackage = await createAccessPackage(t, catalog.id, `Outage package ${target.resource.originSystem}`);
  const role = await t.request(t.admin.token, {
    method: 'POST',
    url: `${em}/accessPackages/${accessPackage.id}/resourceRoleScopes`,
    payload: { role: { originId: target.resource.roleOriginId, originSystem: target.resource.originSystem, resource: { id: resource.json().resource.id } }, scope: { originId: target.resource.originId, originSystem: target.resource.originSystem } },
  });
  expect(role.statusCode, role.body).toBe(201);
  await createPolicy(t, accessPackage.id);

  // The target stops after a third of the burst has been granted.
  const registry = t.deps.connectors;
  const real = registry.forEnvironment.bind(registry);
  let granted = 0;
  let stopped = false;
  registry.forEnvironment = (environmentId) => {
    const connector = real(environmentId);
    if (!connector || environmentId !== created.json().id) return connector;
    return {
      ...connector,
      grant: async (grant) => {
        if (!stopped && granted >= burst / 3) {
          stopped = true;
          await target.stop();
        }
        await connector.grant(grant);
        granted += 1;
      },
    };
  };
  const requests: string[] = [];
  for (let i = 0; i < burst; i += 1) {
    const user = await t.addUser({ userPrincipalName: `burst${i}@contoso.example`, displayName: `Burst ${i}` });
    requests.push((await submitted(t, user.token, { requestType: 'userAdd', assignment: { accessPackageId: accessPackage.id } })).id);
  }
  try {
    await t.jobs.drain();
    t.clock.advance(3_000);
    await t.jobs.drain();
    expect(stopped).toBe(true);
    const states = await Promise.all(requests.map(async (id) => (await getRequest(t, id)).state));
    expect(states.filter((state) => state === 'delivered').length).toBeLessThan(burst);
  } finally {
    await target.start();
  }
  t.clock.advance(60_000);
  await t.jobs.drain();
  for (const id of requests) expect((await getRequest(t, id)).state).toBe('delivered');
  const fulfilled = await t.handle.db.selectFrom('directory_audits').select('correlation_id').where('activity_display_name', '=', 'Fulfill access package assignment request').where('correlation_id', 'in', requests).execute();
  expect(fulfilled.map((row) => row.correlation_id).sort()).toEqual([...requests].sort());
  const holders = await target.holders();
  expect(holders).toHaveLength(burst);
  expect(new Set(holders).size).toBe(burst);
}

describe.skipIf(skipReason() || postgresMissing())(titled('a PostgreSQL target that stops during a burst of deliveries', skipReason() || postgresMissing()), () => {
  let t: TestContext;
  let cluster: Cluster;
  beforeAll(async () => {
    t = await createTestContext();
    // A commit acknowledged must survive the server's death, as on a real target.
    cluster = await startCluster(binaries!, { password: 'outage-secret', durableCommits: true });
    const admin = new pg.Client({ connectionString: cluster.url('postgres') });
    await admin.connect();
    await admin.query('create role burst_readers nologin');
    await admin.end();
  });
  afterAll(async () => {
    await t?.close();
    cluster?.stop();
  });

  it('delivers every request once it is back, each exactly once', async () => {
    await burstThroughAnOutage(t, {
      system: { displayName: 'Burst database', kind: 'postgresql', settings: { host: '127.0.0.1', port: cluster.port, database: 'postgres', user: 'postgres', createMissingAccounts: true }, secrets: { password: 'outage-secret' } },
      resource: { originId: 'burst_readers', originSystem: 'PostgreSqlRole', roleOriginId: 'Member' },
      stop: async () => cluster.pause(),
      start: async () => cluster.resume(),
      holders: async () => {
        const admin = new pg.Client({ connectionString: cluster.url('postgres') });
        await admin.connect();
        try {
          return (await admin.query(`select m.rolname from pg_auth_members a join pg_roles r on r.oid = a.roleid join pg_roles m on m.oid = a.member where r.rolname = 'burst_readers'`)).rows.map((row) => row.rolname);
        } finally {
          await admin.end();
        }
      },
    });
  });
});

describe.skipIf(skipReason() || slapdMissing)(titled('an LDAP target that stops during a burst of deliveries', skipReason() || slapdMissing), () => {
  const base = 'dc=example,dc=org';
  let t: TestContext;
  let ldap: OpenLdap;
  beforeAll(async () => {
    t = await createTestContext();
    ldap = await startOpenLdap(base);
    const admin = await seedGroupsAndPeople(ldap);
    for (let i = 0; i < burst; i += 1) await admin.add(`uid=burst${i},ou=people,${base}`, { objectClass: 'inetOrgPerson', uid: `burst${i}`, cn: `Burst ${i}`, sn: 'B' });
    await admin.add(`cn=burst,ou=groups,${base}`, { objectClass: 'groupOfNames', cn: 'burst', member: 'cn=nobody' });
    await admin.unbind();
  });
  afterAll(async () => {
    await t?.close();
    await ldap?.stop();
  });

  it('delivers every request once it is back, each exactly once', async () => {
    await burstThroughAnOutage(t, {
      system: { displayName: 'Burst LDAP', kind: 'ldap', settings: { url: ldap.url, bindDn: ldap.adminDn, groupsBaseDn: `ou=groups,${base}`, usersBaseDn: `ou=people,${base}`, emptyGroupPlaceholder: 'cn=nobody' }, secrets: { password: ldap.adminPassword } },
      resource: { originId: `cn=burst,ou=groups,${base}`, originSystem: 'LdapGroup', roleOriginId: 'Member' },
      stop: () => ldap.pause(),
      start: () => ldap.resume(),
      holders: async () => {
        const admin = await bindAdmin(ldap);
        try {
          const { searchEntries } = await admin.search(`cn=burst,ou=groups,${base}`, { scope: 'base', attributes: ['member'] });
          const values = searchEntries[0]!.member!;
          return (Array.isArray(values) ? values : [values]).map(String).filter((dn) => dn !== 'cn=nobody');
        } finally {
          await admin.unbind();
        }
      },
    });
  });
});
