import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catalogRoles } from '../../src/domain/roles.js';
import { addGroup, createAccessPackage, em, giveCatalogRole } from '../helpers/entitlement-fixtures.js';
import { getRequest, isMember, packageWithGroup, requestAccess, submitted } from '../helpers/lifecycle-fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { skipReason, testDialect } from '../helpers/test-database.js';
import { openMembership } from '../../src/features/group-memberships/memberships.repo.js';

const userAdd = (accessPackageId: string, extra: Record<string, unknown> = {}) => ({ requestType: 'userAdd', assignment: { accessPackageId }, ...extra });

describe.skipIf(skipReason())(`who may request what, and the rules a request must meet (${testDialect})`, () => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestContext();
  });
  afterEach(async () => t.close());

  const requestRows = async () => Number((await t.handle.db.selectFrom('assignment_requests').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const expectRefusal = async (token: string, body: Record<string, unknown>, status: number, code: string, message?: RegExp) => {
    const before = await requestRows();
    const response = await requestAccess(t, token, body);
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json().error.code).toBe(code);
    if (message) expect(response.json().error.message).toMatch(message);
    expect(await requestRows()).toBe(before);
  };

  it('refuses a guest under a members-only policy, and anyone under an administrators-only policy', async () => {
    const guest = await t.addUser({ userType: 'Guest' });
    const { packageId } = await packageWithGroup(t);
    await expectRefusal(guest.token, userAdd(packageId), 403, 'Authorization_RequestDenied', /not allowed to request 'Sales tools'/);
    const adminsOnly = await packageWithGroup(t, { allowedTargetScope: 'notSpecified', requestorSettings: {} }, 'Payroll');
    await expectRefusal(t.member.token, userAdd(adminsOnly.packageId), 403, 'Authorization_RequestDenied');
  });

  it('lets members of a named group (however nested) ask, and nobody else', async () => {
    const outer = await addGroup(t, 'Finance');
    const inner = await addGroup(t, 'Finance juniors');
    await openMembership(t.handle.db, { groupId: outer.id, memberId: inner.id, memberType: 'group', relationship: 'member' }, null, t.clock().toISOString());
    const junior = await t.addUser({});
    await openMembership(t.handle.db, { groupId: inner.id, memberId: junior.id, memberType: 'user', relationship: 'member' }, null, t.clock().toISOString());
    const { packageId } = await packageWithGroup(t, { allowedTargetScope: 'specificDirectoryUsers', specificAllowedTargets: [{ '@odata.type': '#microsoft.graph.groupMembers', groupId: outer.id }] });
    await submitted(t, junior.token, userAdd(packageId));
    await expectRefusal(t.member.token, userAdd(packageId), 403, 'Authorization_RequestDenied');
  });

  it('keeps hidden packages requestable by a direct link', async () => {
    const { packageId } = await packageWithGroup(t);
    const hide = await t.request(t.admin.token, { method: 'PATCH', url: `${em}/accessPackages/${packageId}`, payload: { isHidden: true } });
    expect(hide.statusCode, hide.body).toBe(204);
    expect((await submitted(t, t.member.token, userAdd(packageId))).state).toBe('delivering');
  });

  it('refuses packages of an unpublished catalog', async () => {
    const { packageId, catalogId } = await packageWithGroup(t);
    await t.request(t.admin.token, { method: 'PATCH', url: `${em}/catalogs/${catalogId}`, payload: { state: 'unpublished' } });
    await expectRefusal(t.member.token, userAdd(packageId), 400, 'Request_BadRequest', /not published/);
  });

  it('asks for a justification and for valid answers when the policy does', async () => {
    const { packageId } = await packageWithGroup(t, {
      requestApprovalSettings: { isApprovalRequiredForAdd: false, isApprovalRequiredForUpdate: false, isRequestorJustificationRequired: true, stages: [] },
      questions: [{ '@odata.type': '#microsoft.graph.accessPackageTextInputQuestion', id: 'cost-centre', text: 'Cost centre?', sequence: 1, isRequired: true, isAnswerEditable: false, isSingleLineQuestion: true, regexPattern: '[A-Z]{2}-[0-9]{4}' }],
    });
    const answer = (value: string) => [{ '@odata.type': '#microsoft.graph.accessPackageAnswerString', value, answeredQuestion: { id: 'cost-centre' } }];
    await expectRefusal(t.member.token, userAdd(packageId, { answers: answer('FI-1234') }), 400, 'Request_BadRequest', /justification/);
    await expectRefusal(t.member.token, userAdd(packageId, { justification: 'Month end' }), 400, 'Request_BadRequest');
    await expectRefusal(t.member.token, userAdd(packageId, { justification: 'Month end', answers: answer('finance') }), 400, 'Request_BadRequest');
    const created = await submitted(t, t.member.token, userAdd(packageId, { justification: 'Month end', answers: answer('FI-1234') }));
    expect(created.answers).toEqual([expect.objectContaining({ value: 'FI-1234', answeredQuestion: expect.objectContaining({ id: 'cost-centre' }) })]);
  });

  it('keeps requesters to the policy’s schedule unless it allows their own', async () => {
    const fixed = await packageWithGroup(t, { expiration: { type: 'afterDuration', duration: 'P30D' } });
    const ends = { schedule: { startDateTime: null, expiration: { type: 'afterDateTime', endDateTime: '2026-12-01T00:00:00Z' } } };
    await expectRefusal(t.member.token, userAdd(fixed.packageId, ends), 400, 'Request_BadRequest', /does not let requesters choose/);

    const flexible = await packageWithGroup(t, { expiration: { type: 'afterDuration', duration: 'P30D' }, requestorSettings: { enableTargetsToSelfAddAccess: true, allowCustomAssignmentSchedule: true } }, 'Flexible');
    await expectRefusal(t.member.token, userAdd(flexible.packageId, { schedule: { expiration: { type: 'afterDateTime', endDateTime: '2027-06-01T00:00:00Z' } } }), 400, 'Request_BadRequest', /at the latest/);
    const created = await submitted(t, t.member.token, userAdd(flexible.packageId, ends));
    await t.jobs.drain();
    const request = await getRequest(t, created.id);
    expect(request.assignment.schedule.expiration).toMatchObject({ type: 'afterDateTime', endDateTime: '2026-12-01T00:00:00.000Z' });
  });

  it('refuses a package the user already has, pointing at an extension instead', async () => {
    const { packageId } = await packageWithGroup(t);
    await submitted(t, t.member.token, userAdd(packageId));
    await t.jobs.drain();
    await expectRefusal(t.member.token, userAdd(packageId), 409, 'AssignmentExists', /request an update/);
  });

  it('enforces separation of duties in both directions, and against groups', async () => {
    const payments = await packageWithGroup(t, {}, 'Payments');
    const approvals = await packageWithGroup(t, {}, 'Payment approvals');
    const link = await t.request(t.admin.token, { method: 'POST', url: `${em}/accessPackages/${payments.packageId}/incompatibleAccessPackages/$ref`, payload: { '@odata.id': `https://graph.microsoft.com/v1.0/identityGovernance/entitlementManagement/accessPackages/${approvals.packageId}` } });
    expect(link.statusCode, link.body).toBe(204);

    const alice = await t.addUser({});
    await submitted(t, alice.token, userAdd(payments.packageId));
    await t.jobs.drain();
    await expectRefusal(alice.token, userAdd(approvals.packageId), 409, 'IncompatibleAccessPackage', /Payments/);

    const bob = await t.addUser({});
    await submitted(t, bob.token, userAdd(approvals.packageId));
    await t.jobs.drain();
    await expectRefusal(bob.token, userAdd(payments.packageId), 409, 'IncompatibleAccessPackage', /Payment approvals/);

    const auditors = await addGroup(t, 'Auditors');
    await t.request(t.admin.token, { method: 'POST', url: `${em}/accessPackages/${payments.packageId}/incompatibleGroups/$ref`, payload: { '@odata.id': `https://graph.microsoft.com/v1.0/groups/${auditors.id}` } });
    const carol = await t.addUser({});
    await openMembership(t.handle.db, { groupId: auditors.id, memberId: carol.id, memberType: 'user', relationship: 'member' }, null, t.clock().toISOString());
    await expectRefusal(carol.token, userAdd(payments.packageId), 409, 'IncompatibleGroup', /Auditors/);
    // An administrator's direct assignment is held to the same rule.
    await expectRefusal(t.admin.token, { requestType: 'adminAdd', assignment: { accessPackageId: payments.packageId, assignmentPolicyId: payments.policyId, targetId: carol.id } }, 409, 'IncompatibleGroup');
  });

  it('lets a manager ask for a direct report when the policy allows it, and nobody else ask for others', async () => {
    const manager = await t.addUser({ displayName: 'Mona Manager' });
    const report = await t.addUser({ displayName: 'Rob Report' });
    await t.request(t.admin.token, { method: 'PUT', url: `/v1.0/users/${report.id}/manager/$ref`, payload: { '@odata.id': `https://graph.microsoft.com/v1.0/users/${manager.id}` } });
    const { packageId, group } = await packageWithGroup(t, {
      requestorSettings: { enableTargetsToSelfAddAccess: true, enableOnBehalfRequestorsToAddAccess: true, onBehalfRequestors: [{ '@odata.type': '#microsoft.graph.requestorManager', managerLevel: 1 }] },
    });
    await expectRefusal(t.member.token, { requestType: 'userAdd', assignment: { accessPackageId: packageId, targetId: report.id } }, 403, 'Authorization_RequestDenied', /on behalf of Rob Report/);
    const created = await submitted(t, manager.token, { requestType: 'userAdd', assignment: { accessPackageId: packageId, targetId: report.id } });
    await t.jobs.drain();
    expect(await isMember(t, group.id, report.id)).toBe(true);
    const forMe = await t.request(report.token, { method: 'GET', url: `${em}/assignmentRequests/filterByCurrentUser(on='target')` });
    expect(forMe.json().value.map((r: { id: string }) => r.id)).toEqual([created.id]);
    const byMe = await t.request(manager.token, { method: 'GET', url: `${em}/assignmentRequests/filterByCurrentUser(on='createdBy')?$expand=requestor` });
    expect(byMe.json().value).toEqual([expect.objectContaining({ id: created.id, requestor: expect.objectContaining({ objectId: manager.id }) })]);
  });

  it('keeps direct assignment to those who manage the package’s assignments', async () => {
    const { packageId, policyId, catalogId, group } = await packageWithGroup(t, { allowedTargetScope: 'notSpecified', requestorSettings: {} });
    const direct = { requestType: 'adminAdd', assignment: { accessPackageId: packageId, assignmentPolicyId: policyId, targetId: t.member.id } };
    await expectRefusal(t.member.token, direct, 403, 'Authorization_RequestDenied');
    const manager = await t.addUser({});
    await giveCatalogRole(t, catalogRoles.accessPackageAssignmentManager.id, manager.id, catalogId);
    const created = await submitted(t, manager.token, direct);
    expect(created).toMatchObject({ requestType: 'adminAdd', state: 'delivering' });
    await t.jobs.drain();
    expect(await isMember(t, group.id, t.member.id)).toBe(true);
    const removal = await submitted(t, manager.token, { requestType: 'adminRemove', assignment: { id: (await getRequest(t, created.id)).assignment.id } });
    await t.jobs.drain();
    expect((await getRequest(t, removal.id)).state).toBe('delivered');
    expect(await isMember(t, group.id, t.member.id)).toBe(false);
  });

  it('answers malformed requests with Graph errors and writes nothing', async () => {
    const { packageId, policyId } = await packageWithGroup(t);
    await expectRefusal(t.member.token, { requestType: 'userAdd', assignment: {} }, 400, 'Request_BadRequest', /accessPackageId/);
    await expectRefusal(t.member.token, { requestType: 'userAdd', assignment: { accessPackageId: '0b8d1f39-8c3b-4f0c-9d6e-0c8e2b1f0a11' } }, 400, 'Request_BadRequest', /does not exist/);
    await expectRefusal(t.member.token, { requestType: 'userMaybe', assignment: { accessPackageId: packageId } }, 400, 'Request_BadRequest');
    await expectRefusal(t.member.token, { requestType: 'systemAdd', assignment: { accessPackageId: packageId } }, 400, 'Request_BadRequest', /made by Tessera itself/);
    await expectRefusal(t.member.token, { requestType: 'userAdd', assignment: { accessPackageId: packageId, assignmentPolicyId: '0b8d1f39-8c3b-4f0c-9d6e-0c8e2b1f0a11' } }, 400, 'Request_BadRequest', /not a policy of/);
    await expectRefusal(t.member.token, { requestType: 'userAdd', assignment: { accessPackageId: packageId, target: { email: 'someone@partner.example' } } }, 400, 'Request_BadRequest', /e-mail/);
    await expectRefusal(t.member.token, { requestType: 'userRemove', assignment: {} }, 400, 'Request_BadRequest', /assignment.id/);
    await expectRefusal(t.admin.token, { requestType: 'adminAdd', assignment: { accessPackageId: packageId, targetId: t.member.id } }, 400, 'Request_BadRequest', /assignmentPolicyId/);
    await expectRefusal(t.member.token, { requestType: 'userAdd', assignment: { accessPackageId: packageId }, surprise: true }, 400, 'Request_BadRequest', /surprise/);
    expect(policyId).toBeTruthy();
  });

  it('shows a request only to those involved and to those who read the catalog', async () => {
    const { packageId, catalogId } = await packageWithGroup(t);
    const created = await submitted(t, t.member.token, userAdd(packageId));
    const stranger = await t.addUser({});
    const hidden = await t.request(stranger.token, { method: 'GET', url: `${em}/assignmentRequests/${created.id}` });
    expect(hidden.statusCode).toBe(404);
    const reader = await t.addUser({});
    await giveCatalogRole(t, catalogRoles.catalogReader.id, reader.id, catalogId);
    expect((await t.request(reader.token, { method: 'GET', url: `${em}/assignmentRequests/${created.id}` })).statusCode).toBe(200);
    expect((await t.request(t.member.token, { method: 'GET', url: `${em}/assignmentRequests/${created.id}` })).statusCode).toBe(200);
    const listed = await t.request(stranger.token, { method: 'GET', url: `${em}/assignmentRequests` });
    expect(listed.json().value).toEqual([]);
    const badFunction = await t.request(t.member.token, { method: 'GET', url: `${em}/assignmentRequests/filterByCurrentUser(on='everyone')` });
    expect(badFunction.statusCode).toBe(400);
    expect(await createAccessPackage(t, catalogId, 'Unused')).toBeTruthy();
  });
});
