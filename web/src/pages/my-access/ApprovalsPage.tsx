import { Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { notify } from '../../components/notify';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { Approval, ApprovalStage, AssignmentRequest } from '../../api/graph';
import { approvalsForMe, keys, requestsToApprove } from '../../api/queries';
import { formatDateTime } from '../../components/formatting';
import { PageHeader } from '../../components/Layout';
import { EmptyState, ErrorAlert, QueryState } from '../../components/QueryState';
import { RequestDetails } from '../../components/RequestDetails';
import { StateBadge } from '../../components/StateBadge';

type Decision = { request: AssignmentRequest; stage: ApprovalStage | undefined };

/**
 * Requests waiting for the signed-in person's decision. (Graph's filterByCurrentUser(on='approver')
 * lists only those; the decisions one made are in each request's history and the audit log.)
 */
export function ApprovalsPage() {
  const query = useQuery({
    queryKey: keys.approvals,
    queryFn: async () => {
      const [requests, approvals] = await Promise.all([requestsToApprove(), approvalsForMe()]);
      const byId = new Map<string, Approval>(approvals.map((approval) => [approval.id, approval]));
      return requests.map((request): Decision => ({ request, stage: byId.get(request.id)?.stages.find((stage) => stage.status === 'InProgress' && stage.assignedToMe) }));
    },
  });
  return (
    <>
      <PageHeader title="Approvals" lead="Requests that need your decision. Read the justification and answers, then approve or deny with a reason." />
      <QueryState query={query} loading="Loading the requests that need you…">
        {(decisions) => {
          const pending = decisions.filter((d) => d.stage && d.request.state === 'pendingApproval');
          return pending.length === 0 ? (
            <EmptyState title="Nothing waits for your decision">When someone needs your approval, it appears here and you get an e-mail.</EmptyState>
          ) : (
            <Stack>{pending.map((d) => <PendingApproval key={d.request.id} decision={d} />)}</Stack>
          );
        }}
      </QueryState>
    </>
  );
}

function RequestHeading({ request }: { request: AssignmentRequest }) {
  const target = request.assignment?.target;
  return (
    <Group justify="space-between" mb="xs" wrap="wrap">
      <div>
        <Text fw={600}>
          {target?.displayName ?? 'Someone'} asks for {request.accessPackage?.displayName ?? 'an access package'}
        </Text>
        <Text size="xs" c="dimmed">
          {target?.principalName ? `${target.principalName} · ` : ''}
          {formatDateTime(request.createdDateTime)}
          {request.requestor && request.requestor.id !== target?.id ? ` · asked by ${request.requestor.displayName}` : ''}
        </Text>
      </div>
      <StateBadge state={request.state} />
    </Group>
  );
}

function PendingApproval({ decision }: { decision: Decision }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const { request, stage } = decision;
  const decide = useMutation({
    mutationFn: (reviewResult: 'Approve' | 'Deny') =>
      unwrap(
        api.PATCH('/v1.0/identityGovernance/entitlementManagement/accessPackageAssignmentApprovals/{id}/stages/{stageId}', {
          params: { path: { id: request.id, stageId: stage!.id } },
          body: { reviewResult, ...(reason.trim() ? { justification: reason.trim() } : {}) },
        }),
      ).then(() => reviewResult),
    onSuccess: async (reviewResult) => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: keys.approvals }), queryClient.invalidateQueries({ queryKey: keys.approval(request.id) })]);
      notify({ color: reviewResult === 'Approve' ? 'green' : 'red', title: reviewResult === 'Approve' ? 'Approved' : 'Denied', message: `${request.accessPackage?.displayName ?? 'The request'} for ${request.assignment?.target?.displayName ?? 'the requester'}.` });
    },
  });
  const name = `${request.accessPackage?.displayName ?? 'request'} for ${request.assignment?.target?.displayName ?? 'someone'}`;
  return (
    <Paper withBorder p="md" component="article" aria-label={`Approval: ${name}`} data-testid="pending-approval">
      <RequestHeading request={request} />
      <Stack>
        <RequestDetails request={request} />
        <Text size="sm" c="dimmed">
          You decide {stage?.displayName.toLowerCase()}.
        </Text>
        <Textarea label="Reason" description="Shown to the requester and kept in the audit log." value={reason} onChange={(event) => setReason(event.currentTarget.value)} maxLength={4000} autosize minRows={2} />
        <ErrorAlert error={decide.error} title="Your decision was not recorded" />
        <Group justify="flex-end">
          <Button color="red" variant="light" onClick={() => decide.mutate('Deny')} loading={decide.isPending && decide.variables === 'Deny'} disabled={decide.isPending}>
            Deny
          </Button>
          <Button color="teal.9" onClick={() => decide.mutate('Approve')} loading={decide.isPending && decide.variables === 'Approve'} disabled={decide.isPending}>
            Approve
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
