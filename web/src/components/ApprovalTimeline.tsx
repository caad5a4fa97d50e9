import { Text, Timeline } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { AssignmentRequest } from '../api/graph';
import { approvalOf, keys } from '../api/queries';
import { formatDateTime } from './formatting';
import { ErrorAlert, Loading } from './QueryState';
import { StateBadge } from './StateBadge';

/** A request's story as its requester and approvers see it: submitted, each approval stage, the outcome. */
export function ApprovalTimeline({ request }: { request: AssignmentRequest }) {
  const approval = useQuery({ queryKey: keys.approval(request.id), queryFn: () => approvalOf(request.id) });
  if (approval.isPending) return <Loading label="Loading the history…" />;
  if (approval.error) return <ErrorAlert error={approval.error} />;
  const stages = approval.data?.stages ?? [];
  // Submitted, each stage begun, and the end once there is one: the line is drawn up to the last of them.
  const reached = 1 + stages.filter((stage) => stage.status !== 'NotStarted').length + (request.completedDateTime ? 1 : 0);
  return (
    <Timeline active={reached - 1} bulletSize={14} lineWidth={2} aria-label="History">
      <Timeline.Item title="Submitted">
        <Text size="xs" c="dimmed">
          {formatDateTime(request.createdDateTime)}
        </Text>
      </Timeline.Item>
      {stages.map((stage) => (
        <Timeline.Item key={stage.id} title={`${stage.displayName}: ${stage.status === 'NotStarted' ? 'waiting for the stage before' : stage.status === 'InProgress' ? 'waiting for an approver' : 'decided'}`}>
          {stage.reviewResult !== 'NotReviewed' ? <StateBadge state={stage.reviewResult} /> : null}
          {stage.reviewedBy ? (
            <Text size="sm">
              by {stage.reviewedBy.displayName ?? stage.reviewedBy.userPrincipalName} on {formatDateTime(stage.reviewedDateTime)}
            </Text>
          ) : null}
          {stage.justification ? (
            <Text size="sm" c="dimmed">
              “{stage.justification}”
            </Text>
          ) : null}
          {stage.status === 'Expired' ? (
            <Text size="sm" c="dimmed">
              No one decided in time.
            </Text>
          ) : null}
        </Timeline.Item>
      ))}
      {request.completedDateTime ? (
        <Timeline.Item title="Finished">
          <StateBadge state={request.state} />
          <Text size="xs" c="dimmed">
            {formatDateTime(request.completedDateTime)}
          </Text>
        </Timeline.Item>
      ) : null}
    </Timeline>
  );
}
