import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { skipReason, testDialect } from '../../../test/helpers/test-database.js';
import { bulkInsert } from '../../db/bulk-insert.js';
import { directoryRoles } from '../../domain/roles.js';
import { maxGroupNestingDepth } from '../group-memberships/memberships.repo.js';
import { hashToken, insertToken, revokeTokensOf } from './access-tokens.repo.js';
import { loadPrincipalForToken } from './load-principal.js';
import { insertRoleAssignment } from './role-assignments.repo.js';

/** Who a bearer token signs in, and with which roles: the one query every API call starts with. */
describe.skipIf(skipReason())(`the principal of a bearer token (${testDialect})`, () => {
  let t: TestContext;
  const now = () => t.clock().toISOString();
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t?.close());

  async function group(name: string): Promise<string> {
    const id = randomUUID();
    await bulkInsert(t.handle.db, 'groups', [{ id, display_name: name, description: null, mail_nickname: null, mail: null, mail_enabled: 0, security_enabled: 1, group_types: '[]', membership_rule: null, membership_rule_processing_state: null, visibility: null, is_assignable_to_role: 1, created_date_time: now(), modified_date_time: now(), deleted_date_time: null }]);
    return id;
  }
  async function join(memberId: string, groupId: string, endedDateTime: string | null = null): Promise<void> {
    await bulkInsert(t.handle.db, 'group_memberships', [{ id: randomUUID(), group_id: groupId, member_id: memberId, member_type: 'group', relationship: 'member', started_date_time: now(), added_by: 'test', ended_date_time: endedDateTime, removed_by: null, reason: null }]);
  }
  const grant = (principalId: string, roleDefinitionId: string, appScopeId: string | null = null) => insertRoleAssignment(t.handle.db, appScopeId ? 'entitlementManagement' : 'directory', { roleDefinitionId, principalId, appScopeId }, null, now());
  const principal = (token: string) => loadPrincipalForToken(t.handle.db, token, now());

  it('signs in the token’s user with the roles held directly, and through groups however nested, but not through ended memberships or assignments', async () => {
    const user = await t.addUser({ userPrincipalName: 'nested@example.com', displayName: 'Nia Nested' }, [directoryRoles.userAdministrator.id]);
    const team = await group('Team');
    const department = await group('Department');
    const company = await group('Company');
    const former = await group('Former team');
    await join(user.id, team);
    await join(team, department);
    await join(department, company);
    await join(user.id, former, now());
    await grant(company, directoryRoles.groupsAdministrator.id);
    await grant(department, 'catalog-owner-role', '/AccessPackageCatalog/catalog-1');
    await grant(former, directoryRoles.globalAdministrator.id);
    const ended = await grant(team, directoryRoles.globalAdministrator.id);
    await t.handle.db.updateTable('role_assignments').set({ ended_date_time: now() }).where('id', '=', ended.id).execute();

    const signedIn = await principal(user.token);
    expect(signedIn).toMatchObject({ kind: 'user', id: user.id, userPrincipalName: 'nested@example.com', displayName: 'Nia Nested', userType: 'Member' });
    if (signedIn?.kind !== 'user') throw new Error('not a user');
    expect([...signedIn.directoryRoleIds].sort()).toEqual([directoryRoles.userAdministrator.id, directoryRoles.groupsAdministrator.id].sort());
    expect([...(signedIn.catalogRoleIds.get('catalog-1') ?? [])]).toEqual(['catalog-owner-role']);
  });

  it('holds no role for a user who holds none, and survives a cycle of groups', async () => {
    const plain = await t.addUser({ userPrincipalName: 'plain@example.com' });
    const plainPrincipal = await principal(plain.token);
    expect(plainPrincipal?.kind === 'user' && plainPrincipal.directoryRoleIds.size).toBe(0);

    const looped = await t.addUser({ userPrincipalName: 'looped@example.com' });
    const a = await group('Loop A');
    const b = await group('Loop B');
    await join(looped.id, a);
    await join(a, b);
    await join(b, a);
    await grant(b, directoryRoles.groupsAdministrator.id);
    const inLoop = await principal(looped.token);
    expect(inLoop?.kind === 'user' && [...inLoop.directoryRoleIds]).toEqual([directoryRoles.groupsAdministrator.id]);
  });

  it(`counts groups to ${maxGroupNestingDepth} levels up, and no further`, async () => {
    const climber = await t.addUser({ userPrincipalName: 'climber@example.com' });
    const chain: string[] = [];
    for (let level = 0; level <= maxGroupNestingDepth; level += 1) chain.push(await group(`Level ${level + 1}`));
    await join(climber.id, chain[0]!);
    for (let level = 1; level < chain.length; level += 1) await join(chain[level - 1]!, chain[level]!);
    await grant(chain[maxGroupNestingDepth - 1]!, directoryRoles.groupsAdministrator.id); // the deepest level counted
    await grant(chain[maxGroupNestingDepth]!, directoryRoles.globalAdministrator.id); // one beyond
    const signedIn = await principal(climber.token);
    expect(signedIn?.kind === 'user' && [...signedIn.directoryRoleIds]).toEqual([directoryRoles.groupsAdministrator.id]);
  });

  it('signs nobody in for an unknown, expired or revoked token, or for a deleted or disabled user', async () => {
    expect(await principal('not-a-token')).toBeUndefined();

    const expiring = await t.addUser({ userPrincipalName: 'expiring@example.com' });
    const expired = `test_${randomUUID()}`;
    await insertToken(t.handle.db, expiring.id, hashToken(expired), now(), new Date(t.clock().getTime() - 1000).toISOString(), 'expired');
    expect(await principal(expired)).toBeUndefined();
    expect(await principal(expiring.token)).toBeDefined();

    const revoked = await t.addUser({ userPrincipalName: 'revoked@example.com' });
    await revokeTokensOf(t.handle.db, revoked.id, now());
    expect(await principal(revoked.token)).toBeUndefined();

    const deleted = await t.addUser({ userPrincipalName: 'deleted@example.com' });
    await t.handle.db.updateTable('users').set({ deleted_date_time: now() }).where('id', '=', deleted.id).execute();
    expect(await principal(deleted.token)).toBeUndefined();

    const disabled = await t.addUser({ userPrincipalName: 'disabled@example.com', accountEnabled: false });
    expect(await principal(disabled.token)).toBeUndefined();
  });
});
