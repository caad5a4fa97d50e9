import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './message-layout.js';
import { notificationTemplates, reviewTemplates, type NotificationFacts, type PackageTemplate, type ReviewFacts } from './notification.js';
import { renderNotification } from './notification-templates.js';

const publicUrl = 'https://access.example.com';
const facts: NotificationFacts = {
  accessPackageId: 'pkg-1',
  accessPackageDisplayName: 'Sales tools',
  requestId: 'req-1',
  assignmentId: 'asg-1',
  requestorDisplayName: 'Mia Member',
  targetDisplayName: 'Mia Member',
  justification: 'Quarterly forecast',
  reason: null,
  dueDateTime: '2026-12-03T09:30:00.000Z',
  endDateTime: '2027-01-15T17:00:00.000Z',
  stageNumber: 1,
};
const packageTemplates = notificationTemplates.filter((t): t is PackageTemplate => !(reviewTemplates as readonly string[]).includes(t));
const render = (template: PackageTemplate, overrides: Partial<NotificationFacts> = {}, recipient = 'Ada Admin') =>
  renderNotification({ template, facts: { ...facts, ...overrides } }, { displayName: recipient }, publicUrl);

describe('access review notifications', () => {
  const review: ReviewFacts = { definitionId: 'def-1', instanceId: 'inst-1', reviewDisplayName: 'Quarterly <review>', resourceDisplayName: 'Finance share', descriptionForReviewers: 'Keep only\nwho needs it', dueDateTime: '2026-12-03T09:30:00.000Z' };
  it.each([
    ['accessReviewStarted', 'Action required: Review access to Finance share by 3 December 2026'],
    ['accessReviewReminder', 'Action required reminder: Review access to Finance share by 3 December 2026'],
    ['accessReviewEnded', 'Access review ended: Quarterly <review>'],
  ] as const)('%s: "%s", linking to the instance in the portal', (template, subject) => {
    const message = renderNotification({ template, facts: review }, { displayName: 'Rita' }, publicUrl);
    expect(message.subject).toBe(subject);
    expect(message.text).toContain(`${publicUrl}/reviews/def-1/inst-1`);
    expect(message.html).toContain('Quarterly &lt;review&gt;');
    expect(message.html).not.toContain('<review>');
  });

  it("tells a reviewer what is left, what the review's owner asks, and by when", () => {
    const message = renderNotification({ template: 'accessReviewReminder', facts: { ...review, toDecide: 3 } }, { displayName: 'Rita' }, publicUrl);
    expect(message.text).toContain('3 people are still waiting for your decision.');
    expect(message.text).toContain("From the review's owner:\n> Keep only\n> who needs it");
    expect(message.text).toContain('by 3 December 2026, 09:30 UTC');
  });
});

describe('renderNotification', () => {
  it.each<[PackageTemplate, string, string]>([
    ['approvalRequested', 'Action required: Approve or deny request by 3 December 2026', '/approvals?request=req-1'],
    ['approvalReminder', 'Action required reminder: Approve or deny the request by 3 December 2026', '/approvals?request=req-1'],
    ['approvalEscalated', 'Action required: Approve or deny forwarded request by 3 December 2026', '/approvals?request=req-1'],
    ['requestApproved', 'Request approved for Mia Member to Sales tools', '/requests?request=req-1'],
    ['requestDenied', 'Request denied to Sales tools', '/requests?request=req-1'],
    ['requestDelivered', 'You now have access to Sales tools', '/access'],
    ['assignmentExpiringSoon', 'Extend access for Sales tools by 15 January 2027', '/access'],
    ['assignmentExpired', 'Access has ended for Sales tools', '/access-packages/pkg-1'],
  ])('%s: subject "%s", links to %s', (template, subject, path) => {
    const message = render(template);
    expect(message.subject).toBe(subject);
    expect(message.text).toContain(`${publicUrl}${path}`);
    expect(message.html).toContain(`href="${publicUrl}${path}"`);
    expect(message.text).toMatch(/^Hi Ada Admin,/);
    expect(message.html).toContain('Hi Ada Admin,');
    expect(message.text).toContain('Sales tools');
  });

  it('covers every template', () => {
    for (const template of packageTemplates) expect(render(template).subject).not.toBe('');
  });

  it('tells approvers who asked, for whom, why, and by when', () => {
    const message = render('approvalRequested', { targetDisplayName: 'Ola Nordmann', stageNumber: 2, justification: 'Covering for Kari\nuntil March' });
    expect(message.text).toContain('Mia Member requested access to Sales tools for Ola Nordmann.');
    expect(message.text).toContain('Justification:\n> Covering for Kari\n> until March');
    expect(message.text).toContain('(stage 2 of its approval) by 3 December 2026, 09:30 UTC');
  });

  it('says why a request was denied', () => {
    const message = render('requestDenied', { reason: 'No approver decided in time.' });
    expect(message.text).toContain('was denied.');
    expect(message.text).toContain('Reason:\n> No approver decided in time.');
    expect(message.html).toContain('No approver decided in time.');
  });

  it('does without the facts a caller left out', () => {
    const bare: NotificationFacts = { accessPackageId: 'pkg-1', accessPackageDisplayName: 'Sales tools' };
    for (const template of packageTemplates) {
      const message = renderNotification({ template, facts: bare }, { displayName: 'Ada' }, publicUrl);
      expect(message.text).not.toMatch(/undefined|null|NaN/);
      expect(message.html).not.toMatch(/undefined|null|NaN/);
    }
    expect(renderNotification({ template: 'approvalRequested', facts: bare }, { displayName: 'Ada' }, publicUrl).subject).toBe(
      'Action required: Approve or deny request for Sales tools',
    );
    expect(renderNotification({ template: 'approvalRequested', facts: bare }, { displayName: 'Ada' }, publicUrl).text).toContain(
      `${publicUrl}/approvals\n`,
    );
    expect(renderNotification({ template: 'requestApproved', facts: bare }, { displayName: 'Ada' }, publicUrl).subject).toBe('Request approved to Sales tools');
  });

  it('escapes every user-supplied value in HTML and keeps it readable in text', () => {
    const hostile = {
      accessPackageDisplayName: '<script>alert(1)</script> & "Tools"',
      requestorDisplayName: '<img src=x onerror=alert(1)>',
      targetDisplayName: "O'Brien <b>",
      justification: '</blockquote><a href="https://evil.example">click</a>',
      reason: '<i>no</i>',
    };
    for (const template of packageTemplates) {
      const message = render(template, hostile, '<Eve & Co>');
      expect(message.html).not.toMatch(/<script|<img|<b>|<i>|evil\.example">|<Eve/);
      expect(message.text).toContain('<script>alert(1)</script> & "Tools"');
      expect(message.text).toContain('Hi <Eve & Co>,');
    }
    const message = render('approvalRequested', hostile);
    expect(message.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Tools&quot;');
    expect(message.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(message.html).toContain('O&#39;Brien &lt;b&gt;');
    expect(message.html).toContain('&lt;/blockquote&gt;&lt;a href=&quot;https://evil.example&quot;&gt;');
  });

  it('keeps the subject to one bounded line whatever the package is called', () => {
    const message = render('requestDenied', { accessPackageDisplayName: 'Sales\r\nBcc: everyone@example.com\u0000' });
    expect(message.subject).toBe('Request denied to Sales Bcc: everyone@example.com');
    expect(render('requestDenied', { accessPackageDisplayName: 'x'.repeat(1000) }).subject.length).toBeLessThanOrEqual(200);
  });

  it('encodes ids in links', () => {
    expect(render('assignmentExpired', { accessPackageId: '../admin?x=<1>' }).html).toContain(`href="${publicUrl}/access-packages/..%2Fadmin%3Fx%3D%3C1%3E"`);
  });
});

describe('dates in messages', () => {
  it.each([
    ['2026-12-03T09:30:00.000Z', '3 December 2026', '3 December 2026, 09:30 UTC'],
    ['2027-01-01T00:05:00Z', '1 January 2027', '1 January 2027, 00:05 UTC'],
    ['not a date', 'not a date', 'not a date'],
  ])('%s', (iso, date, dateTime) => {
    expect(formatDate(iso)).toBe(date);
    expect(formatDateTime(iso)).toBe(dateTime);
  });
});
