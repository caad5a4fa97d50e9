import { Button, Group, Modal, Paper, Stack, Tabs, Text, Textarea } from '@mantine/core';
import { notify } from '../../components/notify';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { Assignment } from '../../api/graph';
import { keys, myAssignments } from '../../api/queries';
import { formatDate } from '../../components/formatting';
import { PageHeader } from '../../components/Layout';
import { EmptyState, ErrorAlert, QueryState } from '../../components/QueryState';
import { StateBadge } from '../../components/StateBadge';

/** What the signed-in person holds (and held): each assignment can be extended or given up. */
export function MyAccessPage() {
  const query = useQuery({ queryKey: keys.myAccess, queryFn: myAssignments, refetchInterval: (q) => (q.state.data?.some((a) => a.state === 'delivering') ? 2000 : false) });
  return (
    <>
      <PageHeader title="My access" lead="The access packages you hold, and until when." />
      <QueryState query={query} loading="Loading your access…">
        {(assignments) => {
          const active = assignments.filter((a) => a.state !== 'expired');
          const expired = assignments.filter((a) => a.state === 'expired');
          return (
            <Tabs defaultValue="active">
              <Tabs.List mb="md">
                <Tabs.Tab value="active">Active ({active.length})</Tabs.Tab>
                <Tabs.Tab value="expired">Expired ({expired.length})</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="active">
                {active.length === 0 ? (
                  <EmptyState title="You hold no access packages">
                    <Link to="/access-packages">Request access</Link>; what is delivered to you appears here.
                  </EmptyState>
                ) : (
                  <Stack>{active.map((assignment) => <AssignmentCard key={assignment.id} assignment={assignment} />)}</Stack>
                )}
              </Tabs.Panel>
              <Tabs.Panel value="expired">
                {expired.length === 0 ? <EmptyState title="Nothing has expired" /> : <Stack>{expired.map((assignment) => <AssignmentCard key={assignment.id} assignment={assignment} />)}</Stack>}
              </Tabs.Panel>
            </Tabs>
          );
        }}
      </QueryState>
    </>
  );
}

function AssignmentCard({ assignment }: { assignment: Assignment }) {
  const [action, setAction] = useState<'extend' | 'remove' | null>(null);
  const name = assignment.accessPackage?.displayName ?? 'Access package';
  const end = assignment.schedule.expiration.endDateTime;
  return (
    <Paper withBorder p="md" component="article" aria-label={name} data-testid="assignment">
      <Group justify="space-between" wrap="wrap">
        <div>
          <Text fw={600}>{name}</Text>
          <Text size="sm" c="dimmed">
            {assignment.state === 'expired' ? `Ended ${formatDate(assignment.expiredDateTime)}` : `Since ${formatDate(assignment.schedule.startDateTime)}${end ? ` · until ${formatDate(end)}` : ' · no end date'}`}
            {assignment.assignmentPolicy ? ` · ${assignment.assignmentPolicy.displayName}` : ''}
          </Text>
        </div>
        <Group gap="xs">
          <StateBadge state={assignment.state} />
          {assignment.state !== 'expired' ? (
            <>
              {end ? (
                <Button size="xs" variant="light" onClick={() => setAction('extend')}>
                  Extend
                </Button>
              ) : null}
              <Button size="xs" variant="light" color="red" onClick={() => setAction('remove')}>
                Remove
              </Button>
            </>
          ) : null}
        </Group>
      </Group>
      <ChangeAssignmentDialog assignment={assignment} action={action} onClose={() => setAction(null)} />
    </Paper>
  );
}

function ChangeAssignmentDialog({ assignment, action, onClose: close }: { assignment: Assignment; action: 'extend' | 'remove' | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [justification, setJustification] = useState('');
  // Each opening starts afresh: no text or error left from an earlier one (an extension's reason must not travel with a removal).
  const onClose = () => {
    setJustification('');
    change.reset();
    close();
  };
  const name = assignment.accessPackage?.displayName ?? 'this access package';
  const change = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/v1.0/identityGovernance/entitlementManagement/assignmentRequests', {
          body: { requestType: action === 'extend' ? 'userUpdate' : 'userRemove', assignment: { id: assignment.id }, ...(action === 'extend' && justification.trim() ? { justification: justification.trim() } : {}) },
        }),
      ),
    onSuccess: async () => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: keys.myAccess }), queryClient.invalidateQueries({ queryKey: keys.myRequests })]);
      notify({ title: action === 'extend' ? 'Extension requested' : 'Removal requested', message: action === 'extend' ? `Follow it in My requests.` : `${name} is being removed.` });
      onClose();
    },
  });
  return (
    <Modal opened={action !== null} onClose={onClose} title={action === 'extend' ? `Extend ${name}` : `Remove ${name}`}>
      <Stack>
        <Text size="sm">{action === 'extend' ? 'Ask to keep this access for another period. Your approvers may need to agree.' : 'You will lose this access. You can request it again later.'}</Text>
        {action === 'extend' ? <Textarea label="Justification" description="Why you still need it." value={justification} onChange={(event) => setJustification(event.currentTarget.value)} maxLength={4000} autosize minRows={2} /> : null}
        <ErrorAlert error={change.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Keep as it is
          </Button>
          <Button color={action === 'remove' ? 'red' : undefined} onClick={() => change.mutate()} loading={change.isPending}>
            {action === 'extend' ? 'Request extension' : 'Remove access'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
