import { Accordion, Button, Group, Stack, Text } from '@mantine/core';
import { notify } from '../../components/notify';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { AssignmentRequest } from '../../api/graph';
import { keys, myRequests } from '../../api/queries';
import { ApprovalTimeline } from '../../components/ApprovalTimeline';
import { formatDateTime } from '../../components/formatting';
import { describeRequestType } from '../../components/request-types';
import { PageHeader } from '../../components/Layout';
import { EmptyState, ErrorAlert, QueryState } from '../../components/QueryState';
import { RequestDetails } from '../../components/RequestDetails';
import { StateBadge } from '../../components/StateBadge';

const cancelable = new Set(['submitted', 'pendingApproval', 'scheduled']);

/** The signed-in person's requests, newest first, each with its history; one still pending can be canceled. */
export function MyRequestsPage() {
  const query = useQuery({ queryKey: keys.myRequests, queryFn: myRequests, refetchInterval: (q) => (q.state.data?.some((r) => r.state === 'delivering' || r.state === 'submitted') ? 2000 : false) });
  return (
    <>
      <PageHeader title="My requests" lead="What you asked for, and where each request stands." />
      <QueryState query={query} loading="Loading your requests…">
        {(requests) =>
          requests.length === 0 ? (
            <EmptyState title="You have not requested anything yet">
              <Link to="/access-packages">Request access</Link> to a package, and follow it here.
            </EmptyState>
          ) : (
            <Accordion variant="separated" multiple>
              {requests.map((request) => (
                <RequestItem key={request.id} request={request} />
              ))}
            </Accordion>
          )
        }
      </QueryState>
    </>
  );
}

function RequestItem({ request }: { request: AssignmentRequest }) {
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => unwrap(api.POST('/v1.0/identityGovernance/entitlementManagement/assignmentRequests/{id}/cancel', { params: { path: { id: request.id } } })),
    onSuccess: async () => {
      // Canceling closes the open approval stages too: the history shown must say so.
      await Promise.all([queryClient.invalidateQueries({ queryKey: keys.myRequests }), queryClient.invalidateQueries({ queryKey: keys.approval(request.id) })]);
      notify({ title: 'Request canceled', message: `${request.accessPackage?.displayName ?? 'The request'} will not go ahead.` });
    },
  });
  const name = request.accessPackage?.displayName ?? 'Access package';
  return (
    <Accordion.Item value={request.id} data-testid="request">
      <Accordion.Control>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <div>
            <Text fw={600}>{name}</Text>
            <Text size="xs" c="dimmed">
              {describeRequestType(request.requestType)} · {formatDateTime(request.createdDateTime)}
            </Text>
          </div>
          <StateBadge state={request.state} />
        </Group>
      </Accordion.Control>
      <Accordion.Panel>
        <Stack>
          <RequestDetails request={request} />
          <ApprovalTimeline request={request} />
          <ErrorAlert error={cancel.error} title="The request was not canceled" />
          {cancelable.has(request.state) ? (
            <Group>
              <Button color="red" variant="light" onClick={() => cancel.mutate()} loading={cancel.isPending} disabled={cancel.isSuccess}>
                Cancel request
              </Button>
            </Group>
          ) : null}
        </Stack>
      </Accordion.Panel>
    </Accordion.Item>
  );
}
