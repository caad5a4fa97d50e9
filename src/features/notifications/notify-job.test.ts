import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { startSmtpSink, type SmtpSink } from '../../../test/helpers/smtp-sink.js';
import { skipReason, testDialect } from '../../../test/helpers/test-database.js';
import { enqueueJobs } from '../../jobs/job-queue.repo.js';
import { createJobWorker } from '../../jobs/job-worker.js';
import { markUserDeleted } from '../users/users.repo.js';
import { createMailer, type Mailer } from './mailer.js';
import { enqueueNotifications, type Notification } from './notification.js';
import { notifyJobHandler } from './notify-job.js';

type Logged = { level: string; details: object; message: string };

function recordingLog() {
  const entries: Logged[] = [];
  const at = (level: string) => (details: object, message: string) => void entries.push({ level, details, message });
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

const publicUrl = 'https://access.example.com';
const facts = { accessPackageId: 'pkg-1', accessPackageDisplayName: 'Sälj <script>alert(1)</script> & "tools"', requestId: 'req-1', requestorDisplayName: 'Mia Member', dueDateTime: '2026-12-03T09:00:00.000Z' };

describe.skipIf(skipReason())(`notify jobs (${testDialect})`, () => {
  let t: TestContext;
  let sink: SmtpSink | undefined;
  let mailer: Mailer | undefined;
  let log: ReturnType<typeof recordingLog>;
  beforeEach(async () => {
    t = await createTestContext();
    log = recordingLog();
  });
  afterEach(async () => {
    await mailer?.close();
    await sink?.close();
    mailer = sink = undefined;
    await t?.close();
  });

  const worker = (using: Mailer) => createJobWorker({ db: t.handle.db, dialect: t.handle.dialect, clock: t.clock, handlers: [notifyJobHandler(t.deps, using, publicUrl, log)], log });
  const enqueue = (notifications: Notification[]) => t.handle.db.transaction().execute((trx) => enqueueNotifications(trx, t.clock(), notifications));
  const jobRows = () => t.handle.db.selectFrom('jobs').selectAll().orderBy('id').execute();

  it('sends one message to each recipient who can receive mail, with user text escaped in HTML', async () => {
    sink = await startSmtpSink({ credentials: { user: 'tessera', pass: 'pa55-word' } });
    mailer = createMailer({ smtpUrl: sink.url, smtpFrom: 'Tessera <tessera@example.com>' }, log);
    const approver = await t.addUser({ displayName: 'Ada Approver', mail: 'ada@example.com' });
    const noMail = await t.addUser({ displayName: 'No Mail' });
    const disabled = await t.addUser({ displayName: 'Blocked', mail: 'blocked@example.com', accountEnabled: false });
    const deleted = await t.addUser({ displayName: 'Gone', mail: 'gone@example.com' });
    await markUserDeleted(t.handle.db, deleted.id, t.clock().toISOString());

    await enqueue([{ template: 'approvalRequested', recipientIds: [approver.id, noMail.id, disabled.id, deleted.id, randomUUID(), approver.id], facts }]);
    expect(await jobRows()).toEqual([expect.objectContaining({ kind: 'notify', run_at: t.clock().toISOString() })]);
    expect(await worker(mailer).drain()).toBe(1);

    expect(sink.messages).toHaveLength(1);
    const [mail] = sink.messages;
    expect(mail).toMatchObject({ envelopeFrom: 'tessera@example.com', envelopeTo: ['ada@example.com'], user: 'tessera', subject: 'Action required: Approve or deny request by 3 December 2026' });
    expect(mail!.headers.get('to')).toBe('ada@example.com');
    expect(mail!.headers.get('from')).toBe('Tessera <tessera@example.com>');
    expect(mail!.html).toContain('Sälj &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;tools&quot;');
    expect(mail!.html).not.toContain('<script>');
    expect(mail!.text).toContain('Sälj <script>alert(1)</script> & "tools"');
    expect(mail!.text).toContain(`${publicUrl}/approvals?request=req-1`);
    expect(await jobRows()).toEqual([]);

    const skipped = log.entries.filter((entry) => entry.level === 'debug').map((entry) => entry.message);
    expect(skipped.sort()).toEqual([
      'notification not sent: recipient account disabled',
      'notification not sent: recipient no mail address',
      'notification not sent: recipient not found or deleted',
      'notification not sent: recipient not found or deleted',
    ]);
    expect(JSON.stringify(log.entries)).not.toContain('pa55-word');
    expect(log.entries).toContainEqual(expect.objectContaining({ level: 'info', details: { smtp: `smtp://127.0.0.1:${sink.port}`, from: 'Tessera <tessera@example.com>' } }));
  });

  it('skips a recipient the mail server refuses for good, and still mails the others', async () => {
    sink = await startSmtpSink({ rejectRecipients: ['nobody@example.com'] });
    mailer = createMailer({ smtpUrl: sink.url, smtpFrom: 'tessera@example.com' }, log);
    const unknown = await t.addUser({ mail: 'nobody@example.com' });
    const known = await t.addUser({ mail: 'known@example.com' });
    await enqueue([{ template: 'requestDenied', recipientIds: [unknown.id, known.id], facts: { ...facts, reason: 'No approver decided in time.' } }]);

    expect(await worker(mailer).drain()).toBe(1);
    expect(sink.messages.map((mail) => mail.envelopeTo)).toEqual([['known@example.com']]);
    expect(sink.messages[0]!.text).toContain('No approver decided in time.');
    expect(await jobRows()).toEqual([]);
    expect(log.entries).toContainEqual(expect.objectContaining({ level: 'warn', message: 'notification not sent: the mail server refused the recipient for good' }));
  });

  it('keeps the jobs while the mail server is down and sends them once it is back: nothing is lost', async () => {
    const down = await startSmtpSink();
    await down.close();
    mailer = createMailer({ smtpUrl: down.url, smtpFrom: 'tessera@example.com' }, log);
    const user = await t.addUser({ mail: 'user@example.com' });
    await enqueue([
      { template: 'requestDelivered', recipientIds: [user.id], facts },
      { template: 'assignmentExpiringSoon', recipientIds: [user.id], facts: { ...facts, endDateTime: '2026-12-10T00:00:00.000Z' } },
    ]);
    const jobs = worker(mailer);

    expect(await jobs.drain()).toBe(2);
    const failed = await jobRows();
    expect(failed).toHaveLength(2);
    for (const row of failed) expect(row).toMatchObject({ kind: 'notify', dead: 0, attempts: 1, lease_owner: null, last_error: expect.stringMatching(/ECONNREFUSED|connect/) });
    expect(log.entries.filter((entry) => entry.message === 'job failed; retrying later')).toHaveLength(2);

    sink = await startSmtpSink({ port: down.port });
    t.clock.advance(2_000);
    expect(await jobs.drain()).toBe(2);
    expect(sink.messages.map((mail) => mail.subject).sort()).toEqual(['Extend access for Sälj <script>alert(1)</script> & "tools" by 10 December 2026', 'You now have access to Sälj <script>alert(1)</script> & "tools"']);
    expect(await jobRows()).toEqual([]);
  });

  it('fails the job on a wrong SMTP password rather than skipping anyone, and never records the password', async () => {
    sink = await startSmtpSink({ credentials: { user: 'tessera', pass: 'right' } });
    mailer = createMailer({ smtpUrl: sink.url.replace(':right@', ':wrong-secret@'), smtpFrom: 'tessera@example.com' }, log);
    const user = await t.addUser({ mail: 'user@example.com' });
    await enqueue([{ template: 'requestDelivered', recipientIds: [user.id], facts }]);

    expect(await worker(mailer).drain()).toBe(1);
    expect(sink.messages).toEqual([]);
    const [row] = await jobRows();
    expect(row).toMatchObject({ dead: 0, last_error: expect.stringContaining('535') });
    const errorsAsText = (_key: string, value: unknown) => (value instanceof Error ? { ...value, message: value.message, stack: value.stack } : value);
    const recorded = JSON.stringify([row, log.entries], errorsAsText);
    expect(recorded).toContain('535');
    expect(recorded).not.toContain('wrong-secret');
  });

  it('without SMTP, logs each message (recipient and subject) instead of sending it', async () => {
    mailer = createMailer({ smtpUrl: undefined, smtpFrom: 'tessera@example.com' }, log);
    expect(log.entries).toContainEqual(expect.objectContaining({ level: 'warn', message: expect.stringContaining('SMTP_URL is not set') }));
    const user = await t.addUser({ mail: 'user@example.com' });
    await enqueue([{ template: 'assignmentExpired', recipientIds: [user.id], facts }]);

    expect(await worker(mailer).drain()).toBe(1);
    expect(log.entries).toContainEqual({ level: 'info', details: { mail: { to: 'user@example.com', subject: 'Access has ended for Sälj <script>alert(1)</script> & "tools"' } }, message: 'e-mail not sent (SMTP_URL is not set)' });
    expect(await jobRows()).toEqual([]);
  });

  it('without SMTP in the demo on loopback, logs the text too (so an outsider can read their one-time code there)', async () => {
    const demoMailer = createMailer({ smtpUrl: undefined, smtpFrom: 'tessera@example.com' }, log, { writeTextToLog: true });
    await demoMailer.send({ to: 'fiona@fabrikam.example', subject: 'Your sign-in code for Tessera', text: 'Your code is 1234 5678.', html: '<p>Your code is 1234 5678.</p>' });
    expect(log.entries).toContainEqual({ level: 'info', details: { mail: { to: 'fiona@fabrikam.example', subject: 'Your sign-in code for Tessera', text: 'Your code is 1234 5678.' } }, message: 'e-mail not sent (SMTP_URL is not set)' });
  });

  it('lets tests read what was sent from t.mail', async () => {
    const user = await t.addUser({ displayName: 'Ola', mail: 'ola@example.com' });
    await enqueue([{ template: 'requestApproved', recipientIds: [user.id], facts }]);
    await t.jobs.drain();
    expect(t.mail).toEqual([expect.objectContaining({ to: 'ola@example.com', subject: 'Request approved for Mia Member to Sälj <script>alert(1)</script> & "tools"' })]);
    expect(t.mail[0]!.text).toMatch(/^Hi Ola,/);
  });

  it('enqueues nothing without recipients, and splits large recipient lists', async () => {
    await enqueue([{ template: 'approvalReminder', recipientIds: [], facts }]);
    expect(await jobRows()).toEqual([]);

    const recipients = Array.from({ length: 60 }, () => randomUUID());
    await enqueue([{ template: 'approvalReminder', recipientIds: [...recipients, ...recipients.slice(0, 5)], facts }]);
    const rows = await jobRows();
    expect(rows.map((row) => JSON.parse(row.payload).recipientIds.length)).toEqual([50, 10]);
    expect(rows.flatMap((row) => JSON.parse(row.payload).recipientIds).sort()).toEqual([...recipients].sort());
  });

  it('writes nothing when the transaction that enqueued it rolls back', async () => {
    await expect(
      t.handle.db.transaction().execute(async (trx) => {
        await enqueueNotifications(trx, t.clock(), [{ template: 'approvalRequested', recipientIds: [t.member.id], facts }]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await jobRows()).toEqual([]);
  });

  it('retries a payload it does not understand (a newer node may have written it) instead of dropping it', async () => {
    await enqueueJobs(t.handle.db, [{ kind: 'notify', payload: { template: 'fromTheFuture', recipientIds: [t.member.id], facts }, runAt: t.clock() }], t.clock());
    expect(await t.jobs.drain()).toBe(1);
    expect(t.mail).toEqual([]);
    expect(await jobRows()).toEqual([expect.objectContaining({ dead: 0, last_error: expect.stringContaining('Notification payload not understood') })]);
  });
});
