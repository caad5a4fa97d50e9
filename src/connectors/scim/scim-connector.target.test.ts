import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/helpers/postgres-cluster.js';
import { startScimProvider, type ScimProvider } from '../../../test/helpers/scim-server.js';
import { connectorContract, type ContractSubject } from '../../../test/helpers/connector-contract.js';
import type { AccessTarget, RoleGrant } from '../connector.js';
import { scimConnector, type ScimSettings } from './scim-connector.js';

/** The SCIM connector against a real SCIM 2.0 service provider (SCIMMY), started for these tests. */
describe('the SCIM connector', () => {
  let provider: ScimProvider;
  let settings: ScimSettings;
  let sales: string;
  let support: string;
  const waits: number[] = [];
  const sleep = async (ms: number) => void waits.push(ms);
  const ann: AccessTarget = { userId: 'u-ann', userPrincipalName: 'ann@contoso.example', mail: 'ann@contoso.example' };
  const bob: AccessTarget = { userId: 'u-bob', userPrincipalName: 'bob@contoso.example', mail: null };
  const tricky: AccessTarget = { userId: 'u-x', userPrincipalName: 'x" or userName pr or userName eq "y', mail: null };
  const grant = (group: string, target = ann): RoleGrant => ({ resourceOriginId: group, roleOriginId: 'Member', scopeOriginId: group, target });
  const members = (group: string) => (provider.groups.get(group)!.members ?? []).map((member: { value: string }) => member.value).sort();
  const userNamed = (userName: string) => [...provider.users.values()].find((user) => user.userName === userName)?.id;

  beforeAll(async () => {
    provider = await startScimProvider();
    sales = provider.addGroup('Sales team');
    support = provider.addGroup('Support team');
    provider.addGroup('Marketing');
    provider.addUser('ann@contoso.example');
    settings = { baseUrl: provider.url, accountNaming: 'userPrincipalName', createMissingAccounts: false };
  });
  afterAll(() => provider?.stop());
  const connector = (extra: Partial<ScimSettings> = {}, token = provider.token) => scimConnector({ ...settings, ...extra }, { bearerToken: token }, sleep);

  it('describes a group with one role, Member, and finds nothing for an unknown id', async () => {
    expect(await connector().describe(sales)).toEqual({
      originId: sales,
      displayName: 'Sales team',
      description: null,
      resourceType: 'SCIM group',
      grantsAdministrativeRoles: false,
      roles: [{ originId: 'Member', displayName: 'Member', description: 'Member of Sales team' }],
      scopes: [{ originId: sales, displayName: 'Root', description: 'Root Scope', isRootScope: true }],
    });
    expect(await connector().describe('no-such-group')).toBeNull();
  });

  it('discovers groups by the start of their name, paged', async () => {
    const first = await connector().discover({ top: 2 });
    expect(first.resources).toHaveLength(2);
    const second = await connector().discover({ top: 2, cursor: first.nextCursor });
    expect([...first.resources, ...second.resources].map((r) => r.displayName).sort()).toEqual(['Marketing', 'Sales team', 'Support team']);
    expect(second.nextCursor).toBeUndefined();
    expect((await connector().discover({ search: 'Su', top: 10 })).resources.map((r) => r.displayName)).toEqual(['Support team']);
  });

  it('adds and removes a member idempotently, and lists the holders', async () => {
    const annId = userNamed('ann@contoso.example')!;
    await connector().grant(grant(sales));
    await connector().grant(grant(sales));
    expect(members(sales)).toEqual([annId]);
    expect(await connector().listHolders(sales, 'Member')).toEqual([annId]);
    await connector().revoke(grant(sales));
    await connector().revoke(grant(sales));
    expect(members(sales)).toEqual([]);
  });

  it('fails a user without an account unless it may create accounts, and quotes names in filters', async () => {
    await expect(connector().grant(grant(support, bob))).rejects.toThrow(`There is no user 'bob@contoso.example' in the SCIM service ${provider.url}; create it, or let Tessera create missing accounts.`);
    await connector().revoke(grant(support, bob));
    await connector({ createMissingAccounts: true }).grant(grant(support, bob));
    expect(members(support)).toEqual([userNamed('bob@contoso.example')]);
    // Unquoted, this name would match every user: it is refused before any call, and nothing changes.
    const calls = provider.calls.length;
    await expect(connector({ createMissingAccounts: true }).grant(grant(support, tricky))).rejects.toThrow(/cannot safely carry its quote or backslash/);
    expect(provider.calls.length - calls).toBe(1); // the group's read only
    expect(members(support)).toHaveLength(1);
  });

  it('waits out a 429 as its Retry-After says, and retries a 5xx with backoff, within the call', async () => {
    waits.splice(0);
    provider.fail(2, 429, 3);
    await connector().grant(grant(sales));
    expect(waits).toEqual([3000, 3000]);
    waits.splice(0);
    provider.fail(2, 503);
    await connector().revoke(grant(sales));
    expect(waits).toHaveLength(2);
    expect(waits[1]!).toBeGreaterThan(waits[0]!);
    expect(members(sales)).toEqual([]);
  });

  it('fails the call once its tries are used up, or when a Retry-After is too long, so that the job retries later', async () => {
    provider.fail(10, 503);
    await expect(connector().grant(grant(sales))).rejects.toThrow(`The SCIM service ${provider.url} answered 503 to reading a group: Service unavailable.`);
    provider.fail(0, 503);
    provider.fail(1, 429, 3600);
    await expect(connector().grant(grant(sales))).rejects.toThrow(/answered 429/);
    provider.fail(0, 429);
  });

  it('says what is wrong: a refused token, a service that is not there', async () => {
    await expect(connector().test!()).resolves.toBeUndefined();
    await expect(connector({}, 'wrong-token').test!()).rejects.toThrow(`The SCIM service ${provider.url} refused the bearer token (401).`);
    const nowhere = `http://127.0.0.1:${await freePort()}/scim`;
    await expect(connector({ baseUrl: nowhere }).test!()).rejects.toThrow(`Cannot reach the SCIM service ${nowhere}: the connection was refused.`);
  });

  describe('the connector contract', () => {
    let subject: ContractSubject;
    let contractors: string;
    beforeAll(() => {
      contractors = provider.addGroup('Contractors');
      provider.addUser('dora@contoso.example');
      subject = {
        connector: connector({ createMissingAccounts: true }),
        withWrongCredentials: connector({}, 'not-the-token'),
        resource: contractors,
        search: 'Contract',
        users: [
          { userId: 'u-dora', userPrincipalName: 'dora@contoso.example', mail: null },
          { userId: 'u-emil', userPrincipalName: 'emil@contoso.example', mail: null },
        ],
        heldInTarget: async () => members(contractors),
        addByHand: async () => {
          const stray = provider.addUser('stray@contoso.example');
          provider.groups.get(contractors)!.members = [...(provider.groups.get(contractors)!.members ?? []), { value: stray }];
          return stray;
        },
        down: () => provider.pause(),
        up: () => provider.resume(),
      };
    });
    connectorContract(() => subject);

    it('finds accounts for reconciliation one by one for a few users, and by reading every user for many', async () => {
      const few = await connector().reconciliation!.holdersOf([ann, bob, tricky]);
      expect(few).toEqual(new Map([['u-ann', userNamed('ann@contoso.example')], ['u-bob', userNamed('bob@contoso.example') ?? null], ['u-x', null]]));
      const many: AccessTarget[] = Array.from({ length: 30 }, (_, i) => ({ userId: `u-${i}`, userPrincipalName: `nobody${i}@contoso.example`, mail: null }));
      const calls = provider.calls.length;
      // userName is not case-exact (RFC 7643): ANN@… is Ann.
      const found = await connector().reconciliation!.holdersOf([...many, { ...ann, userPrincipalName: 'ANN@contoso.example' }, tricky]);
      expect(found.get('u-ann')).toBe(userNamed('ann@contoso.example'));
      expect(found.get('u-x')).toBeNull();
      expect(found.get('u-3')).toBeNull();
      expect(provider.calls.length - calls).toBe(1);
    });
  });
});
