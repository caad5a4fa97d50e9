import type { Executor } from '../../db/database.js';
import type { AssignmentRequest } from '../../domain/assignment-request.js';
import type { Assignment } from '../../domain/assignment.js';
import { NotFoundError } from '../../domain/errors.js';
import { isAllowed } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { isApproverOfRequest } from '../approvals/approvals.repo.js';

/**
 * Part of the one authorization module: who may see a request or an assignment. Those who manage
 * or read the package's assignments see all of them; everyone else sees the ones they are part
 * of — as requester, as the person it is for, or as an approver. To anyone else it does not exist.
 */
export async function requireRequestVisible(db: Executor, principal: Principal, request: AssignmentRequest): Promise<void> {
  if (isAllowed(principal, 'assignments.read', { catalogId: request.catalogId })) return;
  if (principal.kind === 'user') {
    if (principal.id === request.requestorId || principal.id === request.targetId) return;
    if (await isApproverOfRequest(db, principal.id, request.id)) return;
  }
  throw new NotFoundError('Access package assignment request', request.id);
}

export function requireAssignmentVisible(principal: Principal, assignment: Assignment): void {
  if (isAllowed(principal, 'assignments.read', { catalogId: assignment.catalogId })) return;
  if (principal.kind === 'user' && principal.id === assignment.targetId) return;
  throw new NotFoundError('Access package assignment', assignment.id);
}

export const mayManageAssignments = (principal: Principal, catalogId: string) => isAllowed(principal, 'assignments.manage', { catalogId });
