import { Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { Collection } from '../../api/graph';
import { formatDate } from '../../components/formatting';
import { PageHeader } from '../../components/Layout';
import { EmptyState, QueryState } from '../../components/QueryState';
import { odataString } from './admin-queries';

type ReportRow = {
  id: string;
  user: { id: string; displayName: string | null; userPrincipalName?: string | null };
  resource: { displayName: string | null };
  role: { displayName: string | null };
  accessPackage: { displayName: string | null };
  assignment: { startDateTime: string; endDateTime: string | null };
  policy: { displayName: string | null } | null;
  request: { approvals: { stageNumber: number; reviewResult: string; reviewedBy: { displayName: string | null } | null }[]; justification?: string | null } | null;
};

const searchUsers = async (text: string) => {
  const filter = text.trim() ? `startswith(displayName,${odataString(text.trim())}) or startswith(userPrincipalName,${odataString(text.trim())})` : undefined;
  const page = await unwrap<Collection<{ id: string; displayName: string; userPrincipalName: string }>>(api.GET('/v1.0/users', { params: { query: { $top: '20', $select: 'id,displayName,userPrincipalName', ...(filter ? { $filter: filter } : {}) } } }));
  return page.value;
};

/** "Who has access to what, and why", for a user: each role they hold, through which package, approved by whom; with a CSV export. */
export function WhoHasAccessPage() {
  const [search, setSearch] = useState('');
  const [userId, setUserId] = useState<string | null>(null);
  const users = useQuery({ queryKey: ['admin', 'user-search', search], queryFn: () => searchUsers(search) });
  const report = useQuery({
    queryKey: ['admin', 'access-report', userId],
    queryFn: () => unwrap<Collection<ReportRow>>(api.GET('/v1.0/tessera/accessReports/users/{id}', { params: { path: { id: userId! }, query: { $top: '999' } } })),
    enabled: userId !== null,
  });
  return (
    <>
      <PageHeader title="Who has access" lead="Pick a person to see every resource role they hold through access packages, and why." />
      <Group align="flex-end" mb="md">
        <Select
          label="Person"
          placeholder="Type a name or user principal name"
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          data={(users.data ?? []).map((user) => ({ value: user.id, label: `${user.displayName} (${user.userPrincipalName})` }))}
          value={userId}
          onChange={setUserId}
          filter={({ options }) => options}
          nothingFoundMessage={users.isFetching ? 'Searching…' : 'No one matches'}
          w={420}
        />
        {userId ? (
          <Button component="a" variant="default" href={`/v1.0/tessera/accessReports/users/${encodeURIComponent(userId)}?$format=csv`} download>
            Export CSV
          </Button>
        ) : null}
      </Group>
      {userId ? (
        <QueryState query={report} loading="Working out who holds what…">
          {(page) =>
            page.value.length === 0 ? (
              <EmptyState title="No access through packages">This person holds no resource role through an access package.</EmptyState>
            ) : (
              <Table.ScrollContainer minWidth={720}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Resource</Table.Th>
                      <Table.Th>Role</Table.Th>
                      <Table.Th>Through</Table.Th>
                      <Table.Th>Since / until</Table.Th>
                      <Table.Th>Why</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {page.value.map((row) => (
                      <Table.Tr key={row.id}>
                        <Table.Td>{row.resource.displayName}</Table.Td>
                        <Table.Td>{row.role.displayName}</Table.Td>
                        <Table.Td>
                          {row.accessPackage.displayName}
                          <Text size="xs" c="dimmed">
                            {row.policy?.displayName}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          {formatDate(row.assignment.startDateTime)} – {row.assignment.endDateTime ? formatDate(row.assignment.endDateTime) : 'no end'}
                        </Table.Td>
                        <Table.Td>
                          <Stack gap={0}>
                            {(row.request?.approvals ?? []).map((approval) => (
                              <Text size="xs" key={approval.stageNumber}>
                                Stage {approval.stageNumber}: {approval.reviewResult} by {approval.reviewedBy?.displayName ?? '—'}
                              </Text>
                            ))}
                            {row.request && row.request.approvals.length === 0 ? <Text size="xs">No approval needed</Text> : null}
                          </Stack>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          }
        </QueryState>
      ) : null}
    </>
  );
}
