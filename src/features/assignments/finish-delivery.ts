import type { Executor } from '../../db/database.js';
import { advanceRequest, isAddRequest, type AssignmentRequest, type RequestTransition } from '../../domain/assignment-request.js';
import { deliveredState, type Assignment, type RoleGrant, type RoleGrantState } from '../../domain/assignment.js';
import type { AuditDraft } from '../../domain/audit-entry.js';
import { recordAudit } from '../audit/audit.repo.js';
import { moveRequest } from '../assignment-requests/assignment-requests.repo.js';
import { assignmentTarget, details, lifecycleEntry, packageTarget, requestTarget, systemActor } from '../assignment-requests/lifecycle-audit.js';
import { enqueueNotifications, type Notification } from '../notifications/notification.js';
import { scheduleAssignmentEnd } from './assignment-timers.js';
import { saveAssignmentsState } from './assignments.repo.js';
import type { Delivery } from './prepare-delivery.js';
import type { GrantOutcome } from './role-delivery.js';
import { grantsOfAssignments, setGrantStates } from './role-grants.repo.js';
import { regrantWhereStillGiven } from './regrant.js';
import { enqueueTargetSettlement } from '../automatic-assignments/automatic-assignments.js';
import { noteGuestAccessChanged } from '../guests/guest-lifecycle.js';

/**
 * The last step of delivering requests, in one transaction: records what each connector call
 * did, moves each assignment and request to its final state, and writes the audit entries, the
 * expiry jobs and the mail. A request whose calls failed and that has attempts left is not
 * finished: its job is retried and carries on with what is still pending. Each request is first
 * moved on (the guard against a second run of the same job), then everything the batch writes
 * is written set by set.
 */
type GrantUpdate = { id: string; state: RoleGrantState; error?: string };

export async function finishDeliveries(trx: Executor, deliveries: readonly Delivery[], outcome: GrantOutcome, revoked: readonly RoleGrant[], lastAttempt: (requestId: string) => boolean, now: Date): Promise<Set<string>> {
  const retry = new Set<string>();
  const grantUpdates: GrantUpdate[] = [];
  const final = deliveries.filter((delivery) => {
    if (delivery.kind !== 'grant' && delivery.kind !== 'revoke') return true;
    if (!delivery.grants.some((grant) => outcome.get(grant.id)) || lastAttempt(delivery.request.id)) return true;
    // Attempts left: keep what worked, leave the rest pending for the retry.
    retry.add(delivery.request.id);
    for (const grant of delivery.grants) if (outcome.get(grant.id) === null) grantUpdates.push({ id: grant.id, state: delivery.kind === 'grant' ? 'granted' : 'revoked' });
    return false;
  });

  // An assignment's state counts every grant it has: those of this run and of earlier ones.
  const granting = final.filter((d): d is Extract<Delivery, { kind: 'grant' }> => d.kind === 'grant');
  const earlier = new Map<string, RoleGrant[]>();
  for (const grant of await grantsOfAssignments(trx, granting.map((d) => d.assignment.id))) {
    const list = earlier.get(grant.assignmentId);
    if (list) list.push(grant);
    else earlier.set(grant.assignmentId, [grant]);
  }

  const entries: AuditDraft[] = [];
  const notifications: Notification[] = [];
  const assignmentStates = new Map<string, { changes: Parameters<typeof saveAssignmentsState>[2]; ids: string[] }>();
  const ending: Pick<Assignment, 'id' | 'endDateTime'>[] = [];
  // An automatic policy's user may have moved while its request was delivered: tested again after.
  const settledBySystem: AssignmentRequest[] = [];
  for (const delivery of final) {
    const { request } = delivery;
    const named = { id: request.accessPackageId, displayName: delivery.accessPackage?.displayName ?? request.accessPackageId };
    const targets = [requestTarget(request, named), packageTarget(named)];
    const updates: GrantUpdate[] = 'grants' in delivery ? delivery.grants.map((grant) => resultOf(delivery.kind as 'grant' | 'revoke', grant, outcome)) : [];
    let failed = updates.filter((update) => update.state === 'grantFailed' || update.state === 'revokeFailed').length;
    let succeeded = updates.length - failed;
    let assignmentState: ReturnType<typeof deliveredState> | undefined;
    if (delivery.kind === 'grant') {
      const thisRun = new Map(updates.map((update) => [update.id, update.state]));
      const all = (earlier.get(delivery.assignment.id) ?? []).map((grant) => ({ ...grant, state: thisRun.get(grant.id) ?? grant.state }));
      assignmentState = deliveredState(all);
      failed = all.filter((grant) => grant.state === 'grantFailed').length;
      succeeded = all.length - failed;
    }
    if (delivery.kind === 'refused') failed = 1;

    const next = advanceRequest(request, { kind: 'finishDelivery', delivered: succeeded, failed });
    // A second run of the same job (a lease lost in a slow connector call) finds the request
    // finished here and writes nothing twice.
    if ((await moveRequest(trx, request.id, 'delivering', next, now)) === 0) continue;

    grantUpdates.push(...updates);
    if (delivery.kind === 'grant') {
      groupState(assignmentStates, delivery.assignment.id, assignmentState!);
      // Even an assignment whose delivery failed ends on time: it must not block the package for good.
      ending.push(delivery.assignment);
      targets.push(assignmentTarget(delivery.assignment, named));
    } else if (delivery.kind === 'revoke') {
      groupState(assignmentStates, delivery.assignment.id, { state: 'expired', status: 'Removed', expiredDateTime: now.toISOString(), endedReason: `Removed by a ${request.requestType} request` });
      targets.push(assignmentTarget(delivery.assignment, named));
    } else if (delivery.kind === 'extend') {
      ending.push(delivery.assignment);
      targets.push(assignmentTarget(delivery.assignment, named));
    }
    entries.push({ ...completionEntry(delivery, next, targets, failed, succeeded), correlationId: request.id });
    if (request.requestType === 'systemAdd' || request.requestType === 'systemRemove') settledBySystem.push(request);

    const notify = !request.policySnapshot?.notificationSettings.isAssignmentNotificationDisabled;
    if (notify && next.state !== 'deliveryFailed' && isAddRequest(request.requestType)) {
      notifications.push({ template: 'requestDelivered', recipientIds: [request.targetId, ...(request.requestorId && request.requestorId !== request.targetId ? [request.requestorId] : [])], facts: { accessPackageId: named.id, accessPackageDisplayName: named.displayName, requestId: request.id, assignmentId: request.assignmentId ?? undefined, endDateTime: delivery.kind === 'grant' ? delivery.assignment.endDateTime : null } });
    }
  }

  await setGrantStates(trx, grantUpdates, now);
  for (const { changes, ids } of assignmentStates.values()) await saveAssignmentsState(trx, ids, changes, now);
  await scheduleAssignmentEnd(trx, ending, now);
  // Each entry carries its own request's id as correlation id; the actor is Tessera itself.
  if (entries.length) await recordAudit(trx, systemActor(entries[0]!.correlationId!), now, entries);
  await regrantWhereStillGiven(trx, revoked, now);
  await enqueueTargetSettlement(trx, settledBySystem, now);
  // A guest's access changed: the lifecycle lets them in, or blocks them when nothing is left.
  await noteGuestAccessChanged(trx, final.map((delivery) => delivery.request.targetId), now);
  await enqueueNotifications(trx, now, notifications);
  return retry;
}

function resultOf(kind: 'grant' | 'revoke', grant: RoleGrant, outcome: GrantOutcome): GrantUpdate {
  const error = outcome.get(grant.id);
  if (kind === 'grant') return error ? { id: grant.id, state: 'grantFailed', error: error.message.slice(0, 1000) } : { id: grant.id, state: 'granted' };
  return error ? { id: grant.id, state: 'revokeFailed', error: error.message.slice(0, 1000) } : { id: grant.id, state: 'revoked' };
}

function groupState(groups: Map<string, { changes: Parameters<typeof saveAssignmentsState>[2]; ids: string[] }>, id: string, changes: Parameters<typeof saveAssignmentsState>[2]): void {
  const key = JSON.stringify(changes);
  const group = groups.get(key);
  if (group) group.ids.push(id);
  else groups.set(key, { changes, ids: [id] });
}

function completionEntry(delivery: Delivery, next: RequestTransition, targets: AuditDraft['targetResources'], failed: number, succeeded: number): AuditDraft {
  const counts = details({ rolesDelivered: succeeded, rolesFailed: failed });
  switch (delivery.kind) {
    case 'refused':
      return lifecycleEntry('Failed access package assignment request', 'Update', targets, details({ reason: delivery.reason }), 'failure', delivery.reason);
    case 'extend':
      return lifecycleEntry('Extend access package assignment', 'Update', targets, details({ endDateTime: delivery.assignment.endDateTime ?? 'never' }));
    case 'revoke':
      return lifecycleEntry('Remove access package assignment', 'Unassign', targets, counts, failed ? 'failure' : 'success', failed ? 'Some resource roles could not be removed; reprocess the request.' : null);
    case 'grant':
      if (next.state === 'delivered') return lifecycleEntry('Fulfill access package assignment request', 'Assign', targets, details({ rolesDelivered: succeeded, endDateTime: delivery.assignment.endDateTime ?? 'never' }));
      if (next.state === 'partiallyDelivered') return lifecycleEntry('Partially fulfill access package assignment request', 'Assign', targets, counts, 'failure', 'Some resource roles could not be delivered; reprocess the request.');
      return lifecycleEntry('Failed access package assignment request', 'Assign', targets, counts, 'failure', 'No resource role could be delivered; reprocess the request.');
  }
}
