import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { em } from '../helpers/entitlement-fixtures.js';
import { getRequest, isMember, oneStage, packageWithGroup, requestAccess, singleUser, submitted } from '../helpers/lifecycle-fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { skipReason, testDialect } from '../helpers/test-database.js';

describe.skipIf(skipReason())(`requesting access and getting it (${testDialect})`, () => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestContext();
  });
  afterEach(async () => t.close());

  it('delivers an auto-approved request: assignment, group membership, audit trail, mail', async () => {
    const { packageId, group } = await packageWithGroup(t);
    const requester = await t.addUser({ displayName: 'Rita Requester', mail: 'rita@example.com' });
    const created = await submitted(t, requester.token, { requestType: 'userAdd', assignment: { accessPackageId: packageId }, justification: 'Quarterly reports' });
    expect(created).toMatchObject({ requestType: 'userAdd', state: 'delivering', status: 'Delivering', justification: 'Quarterly reports' });
    expect(await isMember(t, group.id, requester.id)).toBe(false);

    await t.jobs.drain();
    const request = await getRequest(t, created.id);
    expect(request).toMatchObject({ state: 'delivered', status: 'Delivered', assignment: { state: 'delivered', status: 'Delivered' } });
    expect(request.completedDateTime).not.toBeNull();
    expect(await isMember(t, group.id, requester.id)).toBe(true);

    const mine = await t.request(requester.token, { method: 'GET', url: `${em}/assignments/filterByCurrentUser(on='target')?$expand=accessPackage,target` });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().value).toEqual([expect.objectContaining({ id: request.assignment.id, state: 'delivered', accessPackage: expect.objectContaining({ id: packageId }), target: expect.objectContaining({ objectId: requester.id }) })]);

    const story = await t.request(t.admin.token, { method: 'GET', url: `/v1.0/auditLogs/directoryAudits?$filter=correlationId eq '${created.id}'` });
    expect(story.json().value.map((entry: { activityDisplayName: string }) => entry.activityDisplayName).sort()).toEqual(
      ['Auto approve access package assignment request', 'Fulfill access package assignment request', 'User requests access package assignment'].sort(),
    );
    expect(t.mail).toEqual([expect.objectContaining({ to: 'rita@example.com', subject: expect.stringContaining('You now have access to Sales tools') })]);
  });

  it('goes through an approval: pending, approved by the approver, then delivered', async () => {
    const approver = await t.addUser({ displayName: 'Ann Approver' });
    const { packageId, group } = await packageWithGroup(t, { requestApprovalSettings: oneStage([singleUser(approver.id)]) });
    const created = await submitted(t, t.member.token, { requestType: 'userAdd', assignment: { accessPackageId: packageId } });
    expect(created.state).toBe('pendingApproval');
    await t.jobs.drain();
    expect(await isMember(t, group.id, t.member.id)).toBe(false);

    const waiting = await t.request(approver.token, { method: 'GET', url: `${em}/accessPackageAssignmentApprovals/filterByCurrentUser(on='approver')` });
    expect(waiting.statusCode, waiting.body).toBe(200);
    const [approval] = waiting.json().value;
    expect(approval).toMatchObject({ id: created.id, stages: [{ status: 'InProgress', reviewResult: 'NotReviewed', assignedToMe: true }] });

    const decided = await t.request(approver.token, { method: 'PATCH', url: `${em}/accessPackageAssignmentApprovals/${created.id}/stages/${approval.stages[0].id}`, payload: { reviewResult: 'Approve', justification: 'Fine' } });
    expect(decided.statusCode, decided.body).toBe(204);
    const again = await t.request(approver.token, { method: 'PATCH', url: `${em}/accessPackageAssignmentApprovals/${created.id}/stages/${approval.stages[0].id}`, payload: { reviewResult: 'Deny' } });
    expect(again.statusCode, again.body).toBe(409);

    await t.jobs.drain();
    expect((await getRequest(t, created.id)).state).toBe('delivered');
    expect(await isMember(t, group.id, t.member.id)).toBe(true);
  });

  it('removes access on a userRemove and keeps the membership history', async () => {
    const { packageId, group } = await packageWithGroup(t);
    const created = await submitted(t, t.member.token, { requestType: 'userAdd', assignment: { accessPackageId: packageId } });
    await t.jobs.drain();
    const assignmentId = (await getRequest(t, created.id)).assignment.id;
    const removal = await submitted(t, t.member.token, { requestType: 'userRemove', assignment: { id: assignmentId } });
    await t.jobs.drain();
    expect((await getRequest(t, removal.id)).state).toBe('delivered');
    expect(await isMember(t, group.id, t.member.id)).toBe(false);
    const assignment = await t.request(t.admin.token, { method: 'GET', url: `${em}/assignments/${assignmentId}` });
    expect(assignment.json()).toMatchObject({ state: 'expired', status: 'Removed' });
  });

  it('refuses a second open request for the same package with 409 and writes nothing', async () => {
    const approver = await t.addUser({});
    const { packageId } = await packageWithGroup(t, { requestApprovalSettings: oneStage([singleUser(approver.id)]) });
    await submitted(t, t.member.token, { requestType: 'userAdd', assignment: { accessPackageId: packageId } });
    const second = await requestAccess(t, t.member.token, { requestType: 'userAdd', assignment: { accessPackageId: packageId } });
    expect(second.statusCode, second.body).toBe(409);
    expect(second.json().error.code).toBe('PendingRequestExists');
  });
});
