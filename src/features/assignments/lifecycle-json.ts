import type { Executor } from '../../db/database.js';
import type { ApprovalStage } from '../../domain/approval-stage.js';
import type { AssignmentRequest } from '../../domain/assignment-request.js';
import type { Assignment } from '../../domain/assignment.js';
import type { User } from '../../domain/user.js';
import { applySelect, type ResourceShape } from '../../http/odata/query-options.js';
import type { ExpandItem } from '../../http/odata/select-expand-parser.js';
import { accessPackageJson, accessPackageLeafShape } from '../access-packages/access-package-json.js';
import { findAccessPackagesByIds } from '../access-packages/access-packages.repo.js';
import { expanded } from '../catalog-resources/catalog-resource-json.js';
import { findUsersByIds } from '../users/users.repo.js';
import { findAssignmentsByIds } from './assignments.repo.js';

/** Requests, assignments and approvals in Graph's shapes, with the relationships $expand asks for. */
export const subjectShape: ResourceShape = { name: 'microsoft.graph.accessPackageSubject', properties: ['id', 'objectId', 'displayName', 'email', 'principalName', 'subjectType', 'onPremisesSecurityIdentifier'], expandable: {} };
const assignmentLeafShape: ResourceShape = { name: 'microsoft.graph.accessPackageAssignment', properties: ['id', 'state', 'status', 'expiredDateTime', 'schedule', 'customExtensionCalloutInstances'], expandable: {} };
export const assignmentShape: ResourceShape = { ...assignmentLeafShape, expandable: { accessPackage: accessPackageLeafShape, target: subjectShape, assignmentPolicy: { name: 'microsoft.graph.accessPackageAssignmentPolicy', properties: ['id', 'displayName', 'description'], expandable: {} } } };
export const requestShape: ResourceShape = {
  name: 'microsoft.graph.accessPackageAssignmentRequest',
  properties: ['id', 'requestType', 'state', 'status', 'createdDateTime', 'completedDateTime', 'justification', 'answers', 'schedule', 'customExtensionCalloutInstances'],
  expandable: { accessPackage: accessPackageLeafShape, requestor: subjectShape, assignment: { ...assignmentLeafShape, expandable: { target: subjectShape } } },
};

export function subjectJson(user: Pick<User, 'id' | 'displayName' | 'mail' | 'userPrincipalName'> | undefined, id: string): Record<string, unknown> {
  return { id, objectId: id, displayName: user?.displayName ?? null, email: user?.mail ?? null, principalName: user?.userPrincipalName ?? null, subjectType: 'user', onPremisesSecurityIdentifier: null };
}

export function requestJson(request: AssignmentRequest): Record<string, unknown> {
  return {
    id: request.id,
    requestType: request.requestType,
    state: request.state,
    status: request.status,
    createdDateTime: request.createdDateTime,
    completedDateTime: request.completedDateTime,
    justification: request.justification,
    answers: request.answers,
    schedule: { startDateTime: request.schedule.startDateTime, recurrence: null, expiration: { endDateTime: null, duration: null, ...request.schedule.expiration } },
    customExtensionCalloutInstances: [],
  };
}

export function assignmentJson(assignment: Assignment): Record<string, unknown> {
  return {
    id: assignment.id,
    state: assignment.state,
    status: assignment.status,
    expiredDateTime: assignment.expiredDateTime,
    schedule: { startDateTime: assignment.startDateTime, recurrence: null, expiration: { endDateTime: null, duration: null, ...assignment.expiration } },
    customExtensionCalloutInstances: [],
  };
}

export function stageJson(stage: ApprovalStage, assignedToMe: boolean, reviewer: User | undefined): Record<string, unknown> {
  return {
    id: stage.id,
    displayName: `Stage ${stage.stageNumber}`,
    status: stage.status,
    reviewResult: stage.reviewResult,
    reviewedDateTime: stage.reviewedDateTime,
    justification: stage.justification,
    assignedToMe,
    reviewedBy: stage.reviewedById ? { id: stage.reviewedById, displayName: reviewer?.displayName ?? null, userPrincipalName: reviewer?.userPrincipalName ?? null } : null,
  };
}

async function usersById(db: Executor, ids: readonly string[]): Promise<Map<string, User>> {
  return new Map((await findUsersByIds(db, ids)).map((user) => [user.id, user]));
}

export async function renderRequests(db: Executor, requests: readonly AssignmentRequest[], expand: readonly ExpandItem[]): Promise<Map<string, Record<string, unknown>>> {
  const packageItem = expanded(expand, 'accessPackage');
  const requestorItem = expanded(expand, 'requestor');
  const assignmentItem = expanded(expand, 'assignment');
  const packages = new Map(packageItem ? (await findAccessPackagesByIds(db, requests.map((r) => r.accessPackageId))).map((p) => [p.id, p]) : []);
  const assignments = new Map(assignmentItem ? (await findAssignmentsByIds(db, requests.flatMap((r) => (r.assignmentId ? [r.assignmentId] : [])))).map((a) => [a.id, a]) : []);
  const users = requestorItem || assignmentItem ? await usersById(db, requests.flatMap((r) => [r.targetId, ...(r.requestorId ? [r.requestorId] : [])])) : new Map<string, User>();
  const rendered = new Map<string, Record<string, unknown>>();
  for (const request of requests) {
    const json = requestJson(request);
    if (packageItem) {
      const accessPackage = packages.get(request.accessPackageId);
      json.accessPackage = accessPackage ? applySelect(accessPackageJson(accessPackage), packageItem.select) : null;
    }
    if (requestorItem) json.requestor = request.requestorId ? applySelect(subjectJson(users.get(request.requestorId), request.requestorId), requestorItem.select) : null;
    if (assignmentItem) {
      const assignment = request.assignmentId ? assignments.get(request.assignmentId) : undefined;
      // Before delivery there is no assignment yet; Graph still shows whom it will be for.
      const assignmentBody = assignment ? assignmentJson(assignment) : { id: null, state: null, status: null };
      const targetItem = expanded(assignmentItem.expand ?? [], 'target');
      if (targetItem) assignmentBody.target = applySelect(subjectJson(users.get(request.targetId), request.targetId), targetItem.select);
      json.assignment = applySelect(assignmentBody, assignmentItem.select, assignmentItem.expand?.map((e) => e.property));
    }
    rendered.set(request.id, json);
  }
  return rendered;
}

export async function renderAssignments(db: Executor, assignments: readonly Assignment[], expand: readonly ExpandItem[], policyNames: (ids: string[]) => Promise<Map<string, { id: string; displayName: string; description: string | null }>>): Promise<Map<string, Record<string, unknown>>> {
  const packageItem = expanded(expand, 'accessPackage');
  const targetItem = expanded(expand, 'target');
  const policyItem = expanded(expand, 'assignmentPolicy');
  const packages = new Map(packageItem ? (await findAccessPackagesByIds(db, assignments.map((a) => a.accessPackageId))).map((p) => [p.id, p]) : []);
  const users = targetItem ? await usersById(db, assignments.map((a) => a.targetId)) : new Map<string, User>();
  const policies = policyItem ? await policyNames(assignments.flatMap((a) => (a.policyId ? [a.policyId] : []))) : new Map();
  const rendered = new Map<string, Record<string, unknown>>();
  for (const assignment of assignments) {
    const json = assignmentJson(assignment);
    if (packageItem) {
      const accessPackage = packages.get(assignment.accessPackageId);
      json.accessPackage = accessPackage ? applySelect(accessPackageJson(accessPackage), packageItem.select) : null;
    }
    if (targetItem) json.target = applySelect(subjectJson(users.get(assignment.targetId), assignment.targetId), targetItem.select);
    if (policyItem) {
      const policy = assignment.policyId ? policies.get(assignment.policyId) : undefined;
      json.assignmentPolicy = policy ? applySelect({ ...policy }, policyItem.select) : null;
    }
    rendered.set(assignment.id, json);
  }
  return rendered;
}
