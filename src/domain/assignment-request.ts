import { ConflictError } from './errors.js';
import type { Answer, ExpirationPattern, PolicySnapshot } from './assignment-policy.js';

/**
 * An assignment request (Graph: accessPackageAssignmentRequest) and the one state machine every
 * request moves through. Use cases never set a state by hand: they ask `advanceRequest` for the
 * next one, which refuses every transition the lifecycle does not allow.
 */
export const requestTypes = ['userAdd', 'userUpdate', 'userRemove', 'adminAdd', 'adminUpdate', 'adminRemove', 'systemAdd', 'systemRemove'] as const;
export type RequestType = (typeof requestTypes)[number];

export const requestStates = ['submitted', 'pendingApproval', 'delivering', 'delivered', 'partiallyDelivered', 'deliveryFailed', 'denied', 'canceled', 'scheduled'] as const;
export type RequestState = (typeof requestStates)[number];

/** Graph's entitlementManagementSchedule, as a request asks for it. */
export type RequestSchedule = { startDateTime: string | null; expiration: ExpirationPattern };

export type AssignmentRequest = {
  id: string;
  requestType: RequestType;
  state: RequestState;
  /** Graph's free-text status: finer than the state (PendingApprovalEscalated, TimedOut, …). */
  status: string;
  accessPackageId: string;
  catalogId: string;
  policyId: string | null;
  targetId: string;
  /** The user who asked; null when Tessera itself did (systemAdd, systemRemove). */
  requestorId: string | null;
  assignmentId: string | null;
  justification: string | null;
  answers: Answer[];
  schedule: RequestSchedule;
  policySnapshot: PolicySnapshot | null;
  createdDateTime: string;
  completedDateTime: string | null;
};

export const isAddRequest = (type: RequestType) => type === 'userAdd' || type === 'adminAdd' || type === 'systemAdd';
export const isUpdateRequest = (type: RequestType) => type === 'userUpdate' || type === 'adminUpdate';
export const isRemoveRequest = (type: RequestType) => type === 'userRemove' || type === 'adminRemove' || type === 'systemRemove';

/** Requests under way: at most one per target and access package. */
export const openStates: ReadonlySet<RequestState> = new Set(['submitted', 'pendingApproval', 'scheduled', 'delivering']);
export const isOpenState = (state: RequestState) => openStates.has(state);

export type RequestEvent =
  | { kind: 'accept'; approvalRequired: boolean; startsLater: boolean }
  | { kind: 'approveStage'; isLastStage: boolean; startsLater: boolean }
  | { kind: 'deny' }
  | { kind: 'timeOut' }
  | { kind: 'escalate' }
  | { kind: 'cancel' }
  | { kind: 'startScheduled' }
  | { kind: 'finishDelivery'; delivered: number; failed: number }
  | { kind: 'reprocess' };

export type RequestTransition = { state: RequestState; status: string };

const delivering: RequestTransition = { state: 'delivering', status: 'Delivering' };
const scheduled: RequestTransition = { state: 'scheduled', status: 'Scheduled' };
const pendingApproval: RequestTransition = { state: 'pendingApproval', status: 'PendingApproval' };

export function advanceRequest(current: Pick<AssignmentRequest, 'state' | 'status'>, event: RequestEvent): RequestTransition {
  const { state } = current;
  switch (event.kind) {
    case 'accept':
      if (state !== 'submitted') break;
      if (event.approvalRequired) return pendingApproval;
      return event.startsLater ? scheduled : delivering;
    case 'approveStage':
      if (state !== 'pendingApproval') break;
      if (!event.isLastStage) return pendingApproval;
      return event.startsLater ? scheduled : delivering;
    case 'deny':
      if (state === 'pendingApproval') return { state: 'denied', status: 'Denied' };
      break;
    case 'timeOut':
      if (state === 'pendingApproval') return { state: 'denied', status: 'TimedOut' };
      break;
    case 'escalate':
      if (state === 'pendingApproval') return { state: 'pendingApproval', status: 'PendingApprovalEscalated' };
      break;
    case 'cancel':
      // Once delivery has begun, access is taken back with a remove request, not by cancelling.
      if (state === 'submitted' || state === 'pendingApproval' || state === 'scheduled') return { state: 'canceled', status: 'Canceled' };
      break;
    case 'startScheduled':
      if (state === 'scheduled') return delivering;
      break;
    case 'finishDelivery':
      if (state !== 'delivering') break;
      if (event.failed === 0) return { state: 'delivered', status: 'Delivered' };
      return event.delivered > 0 ? { state: 'partiallyDelivered', status: 'PartiallyDelivered' } : { state: 'deliveryFailed', status: 'DeliveryFailed' };
    case 'reprocess':
      if (state === 'deliveryFailed' || state === 'partiallyDelivered') return delivering;
      break;
  }
  throw new ConflictError(refusal(event, state), 'state', 'InvalidRequestState');
}

function refusal(event: RequestEvent, state: RequestState): string {
  switch (event.kind) {
    case 'cancel':
      return `A request that is ${state} cannot be canceled: only submitted, pending or scheduled requests can.`;
    case 'reprocess':
      return `A request that is ${state} cannot be reprocessed: only requests whose delivery failed, wholly or partly, can.`;
    case 'approveStage':
    case 'deny':
      return `The request is ${state} and no longer waits for approval.`;
    default:
      return `A request that is ${state} cannot ${event.kind}.`;
  }
}
