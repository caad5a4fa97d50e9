import { describe, expect, it } from 'vitest';
import { advanceRequest, isOpenState, requestStates, type RequestEvent, type RequestState } from './assignment-request.js';
import { ConflictError } from './errors.js';

const events: Record<string, RequestEvent> = {
  'accept (approval)': { kind: 'accept', approvalRequired: true, startsLater: false },
  'accept (no approval)': { kind: 'accept', approvalRequired: false, startsLater: false },
  'accept (no approval, later)': { kind: 'accept', approvalRequired: false, startsLater: true },
  'approve (more stages)': { kind: 'approveStage', isLastStage: false, startsLater: false },
  'approve (last stage)': { kind: 'approveStage', isLastStage: true, startsLater: false },
  'approve (last stage, later)': { kind: 'approveStage', isLastStage: true, startsLater: true },
  deny: { kind: 'deny' },
  timeOut: { kind: 'timeOut' },
  escalate: { kind: 'escalate' },
  cancel: { kind: 'cancel' },
  startScheduled: { kind: 'startScheduled' },
  'delivery (all)': { kind: 'finishDelivery', delivered: 2, failed: 0 },
  'delivery (some)': { kind: 'finishDelivery', delivered: 1, failed: 1 },
  'delivery (none)': { kind: 'finishDelivery', delivered: 0, failed: 2 },
  reprocess: { kind: 'reprocess' },
};

// Every allowed transition, as "state / event → state (status)"; everything else is refused.
const allowed: Record<string, string> = {
  'submitted / accept (approval)': 'pendingApproval PendingApproval',
  'submitted / accept (no approval)': 'delivering Delivering',
  'submitted / accept (no approval, later)': 'scheduled Scheduled',
  'submitted / cancel': 'canceled Canceled',
  'pendingApproval / approve (more stages)': 'pendingApproval PendingApproval',
  'pendingApproval / approve (last stage)': 'delivering Delivering',
  'pendingApproval / approve (last stage, later)': 'scheduled Scheduled',
  'pendingApproval / deny': 'denied Denied',
  'pendingApproval / timeOut': 'denied TimedOut',
  'pendingApproval / escalate': 'pendingApproval PendingApprovalEscalated',
  'pendingApproval / cancel': 'canceled Canceled',
  'scheduled / cancel': 'canceled Canceled',
  'scheduled / startScheduled': 'delivering Delivering',
  'delivering / delivery (all)': 'delivered Delivered',
  'delivering / delivery (some)': 'partiallyDelivered PartiallyDelivered',
  'delivering / delivery (none)': 'deliveryFailed DeliveryFailed',
  'deliveryFailed / reprocess': 'delivering Delivering',
  'partiallyDelivered / reprocess': 'delivering Delivering',
};

const table = requestStates.flatMap((state) => Object.keys(events).map((event) => [state, event] as [RequestState, string]));

describe('advanceRequest', () => {
  it.each(table)('%s / %s', (state, eventName) => {
    const key = `${state} / ${eventName}`;
    const attempt = () => advanceRequest({ state, status: '' }, events[eventName]!);
    if (allowed[key]) {
      const next = attempt();
      expect(`${next.state} ${next.status}`).toBe(allowed[key]);
    } else {
      expect(attempt).toThrow(ConflictError);
    }
  });

  it('explains a refused cancel in the requester’s terms', () => {
    expect(() => advanceRequest({ state: 'delivered', status: 'Delivered' }, { kind: 'cancel' })).toThrow(/cannot be canceled: only submitted, pending or scheduled/);
  });

  it('counts submitted, pending, scheduled and delivering requests as open, and nothing else', () => {
    expect(requestStates.filter(isOpenState)).toEqual(['submitted', 'pendingApproval', 'delivering', 'scheduled']);
  });
});
