import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { seedGroupsAndPeople, startOpenLdap, slapdMissing } from '../test/helpers/openldap.js';
import { findPostgresBinaries, startCluster } from '../test/helpers/postgres-cluster.js';
import type { Client } from './http-load.js';
import { measureDelivery } from './lifecycle.js';

/**
 * Deliveries into real target systems: auto-approved requests for a package whose role lives in
 * a PostgreSQL database (GRANT, a login created for each user) or an OpenLDAP directory (a group
 * membership), through the same server, job worker and connectors as production. The targets are
 * started here on loopback and torn down after; each commit of theirs is durable.
 */
const em = '/v1.0/identityGovernance/entitlementManagement';
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);

async function call(client: Client, token: string, method: string, path: string, body?: unknown): Promise<any> {
  const response = await client.send(method, path, { authorization: `Bearer ${token}` }, body);
  if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${response.body.slice(0, 300)}`);
  return response.body ? JSON.parse(response.body) : null;
}

/** A connected system, one of its resources in a catalog, a package giving its Member role, and a policy letting every member ask. */
async function packageOf(client: Client, adminToken: string, system: Record<string, unknown>, resource: { originId: string; originSystem: string }): Promise<string> {
  await call(client, adminToken, 'POST', '/v1.0/tessera/connectedSystems', system);
  const catalog = await call(client, adminToken, 'POST', `${em}/catalogs`, { displayName: `Bench ${resource.originSystem} ${randomUUID().slice(0, 8)}` });
  const request = await call(client, adminToken, 'POST', `${em}/resourceRequests?$expand=resource`, { requestType: 'adminAdd', resource, catalog: { id: catalog.id } });
  const accessPackage = await call(client, adminToken, 'POST', `${em}/accessPackages`, { displayName: `Bench ${resource.originSystem}`, catalog: { id: catalog.id } });
  await call(client, adminToken, 'POST', `${em}/accessPackages/${accessPackage.id}/resourceRoleScopes`, { role: { originId: 'Member', originSystem: resource.originSystem, resource: { id: request.resource.id } }, scope: { originId: resource.originId, originSystem: resource.originSystem } });
  await call(client, adminToken, 'POST', `${em}/assignmentPolicies`, {
    displayName: 'Every member, no approval',
    allowedTargetScope: 'allMemberUsers',
    requestorSettings: { enableTargetsToSelfAddAccess: true },
    requestApprovalSettings: { isApprovalRequiredForAdd: false, isApprovalRequiredForUpdate: false, stages: [] },
    expiration: { type: 'noExpiration' },
    accessPackage: { id: accessPackage.id },
  });
  return accessPackage.id;
}

export async function measureConnectorDeliveries(client: Client, adminToken: string, databaseUrl: string, requesters: { token: string; userPrincipalName: string }[], connections: number) {
  const tokens = requesters.map((requester) => requester.token);
  const figures: Record<string, unknown> = {};

  const binaries = findPostgresBinaries();
  if (!binaries) figures.postgresql = { skipped: 'PostgreSQL server binaries not found' };
  else {
    log(`connectorDeliveries.postgresql: ${requesters.length} requests, a login created for each`);
    const cluster = await startCluster(binaries, { password: 'bench-target', durableCommits: true });
    try {
      const admin = new pg.Client({ connectionString: cluster.url('postgres') });
      await admin.connect();
      try {
        await admin.query('create role bench_readers nologin');
        const accessPackageId = await packageOf(client, adminToken, { displayName: 'Bench database', kind: 'postgresql', settings: { host: '127.0.0.1', port: cluster.port, database: 'postgres', user: 'postgres', createMissingAccounts: true }, secrets: { password: 'bench-target' } }, { originId: 'bench_readers', originSystem: 'PostgreSqlRole' });
        const delivery = await measureDelivery(client, databaseUrl, tokens, accessPackageId, connections);
        const held = await admin.query(`select count(*)::int as n from pg_auth_members a join pg_roles r on r.oid = a.roleid where r.rolname = 'bench_readers'`);
        figures.postgresql = { ...delivery, heldInTarget: held.rows[0].n };
        log(`delivered into PostgreSQL at ${delivery.deliveredPerSecond}/s`);
      } finally {
        await admin.end();
      }
    } finally {
      cluster.stop();
    }
  }

  if (slapdMissing) figures.ldap = { skipped: slapdMissing };
  else {
    log(`connectorDeliveries.ldap: ${requesters.length} requests into one groupOfNames`);
    const base = 'dc=bench,dc=example';
    const ldap = await startOpenLdap(base);
    try {
      const admin = await seedGroupsAndPeople(ldap);
      try {
        for (const { userPrincipalName } of requesters) {
          const uid = userPrincipalName.split('@')[0]!;
          await admin.add(`uid=${uid},ou=people,${base}`, { objectClass: 'inetOrgPerson', uid, cn: uid, sn: uid });
        }
        await admin.add(`cn=bench,ou=groups,${base}`, { objectClass: 'groupOfNames', cn: 'bench', member: 'cn=nobody' });
        const accessPackageId = await packageOf(client, adminToken, { displayName: 'Bench LDAP', kind: 'ldap', settings: { url: ldap.url, bindDn: ldap.adminDn, groupsBaseDn: `ou=groups,${base}`, usersBaseDn: `ou=people,${base}`, emptyGroupPlaceholder: 'cn=nobody' }, secrets: { password: ldap.adminPassword } }, { originId: `cn=bench,ou=groups,${base}`, originSystem: 'LdapGroup' });
        const delivery = await measureDelivery(client, databaseUrl, tokens, accessPackageId, connections);
        const { searchEntries } = await admin.search(`cn=bench,ou=groups,${base}`, { scope: 'base', attributes: ['member'] });
        const members = searchEntries[0]?.member;
        figures.ldap = { ...delivery, heldInTarget: Array.isArray(members) ? members.length : members ? 1 : 0 };
        log(`delivered into LDAP at ${delivery.deliveredPerSecond}/s`);
      } finally {
        await admin.unbind();
      }
    } finally {
      await ldap.stop();
    }
  }
  return figures;
}
