import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectRefusedDecision, lockWaiters, person, reminder, userAdd } from '../helpers/approval-fixtures.js';
import { em } from '../helpers/entitlement-fixtures.js';
import {
  approvalStages,
  auditActivitiesOf,
  awaitingDecisionBy,
  dayMs,
  decideStage,
  getApproval,
  getRequest,
  isMember,
  lifecycleRowCounts,
  mailTo,
  packageWithGroup,
  singleUser,
  stage,
  submitted,
} from '../helpers/lifecycle-fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { skipReason, testDialect } from '../helpers/test-database.js';

/** Decisions racing each other or a cancel, a policy changing under a pending request, and canceling. */
describe.skipIf(skipReason())(`concurrent decisions, policy changes under way, and canceling (${testDialect})`, () => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestContext();
  });
  afterEach(async () => t.close());

  it('lets exactly one of two approvers deciding at the same moment win (5 rounds)', async () => {
    const ann = await person(t, 'Ann Approver');
    const ben = await person(t, 'Ben Approver');
    const { packageId } = await packageWithGroup(t, { requestApprovalSettings: approvalStages([stage([singleUser(ann.id), singleUser(ben.id)])]) });
    for (let round = 0; round < 5; round += 1) {
      const requester = await t.addUser({ displayName: `Requester ${round}` });
      const created = await submitted(t, requester.token, userAdd(packageId));
      const stageId = (await getApproval(t, created.id)).stages[0].id;
      // Alternate who approves and who denies, so that either decision may be the winner.
      const [approver, denier] = round % 2 === 0 ? [ann, ben] : [ben, ann];
      const [approve, deny] = await Promise.all([decideStage(t, approver.token, created.id, stageId, 'Approve'), decideStage(t, denier.token, created.id, stageId, 'Deny')]);
      expect([approve.statusCode, deny.statusCode].sort(), `round ${round}: ${approve.body} ${deny.body}`).toEqual([204, 409]);
      const loser = approve.statusCode === 409 ? approve : deny;
      expect(loser.json().error.code).toBe('ApprovalStageAlreadyDecided');

      const approved = approve.statusCode === 204;
      const winner = approved ? approver : denier;
      expect(await getRequest(t, created.id)).toMatchObject(approved ? { state: 'delivering' } : { state: 'denied', status: 'Denied' });
      expect((await getApproval(t, created.id)).stages).toEqual([expect.objectContaining({ status: 'Completed', reviewResult: approved ? 'Approved' : 'Denied', reviewedBy: expect.objectContaining({ id: winner.id }) })]);
      const story = await auditActivitiesOf(t, created.id);
      expect(story.filter((activity) => activity === 'Approve access package assignment request' || activity === 'Deny access package assignment request')).toEqual([approved ? 'Approve access package assignment request' : 'Deny access package assignment request']);
    }
  });

  it('keeps a request in flight under the policy it was made under when the policy changes', async () => {
    const ann = await person(t, 'Ann Approver');
    const ben = await person(t, 'Ben Approver');
    const rita = await person(t, 'Rita Requester');
    const { packageId, policyId, group } = await packageWithGroup(t, { requestApprovalSettings: approvalStages([stage([singleUser(ann.id)])]), expiration: { type: 'afterDuration', duration: 'P30D' } });
    const created = await submitted(t, rita.token, userAdd(packageId));
    const stageId = (await getApproval(t, created.id)).stages[0].id;

    const patched = await t.request(t.admin.token, {
      method: 'PATCH',
      url: `${em}/assignmentPolicies/${policyId}`,
      payload: { requestApprovalSettings: approvalStages([stage([singleUser(ben.id)])]), expiration: { type: 'afterDuration', duration: 'P10D' } },
    });
    expect(patched.statusCode, patched.body).toBe(204);
    // Then approval is switched off altogether (Graph's PUT): the request still waits for Ann.
    const replaced = await t.request(t.admin.token, {
      method: 'PUT',
      url: `${em}/assignmentPolicies/${policyId}`,
      payload: {
        displayName: 'Members may ask',
        allowedTargetScope: 'allMemberUsers',
        requestorSettings: { enableTargetsToSelfAddAccess: true, enableTargetsToSelfUpdateAccess: true, enableTargetsToSelfRemoveAccess: true },
        requestApprovalSettings: { isApprovalRequiredForAdd: false, isApprovalRequiredForUpdate: false, stages: [] },
        expiration: { type: 'afterDuration', duration: 'P10D' },
        accessPackage: { id: packageId },
      },
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    await t.jobs.drain();
    expect(await getRequest(t, created.id)).toMatchObject({ state: 'pendingApproval' });

    expect(await awaitingDecisionBy(t, ben.token)).toEqual([]);
    expect(await awaitingDecisionBy(t, ann.token)).toEqual([created.id]);
    await expectRefusedDecision(t, ben.token, created.id, stageId, 'Approve', 403, 'Authorization_RequestDenied');
    expect((await decideStage(t, ann.token, created.id, stageId, 'Approve')).statusCode).toBe(204);
    await t.jobs.drain();
    const request = await getRequest(t, created.id);
    expect(request.state).toBe('delivered');
    expect(await isMember(t, group.id, rita.id)).toBe(true);
    // The expiration, too, is the one the request was made under.
    expect(request.assignment.schedule.expiration.endDateTime).toBe(new Date(t.clock().getTime() + 30 * dayMs).toISOString());

    // A request made now is under the new policy: no approval at all.
    const rolf = await person(t, 'Rolf Requester');
    expect((await submitted(t, rolf.token, userAdd(packageId))).state).toBe('delivering');
  });

  describe('canceling', () => {
    async function pendingRequest() {
      const ann = await person(t, 'Ann Approver');
      const rita = await person(t, 'Rita Requester');
      const { packageId, group } = await packageWithGroup(t, { requestApprovalSettings: approvalStages([stage([singleUser(ann.id)])]) });
      const created = await submitted(t, rita.token, userAdd(packageId));
      return { ann, rita, packageId, group, created, stageId: (await getApproval(t, created.id)).stages[0].id as string };
    }
    const cancel = (token: string, requestId: string) => t.request(token, { method: 'POST', url: `${em}/assignmentRequests/${requestId}/cancel` });

    it('lets the requester cancel a pending request: canceled, gone from the approver’s list, no longer decidable', async () => {
      const { ann, rita, created, stageId } = await pendingRequest();
      const canceled = await cancel(rita.token, created.id);
      expect(canceled.statusCode, canceled.body).toBe(204);
      expect(canceled.body).toBe('');

      expect(await getRequest(t, created.id, rita.token)).toMatchObject({ state: 'canceled', status: 'Canceled', completedDateTime: t.clock().toISOString() });
      expect(await awaitingDecisionBy(t, ann.token)).toEqual([]);
      await expectRefusedDecision(t, ann.token, created.id, stageId, 'Approve', 409, 'ApprovalStageAlreadyDecided');
      expect((await getApproval(t, created.id)).stages).toEqual([expect.objectContaining({ reviewResult: 'NotReviewed', reviewedBy: null })]);
      expect((await getApproval(t, created.id)).stages[0].status).not.toBe('InProgress');
      expect(await auditActivitiesOf(t, created.id)).toEqual(['Cancel access package assignment request', 'Create request approval', 'User requests access package assignment'].sort());

      // Its deadline passing later changes nothing, and tells nobody anything.
      t.clock.advance(8 * dayMs);
      await t.jobs.drain();
      expect((await getRequest(t, created.id)).state).toBe('canceled');
      expect(mailTo(t, 'rita.requester@example.com')).toEqual([]);
      expect(mailTo(t, 'ann.approver@example.com').filter((subject) => reminder.test(subject))).toEqual([]);

      // Canceling it again is refused.
      const again = await cancel(rita.token, created.id);
      expect(again.statusCode, again.body).toBe(409);
      expect(again.json().error.code).toBe('InvalidRequestState');
    });

    it('hides the request from a stranger (404) and changes nothing', async () => {
      const { created } = await pendingRequest();
      const stranger = await person(t, 'Sam Stranger');
      const before = await lifecycleRowCounts(t);
      const refused = await cancel(stranger.token, created.id);
      expect(refused.statusCode, refused.body).toBe(404);
      expect(refused.json().error.code).toBe('Request_ResourceNotFound');
      expect(await lifecycleRowCounts(t)).toEqual(before);
      expect((await getRequest(t, created.id)).state).toBe('pendingApproval');
    });

    it('refuses (409) to cancel a delivered request, and changes nothing', async () => {
      const { ann, rita, created, stageId, group } = await pendingRequest();
      expect((await decideStage(t, ann.token, created.id, stageId, 'Approve')).statusCode).toBe(204);
      await t.jobs.drain();
      const before = await lifecycleRowCounts(t);
      const refused = await cancel(rita.token, created.id);
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.json().error.code).toBe('InvalidRequestState');
      expect(await lifecycleRowCounts(t)).toEqual(before);
      expect((await getRequest(t, created.id)).state).toBe('delivered');
      expect(await isMember(t, group.id, rita.id)).toBe(true);
    });

    it('lets a cancel and a decision arriving together end with one winner and a 409, never an error', async () => {
      const { ann, rita, created, stageId } = await pendingRequest();
      let decision!: ReturnType<typeof decideStage>;
      let canceling!: ReturnType<typeof cancel>;
      // The test holds the stage row a moment, so that both queue for it — the decision first —
      // and then lets them go at once. (On SQLite, which runs one transaction at a time, they simply
      // run one after the other.)
      await t.handle.db.transaction().execute(async (trx) => {
        await trx.updateTable('approval_stages').set({ status: 'InProgress' }).where('id', '=', stageId).execute();
        decision = decideStage(t, ann.token, created.id, stageId, 'Approve');
        await lockWaiters(t, 1);
        canceling = cancel(rita.token, created.id);
        await lockWaiters(t, 2);
      });
      const [decided, canceled] = await Promise.all([decision, canceling]);
      expect([decided.statusCode, canceled.statusCode].sort(), `decision: ${decided.body} cancel: ${canceled.body}`).toEqual([204, 409]);
      const request = await getRequest(t, created.id);
      if (decided.statusCode === 204) {
        expect(request.state).toBe('delivering');
        expect(canceled.json().error.code).toBe('InvalidRequestState');
      } else {
        expect(request.state).toBe('canceled');
        expect(decided.json().error.code).toBe('ApprovalStageAlreadyDecided');
      }
    });

    it('names the access package in the cancel audit entry, as in every other entry of the request’s story', async () => {
      const { rita, created } = await pendingRequest();
      expect((await cancel(rita.token, created.id)).statusCode).toBe(204);
      const story = (await t.request(t.admin.token, { method: 'GET', url: `/v1.0/auditLogs/directoryAudits?$filter=correlationId eq '${created.id}'` })).json().value;
      const named = story.map((entry: { activityDisplayName: string; targetResources: { type: string; displayName: string }[] }) => [entry.activityDisplayName, entry.targetResources.find((target) => target.type === 'AccessPackageAssignmentRequest')?.displayName]);
      expect(named).toContainEqual(['Cancel access package assignment request', expect.anything()]);
      expect(named).toEqual(named.map(([activity]: [string]) => [activity, 'Sales tools']));
    });
  });
});
