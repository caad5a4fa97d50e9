import type { Executor } from '../../db/database.js';
import { jobKinds } from '../../jobs/job-kinds.js';
import { enqueueJobs } from '../../jobs/job-queue.repo.js';

/**
 * E-mail notifications of the access lifecycle. A use case decides who is told what and enqueues
 * it with its own change; the 'notify' job renders and sends later, so a slow or absent mail
 * server never holds a transaction open or fails a decision.
 */
export const notificationTemplates = [
  'approvalRequested', // to approvers: a new request waits for your decision (by dueDateTime)
  'approvalReminder', // to approvers: still waiting
  'approvalEscalated', // to escalation approvers: forwarded to you
  'requestApproved', // to requester
  'requestDenied', // to requester (reason may say "no approver decided in time")
  'requestDelivered', // to requester/target: "You now have access to <package>"
  'assignmentExpiringSoon', // to target: ends at endDateTime, with how to extend
  'assignmentExpired', // to target: "Access has ended for <package>"
  'accessReviewStarted', // to reviewers: review these people's access by dueDateTime
  'accessReviewReminder', // to reviewers with decisions left: still waiting
  'accessReviewEnded', // to reviewers: the review has ended (and what follows)
] as const;
export type NotificationTemplate = (typeof notificationTemplates)[number];

/** What the message says, as it was when the change happened (a later rename does not rewrite mail). */
export type NotificationFacts = {
  accessPackageId: string;
  accessPackageDisplayName: string;
  requestId?: string;
  assignmentId?: string;
  targetDisplayName?: string;
  requestorDisplayName?: string;
  justification?: string | null;
  reason?: string | null;
  dueDateTime?: string;
  endDateTime?: string | null;
  stageNumber?: number;
};

/** An access review's messages name the review and what it reviews. */
export type ReviewFacts = { definitionId: string; instanceId: string; reviewDisplayName: string; resourceDisplayName: string; descriptionForReviewers: string | null; dueDateTime: string; toDecide?: number };

export const reviewTemplates = ['accessReviewStarted', 'accessReviewReminder', 'accessReviewEnded'] as const;
export type ReviewTemplate = (typeof reviewTemplates)[number];
export type PackageTemplate = Exclude<NotificationTemplate, ReviewTemplate>;

export type ReviewNotification = { template: ReviewTemplate; recipientIds: string[]; facts: ReviewFacts };
export type Notification = { template: PackageTemplate; recipientIds: string[]; facts: NotificationFacts } | ReviewNotification;

export const isReviewNotification = (notification: Notification): notification is ReviewNotification => (reviewTemplates as readonly string[]).includes(notification.template);

export const notifyJobKind = jobKinds.notify;

/**
 * Recipients per job. A job is retried whole, so a big approver group is split: a failure
 * half-way resends to at most this many people, and one job stays well inside a lease.
 */
export const recipientsPerJob = 50;

/**
 * Enqueues the notifications in the caller's transaction, so they exist exactly when the change
 * does: one 'notify' job per notification (per 50 recipients), due now. The caller wakes the job
 * worker after committing (deps.wakeJobs()).
 */
export async function enqueueNotifications(trx: Executor, now: Date, notifications: readonly Notification[]): Promise<void> {
  const jobs = notifications.flatMap((notification) => {
    const unique = [...new Set(notification.recipientIds)];
    const chunks: string[][] = [];
    for (let start = 0; start < unique.length; start += recipientsPerJob) chunks.push(unique.slice(start, start + recipientsPerJob));
    return chunks.map((chunk) => ({ kind: notifyJobKind, payload: { ...notification, recipientIds: chunk } satisfies Notification, runAt: now }));
  });
  await enqueueJobs(trx, jobs, now);
}
