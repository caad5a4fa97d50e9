import { Badge, Button, Group, Modal, Paper, Select, Stack, Table, Text, Textarea, Title, VisuallyHidden } from '@mantine/core';
import { notify } from '../../components/notify';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { Assignment, Collection } from '../../api/graph';
import { accessPackage } from '../../api/queries';
import { formatDate, formatDuration } from '../../components/formatting';
import { DirectoryPicker } from '../../components/DirectoryPicker';
import { PageHeader } from '../../components/Layout';
import { EmptyState, ErrorAlert, QueryState } from '../../components/QueryState';
import { StateBadge } from '../../components/StateBadge';
import { odataString } from './admin-queries';
import { directorySearch } from './directory-search';
import { PackageIncompatibilities } from './PackageIncompatibilities';
import { PackageResourceRoles } from './PackageResourceRoles';

type Policy = {
  id: string;
  displayName: string;
  description: string | null;
  allowedTargetScope: string;
  expiration: { type: string; duration: string | null; endDateTime: string | null } | null;
  requestApprovalSettings: { isApprovalRequiredForAdd: boolean; stages: { durationBeforeAutomaticDenial: string; primaryApprovers: { '@odata.type': string; description?: string }[] }[] } | null;
  questions: { id: string; text: string }[];
};

const entitlement = '/v1.0/identityGovernance/entitlementManagement';
const scopeLabels: Record<string, string> = { notSpecified: 'No one (direct assignment only)', specificDirectoryUsers: 'Specific users and groups', specificConnectedOrganizationUsers: 'Users of specific connected organizations', allMemberUsers: 'All members', allDirectoryUsers: 'All users, guests included', allDirectoryServicePrincipals: 'All service principals', allConfiguredConnectedOrganizationUsers: 'All connected organizations', allExternalUsers: 'All external users' };

/** One access package for its managers: what it gives, its policies, who holds it; assign and remove directly. */
export function AdminPackagePage() {
  const { id = '' } = useParams();
  const details = useQuery({ queryKey: ['access-package', id], queryFn: () => accessPackage(id) });
  const policies = useQuery({ queryKey: ['admin', 'policies', id], queryFn: () => unwrap<Collection<Policy>>(api.GET(`${entitlement}/accessPackages/{id}/assignmentPolicies`, { params: { path: { id } } })).then((page) => page.value) });
  const assignments = useQuery({
    queryKey: ['admin', 'package-assignments', id],
    queryFn: () => unwrap<Collection<Assignment>>(api.GET(`${entitlement}/assignments`, { params: { query: { $filter: `accessPackage/id eq ${odataString(id)}`, $expand: 'target,assignmentPolicy', $top: '200' } } })).then((page) => page.value),
  });
  const [assigning, setAssigning] = useState(false);
  return (
    <QueryState query={details} loading="Loading the access package…">
      {(found) => (
        <>
          <PageHeader title={found.displayName} lead={found.description} actions={<Group gap="xs">{found.catalog ? <Button size="xs" variant="subtle" component={Link} to={`/admin/catalogs/${found.catalog.id}`}>{`Catalog: ${found.catalog.displayName}`}</Button> : null}{found.isHidden ? <Badge variant="outline">Hidden</Badge> : null}</Group>} />
          <Stack>
            <Paper withBorder p="md">
              <Title order={3} size="h4" mb="xs">
                Resource roles
              </Title>
              <PackageResourceRoles accessPackage={found} />
              <Text size="sm" mt="sm" c="dimmed">
                Link to request it: <code>{`${window.location.origin}/access-packages/${found.id}`}</code>
              </Text>
            </Paper>
            <Paper withBorder p="md">
              <Title order={3} size="h4" mb="xs">
                Separation of duties
              </Title>
              <PackageIncompatibilities accessPackage={found} />
            </Paper>
            <Paper withBorder p="md">
              <Group justify="space-between" mb="xs">
                <Title order={3} size="h4">
                  Policies
                </Title>
                <Button size="xs" component={Link} to={`/admin/access-packages/${id}/policies/new`}>
                  New policy
                </Button>
              </Group>
              <QueryState query={policies} loading="Loading policies…">
                {(list) =>
                  list.length === 0 ? (
                    <EmptyState title="No policies">Without a policy, no one can request this package.</EmptyState>
                  ) : (
                    <Stack gap="sm">
                      {list.map((policy) => (
                        <div key={policy.id}>
                          <Group gap="xs">
                            <Text fw={600}>{policy.displayName}</Text>
                            <Button size="compact-xs" variant="subtle" component={Link} to={`/admin/access-packages/${id}/policies/${policy.id}`} aria-label={`Edit ${policy.displayName}`}>
                              Edit
                            </Button>
                          </Group>
                          <Text size="sm" c="dimmed">
                            Who may request: {scopeLabels[policy.allowedTargetScope] ?? policy.allowedTargetScope} · Approval:{' '}
                            {policy.requestApprovalSettings?.isApprovalRequiredForAdd ? `${policy.requestApprovalSettings.stages.length} stage${policy.requestApprovalSettings.stages.length === 1 ? '' : 's'}` : 'none'} · Expires:{' '}
                            {policy.expiration?.type === 'afterDuration' ? `after ${formatDuration(policy.expiration.duration)}` : policy.expiration?.type === 'afterDateTime' ? formatDate(policy.expiration.endDateTime) : 'never'} · Questions: {policy.questions.length}
                          </Text>
                        </div>
                      ))}
                    </Stack>
                  )
                }
              </QueryState>
            </Paper>
            <Paper withBorder p="md">
              <Group justify="space-between" mb="xs">
                <Title order={3} size="h4">
                  Assignments
                </Title>
                <Button size="xs" onClick={() => setAssigning(true)} disabled={!policies.data?.length}>
                  Assign directly
                </Button>
              </Group>
              <QueryState query={assignments} loading="Loading assignments…">
                {(list) => (list.length === 0 ? <EmptyState title="No one holds this package" /> : <AssignmentsTable assignments={list} packageId={id} />)}
              </QueryState>
            </Paper>
          </Stack>
          {policies.data ? <DirectAssignDialog opened={assigning} onClose={() => setAssigning(false)} packageId={id} policies={policies.data} /> : null}
        </>
      )}
    </QueryState>
  );
}

function AssignmentsTable({ assignments, packageId }: { assignments: Assignment[]; packageId: string }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (assignmentId: string) => unwrap(api.POST(`${entitlement}/assignmentRequests`, { body: { requestType: 'adminRemove', assignment: { id: assignmentId } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['admin', 'package-assignments', packageId] });
      notify({ title: 'Removal requested', message: 'The access is being removed.' });
    },
  });
  return (
    <>
      <ErrorAlert error={remove.error} title="The assignment was not removed" />
      <Table.ScrollContainer minWidth={560}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Who</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>Until</Table.Th>
              <Table.Th>Policy</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {assignments.map((assignment) => (
              <Table.Tr key={assignment.id}>
                <Table.Td>{assignment.target?.displayName ?? assignment.target?.principalName}</Table.Td>
                <Table.Td>
                  <StateBadge state={assignment.state} />
                </Table.Td>
                <Table.Td>{assignment.schedule.expiration.endDateTime ? formatDate(assignment.schedule.expiration.endDateTime) : 'no end'}</Table.Td>
                <Table.Td>{assignment.assignmentPolicy?.displayName}</Table.Td>
                <Table.Td>
                  {assignment.state !== 'expired' ? (
                    <Button size="xs" color="red" variant="subtle" onClick={() => remove.mutate(assignment.id)} disabled={remove.isPending} loading={remove.isPending && remove.variables === assignment.id} aria-label={`Remove ${assignment.target?.displayName ?? 'this assignment'}`}>
                      Remove
                    </Button>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}

function DirectAssignDialog({ opened, onClose: close, packageId, policies }: { opened: boolean; onClose: () => void; packageId: string; policies: Policy[] }) {
  const queryClient = useQueryClient();
  // Each opening starts afresh: no person, reason or error left from the last assignment.
  const onClose = () => {
    setUserId(null);
    setJustification('');
    assign.reset();
    close();
  };
  const [userId, setUserId] = useState<string | null>(null);
  const [policyId, setPolicyId] = useState<string | null>(policies[0]?.id ?? null);
  const [justification, setJustification] = useState('');
  const assign = useMutation({
    mutationFn: () => unwrap(api.POST(`${entitlement}/assignmentRequests`, { body: { requestType: 'adminAdd', assignment: { accessPackageId: packageId, assignmentPolicyId: policyId!, targetId: userId! }, ...(justification.trim() ? { justification: justification.trim() } : {}) } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['admin', 'package-assignments', packageId] });
      notify({ color: 'green', title: 'Assigned', message: 'The access is being delivered.' });
      onClose();
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title="Assign directly">
      <Stack>
        <DirectoryPicker label="Person" withAsterisk search={directorySearch.users} value={userId} onChange={setUserId} w={400} />
        <Select label="Policy" withAsterisk data={policies.map((policy) => ({ value: policy.id, label: policy.displayName }))} value={policyId} onChange={setPolicyId} />
        <Textarea label="Justification" value={justification} onChange={(event) => setJustification(event.currentTarget.value)} maxLength={4000} />
        <ErrorAlert error={assign.error} title="Not assigned" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => assign.mutate()} disabled={!userId || !policyId} loading={assign.isPending}>
            Assign
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
