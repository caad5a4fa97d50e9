import { Badge, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { notify } from '../../components/notify';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { Approval, ApprovalStage, AssignmentRequest, Collection } from '../../api/graph';
import { approvalsForMe, keys, requestsToApprove } from '../../api/queries';
import { formatDateTime } from '../../components/formatting';
import { PageHeader } from '../../components/Layout';
import { EmptyState, ErrorAlert, QueryState } from '../../components/QueryState';
import { RequestDetails } from '../../components/RequestDetails';
import { StateBadge } from '../../components/StateBadge';

type Decision = { request: AssignmentRequest; stage: ApprovalStage | undefined; target: Requester | undefined };

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
      const requesters = await requestersOf(requests.flatMap((request) => (request.assignment?.target?.id ? [request.assignment.target.id] : [])));
      return requests.map(
        (request): Decision => ({ request, stage: byId.get(request.id)?.stages.find((stage) => stage.status === 'InProgress' && stage.assignedToMe), target: requesters.get(request.assignment?.target?.id ?? '') }),
      );
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

/** Who a requester is, beyond their name: a guest, and of which company, so a sponsor knows who asks. */
type Requester = { id: string; userType?: 'Member' | 'Guest'; companyName?: string | null };

/**
 * The requesters' userType and companyName, in one call per 40 (the subjects of requests carry
 * neither). An approver who may not read the directory (a guest sponsor) goes without them.
 */
async function requestersOf(ids: string[]): Promise<Map<string, Requester>> {
  const unique = [...new Set(ids)];
  const chunks = Array.from({ length: Math.ceil(unique.length / 40) }, (_, index) => unique.slice(index * 40, index * 40 + 40));
  try {
    const pages = await Promise.all(
      chunks.map((chunk) =>
        unwrap<Collection<Requester>>(api.GET('/v1.0/users', { params: { query: { $filter: `id in (${chunk.map((id) => `'${id.replace(/'/g, "''")}'`).join(',')})`, $select: 'id,userType,companyName', $top: '40' } } })),
      ),
    );
    return new Map(pages.flatMap((page) => page.value.map((user): [string, Requester] => [user.id, user])));
  } catch {
    return new Map();
  }
}

/** "Guest · Fabrikam": how a sponsor tells someone from a partner company from a colleague. */
function describeRequester(requester: Requester | undefined): string | null {
  if (requester?.userType !== 'Guest') return null;
  return requester.companyName ? `Guest · ${requester.companyName}` : 'Guest';
}

function RequestHeading({ request, requester }: { request: AssignmentRequest; requester: Requester | undefined }) {
  const target = request.assignment?.target;
  const guest = describeRequester(requester);
  return (
    <Group justify="space-between" mb="xs" wrap="wrap">
      <div>
        <Group gap="xs" wrap="wrap">
          <Text fw={600}>
            {target?.displayName ?? 'Someone'} asks for {request.accessPackage?.displayName ?? 'an access package'}
          </Text>
          {guest ? (
            <Badge variant="light" color="indigo" tt="none" data-testid="requester-guest">
              {guest}
            </Badge>
          ) : null}
        </Group>
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
  const { request, stage, target } = decision;
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
      <RequestHeading request={request} requester={target} />
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
