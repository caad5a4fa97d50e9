import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGroup } from '../../../test/helpers/entitlement-fixtures.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { skipReason } from '../../../test/helpers/test-database.js';
import type { Group } from '../../domain/group.js';
import type { Connector } from '../connector.js';

describe.skipIf(skipReason())('the directory connector', () => {
  let t: TestContext;
  let connector: Connector;
  let team: Group;
  let admins: Group;
  beforeAll(async () => {
    t = await createTestContext();
    connector = t.deps.connectors.forEnvironment(t.deps.connectors.directoryEnvironmentId)!;
    team = await addGroup(t, 'Platform team');
    admins = await addGroup(t, 'Tenant admins', [], { isAssignableToRole: true });
  });
  afterAll(async () => t?.close());

  const grant = (group: Group, role: 'Member' | 'Owner') => ({
    resourceOriginId: group.id,
    roleOriginId: `${role}_${group.id}`,
    scopeOriginId: group.id,
    target: { userId: t.member.id, userPrincipalName: t.member.userPrincipalName, mail: t.member.mail },
  });

  it('describes a group as Entra does: roles Member and Owner on a root scope', async () => {
    expect(await connector.describe(team.id)).toMatchObject({
      originId: team.id,
      displayName: 'Platform team',
      resourceType: 'Security Group',
      grantsAdministrativeRoles: false,
      roles: [{ originId: `Member_${team.id}`, displayName: 'Member' }, { originId: `Owner_${team.id}`, displayName: 'Owner' }],
      scopes: [{ originId: team.id, isRootScope: true }],
    });
    expect((await connector.describe(admins.id))?.grantsAdministrativeRoles).toBe(true);
    expect(await connector.describe('00000000-0000-0000-0000-000000000000')).toBeNull();
  });

  it('discovers groups by the start of their name, paged', async () => {
    const first = await connector.discover({ search: 'platform', top: 1 });
    expect(first.resources.map((resource) => resource.displayName)).toEqual(['Platform team']);
    expect(first.nextCursor).toBeUndefined();
    const all = await connector.discover({ top: 1 });
    expect(all.resources).toHaveLength(1);
    expect(all.nextCursor).toBeDefined();
  });

  it('refuses to make anyone a member of a dynamic group, alone or in a burst, and writes nothing; owners it makes', async () => {
    const dynamic = await addGroup(t, 'All of Ops', [], { groupTypes: ['DynamicMembership'], membershipRule: 'user.department -eq "Ops"', membershipRuleProcessingState: 'On' });
    const before = await t.handle.db.selectFrom('group_memberships').select('id').execute();
    await expect(connector.grant(grant(dynamic, 'Member'))).rejects.toThrow("Group 'All of Ops' is dynamic: its members follow its membership rule, and an access package cannot add one.");
    await expect(connector.grantAll!([grant(team, 'Owner'), grant(dynamic, 'Member')])).rejects.toThrow(/is dynamic/);
    expect(await t.handle.db.selectFrom('group_memberships').select('id').execute()).toEqual(before);
    await connector.grant(grant(dynamic, 'Owner'));
    expect(await connector.listHolders(dynamic.id, `Owner_${dynamic.id}`)).toEqual([t.member.id]);
    await connector.revoke(grant(dynamic, 'Owner'));
  });

  it('grants and revokes idempotently, and lists holders', async () => {
    await connector.grant(grant(team, 'Member'));
    await connector.grant(grant(team, 'Member'));
    expect(await connector.listHolders(team.id, `Member_${team.id}`)).toEqual([t.member.id]);
    expect(await connector.listHolders(team.id, `Owner_${team.id}`)).toEqual([]);
    await connector.revoke(grant(team, 'Member'));
    await connector.revoke(grant(team, 'Member'));
    expect(await connector.listHolders(team.id, `Member_${team.id}`)).toEqual([]);
    const rows = await t.handle.db.selectFrom('group_memberships').selectAll().where('group_id', '=', team.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ added_by: 'system:entitlement-management', removed_by: 'system:entitlement-management', ended_date_time: t.clock().toISOString() });
  });
});
