import { Button, Group, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { Collection } from '../../api/graph';
import { formatDate } from '../../components/formatting';
import { DirectoryPicker } from '../../components/DirectoryPicker';
import { PageHeader } from '../../components/Layout';
import { EmptyState, QueryState } from '../../components/QueryState';
import { catalogs } from './admin-queries';
import { resourcesOf } from './catalog-queries';
import { directorySearch } from './directory-search';

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

/**
 * "Who has access to what, and why": for a person, every resource role they hold through access
 * packages; for a resource, everyone holding one of its roles. Each row says through which package
 * and policy, since when and until when, and who approved it; either report exports as CSV.
 */
export function WhoHasAccessPage() {
  const [mode, setMode] = useState<'user' | 'resource'>('user');
  const [subjectId, setSubjectId] = useState<string | null>(null);
  const path = mode === 'user' ? '/v1.0/tessera/accessReports/users/{id}' : '/v1.0/tessera/accessReports/resources/{id}';
  const report = useQuery({
    queryKey: ['admin', 'access-report', mode, subjectId],
    queryFn: () => unwrap<Collection<ReportRow>>(api.GET(path, { params: { path: { id: subjectId! }, query: { $top: '999' } } })),
    enabled: subjectId !== null,
  });
  return (
    <>
      <PageHeader title="Who has access" lead="Pick a person to see every resource role they hold through access packages, or a resource to see everyone who holds it, and why." />
      <SegmentedControl mb="md" value={mode} onChange={(value) => (setMode(value as 'user' | 'resource'), setSubjectId(null))} data={[{ value: 'user', label: 'A person' }, { value: 'resource', label: 'A resource' }]} aria-label="Report about" />
      <Group align="flex-end" mb="md">
        {mode === 'user' ? <PersonPicker value={subjectId} onChange={setSubjectId} /> : <ResourcePicker value={subjectId} onChange={setSubjectId} />}
        {subjectId ? (
          <Button component="a" variant="default" href={`/v1.0/tessera/accessReports/${mode === 'user' ? 'users' : 'resources'}/${encodeURIComponent(subjectId)}?$format=csv`} download>
            Export CSV
          </Button>
        ) : null}
      </Group>
      {subjectId ? (
        <QueryState query={report} loading="Working out who holds what…">
          {(page) =>
            page.value.length === 0 ? (
              <EmptyState title="No access through packages">{mode === 'user' ? 'This person holds no resource role through an access package.' : 'No one holds a role of this resource through an access package.'}</EmptyState>
            ) : (
              <ReportTable rows={page.value} showUser={mode === 'resource'} />
            )
          }
        </QueryState>
      ) : null}
    </>
  );
}

function PersonPicker({ value, onChange }: { value: string | null; onChange: (id: string | null) => void }) {
  return <DirectoryPicker label="Person" placeholder="Type a name or user principal name" search={directorySearch.users} value={value} onChange={onChange} w={420} />;
}

function ResourcePicker({ value, onChange }: { value: string | null; onChange: (id: string | null) => void }) {
  const [catalogId, setCatalogId] = useState<string | null>(null);
  const catalogList = useQuery({ queryKey: ['admin', 'catalogs'], queryFn: catalogs });
  const resources = useQuery({ queryKey: ['admin', 'catalog-resources', catalogId], queryFn: () => resourcesOf(catalogId!), enabled: catalogId !== null });
  return (
    <>
      <Select label="Catalog" data={(catalogList.data ?? []).map((catalog) => ({ value: catalog.id, label: catalog.displayName }))} value={catalogId} onChange={(id) => (setCatalogId(id), onChange(null))} w={240} />
      <Select label="Resource" searchable disabled={!catalogId} data={(resources.data ?? []).map((resource) => ({ value: resource.id, label: resource.displayName }))} value={value} onChange={onChange} w={300} nothingFoundMessage="No resource matches" />
    </>
  );
}

function ReportTable({ rows, showUser }: { rows: ReportRow[]; showUser: boolean }) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            {showUser ? <Table.Th>Person</Table.Th> : <Table.Th>Resource</Table.Th>}
            <Table.Th>Role</Table.Th>
            <Table.Th>Through</Table.Th>
            <Table.Th>Since / until</Table.Th>
            <Table.Th>Why</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id}>
              <Table.Td>{showUser ? row.user.displayName : row.resource.displayName}</Table.Td>
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
                  {!row.request ? <Text size="xs">Assigned without a request</Text> : null}
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
