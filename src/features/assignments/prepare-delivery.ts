import type { Executor } from '../../db/database.js';
import type { AccessPackage } from '../../domain/access-package.js';
import { isAddRequest, isRemoveRequest, type AssignmentRequest } from '../../domain/assignment-request.js';
import { planAddSchedule } from '../../domain/assignment-schedule.js';
import type { Assignment, RoleGrant } from '../../domain/assignment.js';
import { DomainError } from '../../domain/errors.js';
import { incompatibilitiesOf } from '../access-package-resources/incompatibilities.repo.js';
import { findAccessPackagesByIds } from '../access-packages/access-packages.repo.js';
import { linkRequestsToAssignments } from '../assignment-requests/assignment-requests.repo.js';
import { assertCompatible } from '../assignment-requests/request-checks.js';
import { newTimeOrderedId } from '../time-ordered-ids.js';
import { activePairsOf, findAssignmentsByIds, insertAssignments, saveAssignmentState } from './assignments.repo.js';
import { deliverableRolesOf, grantsOfAssignments, insertPendingGrants, markForRevocation, setGrantStates, type DeliverableRole } from './role-grants.repo.js';

/**
 * The first step of delivering requests, in one transaction: for each request that is delivering,
 * create its assignment and the grants to carry out (add), mark what is to be taken away (remove),
 * or apply the new end at once (update, which touches no target system). Idempotent: a request
 * prepared before a crash is found prepared and goes on where it stopped. New assignments — a
 * burst of requests — are checked and written set by set, not one by one.
 */
export type Delivery =
  | { kind: 'grant'; request: AssignmentRequest; accessPackage: AccessPackage; assignment: Assignment; grants: RoleGrant[] }
  | { kind: 'revoke'; request: AssignmentRequest; accessPackage: AccessPackage; assignment: Assignment; grants: RoleGrant[] }
  | { kind: 'extend'; request: AssignmentRequest; accessPackage: AccessPackage; assignment: Assignment }
  | { kind: 'refused'; request: AssignmentRequest; accessPackage: AccessPackage | undefined; reason: string };

export async function prepareDeliveries(trx: Executor, requests: readonly AssignmentRequest[], now: Date): Promise<Delivery[]> {
  const packages = new Map((await findAccessPackagesByIds(trx, requests.map((r) => r.accessPackageId))).map((p) => [p.id, p]));
  const existing = new Map((await findAssignmentsByIds(trx, requests.flatMap((r) => (r.assignmentId ? [r.assignmentId] : [])))).map((a) => [a.id, a]));
  const fresh = requests.filter((r) => isAddRequest(r.requestType) && !r.assignmentId && packages.has(r.accessPackageId));
  const created = await createAssignments(trx, fresh, packages, now);
  const deliveries: Delivery[] = [];
  for (const request of requests) {
    const accessPackage = packages.get(request.accessPackageId);
    if (!accessPackage) {
      deliveries.push({ kind: 'refused', request, accessPackage, reason: 'The access package was deleted before the access could be delivered.' });
      continue;
    }
    const made = created.get(request.id);
    if (made) {
      deliveries.push(made);
      continue;
    }
    try {
      deliveries.push(await prepareOne(trx, request, accessPackage, request.assignmentId ? existing.get(request.assignmentId) : undefined, now));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      deliveries.push({ kind: 'refused', request, accessPackage, reason: error.message });
    }
  }
  return deliveries;
}

/**
 * New assignments for add requests, checked again as at submit — already assigned, separation of
 * duties (two incompatible requests may have been pending at once), the policy's end date — and
 * written with their grants in a handful of statements.
 */
async function createAssignments(trx: Executor, requests: readonly AssignmentRequest[], packages: ReadonlyMap<string, AccessPackage>, now: Date): Promise<Map<string, Delivery>> {
  const outcome = new Map<string, Delivery>();
  if (requests.length === 0) return outcome;
  const held = await activePairsOf(trx, requests.map((r) => r.targetId));
  const packageIds = [...new Set(requests.map((r) => r.accessPackageId))];
  const separated = new Set<string>();
  for (const id of packageIds) {
    const { packageIds: others, groupIds } = await incompatibilitiesOf(trx, id);
    if (others.length || groupIds.length) separated.add(id);
  }
  const roles = new Map<string, DeliverableRole[]>();
  for (const role of await deliverableRolesOf(trx, packageIds)) appendTo(roles, role.accessPackageId, role);

  const made: { request: AssignmentRequest; assignment: Assignment }[] = [];
  for (const request of requests) {
    const accessPackage = packages.get(request.accessPackageId)!;
    const pair = `${request.targetId} ${accessPackage.id}`;
    try {
      if (held.has(pair)) throw new DeliveryRefused('The user already has this access package.');
      if (separated.has(accessPackage.id)) await assertCompatible(trx, accessPackage, request.targetId);
      const startsNow = !request.schedule.startDateTime || new Date(request.schedule.startDateTime).getTime() <= now.getTime();
      const schedule = planAddSchedule(request.policySnapshot!.expiration, { schedule: { ...request.schedule, startDateTime: startsNow ? null : request.schedule.startDateTime }, mayChoose: true }, now);
      held.add(pair);
      made.push({
        request,
        assignment: {
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
        },
      });
    } catch (error) {
      if (!(error instanceof DomainError) && !(error instanceof DeliveryRefused)) throw error;
      outcome.set(request.id, { kind: 'refused', request, accessPackage, reason: error.message });
    }
  }
  await insertAssignments(trx, made.map((m) => m.assignment));
  await linkRequestsToAssignments(trx, made.map((m) => ({ requestId: m.request.id, assignmentId: m.assignment.id })));
  const grants = await insertPendingGrants(trx, made.map((m) => ({ assignmentId: m.assignment.id, targetId: m.assignment.targetId, roles: roles.get(m.assignment.accessPackageId) ?? [] })), now);
  const grantsOf = new Map<string, RoleGrant[]>();
  for (const grant of grants) appendTo(grantsOf, grant.assignmentId, grant);
  for (const { request, assignment } of made) {
    outcome.set(request.id, { kind: 'grant', request: { ...request, assignmentId: assignment.id }, accessPackage: packages.get(request.accessPackageId)!, assignment, grants: grantsOf.get(assignment.id) ?? [] });
  }
  return outcome;
}

class DeliveryRefused extends Error {}

function appendTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

async function prepareOne(trx: Executor, request: AssignmentRequest, accessPackage: AccessPackage, assignment: Assignment | undefined, now: Date): Promise<Delivery> {
  if (!assignment) return { kind: 'refused', request, accessPackage, reason: 'The assignment no longer exists.' };
  if (isAddRequest(request.requestType)) {
    // Reprocessing an add whose assignment was removed or expired meanwhile must not revive it.
    if (!assignment.isActive) return { kind: 'refused', request, accessPackage, reason: 'The assignment has ended since; request the package again.' };
    // Prepared before (a retry, or a reprocess): carry out whatever is not granted yet.
    const failed = await grantsOfAssignments(trx, [assignment.id], ['grantFailed']);
    await setGrantStates(trx, failed.map((grant) => ({ id: grant.id, state: 'pendingGrant' as const })), now);
    return { kind: 'grant', request, accessPackage, assignment, grants: await grantsOfAssignments(trx, [assignment.id], ['pendingGrant']) };
  }

  if (isRemoveRequest(request.requestType)) {
    if (assignment.isActive) {
      await saveAssignmentState(trx, assignment.id, { isActive: false }, now);
      return { kind: 'revoke', request, accessPackage, assignment, grants: await markForRevocation(trx, [assignment.id]) };
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
