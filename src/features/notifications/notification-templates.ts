import { formatDate, formatDateTime, layoutMessage, paragraph, quote, rich, strong, type RenderedMessage, type Rich } from './message-layout.js';
import { isReviewNotification, type Notification, type NotificationFacts, type PackageTemplate, type ReviewFacts, type ReviewTemplate } from './notification.js';
import { portalPaths, portalUrl } from './portal-links.js';

/**
 * What each notification says. Subjects follow Entra's, so people who know its mail recognise
 * these; the body says what happened, what (if anything) the recipient should do and by when,
 * and links to the portal page where they do it.
 */
type Content = { subject: Rich; blocks: Rich[]; action?: { label: string; path: string } };

const optional = (present: unknown, block: () => Rich): Rich[] => (present ? [block()] : []);

/** " for Ola Nordmann", when the request is on someone else's behalf. */
function forTarget(facts: NotificationFacts): Rich {
  return facts.targetDisplayName && facts.targetDisplayName !== facts.requestorDisplayName ? rich` for ${facts.targetDisplayName}` : rich``;
}

/** "Mia Member requested access to Sales tools for Ola Nordmann." */
function requestSummary(facts: NotificationFacts): Rich {
  return paragraph`${facts.requestorDisplayName ?? 'Someone'} requested access to ${strong(facts.accessPackageDisplayName)}${forTarget(facts)}.`;
}

function deadline(facts: NotificationFacts): Rich[] {
  const stage = facts.stageNumber && facts.stageNumber > 1 ? rich` (stage ${facts.stageNumber} of its approval)` : rich``;
  return facts.dueDateTime
    ? [paragraph`Please approve or deny the request${stage} by ${formatDateTime(facts.dueDateTime)}. A request nobody decides in time is passed on or denied, as its policy says.`]
    : [paragraph`Please approve or deny the request${stage}.`];
}

const decide = (facts: NotificationFacts) => ({ label: 'Approve or deny', path: portalPaths.approval(facts.requestId) });
const byDue = (facts: NotificationFacts, prefix: string) =>
  facts.dueDateTime ? rich`${prefix} by ${formatDate(facts.dueDateTime)}` : rich`${prefix} for ${facts.accessPackageDisplayName}`;
const justification = (facts: NotificationFacts) => optional(facts.justification, () => quote('Justification', facts.justification!));
const reason = (facts: NotificationFacts) => optional(facts.reason, () => quote('Reason', facts.reason!));

const templates: Record<PackageTemplate, (facts: NotificationFacts) => Content> = {
  approvalRequested: (facts) => ({
    subject: byDue(facts, 'Action required: Approve or deny request'),
    blocks: [requestSummary(facts), ...justification(facts), ...deadline(facts)],
    action: decide(facts),
  }),
  approvalReminder: (facts) => ({
    subject: byDue(facts, 'Action required reminder: Approve or deny the request'),
    blocks: [paragraph`A request is still waiting for your decision.`, requestSummary(facts), ...justification(facts), ...deadline(facts)],
    action: decide(facts),
  }),
  approvalEscalated: (facts) => ({
    subject: byDue(facts, 'Action required: Approve or deny forwarded request'),
    blocks: [paragraph`A request was forwarded to you because its approvers did not decide in time.`, requestSummary(facts), ...justification(facts), ...deadline(facts)],
    action: decide(facts),
  }),
  requestApproved: (facts) => ({
    subject: facts.requestorDisplayName
      ? rich`Request approved for ${facts.requestorDisplayName} to ${facts.accessPackageDisplayName}`
      : rich`Request approved to ${facts.accessPackageDisplayName}`,
    blocks: [
      paragraph`The request for access to ${strong(facts.accessPackageDisplayName)}${forTarget(facts)} was approved. Access is being delivered; another message follows when it is ready.`,
      ...reason(facts),
    ],
    action: { label: 'View request', path: portalPaths.request(facts.requestId) },
  }),
  requestDenied: (facts) => ({
    subject: rich`Request denied to ${facts.accessPackageDisplayName}`,
    blocks: [paragraph`The request for access to ${strong(facts.accessPackageDisplayName)}${forTarget(facts)} was denied.`, ...reason(facts)],
    action: { label: 'View request', path: portalPaths.request(facts.requestId) },
  }),
  requestDelivered: (facts) => ({
    subject: rich`You now have access to ${facts.accessPackageDisplayName}`,
    blocks: [
      paragraph`Access to ${strong(facts.accessPackageDisplayName)}${forTarget(facts)} has been delivered and can be used now.`,
      ...optional(facts.endDateTime, () => paragraph`It lasts until ${formatDateTime(facts.endDateTime!)}.`),
    ],
    action: { label: 'View your access', path: portalPaths.access() },
  }),
  assignmentExpiringSoon: (facts) => ({
    subject: facts.endDateTime
      ? rich`Extend access for ${facts.accessPackageDisplayName} by ${formatDate(facts.endDateTime)}`
      : rich`Extend access for ${facts.accessPackageDisplayName}`,
    blocks: [
      facts.endDateTime
        ? paragraph`Access to ${strong(facts.accessPackageDisplayName)}${forTarget(facts)} ends on ${formatDateTime(facts.endDateTime)}.`
        : paragraph`Access to ${strong(facts.accessPackageDisplayName)}${forTarget(facts)} ends soon.`,
      paragraph`To keep it, request an extension under My Access before then. If it is no longer needed, nothing needs doing.`,
    ],
    action: { label: 'Extend access', path: portalPaths.access() },
  }),
  assignmentExpired: (facts) => ({
    subject: rich`Access has ended for ${facts.accessPackageDisplayName}`,
    blocks: [
      facts.endDateTime
        ? paragraph`Access to ${strong(facts.accessPackageDisplayName)}${forTarget(facts)} ended on ${formatDateTime(facts.endDateTime)}.`
        : paragraph`Access to ${strong(facts.accessPackageDisplayName)}${forTarget(facts)} has ended.`,
      ...reason(facts),
      paragraph`If it is still needed, request it again.`,
    ],
    action: { label: 'Request access', path: portalPaths.accessPackage(facts.accessPackageId) },
  }),
};

/** "Review access to Sales tools", with what the review's owner wrote for reviewers. */
function reviewSummary(facts: ReviewFacts): Rich[] {
  return [paragraph`The access review ${strong(facts.reviewDisplayName)} asks you whether people still need their access to ${strong(facts.resourceDisplayName)}.`, ...optional(facts.descriptionForReviewers, () => quote('From the review\'s owner', facts.descriptionForReviewers!))];
}
const review = (facts: ReviewFacts) => ({ label: 'Review access', path: portalPaths.review(facts.definitionId, facts.instanceId) });
const untilDue = (facts: ReviewFacts) =>
  paragraph`Please approve or deny each person's access by ${formatDateTime(facts.dueDateTime)}. What is not reviewed by then follows the review's settings, which may remove it.`;

const reviewTemplates: Record<ReviewTemplate, (facts: ReviewFacts) => Content> = {
  accessReviewStarted: (facts) => ({
    subject: rich`Action required: Review access to ${facts.resourceDisplayName} by ${formatDate(facts.dueDateTime)}`,
    blocks: [...reviewSummary(facts), untilDue(facts)],
    action: review(facts),
  }),
  accessReviewReminder: (facts) => ({
    subject: rich`Action required reminder: Review access to ${facts.resourceDisplayName} by ${formatDate(facts.dueDateTime)}`,
    blocks: [
      facts.toDecide ? paragraph`${String(facts.toDecide)} ${facts.toDecide === 1 ? 'person is' : 'people are'} still waiting for your decision.` : paragraph`People are still waiting for your decision.`,
      ...reviewSummary(facts),
      untilDue(facts),
    ],
    action: review(facts),
  }),
  accessReviewEnded: (facts) => ({
    subject: rich`Access review ended: ${facts.reviewDisplayName}`,
    blocks: [paragraph`The access review ${strong(facts.reviewDisplayName)} of access to ${strong(facts.resourceDisplayName)} has ended. Its decisions can no longer change; they are applied as the review's settings say.`],
    action: review(facts),
  }),
};

/** Renders one notification for one recipient; pure, so the same job renders the same mail on every attempt. */
export function renderNotification(notification: Pick<Notification, 'template' | 'facts'>, recipient: { displayName: string }, publicUrl: string): RenderedMessage {
  const { content, about } = renderContent(notification as Notification);
  return layoutMessage({
    subject: content.subject,
    recipientName: recipient.displayName,
    blocks: content.blocks,
    ...(content.action ? { action: { label: content.action.label, url: portalUrl(publicUrl, content.action.path) } } : {}),
    about,
  });
}

function renderContent(notification: Notification): { content: Content; about: Rich } {
  if (isReviewNotification(notification)) return { content: reviewTemplates[notification.template](notification.facts), about: rich`access review ${notification.facts.reviewDisplayName}` };
  const render = templates[notification.template];
  if (!render) throw new Error(`Unknown notification template '${String(notification.template)}'.`);
  return { content: render(notification.facts), about: rich`access package ${notification.facts.accessPackageDisplayName}` };
}
