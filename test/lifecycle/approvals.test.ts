import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addGroup, em } from '../helpers/entitlement-fixtures.js';
import {
  addToGroup,
  approvalStages,
  auditActivitiesOf,
  awaitingDecisionBy,
  dayMs,
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

const userAdd = (accessPackageId: string, extra: Record<string, unknown> = {}) => ({ requestType: 'userAdd', assignment: { accessPackageId }, ...extra });
const minuteMs = 60_000;
const approvalRequested = /^Action required: Approve or deny request by \d{1,2} \w+ \d{4}$/;
const forwarded = /^Action required: Approve or deny forwarded request by \d{1,2} \w+ \d{4}$/;
const reminder = /^Action required reminder: Approve or deny the request by \d{1,2} \w+ \d{4}$/;

describe.skipIf(skipReason())(`approving and denying requests (${testDialect})`, () => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestContext();
  });
  afterEach(async () => t.close());

  /** A user who receives mail: 'Ann Approver' is ann.approver@example.com. */
  const person = (displayName: string) => {
    const address = `${displayName.toLowerCase().replace(/\W+/g, '.')}@example.com`;
    return t.addUser({ displayName, userPrincipalName: address, mail: address });
  };

  /** Waits until this many statements of the test database wait for a lock (PostgreSQL), or a moment (SQLite). */
  async function lockWaiters(count: number): Promise<void> {
    if (testDialect === 'sqlite') {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return;
    }
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const { rows } = await sql<{ waiting: number }>`select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(t.handle.db);
      if (rows[0]!.waiting >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`Fewer than ${count} statements waited for a lock within 10 s.`);
  }

  /** The request and its approval as they stand, to prove that a refused decision changed neither. */
  const snapshot = async (requestId: string) => ({ request: await getRequest(t, requestId), approval: await getApproval(t, requestId), rows: await lifecycleRowCounts(t) });

  /** Sends a decision that must be refused: the status, Graph's error code, and nothing changed. */
  async function expectRefusedDecision(token: string, requestId: string, stageId: string, reviewResult: 'Approve' | 'Deny', status: number, code: string, justification?: string | null) {
    const before = await snapshot(requestId);
    const response = await decideStage(t, token, requestId, stageId, reviewResult, justification);
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json().error.code).toBe(code);
    expect(await snapshot(requestId)).toEqual(before);
    return response.json().error;
  }

  describe('nobody decides on their own request', () => {
    it('leaves out a requester who is a listed approver; the fallback approver gets the request', async () => {
      const rita = await person('Rita Requester');
      const fred = await person('Fred Fallback');
      const { packageId, group } = await packageWithGroup(t, { requestApprovalSettings: approvalStages([stage([singleUser(rita.id)], { fallbackPrimaryApprovers: [singleUser(fred.id)] })]) });

      const created = await submitted(t, rita.token, userAdd(packageId, { justification: 'Month-end close' }));
      expect(created).toMatchObject({ state: 'pendingApproval', status: 'PendingApproval' });
      expect(await awaitingDecisionBy(t, rita.token)).toEqual([]);
      expect(await awaitingDecisionBy(t, fred.token)).toEqual([created.id]);

      const seenByRita = await getApproval(t, created.id, rita.token);
      expect(seenByRita).toEqual({ '@odata.context': expect.any(String), id: created.id, stages: [expect.objectContaining({ status: 'InProgress', reviewResult: 'NotReviewed', assignedToMe: false, reviewedBy: null })] });
      expect((await getApproval(t, created.id, fred.token)).stages[0].assignedToMe).toBe(true);
      const stageId = seenByRita.stages[0].id;

      await expectRefusedDecision(rita.token, created.id, stageId, 'Approve', 403, 'Authorization_RequestDenied');

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
      const rita = await person('Rita Requester');
      const { packageId } = await packageWithGroup(t, { requestApprovalSettings: approvalStages([stage([singleUser(rita.id)])]) });
      const before = await lifecycleRowCounts(t);
      const response = await requestAccess(t, rita.token, userAdd(packageId));
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'Request_BadRequest', message: expect.stringMatching(/No approver can be found/) });
      expect(before.assignment_requests).toBe(0);
      expect(await lifecycleRowCounts(t)).toEqual(before);
    });

    it('leaves out a manager who asks on behalf of a report and is the report’s approver', async () => {
      const boss = await person('Bob Boss');
      const report = await person('Rolf Report');
      const fred = await person('Fred Fallback');
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
      await expectRefusedDecision(boss.token, created.id, stageId, 'Approve', 403, 'Authorization_RequestDenied');
      await expectRefusedDecision(report.token, created.id, stageId, 'Approve', 403, 'Authorization_RequestDenied');
      expect((await decideStage(t, fred.token, created.id, stageId, 'Approve')).statusCode).toBe(204);
    });
  });

  describe('who the approvers are', () => {
    it('asks the requester’s manager (managerLevel 1); the manager’s manager may not decide', async () => {
      const rita = await person('Rita Requester');
      const manager = await person('Maja Manager');
      const director = await person('Dina Director');
      await setManagerOf(t, rita.id, manager.id);
      await setManagerOf(t, manager.id, director.id);
      const { packageId } = await packageWithGroup(t, { requestApprovalSettings: approvalStages([stage([requestorManager(1)])]) });

      const created = await submitted(t, rita.token, userAdd(packageId));
      expect(await awaitingDecisionBy(t, manager.token)).toEqual([created.id]);
      expect(await awaitingDecisionBy(t, director.token)).toEqual([]);
      const stageId = (await getApproval(t, created.id)).stages[0].id;
      await expectRefusedDecision(director.token, created.id, stageId, 'Approve', 403, 'Authorization_RequestDenied');

      await t.jobs.drain();
      expect(mailTo(t, 'maja.manager@example.com')).toEqual([expect.stringMatching(approvalRequested)]);
      expect(mailTo(t, 'dina.director@example.com')).toEqual([]);
      expect((await decideStage(t, manager.token, created.id, stageId, 'Approve')).statusCode).toBe(204);
      expect((await getRequest(t, created.id)).state).toBe('delivering');
    });

    it('asks the manager’s manager (managerLevel 2); the direct manager may not decide', async () => {
      const rita = await person('Rita Requester');
      const manager = await person('Maja Manager');
      const director = await person('Dina Director');
      await setManagerOf(t, rita.id, manager.id);
      await setManagerOf(t, manager.id, director.id);
      const { packageId } = await packageWithGroup(t, { requestApprovalSettings: approvalStages([stage([requestorManager(2)])]) });

      const created = await submitted(t, rita.token, userAdd(packageId));
      expect(await awaitingDecisionBy(t, director.token)).toEqual([created.id]);
      expect(await awaitingDecisionBy(t, manager.token)).toEqual([]);
      const stageId = (await getApproval(t, created.id)).stages[0].id;
      await expectRefusedDecision(manager.token, created.id, stageId, 'Deny', 403, 'Authorization_RequestDenied');
      expect((await decideStage(t, director.token, created.id, stageId, 'Deny', 'Not this quarter')).statusCode).toBe(204);
      expect(await getRequest(t, created.id)).toMatchObject({ state: 'denied', status: 'Denied' });
    });

    it('falls back to fallbackPrimaryApprovers when the requester has no manager (or no second-level one)', async () => {
      const fred = await person('Fred Fallback');
      const loner = await person('Lone Ranger');
      const { packageId } = await packageWithGroup(t, { requestApprovalSettings: approvalStages([stage([requestorManager(1)], { fallbackPrimaryApprovers: [singleUser(fred.id)] })]) });
      const created = await submitted(t, loner.token, userAdd(packageId));
      expect(created.state).toBe('pendingApproval');
      expect(await awaitingDecisionBy(t, fred.token)).toEqual([created.id]);
      expect((await decideStage(t, fred.token, created.id, (await getApproval(t, created.id)).stages[0].id, 'Approve')).statusCode).toBe(204);

      // Only a first-level manager, under a policy asking for the second level: the fallback again.
      const manager = await person('Maja Manager');
      const rita = await person('Rita Requester');
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
      const nested = await person('Nina Nested');
      const outsider = await person('Otto Outsider');
      await addToGroup(t, inner.id, nested.id);
      const rita = await person('Rita Requester');
      const { packageId, group } = await packageWithGroup(t, { requestApprovalSettings: approvalStages([stage([groupMembers(outer.id)])]) });

      const created = await submitted(t, rita.token, userAdd(packageId));
      expect(await awaitingDecisionBy(t, nested.token)).toEqual([created.id]);
      expect(await awaitingDecisionBy(t, outsider.token)).toEqual([]);
      const stageId = (await getApproval(t, created.id)).stages[0].id;
      await expectRefusedDecision(outsider.token, created.id, stageId, 'Approve', 403, 'Authorization_RequestDenied');
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
      const first = await person('Anna First');
      const second = await person('Bert Second');
      const { packageId, group } = await packageWithGroup(t, { requestApprovalSettings: approvalStages([stage([singleUser(first.id)]), stage([singleUser(second.id)])]) });
      return { first, second, packageId, group };
    }

    it('opens stage 2 only once stage 1 is approved, and delivers after both approvals', async () => {
      const { first, second, packageId, group } = await twoStagePackage();
      const rita = await person('Rita Requester');
      const created = await submitted(t, rita.token, userAdd(packageId, { justification: 'New role' }));

      expect(await awaitingDecisionBy(t, first.token)).toEqual([created.id]);
      expect(await awaitingDecisionBy(t, second.token)).toEqual([]);
      const [stage1, stage2] = (await getApproval(t, created.id)).stages;
      expect(stage1).toMatchObject({ displayName: 'Stage 1', status: 'InProgress', reviewResult: 'NotReviewed' });
      expect(stage2).toMatchObject({ displayName: 'Stage 2', reviewResult: 'NotReviewed', reviewedBy: null });
      expect(stage2.status).not.toBe('InProgress');
      // Stage 2 cannot be decided before it opens, not even by its own approver.
      await expectRefusedDecision(second.token, created.id, stage2.id, 'Approve', 403, 'Authorization_RequestDenied');
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
      const rita = await person('Rita Requester');
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
      const ann = await person('Ann Approver');
      const rita = await person('Rita Requester');
      const { packageId } = await packageWithGroup(t, { requestApprovalSettings: approvalStages([stage([singleUser(ann.id)], { isApproverJustificationRequired: true })]) });
      const created = await submitted(t, rita.token, userAdd(packageId));
      const stageId = (await getApproval(t, created.id)).stages[0].id;

      const error = await expectRefusedDecision(ann.token, created.id, stageId, 'Approve', 400, 'Request_BadRequest');
      expect(error.target).toBe('justification');
      await expectRefusedDecision(ann.token, created.id, stageId, 'Deny', 400, 'Request_BadRequest', '   ');
      await expectRefusedDecision(ann.token, created.id, stageId, 'Approve', 400, 'Request_BadRequest', null);
      expect((await getApproval(t, created.id)).stages[0]).toMatchObject({ status: 'InProgress', reviewResult: 'NotReviewed', justification: null });

      expect((await decideStage(t, ann.token, created.id, stageId, 'Approve', 'Budget approved by finance')).statusCode).toBe(204);
      expect((await getApproval(t, created.id)).stages[0]).toMatchObject({ status: 'Completed', reviewResult: 'Approved', justification: 'Budget approved by finance', reviewedDateTime: t.clock().toISOString() });
    });

    it('answers 403 to a non-approver, 404 to an unknown stage or approval, and 409 to a decided stage', async () => {
      const ann = await person('Ann Approver');
      const ben = await person('Ben Approver');
      const stranger = await person('Sam Stranger');
      const rita = await person('Rita Requester');
      const { packageId } = await packageWithGroup(t, { requestApprovalSettings: approvalStages([stage([singleUser(ann.id), singleUser(ben.id)])]) });
      const created = await submitted(t, rita.token, userAdd(packageId));
      const stageId = (await getApproval(t, created.id)).stages[0].id;

      await expectRefusedDecision(stranger.token, created.id, stageId, 'Approve', 403, 'Authorization_RequestDenied');
      await expectRefusedDecision(t.admin.token, created.id, stageId, 'Approve', 403, 'Authorization_RequestDenied');
      await expectRefusedDecision(ann.token, created.id, randomUUID(), 'Approve', 404, 'Request_ResourceNotFound');
      await expectRefusedDecision(ann.token, created.id, 'not-a-stage', 'Approve', 404, 'Request_ResourceNotFound');
      // A real stage, named under another approval: not found either.
      const before = await lifecycleRowCounts(t);
      const elsewhere = await decideStage(t, ann.token, randomUUID(), stageId, 'Approve');
      expect(elsewhere.statusCode, elsewhere.body).toBe(404);
      expect(elsewhere.json().error.code).toBe('Request_ResourceNotFound');
      expect(await lifecycleRowCounts(t)).toEqual(before);

      expect((await decideStage(t, ann.token, created.id, stageId, 'Approve')).statusCode).toBe(204);
      await expectRefusedDecision(ben.token, created.id, stageId, 'Deny', 409, 'ApprovalStageAlreadyDecided');
      await expectRefusedDecision(ann.token, created.id, stageId, 'Approve', 409, 'ApprovalStageAlreadyDecided');
      expect((await getApproval(t, created.id)).stages[0]).toMatchObject({ reviewResult: 'Approved', reviewedBy: expect.objectContaining({ id: ann.id }) });
      expect((await getRequest(t, created.id)).state).toBe('delivering');
    });
  });

  describe('the clock', () => {
    it('denies a request nobody decided by the deadline: TimedOut, stage Expired, requester told', async () => {
      const ann = await person('Ann Approver');
      const rita = await person('Rita Requester');
      const { packageId, group } = await packageWithGroup(t, { requestApprovalSettings: approvalStages([stage([singleUser(ann.id)], { durationBeforeAutomaticDenial: 'P7D' })]) });
      const created = await submitted(t, rita.token, userAdd(packageId));

      t.clock.advance(7 * dayMs - minuteMs);
      await t.jobs.drain();
      expect(await getRequest(t, created.id)).toMatchObject({ state: 'pendingApproval', status: 'PendingApproval' });

      t.clock.advance(minuteMs);
      await t.jobs.drain();
      const request = await getRequest(t, created.id);
      expect(request).toMatchObject({ state: 'denied', status: 'TimedOut', completedDateTime: t.clock().toISOString() });
      const approval = await getApproval(t, created.id);
      expect(approval.stages).toEqual([expect.objectContaining({ status: 'Expired', reviewedBy: null })]);
      expect(mailTo(t, 'rita.requester@example.com')).toEqual(['Request denied to Sales tools']);
      expect(t.mail.find((m) => m.to === 'rita.requester@example.com')!.text).toMatch(/No approver decided within the time the policy allows/);
      expect(await auditActivitiesOf(t, created.id)).toEqual(['Access package assignment request timed out (no approver action taken)', 'Create request approval', 'User requests access package assignment'].sort());
      expect(await awaitingDecisionBy(t, ann.token)).toEqual([]);
      await expectRefusedDecision(ann.token, created.id, approval.stages[0].id, 'Approve', 409, 'ApprovalStageAlreadyDecided');
      expect(await isMember(t, group.id, rita.id)).toBe(false);
    });

    it('gives each stage its own deadline, counted from when the stage opens', async () => {
      const first = await person('Anna First');
      const second = await person('Bert Second');
      const rita = await person('Rita Requester');
      const { packageId } = await packageWithGroup(t, { requestApprovalSettings: approvalStages([stage([singleUser(first.id)]), stage([singleUser(second.id)])]) });
      const created = await submitted(t, rita.token, userAdd(packageId));
      t.clock.advance(5 * dayMs);
      const [stage1] = (await getApproval(t, created.id)).stages;
      expect((await decideStage(t, first.token, created.id, stage1.id, 'Approve')).statusCode).toBe(204);

      // Stage 1's deadline (day 7) passes harmlessly; stage 2 has until day 12.
      t.clock.advance(2 * dayMs);
      await t.jobs.drain();
      expect(await getRequest(t, created.id)).toMatchObject({ state: 'pendingApproval', status: 'PendingApproval' });
      t.clock.advance(5 * dayMs - minuteMs);
      await t.jobs.drain();
      expect((await getRequest(t, created.id)).state).toBe('pendingApproval');
      t.clock.advance(minuteMs);
      await t.jobs.drain();
      expect(await getRequest(t, created.id)).toMatchObject({ state: 'denied', status: 'TimedOut' });
      expect((await getApproval(t, created.id)).stages).toEqual([expect.objectContaining({ status: 'Completed', reviewResult: 'Approved' }), expect.objectContaining({ status: 'Expired' })]);
      expect(mailTo(t, 'rita.requester@example.com')).toEqual(['Request denied to Sales tools']);
    });

    it('escalates after durationBeforeEscalation: the escalation approver is mailed and may decide only from then on', async () => {
      const primary = await person('Paul Primary');
      const escalation = await person('Erin Escalation');
      const rita = await person('Rita Requester');
      const { packageId, group } = await packageWithGroup(t, {
        requestApprovalSettings: approvalStages([stage([singleUser(primary.id)], { durationBeforeAutomaticDenial: 'P7D', isEscalationEnabled: true, durationBeforeEscalation: 'P1D', escalationApprovers: [singleUser(escalation.id)] })]),
      });
      const created = await submitted(t, rita.token, userAdd(packageId));
      const stageId = (await getApproval(t, created.id)).stages[0].id;
      expect(await awaitingDecisionBy(t, escalation.token)).toEqual([]);
      await expectRefusedDecision(escalation.token, created.id, stageId, 'Approve', 403, 'Authorization_RequestDenied');

      t.clock.advance(dayMs - minuteMs);
      await t.jobs.drain();
      expect((await getRequest(t, created.id)).status).toBe('PendingApproval');
      await expectRefusedDecision(escalation.token, created.id, stageId, 'Approve', 403, 'Authorization_RequestDenied');
      expect(mailTo(t, 'erin.escalation@example.com')).toEqual([]);

      t.clock.advance(minuteMs);
      await t.jobs.drain();
      expect(await getRequest(t, created.id)).toMatchObject({ state: 'pendingApproval', status: 'PendingApprovalEscalated' });
      expect(mailTo(t, 'erin.escalation@example.com')).toEqual([expect.stringMatching(forwarded)]);
      expect(await awaitingDecisionBy(t, escalation.token)).toEqual([created.id]);
      expect(await awaitingDecisionBy(t, primary.token)).toEqual([created.id]);
      expect((await getApproval(t, created.id, escalation.token)).stages[0].assignedToMe).toBe(true);
      expect(await auditActivitiesOf(t, created.id)).toContain('Escalate access package assignment request');

      expect((await decideStage(t, escalation.token, created.id, stageId, 'Approve', 'Covering for Paul')).statusCode).toBe(204);
      await t.jobs.drain();
      expect((await getRequest(t, created.id)).state).toBe('delivered');
      expect(await isMember(t, group.id, rita.id)).toBe(true);
      expect((await getApproval(t, created.id)).stages[0].reviewedBy).toMatchObject({ id: escalation.id });
    });

    it('still lets the primary approver decide after escalation', async () => {
      const primary = await person('Paul Primary');
      const escalation = await person('Erin Escalation');
      const rita = await person('Rita Requester');
      const { packageId } = await packageWithGroup(t, {
        requestApprovalSettings: approvalStages([stage([singleUser(primary.id)], { durationBeforeAutomaticDenial: 'P7D', isEscalationEnabled: true, durationBeforeEscalation: 'P1D', escalationApprovers: [singleUser(escalation.id)] })]),
      });
      const created = await submitted(t, rita.token, userAdd(packageId));
      const stageId = (await getApproval(t, created.id)).stages[0].id;
      t.clock.advance(dayMs);
      await t.jobs.drain();
      expect((await getRequest(t, created.id)).status).toBe('PendingApprovalEscalated');

      expect((await decideStage(t, primary.token, created.id, stageId, 'Deny', 'No longer needed')).statusCode).toBe(204);
      expect(await getRequest(t, created.id)).toMatchObject({ state: 'denied', status: 'Denied' });
      await expectRefusedDecision(escalation.token, created.id, stageId, 'Approve', 409, 'ApprovalStageAlreadyDecided');
    });

    it('reminds the approvers halfway to the deadline, unless the stage was decided', async () => {
      const ann = await person('Ann Approver');
      const ben = await person('Ben Approver');
      const rita = await person('Rita Requester');
      const rolf = await person('Rolf Requester');
      const { packageId } = await packageWithGroup(t, { requestApprovalSettings: approvalStages([stage([singleUser(ann.id), singleUser(ben.id)], { durationBeforeAutomaticDenial: 'P7D' })]) });
      const waiting = await submitted(t, rita.token, userAdd(packageId));
      const decided = await submitted(t, rolf.token, userAdd(packageId));
      expect((await decideStage(t, ann.token, decided.id, (await getApproval(t, decided.id)).stages[0].id, 'Approve')).statusCode).toBe(204);

      t.clock.advance(3.5 * dayMs - minuteMs);
      await t.jobs.drain();
      const remindersTo = (address: string) => mailTo(t, address).filter((subject) => reminder.test(subject));
      expect(remindersTo('ann.approver@example.com')).toEqual([]);

      t.clock.advance(minuteMs);
      await t.jobs.drain();
      // One reminder each, for the request still waiting; none for the one already approved.
      expect(remindersTo('ann.approver@example.com')).toHaveLength(1);
      expect(remindersTo('ben.approver@example.com')).toHaveLength(1);
      expect(remindersTo('rita.requester@example.com')).toEqual([]);
      expect(t.mail.filter((m) => reminder.test(m.subject)).every((m) => m.text.includes(waiting.id) || m.html.includes(waiting.id))).toBe(true);
      expect((await getRequest(t, waiting.id)).state).toBe('pendingApproval');
    });
  });

  it('lets exactly one of two approvers deciding at the same moment win (5 rounds)', async () => {
    const ann = await person('Ann Approver');
    const ben = await person('Ben Approver');
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
    const ann = await person('Ann Approver');
    const ben = await person('Ben Approver');
    const rita = await person('Rita Requester');
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
    await expectRefusedDecision(ben.token, created.id, stageId, 'Approve', 403, 'Authorization_RequestDenied');
    expect((await decideStage(t, ann.token, created.id, stageId, 'Approve')).statusCode).toBe(204);
    await t.jobs.drain();
    const request = await getRequest(t, created.id);
    expect(request.state).toBe('delivered');
    expect(await isMember(t, group.id, rita.id)).toBe(true);
    // The expiration, too, is the one the request was made under.
    expect(request.assignment.schedule.expiration.endDateTime).toBe(new Date(t.clock().getTime() + 30 * dayMs).toISOString());

    // A request made now is under the new policy: no approval at all.
    const rolf = await person('Rolf Requester');
    expect((await submitted(t, rolf.token, userAdd(packageId))).state).toBe('delivering');
  });

  describe('canceling', () => {
    async function pendingRequest() {
      const ann = await person('Ann Approver');
      const rita = await person('Rita Requester');
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
      await expectRefusedDecision(ann.token, created.id, stageId, 'Approve', 409, 'ApprovalStageAlreadyDecided');
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
      const stranger = await person('Sam Stranger');
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
        await lockWaiters(1);
        canceling = cancel(rita.token, created.id);
        await lockWaiters(2);
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

  it('says who asked and why in every approver mail (first stage, next stage, reminder, escalation) and names the requester when approved', async () => {
    const first = await person('Anna First');
    const second = await person('Bert Second');
    const escalation = await person('Erin Escalation');
    const rita = await person('Rita Requester');
    const { packageId } = await packageWithGroup(t, {
      requestApprovalSettings: approvalStages([
        stage([singleUser(first.id)], { durationBeforeAutomaticDenial: 'P7D', isEscalationEnabled: true, durationBeforeEscalation: 'P1D', escalationApprovers: [singleUser(escalation.id)] }),
        stage([singleUser(second.id)]),
      ]),
    });
    const created = await submitted(t, rita.token, userAdd(packageId, { justification: 'Quarterly audit preparation' }));
    await t.jobs.drain(); // the request mail
    t.clock.advance(dayMs);
    await t.jobs.drain(); // escalation after a day
    t.clock.advance(2.5 * dayMs);
    await t.jobs.drain(); // the reminder halfway
    const stage1 = (await getApproval(t, created.id)).stages[0].id;
    expect((await decideStage(t, first.token, created.id, stage1, 'Approve', 'Looks fine to me')).statusCode).toBe(204);
    await t.jobs.drain(); // stage 2's request mail

    const toApprovers = t.mail.filter((m) => ['anna.first@example.com', 'bert.second@example.com', 'erin.escalation@example.com'].includes(m.to));
    expect(toApprovers.map((m) => `${m.to}: ${m.subject.replace(/ by .*/, '')}`).sort()).toEqual(
      [
        'anna.first@example.com: Action required: Approve or deny request',
        'anna.first@example.com: Action required reminder: Approve or deny the request',
        'erin.escalation@example.com: Action required: Approve or deny forwarded request',
        'erin.escalation@example.com: Action required reminder: Approve or deny the request',
        'bert.second@example.com: Action required: Approve or deny request',
      ].sort(),
    );
    const wording = toApprovers.map((m) => ({ to: m.to, subject: m.subject, names: m.text.includes('Rita Requester requested access to Sales tools'), quotes: m.text.includes('Quarterly audit preparation') }));
    expect(wording).toEqual(toApprovers.map((m) => ({ to: m.to, subject: m.subject, names: true, quotes: true })));

    // The requester's notice of the final approval names them, as Entra's does ("Request approved for [requestor] to [package]").
    const stage2 = (await getApproval(t, created.id)).stages[1].id;
    expect((await decideStage(t, second.token, created.id, stage2, 'Approve')).statusCode).toBe(204);
    await t.jobs.drain();
    expect(mailTo(t, 'rita.requester@example.com')).toEqual(['Request approved for Rita Requester to Sales tools', 'You now have access to Sales tools']);
  });
});
