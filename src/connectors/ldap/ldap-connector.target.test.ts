import { Attribute, Change, Client } from 'ldapts';
import { connectorContract, type ContractSubject } from '../../../test/helpers/connector-contract.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slapdMissing, startOpenLdap, type OpenLdap, bindAdmin, seedGroupsAndPeople } from '../../../test/helpers/openldap.js';
import type { AccessTarget, Connector, RoleGrant } from '../connector.js';
import { ldapConnector, type LdapSettings } from './ldap-connector.js';
import { escapeDnValue, escapeFilterValue } from './ldap-names.js';

/** The LDAP connector against a real OpenLDAP (Debian's slapd), started for these tests. */
describe.skipIf(slapdMissing)(`the LDAP connector${slapdMissing ? ` (skipped: ${slapdMissing})` : ''}`, () => {
  let ldap: OpenLdap;
  let admin: Client;
  let settings: LdapSettings;
  let connector: Connector;
  const base = 'dc=example,dc=org';
  const groups = `ou=groups,${base}`;
  const people = `ou=people,${base}`;
  const ann: AccessTarget = { userId: 'u-ann', userPrincipalName: 'ann@contoso.example', mail: 'ann.smith@contoso.example' };
  const bob: AccessTarget = { userId: 'u-bob', userPrincipalName: 'bob@contoso.example', mail: null };
  const eve: AccessTarget = { userId: 'u-eve', userPrincipalName: 'eve*)(uid=*@contoso.example', mail: null };
  const dnOf = (cn: string) => `cn=${cn},${groups}`;
  const grant = (cn: string, target = ann): RoleGrant => ({ resourceOriginId: dnOf(cn), roleOriginId: 'Member', scopeOriginId: dnOf(cn), target });
  const membersOf = async (cn: string, attribute = 'member') => {
    const { searchEntries } = await admin.search(dnOf(cn), { scope: 'base', attributes: [attribute] });
    const values = searchEntries[0]?.[attribute];
    return (values === undefined ? [] : Array.isArray(values) ? values : [values]).map(String).sort();
  };

  beforeAll(async () => {
    ldap = await startOpenLdap(base);
    admin = await seedGroupsAndPeople(ldap);
    await admin.add(`uid=ann,${people}`, { objectClass: 'inetOrgPerson', uid: 'ann', cn: 'Ann Smith', sn: 'Smith', mail: 'ann.smith@contoso.example' });
    await admin.add(`uid=carl,${people}`, { objectClass: 'inetOrgPerson', uid: 'carl', cn: 'Carl', sn: 'C' });
    // groupOfNames must keep a member: a placeholder holds the place of an empty group.
    await admin.add(dnOf('developers'), { objectClass: 'groupOfNames', cn: 'developers', description: 'Everyone who ships code', member: 'cn=nobody' });
    await admin.add(dnOf('designers'), { objectClass: 'groupOfNames', cn: 'designers', member: 'cn=nobody' });
    await admin.add(dnOf('dev*ops'), { objectClass: 'groupOfNames', cn: 'dev*ops', member: 'cn=nobody' });
    await admin.add(dnOf('auditors'), { objectClass: 'groupOfUniqueNames', cn: 'auditors', uniqueMember: 'cn=nobody' });
    settings = {
      url: ldap.url,
      bindDn: ldap.adminDn,
      groupsBaseDn: groups,
      groupKind: 'groupOfNames',
      usersBaseDn: people,
      accountAttribute: 'uid',
      accountDnTemplate: null,
      accountNaming: 'userPrincipalNameLocalPart',
      emptyGroupPlaceholder: 'cn=nobody',
    };
    connector = ldapConnector(settings, { password: ldap.adminPassword });
  });
  afterAll(async () => {
    await admin?.unbind();
    await ldap?.stop();
  });

  it('escapes filter values and DN values so that no user text changes their meaning', () => {
    expect(escapeFilterValue('eve*)(uid=*')).toBe('eve\\2a\\29\\28uid=\\2a');
    expect(escapeFilterValue('a\\b\u0000')).toBe('a\\5cb\\00');
    expect(escapeDnValue('Smith, Ann+Co <x>;="y"')).toBe('Smith\\, Ann\\+Co \\<x\\>\\;\\=\\"y\\"');
    expect(escapeDnValue('#lead ')).toBe('\\#lead\\ ');
  });

  it('describes a group by its DN, with one role, Member; nothing for another kind of entry or an unknown DN', async () => {
    expect(await connector.describe(dnOf('developers'))).toEqual({
      originId: dnOf('developers'),
      displayName: 'developers',
      description: 'Everyone who ships code',
      resourceType: 'LDAP group',
      grantsAdministrativeRoles: false,
      roles: [{ originId: 'Member', displayName: 'Member', description: 'Member of developers' }],
      scopes: [{ originId: dnOf('developers'), displayName: 'Root', description: 'Root Scope', isRootScope: true }],
    });
    expect(await connector.describe(`uid=ann,${people}`)).toBeNull();
    expect(await connector.describe(dnOf('nobody-here'))).toBeNull();
    expect(await connector.describe(dnOf('auditors'))).toBeNull(); // a groupOfUniqueNames, not this system's kind
  });

  it('discovers groups by the start of their name, paged; a * in the search is plain text', async () => {
    const first = await connector.discover({ search: 'de', top: 2 });
    expect(first.resources.map((r) => r.displayName)).toEqual(['designers', 'dev*ops']);
    const second = await connector.discover({ search: 'de', top: 2, cursor: first.nextCursor });
    expect(second.resources.map((r) => r.displayName)).toEqual(['developers']);
    expect(second.nextCursor).toBeUndefined();
    expect((await connector.discover({ search: 'dev*', top: 10 })).resources.map((r) => r.displayName)).toEqual(['dev*ops']);
  });

  it('adds and removes a member idempotently; the placeholder goes with the first member and comes back with the last', async () => {
    await connector.grant(grant('developers'));
    await connector.grant(grant('developers'));
    expect(await membersOf('developers')).toEqual([`uid=ann,${people}`]);
    expect(await connector.listHolders(dnOf('developers'), 'Member')).toEqual([`uid=ann,${people}`]);
    await connector.revoke(grant('developers'));
    await connector.revoke(grant('developers'));
    expect(await membersOf('developers')).toEqual(['cn=nobody']);
    expect(await connector.listHolders(dnOf('developers'), 'Member')).toEqual([]);
  });

  it('works with groupOfUniqueNames (uniqueMember), and finds accounts by mail or by a DN template', async () => {
    const unique = ldapConnector({ ...settings, groupKind: 'groupOfUniqueNames', accountAttribute: 'mail', accountNaming: 'mail' }, { password: ldap.adminPassword });
    await unique.grant(grant('auditors'));
    expect(await membersOf('auditors', 'uniqueMember')).toEqual([`uid=ann,${people}`]);
    await unique.revoke(grant('auditors'));
    expect(await membersOf('auditors', 'uniqueMember')).toEqual(['cn=nobody']);
    const templated = ldapConnector({ ...settings, accountDnTemplate: `uid={account},${people}` }, { password: ldap.adminPassword });
    await templated.grant(grant('designers', { ...bob, userPrincipalName: 'carl@contoso.example' }));
    expect(await membersOf('designers')).toEqual([`uid=carl,${people}`]);
  });

  it('fails a user without an account, saying which, and never lets their name widen the search', async () => {
    await expect(connector.grant(grant('developers', bob))).rejects.toThrow(`No account uid=bob under ${people} in the LDAP directory ${ldap.url}; create it first.`);
    // Unescaped, (uid=eve*)(uid=*) would match Ann and Carl: escaped, it matches nobody.
    await expect(connector.grant(grant('developers', eve))).rejects.toThrow(/No account uid=eve\*\)\(uid=\*/);
    await connector.revoke(grant('developers', bob));
    expect(await membersOf('developers')).toEqual(['cn=nobody']);
  });

  it('says what is wrong: bad credentials, a missing base DN, a server that does not answer', async () => {
    await expect(connector.test!()).resolves.toBeUndefined();
    await expect(ldapConnector(settings, { password: 'not-it' }).test!()).rejects.toThrow(`The LDAP directory ${ldap.url} refused the credentials of ${ldap.adminDn}.`);
    await expect(ldapConnector({ ...settings, usersBaseDn: `ou=staff,${base}` }, { password: ldap.adminPassword }).test!()).rejects.toThrow(`The users base DN ou=staff,${base} does not exist in the LDAP directory ${ldap.url}.`);
    await expect(ldapConnector({ ...settings, url: 'ldap://127.0.0.1:1' }, { password: ldap.adminPassword }).test!()).rejects.toThrow(/connection was refused/);
  });

  it('fails while the directory is down, and works again once it is back', async () => {
    await admin.unbind();
    await ldap.pause();
    try {
      await expect(connector.grant(grant('designers'))).rejects.toThrow(/Cannot reach|did not answer|failed/);
    } finally {
      await ldap.resume();
    }
    admin = await bindAdmin(ldap);
    await connector.grant(grant('designers'));
    expect(await membersOf('designers')).toEqual([`uid=ann,${people}`, `uid=carl,${people}`]);
  });

  it('takes a membership from an entry the directory renamed since the grant, whether or not it rewrote the membership', async () => {
    for (const uid of ['gus', 'hal']) await admin.add(`uid=${uid},${people}`, { objectClass: 'inetOrgPerson', uid, cn: uid, sn: uid });
    const target = (uid: string): AccessTarget => ({ userId: `u-${uid}`, userPrincipalName: `${uid}@contoso.example`, mail: null });
    const gus = (await connector.grant(grant('designers', target('gus')))) as { holder: string };
    const hal = (await connector.grant(grant('designers', target('hal')))) as { holder: string };
    expect(gus.holder).toBe(`uid=gus,${people}`);

    // Renamed without referential integrity: the membership still names the old DN.
    await admin.modifyDN(`uid=gus,${people}`, `uid=gus2,${people}`);
    await connector.revoke({ ...grant('designers', target('gus2')), holder: gus.holder });
    expect(await membersOf('designers')).not.toContain(`uid=gus,${people}`);

    // Renamed with it (as AD and refint do): the membership follows the entry to its new DN.
    await admin.modifyDN(`uid=hal,${people}`, `uid=hal2,${people}`);
    await admin.modify(dnOf('designers'), [new Change({ operation: 'delete', modification: new Attribute({ type: 'member', values: [`uid=hal,${people}`] }) }), new Change({ operation: 'add', modification: new Attribute({ type: 'member', values: [`uid=hal2,${people}`] }) })]);
    await connector.revoke({ ...grant('designers', target('hal2')), holder: hal.holder });
    expect(await membersOf('designers')).not.toContain(`uid=hal2,${people}`);
  });

  describe('the connector contract', () => {
    let subject: ContractSubject;
    beforeAll(async () => {
      await admin.add(dnOf('contractors'), { objectClass: 'groupOfNames', cn: 'contractors', member: 'cn=nobody' });
      for (const uid of ['dora', 'emil', 'stray']) await admin.add(`uid=${uid},${people}`, { objectClass: 'inetOrgPerson', uid, cn: uid, sn: uid });
      subject = {
        connector,
        withWrongCredentials: ldapConnector(settings, { password: 'not-it' }),
        resource: dnOf('contractors'),
        search: 'contract',
        users: [
          { userId: 'u-dora', userPrincipalName: 'dora@contoso.example', mail: null },
          { userId: 'u-emil', userPrincipalName: 'Emil@contoso.example', mail: null },
        ],
        heldInTarget: async () => (await membersOf('contractors')).filter((dn) => dn !== 'cn=nobody'),
        addByHand: async () => {
          await admin.modify(dnOf('contractors'), [new Change({ operation: 'add', modification: new Attribute({ type: 'member', values: [`uid=stray,${people}`] }) })]);
          return `UID=stray, ${people}`;
        },
        down: async () => {
          await admin.unbind();
          await ldap.pause();
        },
        up: async () => {
          await ldap.resume();
          admin = await bindAdmin(ldap);
        },
      };
    });
    connectorContract(() => subject);

    it('finds accounts for reconciliation by a DN template too, and by mail, many names a search', async () => {
      const byTemplate = ldapConnector({ ...settings, accountDnTemplate: `uid={account},${people}` }, { password: ldap.adminPassword });
      expect(await byTemplate.reconciliation!.holdersOf([ann, eve])).toEqual(new Map([['u-ann', `uid=ann,${people}`], ['u-eve', `uid=${escapeDnValue('eve*)(uid=*')},${people}`]]));
      const byMail = ldapConnector({ ...settings, accountAttribute: 'mail', accountNaming: 'mail' }, { password: ldap.adminPassword });
      const many: AccessTarget[] = Array.from({ length: 450 }, (_, i) => ({ userId: `u-${i}`, userPrincipalName: `x${i}@contoso.example`, mail: `x${i}@contoso.example` }));
      const found = await byMail.reconciliation!.holdersOf([...many, ann, bob, eve]);
      expect(found.get('u-ann')).toBe(`uid=ann,${people}`);
      // No mail, no account found; a name full of filter syntax finds nobody rather than everybody.
      expect([found.get('u-bob'), found.get('u-eve'), found.get('u-7')]).toEqual([null, null, null]);
      expect((await connector.reconciliation!.holdersOf([eve])).get('u-eve')).toBeNull();
    });
  });
});
