import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { titled, postgresMissing, findPostgresBinaries, startCluster, type Cluster } from '../../../test/helpers/postgres-cluster.js';
import { connectorContract, type ContractSubject } from '../../../test/helpers/connector-contract.js';
import type { AccessTarget, RoleGrant } from '../connector.js';
import { postgresConnector, type PostgresConnector, type PostgresSettings } from './postgres-connector.js';

/**
 * The PostgreSQL connector against a real PostgreSQL (Debian's), started for these tests with
 * password authentication as a real target has it: its own cluster, apart from Tessera's store.
 */
const binaries = findPostgresBinaries();

describe.skipIf(postgresMissing())(titled('the PostgreSQL connector', postgresMissing()), () => {
  const password = 'target-secret-Ü';
  let cluster: Cluster;
  let admin: pg.Client;
  let settings: PostgresSettings;
  let connector: PostgresConnector;
  const ann: AccessTarget = { userId: 'u-ann', userPrincipalName: 'ann@contoso.example', mail: 'ann.smith@contoso.example' };
  const bob: AccessTarget = { userId: 'u-bob', userPrincipalName: 'bob@contoso.example', mail: null };
  const grant = (role: string, target = ann): RoleGrant => ({ resourceOriginId: role, roleOriginId: 'Member', scopeOriginId: role, target });

  beforeAll(async () => {
    cluster = await startCluster(binaries!, { password, durableCommits: true });
    admin = new pg.Client({ connectionString: cluster.url('postgres') });
    await admin.connect();
    // Group roles an administrator offers, one with a name that needs quoting, and Ann's login.
    await admin.query(`create role app_readers nologin; create role app_writers nologin; create role "Reporting ""gold"" tier" nologin; create role appxreaders nologin; create role ann login`);
    await admin.query(`comment on role app_readers is 'Reads the app schema'`);
    settings = { host: '127.0.0.1', port: cluster.port, database: 'postgres', user: 'postgres', ssl: false, accountNaming: 'userPrincipalNameLocalPart', createMissingAccounts: false };
    connector = postgresConnector(settings, { password });
  });
  afterAll(async () => {
    await connector?.close();
    await admin?.end();
    cluster?.stop();
  });

  const members = async (role: string) => (await admin.query(`select m.rolname from pg_auth_members a join pg_roles r on r.oid = a.roleid join pg_roles m on m.oid = a.member where r.rolname = $1 order by 1`, [role])).rows.map((row) => row.rolname);

  it('describes a group role as a resource with one role, Member, and finds nothing for a login or an unknown name', async () => {
    expect(await connector.describe('app_readers')).toEqual({
      originId: 'app_readers',
      displayName: 'app_readers',
      description: 'Reads the app schema',
      resourceType: 'PostgreSQL role',
      grantsAdministrativeRoles: false,
      roles: [{ originId: 'Member', displayName: 'Member', description: 'Member of the role app_readers' }],
      scopes: [{ originId: 'app_readers', displayName: 'Root', description: 'Root Scope', isRootScope: true }],
    });
    expect(await connector.describe('ann')).toBeNull();
    expect(await connector.describe('nobody')).toBeNull();
  });

  it('discovers group roles by the start of their name, without case, paged; LIKE wildcards in the search are plain text', async () => {
    const first = await connector.discover({ search: 'APP_', top: 1 });
    expect(first.resources.map((r) => r.originId)).toEqual(['app_readers']);
    const second = await connector.discover({ search: 'app_', top: 1, cursor: first.nextCursor });
    expect(second.resources.map((r) => r.originId)).toEqual(['app_writers']);
    expect(second.nextCursor).toBeUndefined();
    // '%' and '_' match themselves only; built-in pg_ roles and logins are never offered.
    expect((await connector.discover({ search: '%', top: 10 })).resources).toEqual([]);
    const all = (await connector.discover({ top: 50 })).resources.map((r) => r.originId);
    expect(all).toEqual(['Reporting "gold" tier', 'app_readers', 'app_writers', 'appxreaders']);
  });

  it('grants and revokes idempotently, quoting every name, and lists the holders', async () => {
    for (const role of ['app_readers', 'Reporting "gold" tier']) {
      await connector.grant(grant(role));
      await connector.grant(grant(role));
      expect(await members(role)).toEqual(['ann']);
      expect(await connector.listHolders(role, 'Member')).toEqual(['ann']);
      await connector.revoke(grant(role));
      await connector.revoke(grant(role));
      expect(await members(role)).toEqual([]);
    }
  });

  it('fails the grant of a user without a login, saying so, unless it may create missing accounts; revoking from nobody succeeds', async () => {
    await expect(connector.grant(grant('app_writers', bob))).rejects.toThrow(`There is no login role 'bob' in the PostgreSQL database 'postgres' at 127.0.0.1:${cluster.port}; create it, or let Tessera create missing accounts.`);
    await connector.revoke(grant('app_writers', bob));
    const creating = postgresConnector({ ...settings, createMissingAccounts: true }, { password });
    try {
      await creating.grant(grant('app_writers', bob));
      expect(await members('app_writers')).toEqual(['bob']);
      expect((await admin.query(`select rolcanlogin from pg_roles where rolname = 'bob'`)).rows).toEqual([{ rolcanlogin: true }]);
    } finally {
      await creating.close();
    }
  });

  it('never grants to a group role, a superuser or its own role, even when a user is named like one', async () => {
    const named = (local: string): AccessTarget => ({ userId: `u-${local}`, userPrincipalName: `${local}@contoso.example`, mail: null });
    for (const local of ['app_writers', 'postgres']) {
      await expect(connector.grant(grant('app_readers', named(local)))).rejects.toThrow(`'${local}' in the PostgreSQL database 'postgres' at 127.0.0.1:${cluster.port} is not an ordinary login role (a group role, a superuser, or Tessera's own); no access is delivered to it.`);
    }
    expect(await members('app_readers')).toEqual([]);
  });

  it('names accounts by mail when told to, and fails a user who has none', async () => {
    const byMail = postgresConnector({ ...settings, accountNaming: 'mail', createMissingAccounts: true }, { password });
    try {
      await byMail.grant(grant('app_readers'));
      expect(await members('app_readers')).toEqual(['ann.smith@contoso.example']);
      await expect(byMail.grant(grant('app_readers', bob))).rejects.toThrow(/User u-bob has no mail to name their account/);
    } finally {
      await byMail.close();
    }
  });

  it('fails a grant of a role that no longer exists with the reason', async () => {
    await expect(connector.grant(grant('dropped_role'))).rejects.toThrow(/has no such role/);
  });

  it('says what is wrong: bad credentials, an unknown database, an unreachable server, a role without CREATEROLE', async () => {
    await expect(connector.test!()).resolves.toBeUndefined();
    const wrong = postgresConnector(settings, { password: 'not-it' });
    await expect(wrong.test!()).rejects.toThrow(`The PostgreSQL database 'postgres' at 127.0.0.1:${cluster.port} refused the credentials of 'postgres'.`);
    await wrong.close();
    const noDatabase = postgresConnector({ ...settings, database: 'nowhere' }, { password });
    await expect(noDatabase.test!()).rejects.toThrow(/database 'nowhere' .* does not exist/);
    await noDatabase.close();
    const unreachable = postgresConnector({ ...settings, port: 1 }, { password });
    await expect(unreachable.test!()).rejects.toThrow(/connection was refused/);
    await unreachable.close();
    await admin.query(`create role weak login password 'weak-pass'`);
    const weak = postgresConnector({ ...settings, user: 'weak' }, { password: 'weak-pass' });
    await expect(weak.test!()).rejects.toThrow(/may not grant roles to others \(it needs CREATEROLE\)/);
    await weak.close();
  });

  it('fails while the server is down and works again once it is back, without a new connector', async () => {
    await admin.end();
    cluster.pause();
    try {
      await expect(connector.grant(grant('app_writers'))).rejects.toThrow(/Cannot reach|did not answer|failed/);
    } finally {
      cluster.resume();
    }
    admin = new pg.Client({ connectionString: cluster.url('postgres') });
    await admin.connect();
    await connector.grant(grant('app_writers'));
    expect(await members('app_writers')).toEqual(['ann', 'bob']);
  });

  describe('the connector contract', () => {
    let subject: ContractSubject;
    beforeAll(async () => {
      await admin.query(`create role contract_role nologin; create role carl login`);
      const contractSettings = { ...settings, createMissingAccounts: true };
      subject = {
        connector: postgresConnector(contractSettings, { password }),
        withWrongCredentials: postgresConnector(contractSettings, { password: 'not-it' }),
        resource: 'contract_role',
        search: 'contract_',
        users: [
          { userId: 'u-carl', userPrincipalName: 'carl@contoso.example', mail: null },
          { userId: 'u-dora', userPrincipalName: 'dora@contoso.example', mail: null },
        ],
        heldInTarget: () => members('contract_role'),
        addByHand: async () => {
          await admin.query(`create role stray_by_hand login`).catch(() => {}); // there already from an earlier test
          await admin.query(`grant contract_role to stray_by_hand`);
          return 'stray_by_hand';
        },
        down: async () => {
          await admin.end();
          cluster.pause();
        },
        up: async () => {
          cluster.resume();
          admin = new pg.Client({ connectionString: cluster.url('postgres') });
          await admin.connect();
        },
      };
    });
    afterAll(async () => {
      await (subject?.connector as PostgresConnector | undefined)?.close();
      await (subject?.withWrongCredentials as PostgresConnector | undefined)?.close();
    });
    connectorContract(() => subject);
  });
});
