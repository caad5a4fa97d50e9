import type { Executor } from '../../db/database.js';
import { advanceRequest, isAddRequest } from '../../domain/assignment-request.js';
import { deliveredState, type RoleGrant, type RoleGrantState } from '../../domain/assignment.js';
import type { AuditDraft } from '../../domain/audit-entry.js';
import { recordAudit } from '../audit/audit.repo.js';
import { moveRequest } from '../assignment-requests/assignment-requests.repo.js';
import { assignmentTarget, details, lifecycleEntry, packageTarget, requestTarget, systemActor } from '../assignment-requests/lifecycle-audit.js';
import { enqueueNotifications, type Notification } from '../notifications/notification.js';
import { scheduleAssignmentEnd } from './assignment-timers.js';
import { saveAssignmentState } from './assignments.repo.js';
import type { Delivery } from './prepare-delivery.js';
import type { GrantOutcome } from './role-delivery.js';
import { grantsOfAssignments, setGrantStates } from './role-grants.repo.js';
import { regrantWhereStillGiven } from './regrant.js';

/**
 * The last step of delivering requests, in one transaction: records what each connector call
 * did, moves each assignment and request to its final state, and writes the audit entries, the
 * expiry jobs and the mail. A request whose calls failed and that has attempts left is not
 * finished: its job is retried and carries on with what is still pending.
 */
export async function finishDeliveries(trx: Executor, deliveries: readonly Delivery[], outcome: GrantOutcome, revoked: readonly RoleGrant[], lastAttempt: (requestId: string) => boolean, now: Date): Promise<Set<string>> {
  const retry = new Set<string>();
  const notifications: Notification[] = [];
  for (const delivery of deliveries) {
    const { request, accessPackage } = delivery;
    const actor = systemActor(request.id);
    const named = { id: request.accessPackageId, displayName: accessPackage?.displayName ?? request.accessPackageId };
    const targets = [requestTarget(request, named), packageTarget(named)];
    const entries: AuditDraft[] = [];
    let failed = 0;
    let succeeded = 0;
    let grantStates: { id: string; state: RoleGrantState; error?: string }[] = [];

    if (delivery.kind === 'grant' || delivery.kind === 'revoke') {
      const errors = delivery.grants.filter((grant) => outcome.get(grant.id));
      if (errors.length > 0 && !lastAttempt(request.id)) {
        retry.add(request.id);
        const done = delivery.grants.filter((grant) => outcome.get(grant.id) === null);
        await setGrantStates(trx, done.map((grant) => ({ id: grant.id, state: delivery.kind === 'grant' ? ('granted' as const) : ('revoked' as const) })), now);
        continue;
      }
      grantStates = delivery.grants.map((grant) => {
        const error = outcome.get(grant.id);
        if (delivery.kind === 'grant') return error ? { id: grant.id, state: 'grantFailed' as const, error: error.message.slice(0, 1000) } : { id: grant.id, state: 'granted' as const };
        return error ? { id: grant.id, state: 'revokeFailed' as const, error: error.message.slice(0, 1000) } : { id: grant.id, state: 'revoked' as const };
      });
      failed = errors.length;
      succeeded = delivery.grants.length - failed;
      targets.push(assignmentTarget(delivery.assignment, named));
    }
    let assignmentState: ReturnType<typeof deliveredState> | undefined;
    if (delivery.kind === 'grant') {
      // The assignment's state counts every grant it has: those of this run and of earlier ones.
      const thisRun = new Map(grantStates.map((update) => [update.id, update.state]));
      const all = (await grantsOfAssignments(trx, [delivery.assignment.id])).map((grant) => ({ ...grant, state: thisRun.get(grant.id) ?? grant.state }));
      assignmentState = deliveredState(all);
      failed = all.filter((grant) => grant.state === 'grantFailed').length;
      succeeded = all.length - failed;
    }
    if (delivery.kind === 'refused') failed = 1;

    const next = advanceRequest(request, { kind: 'finishDelivery', delivered: succeeded, failed });
    // Decided first, written after: a second run of the same job (a lease lost in a slow
    // connector call) finds the request finished and writes nothing twice.
    if ((await moveRequest(trx, request.id, 'delivering', next, now)) === 0) continue;
    await setGrantStates(trx, grantStates, now);
    if (delivery.kind === 'grant') {
      await saveAssignmentState(trx, delivery.assignment.id, assignmentState!, now);
      // Even an assignment whose delivery failed ends on time: it must not block the package for good.
      await scheduleAssignmentEnd(trx, [delivery.assignment], now);
    } else if (delivery.kind === 'revoke') {
      await saveAssignmentState(trx, delivery.assignment.id, { state: 'expired', status: 'Removed', expiredDateTime: now.toISOString(), endedReason: `Removed by a ${request.requestType} request` }, now);
    } else if (delivery.kind === 'extend') {
      await scheduleAssignmentEnd(trx, [delivery.assignment], now);
      targets.push(assignmentTarget(delivery.assignment, named));
    }
    entries.push(completionEntry(delivery, next.state, targets, failed, succeeded));
    await recordAudit(trx, actor, now, entries);

    const notify = !request.policySnapshot?.notificationSettings.isAssignmentNotificationDisabled;
    if (notify && next.state !== 'deliveryFailed' && isAddRequest(request.requestType)) {
      notifications.push({ template: 'requestDelivered', recipientIds: [request.targetId, ...(request.requestorId && request.requestorId !== request.targetId ? [request.requestorId] : [])], facts: { accessPackageId: named.id, accessPackageDisplayName: named.displayName, requestId: request.id, assignmentId: request.assignmentId ?? undefined, endDateTime: delivery.kind === 'grant' ? delivery.assignment.endDateTime : null } });
    }
  }
  await regrantWhereStillGiven(trx, revoked, now);
  await enqueueNotifications(trx, now, notifications);
  return retry;
}

function completionEntry(delivery: Delivery, state: string, targets: AuditDraft['targetResources'], failed: number, succeeded: number): AuditDraft {
  const counts = details({ rolesDelivered: succeeded, rolesFailed: failed });
  switch (delivery.kind) {
    case 'refused':
      return lifecycleEntry('Failed access package assignment request', 'Update', targets, details({ reason: delivery.reason }), 'failure', delivery.reason);
    case 'extend':
      return lifecycleEntry('Extend access package assignment', 'Update', targets, details({ endDateTime: delivery.assignment.endDateTime ?? 'never' }));
    case 'revoke':
      return lifecycleEntry('Remove access package assignment', 'Unassign', targets, counts, failed ? 'failure' : 'success', failed ? 'Some resource roles could not be removed; reprocess the request.' : null);
    case 'grant':
      if (state === 'delivered') return lifecycleEntry('Fulfill access package assignment request', 'Assign', targets, details({ rolesDelivered: succeeded, endDateTime: delivery.assignment.endDateTime ?? 'never' }));
      if (state === 'partiallyDelivered') return lifecycleEntry('Partially fulfill access package assignment request', 'Assign', targets, counts, 'failure', 'Some resource roles could not be delivered; reprocess the request.');
      return lifecycleEntry('Failed access package assignment request', 'Assign', targets, counts, 'failure', 'No resource role could be delivered; reprocess the request.');
  }
}
