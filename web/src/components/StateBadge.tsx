import { Badge } from '@mantine/core';

/** A request's, assignment's, access review's or connected organization's state as a coloured word, with the words people use. */
const looks: Record<string, { color: string; label: string }> = {
  submitted: { color: 'gray', label: 'Submitted' },
  pendingApproval: { color: 'yellow', label: 'Pending approval' },
  scheduled: { color: 'cyan', label: 'Scheduled' },
  delivering: { color: 'blue', label: 'Delivering' },
  partiallyDelivered: { color: 'orange', label: 'Partially delivered' },
  delivered: { color: 'green', label: 'Delivered' },
  deliveryFailed: { color: 'red', label: 'Delivery failed' },
  denied: { color: 'red', label: 'Denied' },
  canceled: { color: 'gray', label: 'Canceled' },
  expired: { color: 'gray', label: 'Expired' },
  // An approval stage's reviewResult.
  Approved: { color: 'green', label: 'Approved' },
  Denied: { color: 'red', label: 'Denied' },
  NotReviewed: { color: 'gray', label: 'Not reviewed' },
  // An access review decision's answer, and a review's or an instance's status.
  DontKnow: { color: 'yellow', label: "Don't know" },
  NotStarted: { color: 'gray', label: 'Not started' },
  InProgress: { color: 'blue', label: 'In progress' },
  Completed: { color: 'gray', label: 'Completed' },
  Applying: { color: 'cyan', label: 'Applying decisions' },
  Applied: { color: 'green', label: 'Applied' },
  // A connected organization's state: one Tessera proposed waits for an administrator.
  configured: { color: 'green', label: 'Configured' },
  proposed: { color: 'orange', label: 'Proposed: needs review' },
};

export function StateBadge({ state }: { state: string }) {
  const look = looks[state] ?? { color: 'gray', label: state };
  return (
    // A dot of colour beside dark text: coloured text on a tint of its colour is too faint to read.
    <Badge color={look.color} variant="dot" radius="sm" tt="none">
      {look.label}
    </Badge>
  );
}
