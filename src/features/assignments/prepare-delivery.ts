import type { Executor } from '../../db/database.js';
import type { AccessPackage } from '../../domain/access-package.js';
import { isAddRequest, isRemoveRequest, type AssignmentRequest } from '../../domain/assignment-request.js';
import { planAddSchedule } from '../../domain/assignment-schedule.js';
import type { Assignment, RoleGrant } from '../../domain/assignment.js';
import { DomainError } from '../../domain/errors.js';
import { findAccessPackagesByIds } from '../access-packages/access-packages.repo.js';
import { linkRequestToAssignment } from '../assignment-requests/assignment-requests.repo.js';
import { assertCompatible } from '../assignment-requests/request-checks.js';
import { newTimeOrderedId } from '../time-ordered-ids.js';
import { activeAssignmentFor, findAssignmentsByIds, insertAssignments, saveAssignmentState } from './assignments.repo.js';
import { deliverableRolesOf, grantsOfAssignments, insertPendingGrants, markForRevocation, setGrantStates } from './role-grants.repo.js';

/**
 * The first step of delivering requests, in one transaction: for each request that is delivering,
 * create its assignment and the grants to carry out (add), mark what is to be taken away (remove),
 * or apply the new end at once (update, which touches no target system). Idempotent: a request
 * prepared before a crash is found prepared and goes on where it stopped.
 */
export type Delivery =
  | { kind: 'grant'; request: AssignmentRequest; accessPackage: AccessPackage; assignment: Assignment; grants: RoleGrant[] }
  | { kind: 'revoke'; request: AssignmentRequest; accessPackage: AccessPackage; assignment: Assignment; grants: RoleGrant[] }
  | { kind: 'extend'; request: AssignmentRequest; accessPackage: AccessPackage; assignment: Assignment }
  | { kind: 'refused'; request: AssignmentRequest; accessPackage: AccessPackage | undefined; reason: string };

export async function prepareDeliveries(trx: Executor, requests: readonly AssignmentRequest[], now: Date): Promise<Delivery[]> {
  const packages = new Map((await findAccessPackagesByIds(trx, requests.map((r) => r.accessPackageId))).map((p) => [p.id, p]));
  const existing = new Map((await findAssignmentsByIds(trx, requests.flatMap((r) => (r.assignmentId ? [r.assignmentId] : [])))).map((a) => [a.id, a]));
  const deliveries: Delivery[] = [];
  for (const request of requests) {
    const accessPackage = packages.get(request.accessPackageId);
    if (!accessPackage) {
      deliveries.push({ kind: 'refused', request, accessPackage, reason: 'The access package was deleted before the access could be delivered.' });
      continue;
    }
    try {
      deliveries.push(await prepareOne(trx, request, accessPackage, request.assignmentId ? existing.get(request.assignmentId) : undefined, now));
    } catch (error) {
      // A rule that no longer holds (an incompatible package delivered meanwhile, a policy date passed).
      if (!(error instanceof DomainError)) throw error;
      deliveries.push({ kind: 'refused', request, accessPackage, reason: error.message });
    }
  }
  return deliveries;
}

async function prepareOne(trx: Executor, request: AssignmentRequest, accessPackage: AccessPackage, assignment: Assignment | undefined, now: Date): Promise<Delivery> {
  if (isAddRequest(request.requestType)) {
    if (assignment) {
      // Reprocessing an add whose assignment was removed or expired meanwhile must not revive it.
      if (!assignment.isActive) return { kind: 'refused', request, accessPackage, reason: 'The assignment has ended since; request the package again.' };
      // Prepared before (a retry, or a reprocess): carry out whatever is not granted yet.
      const failed = await grantsOfAssignments(trx, [assignment.id], ['grantFailed']);
      await setGrantStates(trx, failed.map((grant) => ({ id: grant.id, state: 'pendingGrant' as const })), now);
      return { kind: 'grant', request, accessPackage, assignment, grants: await grantsOfAssignments(trx, [assignment.id], ['pendingGrant']) };
    }
    if (await activeAssignmentFor(trx, request.targetId, accessPackage.id)) {
      return { kind: 'refused', request, accessPackage, reason: 'The user already has this access package.' };
    }
    await assertCompatible(trx, accessPackage, request.targetId);
    const startsNow = !request.schedule.startDateTime || new Date(request.schedule.startDateTime).getTime() <= now.getTime();
    const schedule = planAddSchedule(request.policySnapshot!.expiration, { schedule: { ...request.schedule, startDateTime: startsNow ? null : request.schedule.startDateTime }, mayChoose: true }, now);
    const created: Assignment = {
      id: newTimeOrderedId(now),
      accessPackageId: accessPackage.id,
      catalogId: accessPackage.catalogId,
      policyId: request.policyId,
      targetId: request.targetId,
      state: 'delivering',
      status: 'Delivering',
      startDateTime: schedule.startDateTime,
      endDateTime: schedule.endDateTime,
      expiration: schedule.expiration,
      isActive: true,
      createdDateTime: now.toISOString(),
      modifiedDateTime: now.toISOString(),
      expiredDateTime: null,
      endedReason: null,
    };
    await insertAssignments(trx, [created]);
    await linkRequestToAssignment(trx, request.id, created.id);
    const grants = await insertPendingGrants(trx, created.id, created.targetId, await deliverableRolesOf(trx, [accessPackage.id]));
    return { kind: 'grant', request: { ...request, assignmentId: created.id }, accessPackage, assignment: created, grants };
  }

  if (!assignment) return { kind: 'refused', request, accessPackage, reason: 'The assignment no longer exists.' };
  if (isRemoveRequest(request.requestType)) {
    if (assignment.isActive) {
      await saveAssignmentState(trx, assignment.id, { isActive: false }, now);
      return { kind: 'revoke', request, accessPackage, assignment, grants: await markForRevocation(trx, [assignment.id], now) };
    }
    const unfinished = await grantsOfAssignments(trx, [assignment.id], ['pendingRevoke', 'revokeFailed']);
    await setGrantStates(trx, unfinished.map((grant) => ({ id: grant.id, state: 'pendingRevoke' as const })), now);
    return { kind: 'revoke', request, accessPackage, assignment, grants: unfinished.map((grant) => ({ ...grant, state: 'pendingRevoke' as const })) };
  }

  if (!assignment.isActive) return { kind: 'refused', request, accessPackage, reason: 'The assignment ended before it could be extended.' };
  const endDateTime = request.schedule.expiration.type === 'afterDateTime' ? request.schedule.expiration.endDateTime : null;
  await saveAssignmentState(trx, assignment.id, { endDateTime, expiration: request.schedule.expiration }, now);
  return { kind: 'extend', request, accessPackage, assignment: { ...assignment, endDateTime, expiration: request.schedule.expiration } };
}
