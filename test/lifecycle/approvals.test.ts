import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approvalRequested, expectRefusedDecision, managerChain, person, userAdd } from '../helpers/approval-fixtures.js';
import { addGroup } from '../helpers/entitlement-fixtures.js';
import {
  addToGroup,
  approvalStages,
  auditActivitiesOf,
  awaitingDecisionBy,
  decideStage,
  getApproval,
  getRequest,
  groupMembers,
  isMember,
  lifecycleRowCounts,
  mailTo,
  packageWithGroup,
  requestAccess,
  requestorManager,
  setManagerOf,
  singleUser,
  stage,
  submitted,
} from '../helpers/lifecycle-fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { skipReason, testDialect } from '../helpers/test-database.js';

/** Who approves a request, through how many stages, and which decisions are refused. */
describe.skipIf(skipReason())(`approving and denying requests (${testDialect})`, () => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestContext();
  });
  afterEach(async () => t.close());

  describe('nobody decides on their own request', () => {
    it('leaves out a requester who is a listed approver; the fallback approver gets the request', async () => {
      const rita = await person(t, 'Rita Requester');
      const fred = await person(t, 'Fred Fallback');
      const { packageId, group } = await packageWithGroup(t, { requestApprovalSettings: approvalStages([stage([singleUser(rita.id)], { fallbackPrimaryApprovers: [singleUser(fred.id)] })]) });

      const created = await submitted(t, rita.token, userAdd(packageId, { justification: 'Month-end close' }));
      expect(created).toMatchObject({ state: 'pendingApproval', status: 'PendingApproval' });
      expect(await awaitingDecisionBy(t, rita.token)).toEqual([]);
      expect(await awaitingDecisionBy(t, fred.token)).toEqual([created.id]);

      const seenByRita = await getApproval(t, created.id, rita.token);
      expect(seenByRita).toEqual({ '@odata.context': expect.any(String), id: created.id, stages: [expect.objectContaining({ status: 'InProgress', reviewResult: 'NotReviewed', assignedToMe: false, reviewedBy: null })] });
      expect((await getApproval(t, created.id, fred.token)).stages[0].assignedToMe).toBe(true);
      const stageId = seenByRita.stages[0].id;

      await expectRefusedDecision(t, rita.token, created.id, stageId, 'Approve', 403, 'Authorization_RequestDenied');

      await t.jobs.drain();
      expect(mailTo(t, 'fred.fallback@example.com')).toEqual([expect.stringMatching(approvalRequested)]);
      expect(mailTo(t, 'rita.requester@example.com')).toEqual([]);

      const decided = await decideStage(t, fred.token, created.id, stageId, 'Approve', 'Fine by me');
      expect(decided.statusCode, decided.body).toBe(204);
      await t.jobs.drain();
      expect(await getRequest(t, created.id)).toMatchObject({ state: 'delivered', status: 'Delivered' });
      expect(await isMember(t, group.id, rita.id)).toBe(true);
      expect((await getApproval(t, created.id)).stages).toEqual([expect.objectContaining({ status: 'Completed', reviewResult: 'Approved', justification: 'Fine by me', reviewedBy: expect.objectContaining({ id: fred.id, displayName: 'Fred Fallback' }) })]);
      expect(await auditActivitiesOf(t, created.id)).toEqual(
        [
          'User requests access package assignment',
          'Create request approval',
          'Approve access package assignment request',
          'Approval stage completed for access package assignment request',
          'Fulfill access package assignment request',
        ].sort(),
      );
      // (What the approval notice says is checked in the test of mail wording at the end.)
      expect(mailTo(t, 'rita.requester@example.com')).toEqual([expect.stringMatching(/^Request approved .*to Sales tools$/), 'You now have access to Sales tools']);
    });

    it('refuses (400) a request whose only approver is the requester when there is no fallback, and writes nothing', async () => {
      const rita = await person(t, 'Rita Requester');
      const { packageId } = await packageWithGroup(t, { requestApprovalSettings: approvalStages([stage([singleUser(rita.id)])]) });
      const before = await lifecycleRowCounts(t);
      const response = await requestAccess(t, rita.token, userAdd(packageId));
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'Request_BadRequest', message: expect.stringMatching(/No approver can be found/) });
      expect(before.assignment_requests).toBe(0);
      expect(await lifecycleRowCounts(t)).toEqual(before);
    });

    it('leaves out a manager who asks on behalf of a report and is the report’s approver', async () => {
      const boss = await person(t, 'Bob Boss');
      const report = await person(t, 'Rolf Report');
      const fred = await person(t, 'Fred Fallback');
      await setManagerOf(t, report.id, boss.id);
      const { packageId } = await packageWithGroup(t, {
        requestorSettings: { enableTargetsToSelfAddAccess: true, enableOnBehalfRequestorsToAddAccess: true, onBehalfRequestors: [requestorManager(1)] },
        requestApprovalSettings: approvalStages([stage([requestorManager(1)], { fallbackPrimaryApprovers: [singleUser(fred.id)] })]),
      });
      const created = await submitted(t, boss.token, { requestType: 'userAdd', assignment: { accessPackageId: packageId, targetId: report.id } });
      expect(created.state).toBe('pendingApproval');
      expect(await awaitingDecisionBy(t, boss.token)).toEqual([]);
      expect(await awaitingDecisionBy(t, report.token)).toEqual([]);
      expect(await awaitingDecisionBy(t, fred.token)).toEqual([created.id]);
      const stageId = (await getApproval(t, created.id)).stages[0].id;
      await expectRefusedDecision(t, boss.token, created.id, stageId, 'Approve', 403, 'Authorization_RequestDenied');
      await expectRefusedDecision(t, report.token, created.id, stageId, 'Approve', 403, 'Authorization_RequestDenied');
      expect((await decideStage(t, fred.token, created.id, stageId, 'Approve')).statusCode).toBe(204);
    });
  });

  describe('who the approvers are', () => {
    it('asks the requester’s manager (managerLevel 1); the manager’s manager may not decide', async () => {
      const { rita, manager, director } = await managerChain(t);
      const { packageId } = await packageWithGroup(t, { requestApprovalSettings: approvalStages([stage([requestorManager(1)])]) });

      const created = await submitted(t, rita.token, userAdd(packageId));
      expect(await awaitingDecisionBy(t, manager.token)).toEqual([created.id]);
      expect(await awaitingDecisionBy(t, director.token)).toEqual([]);
      const stageId = (await getApproval(t, created.id)).stages[0].id;
      await expectRefusedDecision(t, director.token, created.id, stageId, 'Approve', 403, 'Authorization_RequestDenied');

      await t.jobs.drain();
      expect(mailTo(t, 'maja.manager@example.com')).toEqual([expect.stringMatching(approvalRequested)]);
      expect(mailTo(t, 'dina.director@example.com')).toEqual([]);
      expect((await decideStage(t, manager.token, created.id, stageId, 'Approve')).statusCode).toBe(204);
      expect((await getRequest(t, created.id)).state).toBe('delivering');
    });

    it('asks the manager’s manager (managerLevel 2); the direct manager may not decide', async () => {
      const { rita, manager, director } = await managerChain(t);
      const { packageId } = await packageWithGroup(t, { requestApprovalSettings: approvalStages([stage([requestorManager(2)])]) });

      const created = await submitted(t, rita.token, userAdd(packageId));
      expect(await awaitingDecisionBy(t, director.token)).toEqual([created.id]);
      expect(await awaitingDecisionBy(t, manager.token)).toEqual([]);
      const stageId = (await getApproval(t, created.id)).stages[0].id;
      await expectRefusedDecision(t, manager.token, created.id, stageId, 'Deny', 403, 'Authorization_RequestDenied');
      expect((await decideStage(t, director.token, created.id, stageId, 'Deny', 'Not this quarter')).statusCode).toBe(204);
      expect(await getRequest(t, created.id)).toMatchObject({ state: 'denied', status: 'Denied' });
    });

    it('falls back to fallbackPrimaryApprovers when the requester has no manager (or no second-level one)', async () => {
      const fred = await person(t, 'Fred Fallback');
      const loner = await person(t, 'Lone Ranger');
      const { packageId } = await packageWithGroup(t, { requestApprovalSettings: approvalStages([stage([requestorManager(1)], { fallbackPrimaryApprovers: [singleUser(fred.id)] })]) });
      const created = await submitted(t, loner.token, userAdd(packageId));
      expect(created.state).toBe('pendingApproval');
      expect(await awaitingDecisionBy(t, fred.token)).toEqual([created.id]);
      expect((await decideStage(t, fred.token, created.id, (await getApproval(t, created.id)).stages[0].id, 'Approve')).statusCode).toBe(204);

      // Only a first-level manager, under a policy asking for the second level: the fallback again.
      const manager = await person(t, 'Maja Manager');
      const rita = await person(t, 'Rita Requester');
      await setManagerOf(t, rita.id, manager.id);
      const second = await packageWithGroup(t, { requestApprovalSettings: approvalStages([stage([requestorManager(2)], { fallbackPrimaryApprovers: [singleUser(fred.id)] })]) }, 'Finance tools');
      const other = await submitted(t, rita.token, userAdd(second.packageId));
      expect(await awaitingDecisionBy(t, fred.token)).toEqual([other.id]);
      expect(await awaitingDecisionBy(t, manager.token)).toEqual([]);
    });

    it('lets a member of a group named as approvers decide, also through a nested group', async () => {
      const outer = await addGroup(t, 'Approvers');
      const inner = await addGroup(t, 'Regional approvers');
      await addToGroup(t, outer.id, inner.id, 'group');
      const nested = await person(t, 'Nina Nested');
      const outsider = await person(t, 'Otto Outsider');
      await addToGroup(t, inner.id, nested.id);
      const rita = await person(t, 'Rita Requester');
      const { packageId, group } = await packageWithGroup(t, { requestApprovalSettings: approvalStages([stage([groupMembers(outer.id)])]) });

      const created = await submitted(t, rita.token, userAdd(packageId));
      expect(await awaitingDecisionBy(t, nested.token)).toEqual([created.id]);
      expect(await awaitingDecisionBy(t, outsider.token)).toEqual([]);
      const stageId = (await getApproval(t, created.id)).stages[0].id;
      await expectRefusedDecision(t, outsider.token, created.id, stageId, 'Approve', 403, 'Authorization_RequestDenied');
      await t.jobs.drain();
      expect(mailTo(t, 'nina.nested@example.com')).toEqual([expect.stringMatching(approvalRequested)]);

      expect((await decideStage(t, nested.token, created.id, stageId, 'Approve')).statusCode).toBe(204);
      await t.jobs.drain();
      expect((await getRequest(t, created.id)).state).toBe('delivered');
      expect(await isMember(t, group.id, rita.id)).toBe(true);
    });
  });

  describe('two stages', () => {
    async function twoStagePackage() {
      const first = await person(t, 'Anna First');
      const second = await person(t, 'Bert Second');
      const { packageId, group } = await packageWithGroup(t, { requestApprovalSettings: approvalStages([stage([singleUser(first.id)]), stage([singleUser(second.id)])]) });
      return { first, second, packageId, group };
    }

    it('opens stage 2 only once stage 1 is approved, and delivers after both approvals', async () => {
      const { first, second, packageId, group } = await twoStagePackage();
      const rita = await person(t, 'Rita Requester');
      const created = await submitted(t, rita.token, userAdd(packageId, { justification: 'New role' }));

      expect(await awaitingDecisionBy(t, first.token)).toEqual([created.id]);
      expect(await awaitingDecisionBy(t, second.token)).toEqual([]);
      const [stage1, stage2] = (await getApproval(t, created.id)).stages;
      expect(stage1).toMatchObject({ displayName: 'Stage 1', status: 'InProgress', reviewResult: 'NotReviewed' });
      expect(stage2).toMatchObject({ displayName: 'Stage 2', reviewResult: 'NotReviewed', reviewedBy: null });
      expect(stage2.status).not.toBe('InProgress');
      // Stage 2 cannot be decided before it opens, not even by its own approver.
      await expectRefusedDecision(t, second.token, created.id, stage2.id, 'Approve', 403, 'Authorization_RequestDenied');
      await t.jobs.drain();
      expect(mailTo(t, 'bert.second@example.com')).toEqual([]);

      expect((await decideStage(t, first.token, created.id, stage1.id, 'Approve', 'Stage one ok')).statusCode).toBe(204);
      expect(await getRequest(t, created.id)).toMatchObject({ state: 'pendingApproval' });
      expect(await awaitingDecisionBy(t, first.token)).toEqual([]);
      expect(await awaitingDecisionBy(t, second.token)).toEqual([created.id]);
      const afterStage1 = await getApproval(t, created.id, second.token);
      expect(afterStage1.stages).toEqual([
        expect.objectContaining({ id: stage1.id, status: 'Completed', reviewResult: 'Approved', assignedToMe: false, reviewedBy: expect.objectContaining({ id: first.id }) }),
        expect.objectContaining({ id: stage2.id, status: 'InProgress', reviewResult: 'NotReviewed', assignedToMe: true }),
      ]);
      await t.jobs.drain();
      expect(mailTo(t, 'bert.second@example.com')).toEqual([expect.stringMatching(approvalRequested)]);
      expect(await isMember(t, group.id, rita.id)).toBe(false);

      expect((await decideStage(t, second.token, created.id, stage2.id, 'Approve', 'Stage two ok')).statusCode).toBe(204);
      expect((await getRequest(t, created.id)).state).toBe('delivering');
      await t.jobs.drain();
      expect(await getRequest(t, created.id)).toMatchObject({ state: 'delivered', status: 'Delivered' });
      expect(await isMember(t, group.id, rita.id)).toBe(true);
      expect((await getApproval(t, created.id)).stages.map((s: { status: string; reviewResult: string }) => [s.status, s.reviewResult])).toEqual([
        ['Completed', 'Approved'],
        ['Completed', 'Approved'],
      ]);
      expect(await auditActivitiesOf(t, created.id)).toEqual(
        [
          'User requests access package assignment',
          'Create request approval',
          'Approve access package assignment request',
          'Approval stage completed for access package assignment request',
          'Create request approval',
          'Approve access package assignment request',
          'Approval stage completed for access package assignment request',
          'Fulfill access package assignment request',
        ].sort(),
      );
    });

    it('ends the request denied when stage 2 denies it', async () => {
      const { first, second, packageId, group } = await twoStagePackage();
      const rita = await person(t, 'Rita Requester');
      const created = await submitted(t, rita.token, userAdd(packageId));
      const [stage1, stage2] = (await getApproval(t, created.id)).stages;
      expect((await decideStage(t, first.token, created.id, stage1.id, 'Approve')).statusCode).toBe(204);
      expect((await decideStage(t, second.token, created.id, stage2.id, 'Deny', 'Use the shared account')).statusCode).toBe(204);

      const request = await getRequest(t, created.id);
      expect(request).toMatchObject({ state: 'denied', status: 'Denied' });
      expect(request.completedDateTime).toBe(t.clock().toISOString());
      expect((await getApproval(t, created.id)).stages).toEqual([
        expect.objectContaining({ status: 'Completed', reviewResult: 'Approved' }),
        expect.objectContaining({ status: 'Completed', reviewResult: 'Denied', justification: 'Use the shared account', reviewedBy: expect.objectContaining({ id: second.id }) }),
      ]);
      expect(await awaitingDecisionBy(t, second.token)).toEqual([]);
      await t.jobs.drain();
      expect(await isMember(t, group.id, rita.id)).toBe(false);
      expect(mailTo(t, 'rita.requester@example.com')).toEqual(['Request denied to Sales tools']);
      expect(await auditActivitiesOf(t, created.id)).toEqual(
        [
          'User requests access package assignment',
          'Create request approval',
          'Approve access package assignment request',
          'Approval stage completed for access package assignment request',
          'Create request approval',
          'Deny access package assignment request',
        ].sort(),
      );
    });
  });

  describe('refused decisions', () => {
    it('requires a justification when the stage says so (400), and changes nothing without one', async () => {
      const ann = await person(t, 'Ann Approver');
      const rita = await person(t, 'Rita Requester');
      const { packageId } = await packageWithGroup(t, { requestApprovalSettings: approvalStages([stage([singleUser(ann.id)], { isApproverJustificationRequired: true })]) });
      const created = await submitted(t, rita.token, userAdd(packageId));
      const stageId = (await getApproval(t, created.id)).stages[0].id;

      const error = await expectRefusedDecision(t, ann.token, created.id, stageId, 'Approve', 400, 'Request_BadRequest');
      expect(error.target).toBe('justification');
      await expectRefusedDecision(t, ann.token, created.id, stageId, 'Deny', 400, 'Request_BadRequest', '   ');
      await expectRefusedDecision(t, ann.token, created.id, stageId, 'Approve', 400, 'Request_BadRequest', null);
      expect((await getApproval(t, created.id)).stages[0]).toMatchObject({ status: 'InProgress', reviewResult: 'NotReviewed', justification: null });

      expect((await decideStage(t, ann.token, created.id, stageId, 'Approve', 'Budget approved by finance')).statusCode).toBe(204);
      expect((await getApproval(t, created.id)).stages[0]).toMatchObject({ status: 'Completed', reviewResult: 'Approved', justification: 'Budget approved by finance', reviewedDateTime: t.clock().toISOString() });
    });

    it('answers 403 to a non-approver, 404 to an unknown stage or approval, and 409 to a decided stage', async () => {
      const ann = await person(t, 'Ann Approver');
      const ben = await person(t, 'Ben Approver');
      const stranger = await person(t, 'Sam Stranger');
      const rita = await person(t, 'Rita Requester');
      const { packageId } = await packageWithGroup(t, { requestApprovalSettings: approvalStages([stage([singleUser(ann.id), singleUser(ben.id)])]) });
      const created = await submitted(t, rita.token, userAdd(packageId));
      const stageId = (await getApproval(t, created.id)).stages[0].id;

      await expectRefusedDecision(t, stranger.token, created.id, stageId, 'Approve', 403, 'Authorization_RequestDenied');
      await expectRefusedDecision(t, t.admin.token, created.id, stageId, 'Approve', 403, 'Authorization_RequestDenied');
      await expectRefusedDecision(t, ann.token, created.id, randomUUID(), 'Approve', 404, 'Request_ResourceNotFound');
      await expectRefusedDecision(t, ann.token, created.id, 'not-a-stage', 'Approve', 404, 'Request_ResourceNotFound');
      // A real stage, named under another approval: not found either.
      const before = await lifecycleRowCounts(t);
      const elsewhere = await decideStage(t, ann.token, randomUUID(), stageId, 'Approve');
      expect(elsewhere.statusCode, elsewhere.body).toBe(404);
      expect(elsewhere.json().error.code).toBe('Request_ResourceNotFound');
      expect(await lifecycleRowCounts(t)).toEqual(before);

      expect((await decideStage(t, ann.token, created.id, stageId, 'Approve')).statusCode).toBe(204);
      await expectRefusedDecision(t, ben.token, created.id, stageId, 'Deny', 409, 'ApprovalStageAlreadyDecided');
      await expectRefusedDecision(t, ann.token, created.id, stageId, 'Approve', 409, 'ApprovalStageAlreadyDecided');
      expect((await getApproval(t, created.id)).stages[0]).toMatchObject({ reviewResult: 'Approved', reviewedBy: expect.objectContaining({ id: ann.id }) });
      expect((await getRequest(t, created.id)).state).toBe('delivering');
    });
  });
});
