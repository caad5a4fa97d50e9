import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { skipReason } from '../../../test/helpers/test-database.js';
import type { User } from '../../domain/user.js';
import { verifyAuditChain } from '../audit/audit.repo.js';
import type { ImportRow } from './import-rows.js';
import { importGroups } from './import-groups.js';

describe.skipIf(skipReason())('importGroups', () => {
  let t: TestContext;
  let alice: User, bob: User, engineer: User;
  beforeAll(async () => {
    t = await createTestContext();
    alice = await t.addUser({ userPrincipalName: 'alice@example.com', displayName: 'Alice' });
    bob = await t.addUser({ userPrincipalName: 'bob@example.com', displayName: 'Bob' });
    engineer = await t.addUser({ userPrincipalName: 'eve@example.com', displayName: 'Eve', department: 'Engineering' });
  });
  afterAll(async () => t?.close());

  const rowsOf = (items: unknown[]): ImportRow[] => items.map((fields, index) => ({ line: index + 2, fields }));
  const groupNamed = (displayName: string) => t.handle.db.selectFrom('groups').selectAll().where('display_name', '=', displayName).executeTakeFirst();
  const membersOf = async (groupId: string) =>
    (await t.handle.db.selectFrom('group_memberships').select(['member_id', 'relationship', 'added_by']).where('group_id', '=', groupId).orderBy('relationship').orderBy('member_id').execute()).map(
      (row) => `${row.relationship}:${row.member_id}`,
    );

  it('creates groups with their members and owners, and audits each step in the batch', async () => {
    const auditsBefore = await countRows(t, 'directory_audits');
    const result = await importGroups(
      t.deps,
      t.system,
      rowsOf([
        { displayName: 'Sales', description: 'People who sell', mailNickname: 'sales', members: ['ALICE@example.com', 'bob@example.com', 'alice@example.com'], owners: ['bob@example.com'] },
        { displayName: 'Engineers (dynamic)', groupTypes: ['DynamicMembership'], membershipRule: 'user.department -eq "Engineering"', owners: ['alice@example.com'] },
        { displayName: 'Team site', groupTypes: ['Unified'], mailEnabled: true, securityEnabled: false },
      ]),
    );
    expect(result).toEqual({ created: 3, failed: [] });

    const sales = await groupNamed('Sales');
    expect(sales).toMatchObject({ description: 'People who sell', mail_nickname: 'sales', security_enabled: 1, group_types: '[]' });
    expect(await membersOf(sales!.id)).toEqual([`member:${[alice.id, bob.id].sort()[0]}`, `member:${[alice.id, bob.id].sort()[1]}`, `owner:${bob.id}`]);
    const dynamic = await groupNamed('Engineers (dynamic)');
    expect(dynamic).toMatchObject({ membership_rule: 'user.department -eq "Engineering"', membership_rule_processing_state: 'On' });
    expect(await membersOf(dynamic!.id)).toEqual([`owner:${alice.id}`]);
    expect(await groupNamed('Team site')).toMatchObject({ visibility: 'Public', mail_enabled: 1, security_enabled: 0 });

    // 3 'Add group', 2 'Add member to group', 2 'Add owner to group'.
    const audits = await t.handle.db.selectFrom('directory_audits').select(['activity_display_name', 'category']).where('sequence', '>', auditsBefore).execute();
    expect(audits.map((entry) => entry.activity_display_name).sort()).toEqual(['Add group', 'Add group', 'Add group', 'Add member to group', 'Add member to group', 'Add owner to group', 'Add owner to group']);
    expect(new Set(audits.map((entry) => entry.category))).toEqual(new Set(['GroupManagement']));
    expect(await verifyAuditChain(t.handle.db)).toMatchObject({ ok: true });

    // The imported dynamic group is filled by its rule, by the job the import asked for.
    expect(await t.jobs.drain()).toBeGreaterThanOrEqual(1);
    expect(await membersOf(dynamic!.id)).toEqual([`member:${engineer.id}`, `owner:${alice.id}`]);
  });

  it('reports each bad row by line and field and writes nothing of it, while the good rows go in', async () => {
    const before = { groups: await countRows(t, 'groups'), memberships: await countRows(t, 'group_memberships'), audits: await countRows(t, 'directory_audits') };
    const result = await importGroups(
      t.deps,
      t.system,
      rowsOf([
        { description: 'no name' },
        { displayName: 'Distribution list', groupTypes: ['Distribution'] },
        { displayName: 'Rule-less', groupTypes: ['DynamicMembership'] },
        { displayName: 'Rule without dynamic', membershipRule: 'user.country -eq "NO"' },
        { displayName: 'Dynamic with members', groupTypes: ['DynamicMembership'], membershipRule: 'user.country -eq "NO"', members: ['alice@example.com'] },
        { displayName: 'Ghost members', members: ['alice@example.com', 'ghost@example.com'], owners: ['nobody@example.com'] },
        { displayName: 'Bad nickname', mailNickname: 'has space' },
        { displayName: 'Fine', members: ['bob@example.com'] },
      ]),
    );
    expect(result.created).toBe(1);
    expect(result.failed).toEqual([
      { line: 2, field: 'displayName', message: 'is required' },
      { line: 3, field: 'groupTypes[0]', message: expect.stringContaining('Unified') },
      { line: 4, field: 'membershipRule', message: "is required when groupTypes contains 'DynamicMembership'" },
      { line: 5, field: 'membershipRule', message: "applies only to dynamic groups: add 'DynamicMembership' to groupTypes" },
      { line: 6, field: 'members', message: 'the members of a dynamic group are managed by its membership rule; leave this empty' },
      { line: 7, field: 'members', message: "'ghost@example.com' is not a user in the directory" },
      { line: 7, field: 'owners', message: "'nobody@example.com' is not a user in the directory" },
      { line: 8, field: 'mailNickname', message: expect.stringContaining('without spaces') },
    ]);
    // Only 'Fine': one group, one membership, two audit entries.
    expect(await countRows(t, 'groups')).toBe(before.groups + 1);
    expect(await countRows(t, 'group_memberships')).toBe(before.memberships + 1);
    expect(await countRows(t, 'directory_audits')).toBe(before.audits + 2);
    expect(await groupNamed('Ghost members')).toBeUndefined();
  });
});
