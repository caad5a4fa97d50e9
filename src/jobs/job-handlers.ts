import type { Deps } from '../features/deps.js';
import type { Mailer } from '../features/notifications/mailer.js';
import { notifyJobHandler, type NotifyLog } from '../features/notifications/notify-job.js';
import { approvalDeadlineHandler, approvalEscalationHandler, approvalReminderHandler } from '../features/approvals/approval-timer-jobs.js';
import { deliverRequestsHandler, startScheduledHandler } from '../features/assignments/delivery-jobs.js';
import { regrantHandler } from '../features/assignments/regrant.js';
import { clockRulesTickHandler } from '../features/dynamic-groups/clock-rules.js';
import { expireAssignmentsHandler, expiryReminderHandler } from '../features/assignments/expiry-jobs.js';
import { reconcileDynamicGroupHandler } from '../features/dynamic-groups/dynamic-group-jobs.js';
import { automaticRemovalHandler, reconcileAutomaticPolicyHandler, settleAutomaticTargetHandler } from '../features/automatic-assignments/automatic-assignment-jobs.js';
import { reconcileConnectedSystemHandler } from '../features/reconciliation/reconciliation-jobs.js';
import { sendOneTimeCodeHandler } from '../features/outsider-sign-in/one-time-code-mail.js';
import { deleteGuestHandler, settleGuestHandler } from '../features/guests/guest-lifecycle.js';
import { accessReviewReminderHandler, applyAccessReviewHandler, endAccessReviewStageHandler, startAccessReviewHandler } from '../features/access-review-instances/access-review-jobs.js';
import type { JobHandler } from './job-worker.js';

export type JobHandlerOptions = {
  mailer: Mailer;
  /** The base of links in notifications (config.publicUrl). */
  publicUrl: string;
  log: NotifyLog;
};

/** Every kind of job this version of Tessera knows how to run. */
export function jobHandlers(deps: Deps, options: JobHandlerOptions): JobHandler[] {
  return [
    deliverRequestsHandler(deps),
    startScheduledHandler(deps),
    regrantHandler(deps),
    expireAssignmentsHandler(deps),
    expiryReminderHandler(deps),
    approvalDeadlineHandler(deps),
    approvalEscalationHandler(deps),
    approvalReminderHandler(deps),
    notifyJobHandler(deps, options.mailer, options.publicUrl, options.log),
    reconcileDynamicGroupHandler(deps),
    reconcileAutomaticPolicyHandler(deps),
    automaticRemovalHandler(deps),
    settleAutomaticTargetHandler(deps),
    clockRulesTickHandler(deps),
    reconcileConnectedSystemHandler(deps),
    startAccessReviewHandler(deps),
    endAccessReviewStageHandler(deps),
    accessReviewReminderHandler(deps),
    applyAccessReviewHandler(deps),
    settleGuestHandler(deps),
    deleteGuestHandler(deps),
    sendOneTimeCodeHandler(deps, options.mailer, options.publicUrl),
  ];
}
