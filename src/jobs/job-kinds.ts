/**
 * The kinds of durable job, named once. A job's payload names the rows it acts on; its handler
 * reads their state again when it runs, so a job that became pointless (a request canceled before
 * its deadline, an assignment extended before its old end) does nothing.
 */
export const jobKinds = {
  deliverRequest: 'deliver-request',
  startScheduledRequest: 'start-scheduled-request',
  approvalDeadline: 'approval-deadline',
  approvalEscalation: 'approval-escalation',
  approvalReminder: 'approval-reminder',
  expireAssignment: 'expire-assignment',
  expiryReminder: 'expiry-reminder',
  regrantRoles: 'regrant-roles',
  notify: 'notify',
  reconcileDynamicGroup: 'reconcile-dynamic-group',
  reconcileAutomaticPolicy: 'reconcile-automatic-policy',
  automaticRemoval: 'automatic-removal',
  settleAutomaticTarget: 'settle-automatic-target',
  clockRulesTick: 'clock-rules-tick',
  reconcileConnectedSystem: 'reconcile-connected-system',
  startAccessReview: 'start-access-review',
  endAccessReviewStage: 'end-access-review-stage',
  accessReviewReminder: 'access-review-reminder',
  applyAccessReview: 'apply-access-review',
  settleGuest: 'settle-guest',
  deleteGuest: 'delete-guest',
  sendOneTimeCode: 'send-one-time-code',
} as const;

export type StagePayload = { requestId: string; stageId: string };
export type RequestPayload = { requestId: string };
export type AssignmentPayload = { assignmentId: string };
export type RegrantPayload = { grantIds: string[] };
/** endDateTime: the end the reminder was written for; an extended assignment has another. */
export type ExpiryReminderPayload = { assignmentId: string; endDateTime: string; daysBefore: number };
/** correlationId: the change that asked for it, so its audit entries join that story. */
export type DynamicGroupPayload = { groupId: string; correlationId: string };
export type AutomaticPolicyPayload = { policyId: string; correlationId: string };
/** Due at the end of the policy's grace period; the target is tested again then. dueDateTime: the end of the wait it was written for (pending_automatic_removals); absent in jobs written before waits were recorded. */
export type AutomaticRemovalPayload = { policyId: string; assignmentId: string; correlationId: string; dueDateTime?: string };
/** A system request for this user and package has finished: they are tested again (they may have moved meanwhile). */
export type AutomaticTargetPayload = { userId: string; accessPackageId: string; correlationId: string };
/** since: the end of the tick before; rules comparing with system.now are applied for the time in between. */
export type ClockTickPayload = { since: string };
/** A run asked for (runId), or the scheduled run due at dueDateTime (stale once the system's schedule says another time). */
export type ReconciliationPayload = { runId: string } | { systemId: string; dueDateTime: string };
/** The occurrence-th instance of a definition, due at dueDateTime (stale once the definition's schedule says another time, or it started). */
export type ReviewStartPayload = { definitionId: string; occurrence: number; dueDateTime: string };
/** A stage's end, as it was when the job was written (a stopped instance has ended sooner). */
export type ReviewStagePayload = { instanceId: string; stageId: string; endDateTime: string };
export type ReviewInstancePayload = { instanceId: string };
/** A governed guest may have lost their last access (an assignment ended, a request ended without one). */
export type GuestPayload = { userId: string };
/** The deletion scheduled when the guest was blocked at blockedDateTime (stale once blocked again, or let in). */
export type GuestDeletionPayload = { userId: string; blockedDateTime: string };
/** The code is read (and opened) from its row when the mail is sent: it is never in a payload. */
export type OneTimeCodePayload = { codeId: string };
