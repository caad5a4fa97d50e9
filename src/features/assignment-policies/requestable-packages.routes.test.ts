import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMembership } from '../group-memberships/memberships.repo.js';
import { addGroup, createAccessPackage, createCatalog, createPolicy, em, expectRefused, type Reply } from '../../../test/helpers/entitlement-fixtures.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { skipReason } from '../../../test/helpers/test-database.js';

const mine = `${em}/accessPackages/filterByCurrentUser(on='allowedRequestor')`;

describe.skipIf(skipReason())('what the signed-in user may request', () => {
  let t: TestContext;
  let guest: { id: string; token: string };
  let bob: { id: string; token: string };
  let alice: { id: string; token: string };
  const packages: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestContext();
    guest = await t.addUser({ displayName: 'Gus Guest', userType: 'Guest' });
    bob = await t.addUser({ displayName: 'Bob Named' });
    alice = await t.addUser({ displayName: 'Alice Nested' });
    // Alice is in Inner, which is in Outer: a policy naming Outer names her.
    const outer = await addGroup(t, 'Outer');
    const inner = await addGroup(t, 'Inner');
    const now = t.clock().toISOString();
    await openMembership(t.handle.db, { groupId: outer.id, memberId: inner.id, memberType: 'group', relationship: 'member' }, null, now);
    await openMembership(t.handle.db, { groupId: inner.id, memberId: alice.id, memberType: 'user', relationship: 'member' }, null, now);

    const catalog = await createCatalog(t, 'Published');
    const drafts = (await t.request(t.admin.token, { method: 'POST', url: `${em}/catalogs`, payload: { displayName: 'Drafts', state: 'unpublished' } })).json();
    const make = async (name: string, catalogId = catalog.id) => (packages[name] = (await createAccessPackage(t, catalogId, name)).id);
    await createPolicy(t, await make('Members'), {});
    await createPolicy(t, await make('Everyone'), { allowedTargetScope: 'allDirectoryUsers' });
    await createPolicy(t, await make('Bob only'), { allowedTargetScope: 'specificDirectoryUsers', specificAllowedTargets: [{ '@odata.type': '#microsoft.graph.singleUser', userId: bob.id }] });
    await createPolicy(t, await make('Outer group'), { allowedTargetScope: 'specificDirectoryUsers', specificAllowedTargets: [{ '@odata.type': '#microsoft.graph.groupMembers', groupId: outer.id }] });
    await createPolicy(t, await make('By rule'), { allowedTargetScope: 'specificDirectoryUsers', specificAllowedTargets: [{ '@odata.type': '#microsoft.graph.attributeRuleMembers', membershipRule: 'user.department -eq "Sales"' }] });
    await createPolicy(t, await make('Admins assign'), { allowedTargetScope: 'notSpecified', requestorSettings: {} });
    await createPolicy(t, await make('No self add'), { requestorSettings: { enableTargetsToSelfRemoveAccess: true } });
    await createPolicy(t, await make('Unpublished', drafts.id), {});
    await createPolicy(t, await make('Hidden'), {});
    await t.request(t.admin.token, { method: 'PATCH', url: `${em}/accessPackages/${packages['Hidden']}`, payload: { isHidden: true } });
    await make('Without policy');
    await createPolicy(t, await make('Deleted'), {});
    await t.request(t.admin.token, { method: 'DELETE', url: `${em}/accessPackages/${packages['Deleted']}` });
    // Two policies, one for members and one for Bob: Bob is offered both, a member one.
    await createPolicy(t, await make('Two policies'), { displayName: 'For members', description: 'Members ask here', requestApprovalSettings: { isApprovalRequiredForAdd: true, isRequestorJustificationRequired: true, stages: [{ durationBeforeAutomaticDenial: 'P7D', primaryApprovers: [{ '@odata.type': '#microsoft.graph.requestorManager', managerLevel: 1 }] }] } });
    await createPolicy(t, packages['Two policies']!, {
      displayName: 'For Bob',
      allowedTargetScope: 'specificDirectoryUsers',
      specificAllowedTargets: [{ '@odata.type': '#microsoft.graph.singleUser', userId: bob.id }],
      requestorSettings: { enableTargetsToSelfAddAccess: true, allowCustomAssignmentSchedule: true },
      expiration: { type: 'afterDuration', duration: 'P30D' },
      questions: [
        { '@odata.type': '#microsoft.graph.accessPackageTextInputQuestion', text: 'Second?', sequence: 2 },
        { '@odata.type': '#microsoft.graph.accessPackageTextInputQuestion', text: 'First?', sequence: 1, isRequired: true },
      ],
    });
  });
  afterAll(async () => t?.close());

  const get = (token: string, url: string) => t.request(token, { method: 'GET', url });
  const names = (response: Reply) => {
    expect(response.statusCode, response.body).toBe(200);
    return response.json().value.map((item: { displayName: string }) => item.displayName).sort();
  };
  const requirements = (token: string, name: string) => t.request(token, { method: 'POST', url: `${em}/accessPackages/${packages[name] ?? name}/getApplicablePolicyRequirements` });

  describe('filterByCurrentUser(on=allowedRequestor)', () => {
    const common = ['Everyone', 'Members', 'Two policies'];
    it.each([
      // Mia, the member, is in Sales: the policy by rule (user.department -eq "Sales") lets her ask.
      ['a member', () => t.member.token, ['By rule', ...common]],
      ['a guest', () => guest.token, ['Everyone']],
      ['a named user', () => bob.token, [...common, 'Bob only'].sort()],
      ['a member of a nested group', () => alice.token, [...common, 'Outer group'].sort()],
    ])('lists for %s the visible packages of published catalogs whose policies let them ask', async (_who, token, expected) => {
      expect(names(await get(token(), mine))).toEqual(expected);
    });

    it('is a package list with OData options: $filter, $orderby, $top with next link, $count, $expand', async () => {
      const page = (await get(t.member.token, `${mine}?$orderby=displayName&$top=2&$count=true&$expand=catalog($select=displayName)&$select=displayName`)).json();
      expect(page['@odata.count']).toBe(4);
      expect(page.value).toEqual([
        { id: packages['By rule'], displayName: 'By rule', catalog: { id: expect.any(String), displayName: 'Published' } },
        { id: packages['Everyone'], displayName: 'Everyone', catalog: { id: expect.any(String), displayName: 'Published' } },
      ]);
      const next = (await get(t.member.token, page['@odata.nextLink'].replace('http://tessera.test', ''))).json();
      expect(next.value.map((item: { displayName: string }) => item.displayName)).toEqual(['Members', 'Two policies']);
      expect(names(await get(t.member.token, `${mine}?$filter=startswith(displayName,'Mem')`))).toEqual(['Members']);
      expect((await get(t.member.token, `${mine.replace(/'/g, '%27')}`)).statusCode).toBe(200);
    });

    it.each([
      ['another filter', `${em}/accessPackages/filterByCurrentUser(on='target')`, /allowedRequestor/],
      ['a malformed call', `${em}/accessPackages/filterByCurrentUser(allowedRequestor)`, /allowedRequestor/],
      ['an unknown $filter property', `${mine}?$filter=color eq 'red'`, /color/],
    ])('refuses %s', async (_name, url, mentions) => {
      await expectRefused(t, () => get(t.member.token, url), 400, 'Request_BadRequest', mentions);
    });
  });

  it('lets someone a policy rule matches request the package, and refuses who it does not (403)', async () => {
    const submit = (token: string) => t.request(token, { method: 'POST', url: `${em}/assignmentRequests`, payload: { requestType: 'userAdd', assignment: { accessPackageId: packages['By rule'] } } });
    const refused = await submit(bob.token);
    expect(refused.statusCode).toBe(403);
    const accepted = await submit(t.member.token);
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json()).toMatchObject({ requestType: 'userAdd', state: 'delivering' });
  });

  describe('getApplicablePolicyRequirements', () => {
    it('describes each policy that lets the caller ask, in Graph’s shape', async () => {
      const response = await requirements(bob.token, 'Two policies');
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      expect(body['@odata.context']).toContain('accessPackageAssignmentRequestRequirements');
      const byName = Object.fromEntries(body.value.map((item: { policyDisplayName: string }) => [item.policyDisplayName, item]));
      expect(Object.keys(byName).sort()).toEqual(['For Bob', 'For members']);
      expect(byName['For members']).toEqual({
        policyId: expect.any(String),
        policyDisplayName: 'For members',
        policyDescription: 'Members ask here',
        allowCustomAssignmentSchedule: false,
        isApprovalRequiredForAdd: true,
        isApprovalRequiredForUpdate: false,
        isRequestorJustificationRequired: true,
        schedule: { startDateTime: null, recurrence: null, expiration: { type: 'noExpiration', endDateTime: null, duration: null } },
        questions: [],
      });
      expect(byName['For Bob']).toMatchObject({ allowCustomAssignmentSchedule: true, isApprovalRequiredForAdd: false, schedule: { expiration: { type: 'afterDuration', duration: 'P30D' } } });
      expect(byName['For Bob'].questions.map((q: { text: string; isRequired: boolean }) => [q.text, q.isRequired])).toEqual([
        ['First?', true],
        ['Second?', false],
      ]);
      expect((await requirements(t.member.token, 'Two policies')).json().value.map((item: { policyDisplayName: string }) => item.policyDisplayName)).toEqual(['For members']);
    });

    it.each([
      ['a hidden package, to an allowed requestor (a direct link)', () => t.member.token, 'Hidden', 1],
      ['a members-only package, to a guest', () => guest.token, 'Members', 0],
      ['a group’s package, to a member of a nested group', () => alice.token, 'Outer group', 1],
      ['a group’s package, to someone else', () => t.member.token, 'Outer group', 0],
      ['a package whose policies let nobody ask', () => t.member.token, 'Admins assign', 0],
      ['a package without self-requesting', () => t.member.token, 'No self add', 0],
      ['a package by rule, to someone the rule matches', () => t.member.token, 'By rule', 1],
      ['a package by rule, to someone it does not', () => bob.token, 'By rule', 0],
      ['a package of an unpublished catalog', () => t.member.token, 'Unpublished', 0],
      ['a package without policies', () => t.member.token, 'Without policy', 0],
    ])('answers for %s', async (_name, token, name, count) => {
      const response = await requirements(token(), name);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().value).toHaveLength(count);
    });

    it('answers 404 for a package that does not exist or was deleted', async () => {
      await expectRefused(t, () => requirements(t.member.token, '00000000-0000-0000-0000-00000000beef'), 404, 'Request_ResourceNotFound');
      await expectRefused(t, () => requirements(t.member.token, 'Deleted'), 404, 'Request_ResourceNotFound');
    });
  });

  describe('reading one package (the page a shared link to it opens)', () => {
    const read = (token: string, name: string) => get(token, `${em}/accessPackages/${packages[name] ?? name}?$expand=resourceRoleScopes($expand=role,scope)`);

    it.each([
      ['a hidden package, to someone a policy lets request it', () => t.member.token, 'Hidden'],
      ['a group’s package, to a member of a nested group', () => alice.token, 'Outer group'],
      ['a package by rule, to someone the rule matches', () => t.member.token, 'By rule'],
    ])('answers %s, with its resources', async (_name, token, name) => {
      const response = await read(token(), name);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ id: packages[name], displayName: name, resourceRoleScopes: [] });
    });

    it.each([
      ['a members-only package, to a guest', () => guest.token, 'Members'],
      ['a group’s package, to someone else', () => t.member.token, 'Outer group'],
      ['a package whose policies let nobody ask', () => t.member.token, 'Admins assign'],
      ['a package of an unpublished catalog', () => t.member.token, 'Unpublished'],
      ['a package without policies', () => t.member.token, 'Without policy'],
      ['a deleted package', () => t.member.token, 'Deleted'],
      ['a package that does not exist', () => t.member.token, '00000000-0000-0000-0000-00000000beef'],
    ])('answers 404 for %s, as if it did not exist', async (_name, token, name) => {
      const response = await read(token(), name);
      expect(response.statusCode, response.body).toBe(404);
      expect(response.json().error.code).toBe('Request_ResourceNotFound');
    });
  });

  it('deleting a package deletes its policies too, each on the record', async () => {
    const policies = await t.handle.db.selectFrom('assignment_policies').select(['id', 'deleted_date_time']).where('access_package_id', '=', packages['Deleted']!).execute();
    expect(policies).toHaveLength(1);
    expect(policies[0]!.deleted_date_time).not.toBeNull();
    const audits = (await get(t.admin.token, `/v1.0/auditLogs/directoryAudits?$filter=targetResources/id eq '${policies[0]!.id}'`)).json().value;
    expect(audits.map((entry: { activityDisplayName: string }) => entry.activityDisplayName).sort()).toEqual(['Create access package assignment policy', 'Delete access package assignment policy']);
  });
});
