import { z } from 'zod';
import type { User } from '../../domain/user.js';
import type { ClaimedJob } from '../../jobs/job-queue.repo.js';
import type { JobHandler } from '../../jobs/job-worker.js';
import type { Deps } from '../deps.js';
import { findUsersByIds } from '../users/users.repo.js';
import { PermanentRecipientError, type Mailer } from './mailer.js';
import { notificationTemplates, notifyJobKind, reviewTemplates, type Notification, type PackageTemplate } from './notification.js';
import { renderNotification } from './notification-templates.js';

export type NotifyLog = {
  debug(details: object, message: string): void;
  warn(details: object, message: string): void;
};

const packagePayload = z.object({
  template: z.enum(notificationTemplates.filter((t): t is PackageTemplate => !(reviewTemplates as readonly string[]).includes(t)) as [PackageTemplate, ...PackageTemplate[]]),
  recipientIds: z.array(z.string()),
  facts: z.object({
    accessPackageId: z.string(),
    accessPackageDisplayName: z.string(),
    requestId: z.string().optional(),
    assignmentId: z.string().optional(),
    targetDisplayName: z.string().optional(),
    requestorDisplayName: z.string().optional(),
    justification: z.string().nullable().optional(),
    reason: z.string().nullable().optional(),
    dueDateTime: z.string().optional(),
    endDateTime: z.string().nullable().optional(),
    stageNumber: z.number().optional(),
  }),
});
const reviewPayload = z.object({
  template: z.enum(reviewTemplates),
  recipientIds: z.array(z.string()),
  facts: z.object({
    definitionId: z.string(),
    instanceId: z.string(),
    reviewDisplayName: z.string(),
    resourceDisplayName: z.string(),
    descriptionForReviewers: z.string().nullable(),
    dueDateTime: z.string(),
    toDecide: z.number().optional(),
  }),
});
const payloadSchema = z.union([packagePayload, reviewPayload]) satisfies z.ZodType<Notification>;

/**
 * Attempts before a notification is kept as dead. The worker's backoff doubles up to five
 * minutes, so 20 attempts ride out about an hour of mail-server outage (8 would give up after
 * two minutes, too short for a relay's maintenance window).
 */
const maxAttempts = 20;
const sendersAtOnce = 3;
const usersPerQuery = 500;

/**
 * Sends the 'notify' jobs enqueued by enqueueNotifications: one message per recipient who can
 * receive mail. Recipients who are deleted, disabled or have no mail address are skipped.
 *
 * Delivery is at least once. A job that fails half-way (the mail server went away after the
 * third of ten recipients) is retried whole, and the first three get the message again. For these
 * messages a duplicate costs a moment of a reader's attention, while remembering who was sent
 * to would need a write after every message — and a crash between a send and that write
 * duplicates anyway, as SMTP has no idempotency key. Jobs carry at most 50 recipients
 * (recipientsPerJob) to bound a repeat.
 */
export function notifyJobHandler(deps: Pick<Deps, 'db'>, mailer: Mailer, publicUrl: string, log: NotifyLog): JobHandler {
  return {
    kind: notifyJobKind,
    maxAttempts,
    async run(jobs) {
      const failures = new Map<string, Error>();
      const parsed: { job: ClaimedJob; notification: Notification }[] = [];
      for (const job of jobs) {
        const result = payloadSchema.safeParse(job.payload);
        if (result.success) parsed.push({ job, notification: result.data });
        // A template this version does not know may come from a newer node during an upgrade: retry, do not drop.
        else failures.set(job.id, new Error(`Notification payload not understood by this version of Tessera: ${z.prettifyError(result.error)}`));
      }
      const users = await loadUsers(deps, parsed.flatMap(({ notification }) => notification.recipientIds));
      // Once the mail server fails for one job it is taken as down for the whole batch, so a
      // dead server costs one timeout, not one per job (which could outlast the lease).
      let unavailable: Error | undefined;
      await eachConcurrently(parsed, sendersAtOnce, async ({ job, notification }) => {
        try {
          for (const recipientId of new Set(notification.recipientIds)) {
            const user = users.get(recipientId);
            const skipped = !user ? 'not found or deleted' : !user.accountEnabled ? 'account disabled' : !user.mail ? 'no mail address' : undefined;
            const context = { job: { id: job.id, kind: job.kind }, template: notification.template, recipientId };
            if (skipped || !user?.mail) {
              log.debug(context, `notification not sent: recipient ${skipped}`);
              continue;
            }
            if (unavailable) throw unavailable;
            const message = renderNotification(notification, user, publicUrl);
            try {
              await mailer.send({ to: user.mail, ...message });
            } catch (error) {
              if (!(error instanceof PermanentRecipientError)) {
                unavailable ??= error instanceof Error ? error : new Error(String(error));
                throw error;
              }
              log.warn({ ...context, err: error }, 'notification not sent: the mail server refused the recipient for good');
            }
          }
        } catch (error) {
          failures.set(job.id, error instanceof Error ? error : new Error(String(error)));
        }
      });
      return failures;
    },
  };
}

async function loadUsers(deps: Pick<Deps, 'db'>, ids: readonly string[]): Promise<Map<string, User>> {
  const unique = [...new Set(ids)];
  const users = new Map<string, User>();
  for (let start = 0; start < unique.length; start += usersPerQuery) {
    for (const user of await findUsersByIds(deps.db, unique.slice(start, start + usersPerQuery))) users.set(user.id, user);
  }
  return users;
}

async function eachConcurrently<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}
