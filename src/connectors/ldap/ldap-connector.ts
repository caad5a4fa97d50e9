import { Attribute, Change, Client, type Entry } from 'ldapts';
import type { AccessTarget, Connector, DiscoveredResource, RoleGrant } from '../connector.js';
import { accountNameOf, nameOrNull, type AccountNaming } from '../account-naming.js';
import { escapeDnValue, escapeFilterValue, normalDn, sameDn } from './ldap-names.js';

/**
 * An LDAP directory (OpenLDAP, Active Directory) as a connected system: its groups under a base DN
 * are resources, each with one role, Member; granting it adds the user's entry to the group's
 * member attribute. A user's entry is found by an attribute (`mail` = their mail, `uid` = the
 * local part of their userPrincipalName…) under a base DN, or built from a DN template. Every
 * value that reaches a filter or a DN is escaped (ldap-names.ts).
 */
export type LdapGroupKind = 'groupOfNames' | 'groupOfUniqueNames' | 'activeDirectory';
export type LdapSettings = {
  /** ldap://host:port or ldaps://host:port */
  url: string;
  bindDn: string;
  groupsBaseDn: string;
  groupKind: LdapGroupKind;
  usersBaseDn: string;
  /** The attribute that holds the account name (`uid`, `mail`, `sAMAccountName`), searched under usersBaseDn… */
  accountAttribute: string;
  /** …or a DN with `{account}` where the (escaped) account name goes, e.g. `uid={account},ou=people,dc=example,dc=org`. */
  accountDnTemplate: string | null;
  accountNaming: AccountNaming;
  /**
   * groupOfNames and groupOfUniqueNames must keep one member: removing the last puts this entry in
   * its place (a placeholder such as `cn=nobody`). Without it, such a removal fails, saying so.
   */
  emptyGroupPlaceholder: string | null;
};
export type LdapSecrets = { password: string };

export const ldapOriginSystem = 'LdapGroup';
const memberRole = 'Member';
const timeoutMs = 10_000;
/** Names in one OR filter: well under any directory's filter size limit. */
const namesPerSearch = 200;

const kinds: Record<LdapGroupKind, { objectClass: string; memberAttribute: string }> = {
  groupOfNames: { objectClass: 'groupOfNames', memberAttribute: 'member' },
  groupOfUniqueNames: { objectClass: 'groupOfUniqueNames', memberAttribute: 'uniqueMember' },
  activeDirectory: { objectClass: 'group', memberAttribute: 'member' },
};

export function ldapConnector(settings: LdapSettings, secrets: LdapSecrets): Connector {
  const { objectClass, memberAttribute } = kinds[settings.groupKind];
  const change = (operation: 'add' | 'delete' | 'replace', value: string) => new Change({ operation, modification: new Attribute({ type: memberAttribute, values: [value] }) });
  const where = `LDAP directory ${settings.url}`;

  /** One bound connection per call: a directory restarted between calls costs nothing to recover from. */
  async function withClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ url: settings.url, timeout: timeoutMs, connectTimeout: timeoutMs });
    try {
      await client.bind(settings.bindDn, secrets.password);
      return await work(client);
    } catch (error) {
      throw explain(error, settings, where);
    } finally {
      await client.unbind().catch(() => {});
    }
  }

  async function findGroup(client: Client, dn: string): Promise<Entry | undefined> {
    try {
      const { searchEntries } = await client.search(dn, { scope: 'base', filter: `(objectClass=${objectClass})`, attributes: ['cn', 'description'] });
      return searchEntries[0];
    } catch (error) {
      if (isCode(error, 32)) return undefined; // noSuchObject
      throw error;
    }
  }

  async function accountDn(client: Client, target: AccessTarget): Promise<string | undefined> {
    const name = accountNameOf(settings.accountNaming, target, where);
    // A function, so that a `$` in the name is not read as a replacement pattern.
    if (settings.accountDnTemplate) return settings.accountDnTemplate.replace('{account}', () => escapeDnValue(name));
    const { searchEntries } = await client.search(settings.usersBaseDn, { scope: 'sub', filter: `(${settings.accountAttribute}=${escapeFilterValue(name)})`, attributes: ['dn'], sizeLimit: 2 });
    if (searchEntries.length > 1) throw new Error(`More than one entry under ${settings.usersBaseDn} has ${settings.accountAttribute}=${name} in the ${where}.`);
    return searchEntries[0]?.dn;
  }

  /**
   * Accounts found by the attribute, many names per search (a reconciliation asks for thousands):
   * lowercased name → DN. A name two entries share is left out: it names no one account.
   */
  async function accountDnsByName(client: Client, names: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string | null>();
    for (let start = 0; start < names.length; start += namesPerSearch) {
      const filter = `(|${names.slice(start, start + namesPerSearch).map((name) => `(${settings.accountAttribute}=${escapeFilterValue(name)})`).join('')})`;
      const { searchEntries } = await client.search(settings.usersBaseDn, { scope: 'sub', filter, attributes: [settings.accountAttribute], paged: { pageSize: 500 } });
      for (const entry of searchEntries) {
        const values = entry[settings.accountAttribute];
        for (const value of values === undefined ? [] : Array.isArray(values) ? values : [values]) {
          const key = String(value).toLowerCase();
          found.set(key, found.has(key) && found.get(key) !== entry.dn ? null : entry.dn);
        }
      }
    }
    return new Map([...found].filter((pair): pair is [string, string] => pair[1] !== null));
  }

  async function entryExists(client: Client, dn: string): Promise<boolean> {
    try {
      return (await client.search(dn, { scope: 'base', filter: '(objectClass=*)', attributes: ['dn'] })).searchEntries.length > 0;
    } catch (error) {
      if (isCode(error, 32) || isCode(error, 34)) return false; // noSuchObject, invalidDNSyntax
      throw error;
    }
  }

  /** Takes a member out of a group; one that must keep a member gets the placeholder in the same modify. */
  async function removeMember(client: Client, groupDn: string, member: string, label: string): Promise<void> {
    try {
      await client.modify(groupDn, [change('delete', member)]);
    } catch (error) {
      if (isCode(error, 16)) return; // noSuchAttribute: not a member
      if (!isCode(error, 65) || settings.groupKind === 'activeDirectory') throw error;
      // objectClassViolation: the last member of a group that must keep one.
      if (!settings.emptyGroupPlaceholder) throw new Error(`${label} is the last member of ${groupDn}, which must keep one; set an empty-group placeholder for the ${where}.`);
      // One modify: a member added meanwhile by another grant is kept, not replaced.
      await client.modify(groupDn, [change('add', settings.emptyGroupPlaceholder), change('delete', member)]);
    }
  }

  /** Where accounts live: under the template's parent when there is one, else under the users' base DN. */
  const accountsParent = normalDn(settings.accountDnTemplate ? settings.accountDnTemplate.slice(settings.accountDnTemplate.indexOf('{account}') + '{account}'.length).replace(/^\s*,/, '') : settings.usersBaseDn);
  const isAccountDn = (dn: string) => normalDn(dn).endsWith(`,${accountsParent}`);

  const accountLabel = (target: AccessTarget) => {
    const name = accountNameOf(settings.accountNaming, target, where);
    return settings.accountDnTemplate ? `${settings.accountDnTemplate.replace('{account}', () => name)}` : `${settings.accountAttribute}=${name} under ${settings.usersBaseDn}`;
  };

  return {
    originSystem: ldapOriginSystem,

    describe: (originId) => withClient(async (client) => {
      const group = await findGroup(client, originId);
      return group ? describeGroup(group) : null;
    }),

    discover: ({ search, top, cursor }) =>
      withClient(async (client) => {
        const byName = search ? `(cn=${escapeFilterValue(search)}*)` : '';
        const { searchEntries } = await client.search(settings.groupsBaseDn, { scope: 'sub', filter: `(&(objectClass=${objectClass})${byName})`, attributes: ['cn', 'description'], paged: { pageSize: 500 } });
        const sorted = searchEntries.map((entry) => ({ entry, name: first(entry.cn) ?? entry.dn })).sort((a, b) => a.name.localeCompare(b.name) || a.entry.dn.localeCompare(b.entry.dn));
        const rest = sorted.slice(cursor ? sorted.findIndex(({ entry }) => entry.dn === cursor) + 1 : 0);
        const page = rest.slice(0, top);
        return { resources: page.map(({ entry }) => summaryOf(entry)), ...(rest.length > top ? { nextCursor: page.at(-1)!.entry.dn } : {}) };
      }),

    grant: (grant: RoleGrant) =>
      withClient(async (client) => {
        if (!(await findGroup(client, grant.resourceOriginId))) throw new Error(`The group ${grant.resourceOriginId} no longer exists in the ${where}.`);
        const member = await accountDn(client, grant.target);
        if (!member) throw new Error(`No account ${accountLabel(grant.target)} in the ${where}; create it first.`);
        try {
          await client.modify(grant.resourceOriginId, [change('add', member)]);
        } catch (error) {
          if (!isCode(error, 20)) throw error; // attributeOrValueExists: already a member
        }
        // A placeholder kept only to satisfy the schema goes once a real member is in.
        if (settings.emptyGroupPlaceholder && !sameDn(settings.emptyGroupPlaceholder, member)) {
          await client.modify(grant.resourceOriginId, [change('delete', settings.emptyGroupPlaceholder)]).catch((error: unknown) => {
            if (!isCode(error, 16) && !isCode(error, 65)) throw error; // not there, or the last value
          });
        }
        return { holder: member };
      }),

    revoke: (grant: RoleGrant) =>
      withClient(async (client) => {
        if (!(await findGroup(client, grant.resourceOriginId))) return; // no group: nothing held
        const label = grant.target.userPrincipalName || grant.target.userId;
        // The entry the grant reached, if it is still there.
        if (grant.holder && (await entryExists(client, grant.holder))) return removeMember(client, grant.resourceOriginId, grant.holder, label);
        // Renamed or moved by the directory since: the value the grant added may be left dangling (no
        // referential integrity), or rewritten to the entry's new DN (AD, OpenLDAP's refint): both go.
        if (grant.holder) await removeMember(client, grant.resourceOriginId, grant.holder, label);
        const current = grant.holder ? await accountDn(client, grant.target).catch(() => undefined) : await accountDn(client, grant.target);
        if (current && !(grant.holder && sameDn(current, grant.holder))) await removeMember(client, grant.resourceOriginId, current, label);
      }),

    // Accounts only (entries where accounts live): a group nested in another is the directory's own
    // structure, and the placeholder holds a place. A group deleted meanwhile holds nobody.
    listHolders: (resourceOriginId) =>
      withClient(async (client) => {
        let values: Entry[string] | undefined;
        try {
          const { searchEntries } = await client.search(resourceOriginId, { scope: 'base', filter: '(objectClass=*)', attributes: [memberAttribute] });
          values = searchEntries[0]?.[memberAttribute];
        } catch (error) {
          if (isCode(error, 32)) return [];
          throw error;
        }
        const members = values === undefined ? [] : Array.isArray(values) ? values.map(String) : [String(values)];
        return members.filter((dn) => isAccountDn(dn) && !(settings.emptyGroupPlaceholder && sameDn(dn, settings.emptyGroupPlaceholder))).sort();
      }),

    reconciliation: {
      holdersOf: (targets) =>
        withClient(async (client) => {
          const names = new Map(targets.map((target) => [target.userId, nameOrNull(() => accountNameOf(settings.accountNaming, target, where))]));
          if (settings.accountDnTemplate) return new Map([...names].map(([userId, name]) => [userId, name === null ? null : settings.accountDnTemplate!.replace('{account}', () => escapeDnValue(name))]));
          const dnOf = await accountDnsByName(client, [...new Set([...names.values()].filter((name): name is string => name !== null))]);
          return new Map([...names].map(([userId, name]) => [userId, name === null ? null : (dnOf.get(name.toLowerCase()) ?? null)]));
        }),
      holderKey: normalDn,
      removeHolder: (resourceOriginId, _role, holder) =>
        withClient(async (client) => {
          if (await findGroup(client, resourceOriginId)) await removeMember(client, resourceOriginId, holder, holder);
        }),
    },

    test: () =>
      withClient(async (client) => {
        for (const [name, dn] of [['groups', settings.groupsBaseDn], ['users', settings.usersBaseDn]] as const) {
          try {
            await client.search(dn, { scope: 'base', filter: '(objectClass=*)', attributes: ['dn'] });
          } catch (error) {
            if (isCode(error, 32)) throw new Error(`The ${name} base DN ${dn} does not exist in the ${where}.`);
            throw error;
          }
        }
      }),
  };
}

function first(value: Entry[string] | undefined): string | undefined {
  if (value === undefined) return undefined;
  const item = Array.isArray(value) ? value[0] : value;
  return item === undefined ? undefined : String(item);
}

function summaryOf(entry: Entry): Omit<DiscoveredResource, 'roles' | 'scopes'> {
  return { originId: entry.dn, displayName: first(entry.cn) ?? entry.dn, description: first(entry.description) ?? null, resourceType: 'LDAP group', grantsAdministrativeRoles: false };
}

function describeGroup(entry: Entry): DiscoveredResource {
  const summary = summaryOf(entry);
  return { ...summary, roles: [{ originId: memberRole, displayName: 'Member', description: `Member of ${summary.displayName}` }], scopes: [{ originId: entry.dn, displayName: 'Root', description: 'Root Scope', isRootScope: true }] };
}

function isCode(error: unknown, code: number): boolean {
  return (error as { code?: unknown } | null)?.code === code;
}

/** The client's errors, said so that an administrator knows what to fix (never with the password). */
function explain(error: unknown, settings: LdapSettings, where: string): Error {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 49) return new Error(`The ${where} refused the credentials of ${settings.bindDn}.`);
  if (code === 'ECONNREFUSED') return new Error(`Cannot reach the ${where}: the connection was refused (is it running, and is the port right?).`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new Error(`Cannot reach the ${where}: its host name does not resolve.`);
  if (code === 50) return new Error(`${settings.bindDn} may not do this in the ${where}: ${message}`);
  if (/timeout/i.test(message)) return new Error(`The ${where} did not answer within ${timeoutMs / 1000} s.`);
  return error instanceof Error && message.includes(where) ? error : new Error(`The ${where} failed: ${message}`);
}
