import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogRoles } from '../../domain/roles.js';
import { addGroup, createAccessPackage, createCatalog, createPolicy, em, expectHidden, expectRefused, giveCatalogRole, rowCounts, type Reply } from '../../../test/helpers/entitlement-fixtures.js';
import { countRows, createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { skipReason } from '../../../test/helpers/test-database.js';

const policies = `${em}/assignmentPolicies`;
const stage = (overrides: Record<string, unknown> = {}) => ({
  durationBeforeAutomaticDenial: 'P7D',
  isApproverJustificationRequired: false,
  isEscalationEnabled: false,
  durationBeforeEscalation: 'PT0S',
  primaryApprovers: [{ '@odata.type': '#microsoft.graph.requestorManager', managerLevel: 1 }],
  fallbackPrimaryApprovers: [],
  escalationApprovers: [],
  fallbackEscalationApprovers: [],
  ...overrides,
});

describe.skipIf(skipReason())('/v1.0/identityGovernance/entitlementManagement/assignmentPolicies', () => {
  let t: TestContext;
  let catalog: { id: string };
  let other: { id: string };
  let accessPackage: { id: string };
  let sibling: { id: string };
  let approver: { id: string; displayName: string };
  let team: { id: string; displayName: string };
  beforeAll(async () => {
    t = await createTestContext();
    catalog = await createCatalog(t, 'Sales catalog');
    other = await createCatalog(t, 'Other catalog');
    accessPackage = await createAccessPackage(t, catalog.id, 'Sales access');
    sibling = await createAccessPackage(t, catalog.id, 'Sibling package');
    approver = await t.addUser({ displayName: 'Amy Approver' });
    team = await addGroup(t, 'Sales approvers');
  });
  afterAll(async () => t?.close());

  const post = (token: string, body: Record<string, unknown>, accessPackageId = accessPackage.id) =>
    t.request(token, { method: 'POST', url: policies, payload: { accessPackage: { id: accessPackageId }, ...body } as never });
  const send = (token: string, method: 'PUT' | 'PATCH', id: string, body: unknown) => t.request(token, { method, url: `${policies}/${id}`, payload: body as never });
  const get = (token: string, url: string) => t.request(token, { method: 'GET', url });
  const remove = (token: string, id: string) => t.request(token, { method: 'DELETE', url: `${policies}/${id}` });
  const auditsOf = async (id: string) => (await get(t.admin.token, `/v1.0/auditLogs/directoryAudits?$filter=targetResources/id eq '${id}'`)).json().value;

  const fullPolicy = () => ({
    displayName: 'Sales with approval',
    description: 'Two stages',
    allowedTargetScope: 'allMemberUsers',
    specificAllowedTargets: [],
    expiration: { type: 'afterDuration', duration: 'P30D' },
    requestorSettings: { enableTargetsToSelfAddAccess: true, enableOnBehalfRequestorsToAddAccess: true, onBehalfRequestors: [{ '@odata.type': '#microsoft.graph.requestorManager', managerLevel: 1 }] },
    requestApprovalSettings: {
      isApprovalRequiredForAdd: true,
      isApprovalRequiredForUpdate: false,
      isRequestorJustificationRequired: true,
      stages: [
        stage({ fallbackPrimaryApprovers: [{ '@odata.type': '#microsoft.graph.singleUser', userId: approver.id }] }),
        stage({
          durationBeforeAutomaticDenial: 'P14D',
          primaryApprovers: [{ '@odata.type': 'microsoft.graph.groupMembers', groupId: team.id }],
          isEscalationEnabled: true,
          durationBeforeEscalation: 'P3D',
          escalationApprovers: [{ '@odata.type': '#microsoft.graph.requestorManager', managerLevel: 2 }],
          fallbackEscalationApprovers: [{ '@odata.type': '#microsoft.graph.singleUser', userId: approver.id }],
        }),
      ],
    },
    questions: [
      { '@odata.type': '#microsoft.graph.accessPackageTextInputQuestion', text: 'Badge?', sequence: '1', isRequired: 'true', regexPattern: '[A-Z]{2}\\d{4}' },
      {
        '@odata.type': '#microsoft.graph.accessPackageMultipleChoiceQuestion',
        text: 'Country?',
        sequence: 2,
        isRequired: true,
        choices: [{ '@odata.type': 'microsoft.graph.accessPackageAnswerChoice', actualValue: 'KE', text: 'Kenya' }],
      },
    ],
  });

  let created: Record<string, any>;

  it('creates a policy in Graph shape, names its people, and audits it', async () => {
    const before = await rowCounts(t);
    const response = await post(t.admin.token, fullPolicy());
    expect(response.statusCode, response.body).toBe(201);
    created = response.json();
    expect(created).toMatchObject({
      '@odata.context': expect.stringContaining('assignmentPolicies/$entity'),
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      displayName: 'Sales with approval',
      allowedTargetScope: 'allMemberUsers',
      automaticRequestSettings: null,
      expiration: { type: 'afterDuration', duration: 'P30D', endDateTime: null },
      notificationSettings: { isAssignmentNotificationDisabled: false },
      reviewSettings: null,
      createdDateTime: '2026-11-26T09:00:00.000Z',
      requestorSettings: { enableTargetsToSelfAddAccess: true, enableTargetsToSelfRemoveAccess: false, allowCustomAssignmentSchedule: false },
    });
    const [first, second] = created.requestApprovalSettings.stages;
    expect(first.fallbackPrimaryApprovers).toEqual([{ '@odata.type': '#microsoft.graph.singleUser', userId: approver.id, description: 'Amy Approver' }]);
    expect(second).toMatchObject({ durationBeforeEscalation: 'P3D', primaryApprovers: [{ '@odata.type': '#microsoft.graph.groupMembers', groupId: team.id, description: 'Sales approvers' }] });
    expect(created.questions).toEqual([
      expect.objectContaining({ '@odata.type': '#microsoft.graph.accessPackageTextInputQuestion', id: expect.stringMatching(/^[0-9a-f-]{36}$/), sequence: 1, isRequired: true, isSingleLineQuestion: true }),
      expect.objectContaining({ choices: [{ actualValue: 'KE', text: 'Kenya', localizations: [] }] }),
    ]);
    expect(await rowCounts(t)).toEqual({ ...before, assignment_policies: before.assignment_policies! + 1, directory_audits: before.directory_audits! + 1 });
    const [entry] = await auditsOf(created.id);
    expect(entry).toMatchObject({ category: 'EntitlementManagement', activityDisplayName: 'Create access package assignment policy', operationType: 'Add' });
    expect(entry.targetResources.map((target: { type: string }) => target.type)).toEqual(['AccessPackageAssignmentPolicy', 'AccessPackage']);
  });

  it('reads one with $select and $expand=accessPackage,catalog', async () => {
    const response = await get(t.admin.token, `${policies}/${created.id}?$select=displayName,expiration&$expand=accessPackage($select=displayName),catalog`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      '@odata.context': expect.any(String),
      id: created.id,
      displayName: 'Sales with approval',
      expiration: { type: 'afterDuration', duration: 'P30D', endDateTime: null },
      accessPackage: { id: accessPackage.id, displayName: 'Sales access' },
      catalog: expect.objectContaining({ id: catalog.id, displayName: 'Sales catalog', state: 'published' }),
    });
    const { '@odata.context': _context, ...plain } = (await get(t.admin.token, `${policies}/${created.id}`)).json();
    const { '@odata.context': _created, ...createdPlain } = created;
    expect(plain).toEqual(createdPlain);
  });

  it('lists policies, of all packages or of one, with OData options', async () => {
    const second = await createAccessPackage(t, catalog.id, 'Second package');
    await createPolicy(t, second.id, { displayName: 'Second policy' });
    await createPolicy(t, accessPackage.id, { displayName: 'Admins assign', allowedTargetScope: 'notSpecified', requestorSettings: {} });
    const names = (response: Reply) => response.json().value.map((policy: { displayName: string }) => policy.displayName);
    expect(names(await get(t.admin.token, `${policies}?$orderby=displayName`))).toEqual(['Admins assign', 'Sales with approval', 'Second policy']);
    expect(names(await get(t.admin.token, `${policies}?$filter=accessPackage/id eq '${second.id}'`))).toEqual(['Second policy']);
    expect(names(await get(t.admin.token, `${policies}?$filter=allowedTargetScope eq 'notSpecified'`))).toEqual(['Admins assign']);
    expect(names(await get(t.admin.token, `${em}/accessPackages/${accessPackage.id}/assignmentPolicies?$orderby=displayName desc`))).toEqual(['Sales with approval', 'Admins assign']);
    const page = (await get(t.admin.token, `${policies}?$top=2&$count=true&$select=displayName`)).json();
    expect(page['@odata.count']).toBe(3);
    expect(page.value).toHaveLength(2);
    expect(Object.keys(page.value[0]).sort()).toEqual(['displayName', 'id']);
    const next = (await get(t.admin.token, page['@odata.nextLink'].replace('http://tessera.test', ''))).json();
    expect(next.value).toHaveLength(1);
    expect((await get(t.admin.token, `${policies}?$filter=allowedTargetScope eq 'everyone'`)).statusCode).toBe(400);
  });

  it('PUT replaces the whole policy; putting back what was read changes nothing', async () => {
    const { '@odata.context': _context, ...read } = (await get(t.admin.token, `${policies}/${created.id}`)).json();
    const audits = await countRows(t, 'directory_audits');
    const same = await send(t.admin.token, 'PUT', created.id, { ...read, accessPackage: { id: accessPackage.id } });
    expect(same.statusCode, same.body).toBe(200);
    expect(await countRows(t, 'directory_audits')).toBe(audits);

    t.clock.advance(60_000);
    const replaced = await send(t.admin.token, 'PUT', created.id, { displayName: 'Sales, simpler', allowedTargetScope: 'allDirectoryUsers', requestorSettings: { enableTargetsToSelfAddAccess: true }, accessPackage: { id: accessPackage.id } });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json()).toMatchObject({
      id: created.id,
      displayName: 'Sales, simpler',
      description: null,
      allowedTargetScope: 'allDirectoryUsers',
      expiration: { type: 'noExpiration' },
      requestApprovalSettings: { isApprovalRequiredForAdd: false, stages: [] },
      questions: [],
      createdDateTime: '2026-11-26T09:00:00.000Z',
      modifiedDateTime: '2026-11-26T09:01:00.000Z',
    });
    const [update] = (await auditsOf(created.id)).filter((entry: { activityDisplayName: string }) => entry.activityDisplayName === 'Update access package assignment policy');
    expect(update.targetResources[0].modifiedProperties.map((p: { displayName: string }) => p.displayName)).toEqual(
      expect.arrayContaining(['displayName', 'description', 'allowedTargetScope', 'expiration', 'requestorSettings', 'requestApprovalSettings', 'questions']),
    );
  });

  it('PATCH changes only what it is given, settings member by member', async () => {
    const response = await send(t.admin.token, 'PATCH', created.id, { requestorSettings: { enableTargetsToSelfRemoveAccess: true }, expiration: { type: 'afterDuration', duration: 'PT12H' } });
    expect(response.statusCode, response.body).toBe(204);
    const policy = (await get(t.admin.token, `${policies}/${created.id}`)).json();
    expect(policy).toMatchObject({
      displayName: 'Sales, simpler',
      allowedTargetScope: 'allDirectoryUsers',
      requestorSettings: { enableTargetsToSelfAddAccess: true, enableTargetsToSelfRemoveAccess: true },
      expiration: { type: 'afterDuration', duration: 'PT12H' },
    });
  });

  describe('deletion', () => {
    const now = () => t.clock().toISOString();
    const hold = async (policyId: string, accessPackageId: string) => {
      const id = randomUUID();
      await t.handle.db
        .insertInto('assignments')
        .values({ id, access_package_id: accessPackageId, catalog_id: catalog.id, policy_id: policyId, target_id: t.member.id, state: 'delivered', status: 'Delivered', start_date_time: now(), end_date_time: null, expiration: '{"type":"noExpiration"}', is_active: 1, created_date_time: now(), modified_date_time: now(), expired_date_time: null, ended_reason: null })
        .execute();
      return id;
    };
    const ask = async (policyId: string, accessPackageId: string) => {
      const id = randomUUID();
      await t.handle.db
        .insertInto('assignment_requests')
        .values({ id, request_type: 'userAdd', state: 'pendingApproval', status: 'PendingApproval', access_package_id: accessPackageId, catalog_id: catalog.id, policy_id: policyId, target_id: approver.id, requestor_id: approver.id, assignment_id: null, justification: null, answers: '[]', schedule: '{}', policy_snapshot: null, is_open: 1, created_date_time: now(), completed_date_time: null })
        .execute();
      return id;
    };

    it('is refused while the policy has active assignments or requests under way, then soft-deletes and audits', async () => {
      const policy = await createPolicy(t, accessPackage.id, { displayName: 'Doomed policy' });
      const assignment = await hold(policy.id, accessPackage.id);
      await expectRefused(t, () => remove(t.admin.token, policy.id), 409, 'Request_ResourceInUse', /1 active assignment/);
      await t.handle.db.updateTable('assignments').set({ is_active: 0 }).where('id', '=', assignment).execute();
      const request = await ask(policy.id, accessPackage.id);
      await expectRefused(t, () => remove(t.admin.token, policy.id), 409, 'Request_ResourceInUse', /request\(s\) under way/);
      await t.handle.db.updateTable('assignment_requests').set({ is_open: 0 }).where('id', '=', request).execute();

      const rows = await countRows(t, 'assignment_policies');
      expect((await remove(t.admin.token, policy.id)).statusCode).toBe(204);
      expect(await countRows(t, 'assignment_policies')).toBe(rows);
      expect((await get(t.admin.token, `${policies}/${policy.id}`)).statusCode).toBe(404);
      expect((await get(t.admin.token, `${policies}?$filter=id eq '${policy.id}'`)).json().value).toEqual([]);
      expect((await auditsOf(policy.id)).map((entry: { activityDisplayName: string }) => entry.activityDisplayName)).toContain('Delete access package assignment policy');
      await expectRefused(t, () => remove(t.admin.token, policy.id), 404, 'Request_ResourceNotFound');
      await expectRefused(t, () => send(t.admin.token, 'PATCH', policy.id, { description: 'x' }), 404, 'Request_ResourceNotFound');
    });
  });

  describe('refuses bad input with a clear message and writes nothing', () => {
    const missing = '00000000-0000-0000-0000-00000000beef';
    const user = (userId: string) => ({ '@odata.type': '#microsoft.graph.singleUser', userId });
    const base = { displayName: 'Bad', allowedTargetScope: 'allMemberUsers', requestorSettings: { enableTargetsToSelfAddAccess: true } };
    const approval = (...stages: unknown[]) => ({ ...base, requestApprovalSettings: { isApprovalRequiredForAdd: true, stages } });
    const text = (overrides: Record<string, unknown>) => ({ '@odata.type': '#microsoft.graph.accessPackageTextInputQuestion', text: 'Why?', ...overrides });
    const cases: [string, () => Promise<Reply>, number, string, RegExp][] = [
      ['a policy for outsiders in a catalog hidden from them', () => post(t.admin.token, { ...base, allowedTargetScope: 'allConfiguredConnectedOrganizationUsers' }), 400, 'Request_BadRequest', /not visible to external users.*isExternallyVisible/],
      [
        'a connected organization that does not exist',
        () => post(t.admin.token, { ...base, allowedTargetScope: 'specificConnectedOrganizationUsers', specificAllowedTargets: [{ '@odata.type': '#microsoft.graph.connectedOrganizationMembers', connectedOrganizationId: missing }] }),
        400,
        'Request_BadRequest',
        /connected organization '0{8}-0{4}-0{4}-0{4}-0{8}beef'.*does not exist/,
      ],
      ['specific users without any', () => post(t.admin.token, { ...base, allowedTargetScope: 'specificDirectoryUsers' }), 400, 'Request_BadRequest', /specificAllowedTargets.*at least one/],
      ['targets with a scope that takes none', () => post(t.admin.token, { ...base, specificAllowedTargets: [user(approver.id)] }), 400, 'Request_BadRequest', /specificAllowedTargets.*leave it empty/],
      [
        'a too long membership rule',
        () => post(t.admin.token, { ...base, allowedTargetScope: 'specificDirectoryUsers', specificAllowedTargets: [{ '@odata.type': '#microsoft.graph.attributeRuleMembers', membershipRule: 'x'.repeat(3073) }] }),
        400,
        'Request_BadRequest',
        /membershipRule.*3073/,
      ],
      [
        'a membership rule that cannot be used',
        () => post(t.admin.token, { ...base, allowedTargetScope: 'specificDirectoryUsers', specificAllowedTargets: [{ '@odata.type': '#microsoft.graph.attributeRuleMembers', membershipRule: 'user.department -eq "IT" -and (user.city -eq "Oslo"' }] }),
        400,
        'Request_BadRequest',
        /specificAllowedTargets\[0\]\.membershipRule.*never closed \(line 1, column 52/,
      ],
      ['self-requesting when only administrators assign', () => post(t.admin.token, { displayName: 'x', requestorSettings: { enableTargetsToSelfAddAccess: true } }), 400, 'Request_BadRequest', /^requestorSettings .*only administrators/],
      ['on behalf of others without naming who', () => post(t.admin.token, { ...base, requestorSettings: { enableOnBehalfRequestorsToAddAccess: true } }), 400, 'Request_BadRequest', /onBehalfRequestors.*must say who/],
      ['approval without stages', () => post(t.admin.token, approval()), 400, 'Request_BadRequest', /stages.*1–3 approval stages/],
      ['four stages', () => post(t.admin.token, approval(stage(), stage(), stage(), stage())), 400, 'Request_BadRequest', /there are 4/],
      ['a decision time of fifteen days', () => post(t.admin.token, approval(stage({ durationBeforeAutomaticDenial: 'P15D' }))), 400, 'Request_BadRequest', /stages\[0\]\.durationBeforeAutomaticDenial.*PT1H to P14D/],
      ['escalation no sooner than the deadline', () => post(t.admin.token, approval(stage({ isEscalationEnabled: true, durationBeforeEscalation: 'P8D', escalationApprovers: [user(approver.id)] }))), 400, 'Request_BadRequest', /durationBeforeEscalation.*shorter than/],
      ['a manager as fallback approver', () => post(t.admin.token, approval(stage({ fallbackPrimaryApprovers: [{ '@odata.type': '#microsoft.graph.requestorManager' }] }))), 400, 'Request_BadRequest', /fallbackPrimaryApprovers\[0\].*allowed here: singleUser, groupMembers/],
      ['a stage without primary approvers', () => post(t.admin.token, approval(stage({ primaryApprovers: [] }))), 400, 'Request_BadRequest', /primaryApprovers.*at least one/],
      ['26 approvers', () => post(t.admin.token, approval(stage({ primaryApprovers: Array.from({ length: 26 }, () => user(randomUUID())) }))), 400, 'Request_BadRequest', /at most 25/],
      ['an end date in the past', () => post(t.admin.token, { ...base, expiration: { type: 'afterDateTime', endDateTime: '2026-01-01T00:00:00Z' } }), 400, 'Request_BadRequest', /endDateTime.*in the future/],
      ['a duration in months', () => post(t.admin.token, { ...base, expiration: { type: 'afterDuration', duration: 'P1M' } }), 400, 'Request_BadRequest', /expiration\.duration.*days or hours/],
      ['an unknown expiration type', () => post(t.admin.token, { ...base, expiration: { type: 'someday' } }), 400, 'Request_BadRequest', /expiration\.type/],
      ['21 questions', () => post(t.admin.token, { ...base, questions: Array.from({ length: 21 }, () => text({})) }), 400, 'Request_BadRequest', /at most 20 questions/],
      ['a pattern RE2 cannot run', () => post(t.admin.token, { ...base, questions: [text({ regexPattern: '(\\w+)\\s\\1' })] }), 400, 'Request_BadRequest', /questions\[0\]\.regexPattern.*RE2/],
      [
        'the same choice twice',
        () => post(t.admin.token, { ...base, questions: [{ '@odata.type': '#microsoft.graph.accessPackageMultipleChoiceQuestion', text: 'Which?', choices: [{ actualValue: 'a', text: 'A' }, { actualValue: 'a', text: 'A again' }] }] }),
        400,
        'Request_BadRequest',
        /choices\[1\]\.actualValue.*offered twice/,
      ],
      ['a subject set of an unknown type', () => post(t.admin.token, { ...base, requestorSettings: { onBehalfRequestors: [{ '@odata.type': '#microsoft.graph.targetManager' }] } }), 400, 'Request_BadRequest', /onBehalfRequestors\.0.*'@odata\.type' must be one of/],
      ['a subject set without @odata.type', () => post(t.admin.token, { ...base, requestorSettings: { onBehalfRequestors: [{ userId: approver.id }] } }), 400, 'Request_BadRequest', /@odata\.type/],
      ['a question without @odata.type', () => post(t.admin.token, { ...base, questions: [{ text: 'Why?' }] }), 400, 'Request_BadRequest', /questions\.0.*@odata\.type/],
      ['a property a subject set does not have', () => post(t.admin.token, { ...base, requestorSettings: { onBehalfRequestors: [{ '@odata.type': '#microsoft.graph.groupMembers', groupId: team.id, userId: approver.id }] } }), 400, 'Request_BadRequest', /userId/],
      ['an unknown property', () => post(t.admin.token, { ...base, canExtend: true }), 400, 'Request_BadRequest', /canExtend/],
      ['an unknown user', () => post(t.admin.token, approval(stage({ fallbackPrimaryApprovers: [user(missing)] }))), 400, 'Request_BadRequest', /stages\[0\]\.fallbackPrimaryApprovers\[0\]\.userId.*user '0{8}-0000-0000-0000-00000000beef'.*does not exist/],
      ['an unknown group', () => post(t.admin.token, { ...base, allowedTargetScope: 'specificDirectoryUsers', specificAllowedTargets: [{ '@odata.type': '#microsoft.graph.groupMembers', groupId: missing }] }), 400, 'Request_BadRequest', /specificAllowedTargets\[0\]\.groupId.*group/],
      ['an unknown access package', () => post(t.admin.token, base, missing), 400, 'Request_BadRequest', /accessPackage\.id.*does not exist/],
      ['no access package', () => t.request(t.admin.token, { method: 'POST', url: policies, payload: base }), 400, 'Request_BadRequest', /accessPackage/],
      ['automatic assignment without a rule', () => post(t.admin.token, { ...base, automaticRequestSettings: { requestAccessForAllowedTargets: true } }), 400, 'Request_BadRequest', /assigns the users of one rule/],
      ['custom extensions', () => post(t.admin.token, { ...base, customExtensionStageSettings: [{ stage: 'assignmentRequestCreated' }] }), 400, 'Request_BadRequest', /customExtensionStageSettings/],
      ['an id on create', () => post(t.admin.token, { ...base, id: randomUUID() }), 400, 'Request_BadRequest', /id/],
      ['a PUT whose id is another', () => send(t.admin.token, 'PUT', created.id, { ...base, id: missing, accessPackage: { id: accessPackage.id } }), 400, 'Request_BadRequest', /^id .*not the id of the policy/],
      ['a PUT moving the policy to another package', () => send(t.admin.token, 'PUT', created.id, { ...base, accessPackage: { id: sibling.id } }), 400, 'Request_BadRequest', /stays with its access package/],
      ['a PUT without a name', () => send(t.admin.token, 'PUT', created.id, { accessPackage: { id: accessPackage.id } }), 400, 'Request_BadRequest', /displayName/],
      ['a PATCH breaking a rule', () => send(t.admin.token, 'PATCH', created.id, { allowedTargetScope: 'notSpecified' }), 400, 'Request_BadRequest', /only administrators/],
      ['a PATCH of an unknown policy', () => send(t.admin.token, 'PATCH', missing, { description: 'x' }), 404, 'Request_ResourceNotFound', /policy/],
      ['a PUT of an unknown policy', () => send(t.admin.token, 'PUT', missing, { ...base, accessPackage: { id: accessPackage.id } }), 404, 'Request_ResourceNotFound', /policy/],
      ['a GET of an unknown policy', () => get(t.admin.token, `${policies}/${missing}`), 404, 'Request_ResourceNotFound', /policy/],
      ['policies of an unknown package', () => get(t.admin.token, `${em}/accessPackages/${missing}/assignmentPolicies`), 404, 'Request_ResourceNotFound', /Access package/],
      ['an unsupported $expand', () => get(t.admin.token, `${policies}/${created.id}?$expand=customExtensionStageSettings`), 400, 'Request_BadRequest', /customExtensionStageSettings/],
    ];
    it.each(cases)('%s', async (_name, sendBad, status, code, mentions) => {
      await expectRefused(t, sendBad, status, code, mentions);
    });

    it('lists every problem at once in details', async () => {
      const response = await post(t.admin.token, { ...approval(stage({ durationBeforeAutomaticDenial: 'P30D', primaryApprovers: [] })), expiration: { type: 'afterDuration', duration: 'P1Y' } });
      expect(response.statusCode).toBe(400);
      const { error } = response.json();
      expect(error.details.map((detail: { target: string }) => detail.target)).toEqual([
        'expiration.duration',
        'requestApprovalSettings.stages[0].durationBeforeAutomaticDenial',
        'requestApprovalSettings.stages[0].primaryApprovers',
      ]);
      expect(error.message).toMatch(/and 2 more problems; see details/);
    });

    it('a policy of a deleted package cannot be created', async () => {
      const gone = await createAccessPackage(t, catalog.id, 'Gone');
      expect((await t.request(t.admin.token, { method: 'DELETE', url: `${em}/accessPackages/${gone.id}` })).statusCode).toBe(204);
      await expectRefused(t, () => post(t.admin.token, base, gone.id), 400, 'Request_BadRequest', /accessPackage\.id/);
    });
  });

  describe('who may do what', () => {
    it('a member neither reads nor writes policies, and lists none', async () => {
      await expectHidden(t, () => get(t.member.token, `${policies}/${created.id}`));
      await expectHidden(t, () => get(t.member.token, `${em}/accessPackages/${accessPackage.id}/assignmentPolicies`));
      expect((await get(t.member.token, policies)).json().value).toEqual([]);
      await expectRefused(t, () => post(t.member.token, { displayName: 'Mine' }), 403, 'Authorization_RequestDenied');
      await expectRefused(t, () => post(t.member.token, { displayName: 'Mine' }, '00000000-0000-0000-0000-00000000beef'), 403, 'Authorization_RequestDenied');
      await expectRefused(t, () => send(t.member.token, 'PATCH', created.id, { description: 'x' }), 403, 'Authorization_RequestDenied');
      await expectRefused(t, () => remove(t.member.token, created.id), 403, 'Authorization_RequestDenied');
    });

    it('a catalog reader reads the catalog’s policies but changes none', async () => {
      const reader = await t.addUser({ displayName: 'Rita Reader' });
      await giveCatalogRole(t, catalogRoles.catalogReader.id, reader.id, catalog.id);
      expect((await get(reader.token, `${policies}/${created.id}`)).statusCode).toBe(200);
      expect((await get(reader.token, policies)).json().value.length).toBeGreaterThan(0);
      expect((await get(reader.token, `${em}/accessPackages/${accessPackage.id}/assignmentPolicies`)).statusCode).toBe(200);
      await expectRefused(t, () => post(reader.token, { displayName: 'Mine' }), 403, 'Authorization_RequestDenied');
      await expectRefused(t, () => send(reader.token, 'PUT', created.id, { displayName: 'Mine', accessPackage: { id: accessPackage.id } }), 403, 'Authorization_RequestDenied');
      await expectRefused(t, () => remove(reader.token, created.id), 403, 'Authorization_RequestDenied');
    });

    it('an access package manager of the catalog writes its policies, and only its', async () => {
      const manager = await t.addUser({ displayName: 'Max Manager' });
      await giveCatalogRole(t, catalogRoles.accessPackageManager.id, manager.id, catalog.id);
      const policy = await createPolicy(t, accessPackage.id, { displayName: "Max's policy" }, manager.token);
      expect((await send(manager.token, 'PATCH', policy.id, { description: 'by Max' })).statusCode).toBe(204);
      expect((await send(manager.token, 'PUT', policy.id, { displayName: "Max's policy", allowedTargetScope: 'allDirectoryUsers', requestorSettings: { enableTargetsToSelfAddAccess: true }, accessPackage: { id: accessPackage.id } })).statusCode).toBe(200);
      expect((await remove(manager.token, policy.id)).statusCode).toBe(204);
      const elsewhere = await createAccessPackage(t, other.id, 'In the other catalog');
      await expectRefused(t, () => post(manager.token, { displayName: 'Not mine' }, elsewhere.id), 403, 'Authorization_RequestDenied');
      const foreign = await createPolicy(t, elsewhere.id, { displayName: 'Foreign' });
      await expectHidden(t, () => get(manager.token, `${policies}/${foreign.id}`));
      await expectRefused(t, () => send(manager.token, 'PATCH', foreign.id, { description: 'x' }), 403, 'Authorization_RequestDenied');
      const listed = (await get(manager.token, `${policies}?$expand=catalog($select=id)`)).json().value;
      expect(listed.every((item: { catalog: { id: string } }) => item.catalog.id === catalog.id)).toBe(true);
    });
  });
});
