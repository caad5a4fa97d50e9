import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { skipReason } from '../../../test/helpers/test-database.js';
import type { User } from '../../domain/user.js';

type Response = { statusCode: number; json(): any };
type Person = User & { token: string };

describe.skipIf(skipReason())('/v1.0/groups', () => {
  let t: TestContext;
  let alice: Person, bob: Person, carol: Person, olivia: Person;
  const ids: Record<'sales' | 'north' | 'dynamic' | 'owned' | 'other', string> = { sales: '', north: '', dynamic: '', owned: '', other: '' };
  const rule = 'user.department -eq "IT"';

  const post = (token: string | undefined, payload: unknown) => t.request(token, { method: 'POST', url: '/v1.0/groups', payload: payload as never });
  const get = (url: string, token = t.member.token) => t.request(token, { method: 'GET', url });
  const ref = (id: string, collection = 'directoryObjects') => ({ '@odata.id': `https://graph.example/v1.0/${collection}/${id}` });
  const add = (groupId: string, segment: 'members' | 'owners', id: string, token = t.admin.token, collection = 'directoryObjects') =>
    t.request(token, { method: 'POST', url: `/v1.0/groups/${groupId}/${segment}/$ref`, payload: ref(id, collection) });
  const remove = (groupId: string, segment: 'members' | 'owners', id: string, token = t.admin.token) =>
    t.request(token, { method: 'DELETE', url: `/v1.0/groups/${groupId}/${segment}/${id}/$ref` });
  const names = (response: Response) => response.json().value.map((item: { displayName: string }) => item.displayName).sort();
  const created = async (payload: Record<string, unknown>) => {
    const response = await post(t.admin.token, payload);
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  };
  const auditsOf = async (id: string) => {
    const rows = await t.handle.db.selectFrom('directory_audits').selectAll().where('target_ids', 'like', `% ${id} %`).orderBy('sequence').execute();
    return rows.map((row) => ({ activity: row.activity_display_name, category: row.category, targets: JSON.parse(row.target_resources) }));
  };
  const membershipRows = (groupId: string) => t.handle.db.selectFrom('group_memberships').selectAll().where('group_id', '=', groupId).execute();

  beforeAll(async () => {
    t = await createTestContext();
    alice = await t.addUser({ userPrincipalName: 'alice@example.com', displayName: 'Alice' });
    bob = await t.addUser({ userPrincipalName: 'bob@example.com', displayName: 'Bob' });
    carol = await t.addUser({ userPrincipalName: 'carol@example.com', displayName: 'Carol' });
    olivia = await t.addUser({ userPrincipalName: 'olivia@example.com', displayName: 'Olivia Owner' });
  });
  afterAll(async () => t?.close());

  it('creates an assigned group in Graph shape, deriving its mail nickname, and audits it', async () => {
    const response = await post(t.admin.token, { displayName: 'Sales Team', description: 'People who sell' });
    expect(response.statusCode).toBe(201);
    const group = response.json();
    expect(group).toMatchObject({
      '@odata.type': '#microsoft.graph.group',
      displayName: 'Sales Team',
      mailNickname: 'SalesTeam',
      mailEnabled: false,
      securityEnabled: true,
      groupTypes: [],
      membershipRule: null,
      membershipRuleProcessingState: null,
    });
    expect(group.deletedDateTime).toBeUndefined();
    ids.sales = group.id;
    const [entry] = await auditsOf(group.id);
    expect(entry).toMatchObject({ activity: 'Add group', category: 'GroupManagement' });
    expect(entry!.targets[0].modifiedProperties.map((p: { displayName: string }) => p.displayName)).toContain('displayName');
  });

  it('creates a dynamic group, storing its rule and starting to process it', async () => {
    // Graph SDKs send @odata.type; it is an annotation, not an unknown property.
    const response = await post(t.admin.token, { '@odata.type': '#microsoft.graph.group', displayName: 'IT people', mailNickname: 'it-people', groupTypes: ['DynamicMembership'], membershipRule: rule });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ groupTypes: ['DynamicMembership'], membershipRule: rule, membershipRuleProcessingState: 'On', mailNickname: 'it-people' });
    ids.dynamic = response.json().id;
  });

  it('creates a group with members and owners bound, in one go', async () => {
    const audits = await countRows(t, 'directory_audits');
    ids.north = await created({
      displayName: 'Sales North',
      'members@odata.bind': [ref(alice.id)['@odata.id'], ref(bob.id, 'users')['@odata.id']],
      'owners@odata.bind': [ref(carol.id, 'users')['@odata.id']],
    });
    expect(names(await get(`/v1.0/groups/${ids.north}/members`))).toEqual(['Alice', 'Bob']);
    expect((await get(`/v1.0/groups/${ids.north}/members`)).json().value[0]['@odata.type']).toBe('#microsoft.graph.user');
    expect(names(await get(`/v1.0/groups/${ids.north}/owners`))).toEqual(['Carol']);
    expect(await countRows(t, 'directory_audits')).toBe(audits + 4);
    expect((await auditsOf(ids.north)).map((entry) => entry.activity).sort()).toEqual(['Add group', 'Add member to group', 'Add member to group', 'Add owner to group']);
    expect((await membershipRows(ids.north)).every((row) => row.added_by === t.admin.id)).toBe(true);
    ids.owned = await created({ displayName: 'Owned by Olivia', 'owners@odata.bind': [ref(olivia.id)['@odata.id']] });
    ids.other = await created({ displayName: 'Other group', visibility: 'Private' });
  });

  it('reads a group, with $select, and 404s an unknown one', async () => {
    const response = await get(`/v1.0/groups/${ids.sales}?$select=displayName`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: ids.sales, displayName: 'Sales Team' });
    expect(response.json().description).toBeUndefined();
    const missing = await get(`/v1.0/groups/${randomUUID()}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('Request_ResourceNotFound');
  });

  it('lists with $filter, $orderby and $count', async () => {
    const sales = await get("/v1.0/groups?$filter=startswith(displayName,'sales') and securityEnabled eq true&$orderby=displayName desc&$count=true");
    expect(sales.statusCode).toBe(200);
    expect(sales.json()['@odata.count']).toBe(2);
    expect(sales.json().value.map((group: { displayName: string }) => group.displayName)).toEqual(['Sales Team', 'Sales North']);
    const all = await get('/v1.0/groups?$orderby=displayName');
    expect(all.json().value.map((group: { displayName: string }) => group.displayName)).toEqual(['IT people', 'Other group', 'Owned by Olivia', 'Sales North', 'Sales Team']);
    expect((await get("/v1.0/groups?$filter=groupTypes eq 'Unified'")).statusCode).toBe(400);
  });

  it('updates with PATCH semantics and audits only what changed', async () => {
    const audits = await countRows(t, 'directory_audits');
    const response = await t.request(t.admin.token, { method: 'PATCH', url: `/v1.0/groups/${ids.sales}`, payload: { description: 'Everyone in sales', visibility: 'Public', mailEnabled: false } });
    expect(response.statusCode).toBe(204);
    expect((await get(`/v1.0/groups/${ids.sales}`)).json()).toMatchObject({ description: 'Everyone in sales', visibility: 'Public', displayName: 'Sales Team' });
    expect(await countRows(t, 'directory_audits')).toBe(audits + 1);
    const entry = (await auditsOf(ids.sales)).at(-1)!;
    expect(entry.activity).toBe('Update group');
    expect(entry.targets[0].modifiedProperties.map((p: { displayName: string }) => p.displayName).sort()).toEqual(['description', 'visibility']);
    // Changing nothing writes nothing.
    expect((await t.request(t.admin.token, { method: 'PATCH', url: `/v1.0/groups/${ids.sales}`, payload: { description: 'Everyone in sales' } })).statusCode).toBe(204);
    expect(await countRows(t, 'directory_audits')).toBe(audits + 1);
    expect((await t.request(t.admin.token, { method: 'PATCH', url: `/v1.0/groups/${ids.dynamic}`, payload: { membershipRuleProcessingState: 'Paused' } })).statusCode).toBe(204);
    expect((await get(`/v1.0/groups/${ids.dynamic}`)).json()).toMatchObject({ membershipRule: rule, membershipRuleProcessingState: 'Paused' });
  });

  it('nests groups: members, owners, transitiveMembers and memberOf', async () => {
    expect((await add(ids.sales, 'members', alice.id)).statusCode).toBe(204);
    expect((await add(ids.sales, 'members', ids.north, t.admin.token, 'groups')).statusCode).toBe(204);
    expect((await add(ids.sales, 'owners', bob.id, t.admin.token, 'users')).statusCode).toBe(204);
    const members = await get(`/v1.0/groups/${ids.sales}/members`);
    expect(names(members)).toEqual(['Alice', 'Sales North']);
    expect(members.json().value.find((item: { id: string }) => item.id === ids.north)['@odata.type']).toBe('#microsoft.graph.group');
    expect(names(await get(`/v1.0/groups/${ids.sales}/owners`))).toEqual(['Bob']);
    // Alice is in both: once in the flat list.
    expect(names(await get(`/v1.0/groups/${ids.sales}/transitiveMembers`))).toEqual(['Alice', 'Bob', 'Sales North']);
    expect(names(await get(`/v1.0/groups/${ids.sales}/transitiveMembers/microsoft.graph.user`))).toEqual(['Alice', 'Bob']);
    expect(names(await get(`/v1.0/users/${alice.id}/memberOf`))).toEqual(['Sales North', 'Sales Team']);
    expect(names(await get('/v1.0/users/bob@example.com/memberOf'))).toEqual(['Sales North']);

    expect((await remove(ids.sales, 'owners', bob.id)).statusCode).toBe(204);
    expect((await remove(ids.sales, 'members', alice.id)).statusCode).toBe(204);
    expect(names(await get(`/v1.0/groups/${ids.sales}/owners`))).toEqual([]);
    const closed = (await membershipRows(ids.sales)).find((row) => row.member_id === alice.id)!;
    expect(closed).toMatchObject({ removed_by: t.admin.id, reason: 'removed' });
    expect(closed.ended_date_time).not.toBeNull();
    const entry = (await auditsOf(alice.id)).at(-1)!;
    expect(entry.activity).toBe('Remove member from group');
    expect(entry.targets.map((target: { id: string }) => target.id)).toEqual([alice.id, ids.sales]);
    expect((await auditsOf(bob.id)).map((e) => e.activity)).toContain('Remove owner from group');
  });

  it('pages member lists with $top, $count and @odata.nextLink', async () => {
    const group = await created({ displayName: 'Paged' });
    for (const person of [alice, bob, carol, olivia, t.member]) expect((await add(group, 'members', person.id)).statusCode).toBe(204);
    const seen: string[] = [];
    let url: string | undefined = `/v1.0/groups/${group}/members?$top=2&$count=true&$select=displayName`;
    while (url) {
      const body: any = (await get(url)).json();
      expect(body['@odata.count']).toBe(5);
      expect(body.value.length).toBeLessThanOrEqual(2);
      seen.push(...body.value.map((item: { displayName: string }) => item.displayName));
      url = body['@odata.nextLink'] ? new URL(body['@odata.nextLink']).pathname + new URL(body['@odata.nextLink']).search : undefined;
    }
    expect(seen.sort()).toEqual(['Alice', 'Bob', 'Carol', 'Mia Member', 'Olivia Owner']);
  });

  it('follows nesting to 16 levels in transitiveMembers', async () => {
    const chain: string[] = [];
    for (let level = 0; level < 18; level += 1) chain.push(await created({ displayName: `Level ${String(level).padStart(2, '0')}` }));
    for (let level = 0; level < 17; level += 1) expect((await add(chain[level]!, 'members', chain[level + 1]!, t.admin.token, 'groups')).statusCode).toBe(204);
    expect((await add(chain[17]!, 'members', carol.id)).statusCode).toBe(204);
    const listed = names(await get(`/v1.0/groups/${chain[0]}/transitiveMembers?$top=999`));
    expect(listed).toEqual(Array.from({ length: 16 }, (_, index) => `Level ${String(index + 1).padStart(2, '0')}`));
    // The loop check itself is unbounded: closing a circle 18 groups round is refused.
    const loop = await add(chain[17]!, 'members', chain[0]!, t.admin.token, 'groups');
    expect(loop.statusCode).toBe(400);
  });

  it('lets a group owner manage the members of their own group only', async () => {
    expect((await add(ids.owned, 'members', alice.id, olivia.token)).statusCode).toBe(204);
    expect(names(await get(`/v1.0/groups/${ids.owned}/members`))).toEqual(['Alice']);
    expect((await remove(ids.owned, 'members', alice.id, olivia.token)).statusCode).toBe(204);
    expect((await membershipRows(ids.owned)).find((row) => row.member_id === alice.id)).toMatchObject({ added_by: olivia.id, removed_by: olivia.id });
  });

  it('deletes softly, closing the memberships in it and of it', async () => {
    const doomed = await created({ displayName: 'Doomed', 'members@odata.bind': [ref(alice.id)['@odata.id']], 'owners@odata.bind': [ref(bob.id)['@odata.id']] });
    expect((await add(ids.other, 'members', doomed, t.admin.token, 'groups')).statusCode).toBe(204);
    const rows = await countRows(t, 'groups');
    expect((await t.request(t.admin.token, { method: 'DELETE', url: `/v1.0/groups/${doomed}` })).statusCode).toBe(204);
    expect((await get(`/v1.0/groups/${doomed}`)).statusCode).toBe(404);
    expect(await countRows(t, 'groups')).toBe(rows);
    const closed = [...(await membershipRows(doomed)), ...(await t.handle.db.selectFrom('group_memberships').selectAll().where('member_id', '=', doomed).execute())];
    expect(closed).toHaveLength(3);
    expect(closed.every((row) => row.ended_date_time !== null && row.reason === 'group deleted' && row.removed_by === t.admin.id)).toBe(true);
    expect(names(await get(`/v1.0/groups/${ids.other}/members`))).toEqual([]);
    expect((await auditsOf(doomed)).at(-1)!.activity).toBe('Delete group');
  });

  describe('refuses bad requests and writes nothing', () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const patch = (id: string, payload: unknown, token = t.admin.token) => t.request(token, { method: 'PATCH', url: `/v1.0/groups/${id}`, payload: payload as never });
    const bind = (id: string, collection = 'directoryObjects') => ref(id, collection)['@odata.id'];
    const cases: [string, () => Promise<Response>, number, string, RegExp?, string?][] = [
      ['a member without a role creating', () => post(t.member.token, { displayName: 'X' }), 403, 'Authorization_RequestDenied'],
      ['a group owner creating', () => post(olivia.token, { displayName: 'X' }), 403, 'Authorization_RequestDenied'],
      ['a missing displayName', () => post(t.admin.token, { description: 'x' }), 400, 'Request_BadRequest', /displayName/],
      ['an unknown property', () => post(t.admin.token, { displayName: 'X', favouriteColour: 'blue' }), 400, 'Request_BadRequest', /favouriteColour/],
      ['an unknown visibility', () => post(t.admin.token, { displayName: 'X', visibility: 'Secret' }), 400, 'Request_BadRequest', /visibility/],
      ['an unknown group type', () => post(t.admin.token, { displayName: 'X', groupTypes: ['Dynamic'] }), 400, 'Request_BadRequest', /groupTypes/],
      ['a repeated group type', () => post(t.admin.token, { displayName: 'X', groupTypes: ['Unified', 'Unified'] }), 400, 'Request_BadRequest', /groupTypes/],
      ['an unknown processing state', () => post(t.admin.token, { displayName: 'X', groupTypes: ['DynamicMembership'], membershipRule: rule, membershipRuleProcessingState: 'Off' }), 400, 'Request_BadRequest', /membershipRuleProcessingState/],
      ['a bad mail nickname', () => post(t.admin.token, { displayName: 'X', mailNickname: 'has space@' }), 400, 'Request_BadRequest', /mailNickname/],
      ['a dynamic group without a rule', () => post(t.admin.token, { displayName: 'X', groupTypes: ['DynamicMembership'] }), 400, 'Request_BadRequest', /membershipRule/, 'membershipRule'],
      ['a rule without DynamicMembership', () => post(t.admin.token, { displayName: 'X', membershipRule: rule }), 400, 'Request_BadRequest', /membershipRule/, 'membershipRule'],
      ['a processing state without DynamicMembership', () => post(t.admin.token, { displayName: 'X', membershipRuleProcessingState: 'On' }), 400, 'Request_BadRequest', /membershipRuleProcessingState/, 'membershipRuleProcessingState'],
      ['a rule that is too long', () => post(t.admin.token, { displayName: 'X', groupTypes: ['DynamicMembership'], membershipRule: `user.city -eq "${'x'.repeat(3060)}"` }), 400, 'Request_BadRequest', /3076 characters long; a rule may have at most 3072 \(line 1, column 3073/, 'membershipRule'],
      ['a rule with an unknown operator', () => post(t.admin.token, { displayName: 'X', groupTypes: ['DynamicMembership'], membershipRule: 'user.department -equals "x"' }), 400, 'Request_BadRequest', /^The membership rule is not valid: -equals is not an operator; .* \(line 1, column 17, at '-equals'\)\.$/, 'membershipRule'],
      ['a rule with an unbalanced parenthesis', () => post(t.admin.token, { displayName: 'X', groupTypes: ['DynamicMembership'], membershipRule: '(user.department -eq "x"' }), 400, 'Request_BadRequest', /never closed \(line 1, column 25/, 'membershipRule'],
      ['a rule with a bad regular expression', () => post(t.admin.token, { displayName: 'X', groupTypes: ['DynamicMembership'], membershipRule: 'user.city -match "*@x"' }), 400, 'Request_BadRequest', /regular expression is not valid.*column 18/, 'membershipRule'],
      ['an update to a rule that is not valid', () => patch(ids.dynamic, { membershipRule: 'user.departmnt -eq "IT"' }), 400, 'Request_BadRequest', /did you mean user\.department\?/, 'membershipRule'],
      ['more than 20 member binds', () => post(t.admin.token, { displayName: 'X', 'members@odata.bind': Array.from({ length: 21 }, () => bind(alice.id)) }), 400, 'Request_BadRequest', /members@odata\.bind/],
      ['a bind to nobody', () => post(t.admin.token, { displayName: 'X', 'members@odata.bind': [bind(alice.id), bind(unknown)] }), 400, 'Request_BadRequest', /does not exist/, 'members@odata.bind'],
      ['a bind that is not a reference', () => post(t.admin.token, { displayName: 'X', 'owners@odata.bind': ['bob'] }), 400, 'Request_BadRequest', /owners@odata\.bind/, 'owners@odata.bind'],
      ['a group bound as owner', () => post(t.admin.token, { displayName: 'X', 'owners@odata.bind': [bind(ids.sales, 'groups')] }), 400, 'Request_BadRequest', /Only users/, 'owners@odata.bind'],
      ['a member bound twice', () => post(t.admin.token, { displayName: 'X', 'members@odata.bind': [bind(alice.id), bind(alice.id, 'users')] }), 400, 'Request_BadRequest', /already exist.*'members'/],
      ['members bound to a dynamic group', () => post(t.admin.token, { displayName: 'X', groupTypes: ['DynamicMembership'], membershipRule: rule, 'members@odata.bind': [bind(alice.id)] }), 400, 'Request_BadRequest', /membership rule/],
      ['a member added twice', () => add(ids.north, 'members', alice.id), 400, 'Request_BadRequest', /^One or more added object references already exist for the following modified properties: 'members'\.$/],
      ['an owner added twice', () => add(ids.north, 'owners', carol.id), 400, 'Request_BadRequest', /'owners'/],
      ['a group added to itself', () => add(ids.north, 'members', ids.north, t.admin.token, 'groups'), 400, 'Request_BadRequest', /contain themselves/, '@odata.id'],
      ['a nesting loop', () => add(ids.north, 'members', ids.sales), 400, 'Request_BadRequest', /contain themselves/, '@odata.id'],
      ['an unknown member id', () => add(ids.north, 'members', unknown), 400, 'Request_BadRequest', /does not exist/, '@odata.id'],
      ['a user referenced as a group', () => add(ids.north, 'members', carol.id, t.admin.token, 'groups'), 400, 'Request_BadRequest', /does not exist/, '@odata.id'],
      ['a malformed @odata.id', () => t.request(t.admin.token, { method: 'POST', url: `/v1.0/groups/${ids.north}/members/$ref`, payload: { '@odata.id': 'carol' } }), 400, 'Request_BadRequest', /@odata\.id/, '@odata.id'],
      ['a reference body with extra properties', () => t.request(t.admin.token, { method: 'POST', url: `/v1.0/groups/${ids.north}/members/$ref`, payload: { ...ref(carol.id), role: 'x' } }), 400, 'Request_BadRequest', /role/],
      ['a group as owner', () => add(ids.north, 'owners', ids.other), 400, 'Request_BadRequest', /Only users/, '@odata.id'],
      ['a hand-added member of a dynamic group', () => add(ids.dynamic, 'members', alice.id), 400, 'Request_BadRequest', /managed by its membership rule/],
      ['a hand-removed member of a dynamic group', () => remove(ids.dynamic, 'members', alice.id), 400, 'Request_BadRequest', /managed by its membership rule/],
      ['removing a non-member', () => remove(ids.north, 'members', carol.id), 404, 'Request_ResourceNotFound'],
      ['removing a non-owner', () => remove(ids.north, 'owners', alice.id), 404, 'Request_ResourceNotFound'],
      ['adding to an unknown group', () => add(unknown, 'members', alice.id), 404, 'Request_ResourceNotFound'],
      ['a group owner managing another group', () => add(ids.north, 'members', carol.id, olivia.token), 403, 'Authorization_RequestDenied'],
      ['a group owner removing from another group', () => remove(ids.north, 'members', alice.id, olivia.token), 403, 'Authorization_RequestDenied'],
      ['a group owner updating their group', () => patch(ids.owned, { description: 'mine' }, olivia.token), 403, 'Authorization_RequestDenied'],
      ['a member deleting', () => t.request(t.member.token, { method: 'DELETE', url: `/v1.0/groups/${ids.other}` }), 403, 'Authorization_RequestDenied'],
      ['an update of an unknown group', () => patch(unknown, { description: 'x' }), 404, 'Request_ResourceNotFound'],
      ['an update with an unknown property', () => patch(ids.other, { members: [] }), 400, 'Request_BadRequest', /members/],
      ['an update adding a rule to an assigned group', () => patch(ids.other, { membershipRule: rule }), 400, 'Request_BadRequest', /membershipRule/, 'membershipRule'],
      ['an update making a group dynamic without a rule', () => patch(ids.other, { groupTypes: ['DynamicMembership'] }), 400, 'Request_BadRequest', /membershipRule/, 'membershipRule'],
      ['an update setting displayName to null', () => patch(ids.other, { displayName: null }), 400, 'Request_BadRequest', /displayName/],
      ['a delete of an unknown group', () => t.request(t.admin.token, { method: 'DELETE', url: `/v1.0/groups/${unknown}` }), 404, 'Request_ResourceNotFound'],
      ['$filter on members', () => get(`/v1.0/groups/${ids.north}/members?$filter=displayName eq 'Alice'`), 400, 'Request_BadRequest', /\$filter/],
      ['a forged $skiptoken', () => get(`/v1.0/groups/${ids.north}/members?$skiptoken=garbage`), 400, 'Request_BadRequest', /skiptoken/],
    ];
    it.each(cases)('%s', async (_name, send, status, code, message, target) => {
      const before = [await countRows(t, 'groups'), await countRows(t, 'group_memberships'), await countRows(t, 'directory_audits')];
      const response = await send();
      expect(response.statusCode).toBe(status);
      const { error } = response.json();
      expect(error.code).toBe(code);
      if (message) expect(error.message).toMatch(message);
      if (target) expect(error.target).toBe(target);
      expect([await countRows(t, 'groups'), await countRows(t, 'group_memberships'), await countRows(t, 'directory_audits')]).toEqual(before);
    });

    it('refuses to delete a group that a catalog offers as a resource', async () => {
      const now = t.clock().toISOString();
      const catalogId = randomUUID();
      await t.handle.db.insertInto('catalogs').values({ id: catalogId, display_name: 'Sales', description: null, catalog_type: 'userManaged', state: 'published', is_externally_visible: 0, created_date_time: now, modified_date_time: now, deleted_date_time: null }).execute();
      await t.handle.db
        .insertInto('resources')
        .values({ id: randomUUID(), catalog_id: catalogId, environment_id: '00000000-0000-0000-0000-00000000d1a0', origin_id: ids.north, origin_system: 'AadGroup', display_name: 'Sales North', description: null, resource_type: 'Security Group', created_date_time: now, modified_date_time: now, removed_date_time: null })
        .execute();
      const before = [await countRows(t, 'group_memberships'), await countRows(t, 'directory_audits')];
      const response = await t.request(t.admin.token, { method: 'DELETE', url: `/v1.0/groups/${ids.north}` });
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe('Request_ResourceInUse');
      expect(response.json().error.message).toMatch(/catalog/);
      expect((await get(`/v1.0/groups/${ids.north}`)).statusCode).toBe(200);
      expect((await membershipRows(ids.north)).filter((row) => row.ended_date_time === null)).toHaveLength(3);
      expect([await countRows(t, 'group_memberships'), await countRows(t, 'directory_audits')]).toEqual(before);
    });
  });
});
