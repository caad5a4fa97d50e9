import { expect, it } from 'vitest';
import type { AccessTarget, Connector, RoleGrant } from '../../src/connectors/connector.js';

/**
 * What every connector that can list its holders must do, against its real target: grant and
 * grant again, revoke and revoke again, list, discover, say so on wrong credentials, fail while the
 * target is down and work again once it is back (the same connector, no restart), and serve
 * reconciliation (name each user's holder as listHolders does, take away a holder nobody gave).
 * Each target's test file runs it beside its own tests of what only that target has.
 */
export type ContractSubject = {
  connector: Connector;
  /** The same system with a wrong password or token. */
  withWrongCredentials: Connector;
  /** A resource (with role Member) the target holds, and a search that discovers it. */
  resource: string;
  search: string;
  /** Two users with accounts there (or that the connector creates). */
  users: [AccessTarget, AccessTarget];
  /** The holders of the resource as the target says, read apart from the connector, in the connector's spelling. */
  heldInTarget(): Promise<string[]>;
  /** Makes a holder of the resource outside Tessera (an account added by hand); returns its holder name. */
  addByHand(): Promise<string>;
  down(): Promise<void>;
  up(): Promise<void>;
};

export function connectorContract(subject: () => ContractSubject): void {
  const grant = (target: AccessTarget): RoleGrant => ({ resourceOriginId: subject().resource, roleOriginId: 'Member', scopeOriginId: subject().resource, target });
  const key = (holder: string) => subject().connector.reconciliation?.holderKey?.(holder) ?? holder;
  const keys = (holders: readonly string[]) => holders.map(key).sort();

  it('contract: grants, and granting again changes nothing; lists the holder as the target has it', async () => {
    const { connector, users, heldInTarget } = subject();
    const before = keys(await heldInTarget());
    await connector.grant(grant(users[0]));
    const once = keys(await heldInTarget());
    await connector.grant(grant(users[0]));
    expect(keys(await heldInTarget())).toEqual(once);
    expect(once).toHaveLength(before.length + 1);
    expect(keys(await connector.listHolders(subject().resource, 'Member'))).toEqual(once);
  });

  it('contract: revokes, and revoking again (or what was never granted) is success', async () => {
    const { connector, users, heldInTarget } = subject();
    await connector.grant(grant(users[0]));
    const held = keys(await heldInTarget());
    await connector.revoke(grant(users[0]));
    await connector.revoke(grant(users[0]));
    await connector.revoke(grant(users[1]));
    const after = keys(await heldInTarget());
    expect(after).toHaveLength(held.length - 1);
    expect(keys(await connector.listHolders(subject().resource, 'Member'))).toEqual(after);
  });

  it('contract: says which account a grant reached, and a revocation naming that account reaches it whatever the user is called now', async () => {
    const { connector, users } = subject();
    const receipt = await connector.grant(grant(users[0]));
    expect(receipt).toEqual({ holder: expect.any(String) });
    const holder = (receipt as { holder: string }).holder;
    expect(keys(await connector.listHolders(subject().resource, 'Member'))).toContain(key(holder));
    const renamed: AccessTarget = { ...users[0], userPrincipalName: `renamed-${users[0].userPrincipalName}`, mail: null };
    await connector.revoke({ ...grant(renamed), holder });
    expect(keys(await connector.listHolders(subject().resource, 'Member'))).not.toContain(key(holder));
  });

  it('contract: discovers the resource by the start of its name, and describes it with the role Member', async () => {
    const { connector, resource, search } = subject();
    const page = await connector.discover({ search, top: 50 });
    expect(page.resources.map((found) => found.originId)).toContain(resource);
    expect((await connector.describe(resource))?.roles.map((role) => role.originId)).toEqual(['Member']);
  });

  it('contract: names each user’s holder as listHolders does, and takes away a holder nobody gave, idempotently', async () => {
    const { connector, users, addByHand, heldInTarget } = subject();
    const reconciliation = connector.reconciliation!;
    await connector.grant(grant(users[0]));
    await connector.grant(grant(users[1]));
    const holderOf = await reconciliation.holdersOf(users);
    const listed = keys(await connector.listHolders(subject().resource, 'Member'));
    for (const user of users) expect(listed).toContain(key(holderOf.get(user.userId)!));
    expect((await reconciliation.holdersOf([{ userId: 'u-nobody', userPrincipalName: 'nobody-here@contoso.example', mail: null }])).get('u-nobody')).toBeNull();

    const stray = await addByHand();
    expect(keys(await heldInTarget())).toContain(key(stray));
    await reconciliation.removeHolder(subject().resource, 'Member', stray);
    await reconciliation.removeHolder(subject().resource, 'Member', stray);
    expect(keys(await heldInTarget())).not.toContain(key(stray));
    expect(keys(await heldInTarget())).toEqual(expect.arrayContaining(users.map((user) => key(holderOf.get(user.userId)!))));
    await connector.revoke(grant(users[0]));
    await connector.revoke(grant(users[1]));
  });

  it('contract: says the credentials are wrong, in words an administrator can act on', async () => {
    const { withWrongCredentials, users } = subject();
    await expect(withWrongCredentials.test!()).rejects.toThrow(/refused the (credentials|bearer token)/);
    await expect(withWrongCredentials.grant(grant(users[0]))).rejects.toThrow(/refused the (credentials|bearer token)/);
  });

  it('contract: fails while the target is down, saying it cannot be reached, and works again once it is back', async () => {
    const { connector, users, down, up } = subject();
    await down();
    try {
      await expect(connector.grant(grant(users[1]))).rejects.toThrow(/Cannot reach|did not answer/);
      await expect(connector.listHolders(subject().resource, 'Member')).rejects.toThrow(/Cannot reach|did not answer/);
    } finally {
      await up();
    }
    await connector.grant(grant(users[1]));
    const holder = (await connector.reconciliation!.holdersOf([users[1]])).get(users[1].userId)!;
    expect(keys(await connector.listHolders(subject().resource, 'Member'))).toContain(key(holder));
    await connector.revoke(grant(users[1]));
  });
}
