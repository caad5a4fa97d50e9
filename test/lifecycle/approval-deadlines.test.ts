import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectRefusedDecision, forwarded, minuteMs, person, reminder, userAdd } from '../helpers/approval-fixtures.js';
import {
  approvalStages,
  auditActivitiesOf,
  awaitingDecisionBy,
  dayMs,
  decideStage,
  getApproval,
  getRequest,
  isMember,
  mailTo,
  packageWithGroup,
  singleUser,
  stage,
  submitted,
} from '../helpers/lifecycle-fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { skipReason, testDialect } from '../helpers/test-database.js';

/** The approval clock (deadlines, escalation, reminders, on a test clock) and what approvers are mailed. */
describe.skipIf(skipReason())(`approval deadlines, escalation, reminders and approver mail (${testDialect})`, () => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestContext();
  });
  afterEach(async () => t.close());

  describe('the clock', () => {
    it('denies a request nobody decided by the deadline: TimedOut, stage Expired, requester told', async () => {
      const ann = await person(t, 'Ann Approver');
      const rita = await person(t, 'Rita Requester');
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
      await expectRefusedDecision(t, ann.token, created.id, approval.stages[0].id, 'Approve', 409, 'ApprovalStageAlreadyDecided');
      expect(await isMember(t, group.id, rita.id)).toBe(false);
    });

    it('gives each stage its own deadline, counted from when the stage opens', async () => {
      const first = await person(t, 'Anna First');
      const second = await person(t, 'Bert Second');
      const rita = await person(t, 'Rita Requester');
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
      const primary = await person(t, 'Paul Primary');
      const escalation = await person(t, 'Erin Escalation');
      const rita = await person(t, 'Rita Requester');
      const { packageId, group } = await packageWithGroup(t, {
        requestApprovalSettings: approvalStages([stage([singleUser(primary.id)], { durationBeforeAutomaticDenial: 'P7D', isEscalationEnabled: true, durationBeforeEscalation: 'P1D', escalationApprovers: [singleUser(escalation.id)] })]),
      });
      const created = await submitted(t, rita.token, userAdd(packageId));
      const stageId = (await getApproval(t, created.id)).stages[0].id;
      expect(await awaitingDecisionBy(t, escalation.token)).toEqual([]);
      await expectRefusedDecision(t, escalation.token, created.id, stageId, 'Approve', 403, 'Authorization_RequestDenied');

      t.clock.advance(dayMs - minuteMs);
      await t.jobs.drain();
      expect((await getRequest(t, created.id)).status).toBe('PendingApproval');
      await expectRefusedDecision(t, escalation.token, created.id, stageId, 'Approve', 403, 'Authorization_RequestDenied');
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
      const primary = await person(t, 'Paul Primary');
      const escalation = await person(t, 'Erin Escalation');
      const rita = await person(t, 'Rita Requester');
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
      await expectRefusedDecision(t, escalation.token, created.id, stageId, 'Approve', 409, 'ApprovalStageAlreadyDecided');
    });

    it('reminds the approvers halfway to the deadline, unless the stage was decided', async () => {
      const ann = await person(t, 'Ann Approver');
      const ben = await person(t, 'Ben Approver');
      const rita = await person(t, 'Rita Requester');
      const rolf = await person(t, 'Rolf Requester');
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

  it('says who asked and why in every approver mail (first stage, next stage, reminder, escalation) and names the requester when approved', async () => {
    const first = await person(t, 'Anna First');
    const second = await person(t, 'Bert Second');
    const escalation = await person(t, 'Erin Escalation');
    const rita = await person(t, 'Rita Requester');
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
