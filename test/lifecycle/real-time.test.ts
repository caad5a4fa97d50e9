import { afterEach, describe, expect, it } from 'vitest';
import { createMailer } from '../../src/features/notifications/mailer.js';
import { em } from '../helpers/entitlement-fixtures.js';
import { getRequest, isMember, oneStage, packageWithGroup, singleUser, submitted } from '../helpers/lifecycle-fixtures.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { skipReason, testDialect } from '../helpers/test-database.js';

/**
 * The lifecycle on the wall clock, with the job worker running as `tessera serve` runs it and
 * mail going through a real SMTP server: what a person waiting for access would see.
 */
describe.skipIf(skipReason())(`the lifecycle in real time (${testDialect})`, () => {
  let t: TestContext | undefined;
  let sink: SmtpSink | undefined;
  afterEach(async () => {
    await t?.close();
    await sink?.close();
  });

  it('delivers within moments and takes access away within 5 seconds of its end', async () => {
    t = await createTestContext({ realTime: true });
    const context = t;
    const { packageId, group } = await packageWithGroup(context, { requestorSettings: { enableTargetsToSelfAddAccess: true, allowCustomAssignmentSchedule: true }, expiration: { type: 'afterDuration', duration: 'P1D' } });
    const end = new Date(Date.now() + 3_000);
    const created = await submitted(context, context.member.token, { requestType: 'userAdd', assignment: { accessPackageId: packageId }, schedule: { expiration: { type: 'afterDateTime', endDateTime: end.toISOString() } } });
    await expect.poll(async () => (await getRequest(context, created.id)).state, { timeout: 2_000, interval: 20 }).toBe('delivered');
    expect(await isMember(context, group.id, context.member.id)).toBe(true);

    await expect.poll(() => isMember(context, group.id, context.member.id), { timeout: 10_000, interval: 50 }).toBe(false);
    const endedAt = Date.now();
    expect(endedAt - end.getTime()).toBeLessThan(5_000);
    const assignment = await context.request(context.admin.token, { method: 'GET', url: `${em}/assignments/${(await getRequest(context, created.id)).assignment.id}` });
    expect(assignment.json()).toMatchObject({ state: 'expired', status: 'Expired' });
    expect(new Date(assignment.json().expiredDateTime).getTime() - end.getTime()).toBeLessThan(5_000);
  });

  it('mails the approver and then the requester through a real SMTP server', async () => {
    sink = await startSmtpSink();
    t = await createTestContext({ realTime: true, mailer: createMailer({ smtpUrl: sink.url, smtpFrom: 'Tessera <tessera@example.com>' }, { info() {}, warn() {}, error() {}, debug() {} } as never) });
    const context = t;
    const approver = await context.addUser({ displayName: 'Ann Approver', mail: 'ann@example.com' });
    const requester = await context.addUser({ displayName: 'Rita Requester', mail: 'rita@example.com' });
    const { packageId } = await packageWithGroup(context, { requestApprovalSettings: oneStage([singleUser(approver.id)]) });
    const created = await submitted(context, requester.token, { requestType: 'userAdd', assignment: { accessPackageId: packageId }, justification: 'Quarter end' });

    await expect.poll(() => sink!.messages.map((m) => m.envelopeTo.join()), { timeout: 5_000 }).toContain('ann@example.com');
    const ask = sink.messages.find((m) => m.envelopeTo.includes('ann@example.com'))!;
    expect(ask.subject).toMatch(/^Action required: Approve or deny request by /);
    expect(ask.text).toContain('Rita Requester');
    expect(ask.text).toContain('Quarter end');

    const stage = (await context.request(approver.token, { method: 'GET', url: `${em}/accessPackageAssignmentApprovals/${created.id}` })).json().stages[0];
    const decided = await context.request(approver.token, { method: 'PATCH', url: `${em}/accessPackageAssignmentApprovals/${created.id}/stages/${stage.id}`, payload: { reviewResult: 'Approve', justification: 'Fine' } });
    expect(decided.statusCode).toBe(204);
    await expect.poll(() => sink!.messages.filter((m) => m.envelopeTo.includes('rita@example.com')).map((m) => m.subject).sort(), { timeout: 5_000 }).toEqual(['Request approved for Rita Requester to Sales tools', 'You now have access to Sales tools']);
  });
});
