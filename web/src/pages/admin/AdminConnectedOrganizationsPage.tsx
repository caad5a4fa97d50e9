import { Button, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../../api/session';
import { formatDateTime } from '../../components/formatting';
import { PageHeader } from '../../components/Layout';
import { PageButtons } from '../../components/PageButtons';
import { EmptyState, QueryState } from '../../components/QueryState';
import { StateBadge } from '../../components/StateBadge';
import { listOrganizations, organizationKeys } from '../../features/connected-organizations/connected-organization-api';
import { domainsOf } from '../../features/connected-organizations/organization-form';
import { nextSkipToken } from './admin-queries';

const states = [
  { value: 'configured', label: 'Configured' },
  { value: 'proposed', label: 'Proposed: needs review' },
];

/** The partners whose people may request access, searchable by name; proposed ones stand out as waiting for review. */
export function AdminConnectedOrganizationsPage() {
  const editable = useSession().adminCenter.canManage.connectedOrganizations;
  const [search, setSearch] = useState('');
  const [state, setState] = useState<string | null>(null);
  const [pages, setPages] = useState<(string | undefined)[]>([undefined]);
  const text = useDeferredValue(search.trim());
  const skipToken = pages[pages.length - 1];
  const query = useQuery({ queryKey: organizationKeys.list(text, state, skipToken), queryFn: () => listOrganizations(text, state, skipToken), placeholderData: keepPreviousData });
  const filtered = text !== '' || state !== null;
  return (
    <>
      <PageHeader
        title="Connected organizations"
        lead="Partners whose people may request access packages. Tessera knows who belongs to an organization by the domain of their e-mail address; policies can let the people of one organization, or of all configured ones, ask."
        actions={
          editable ? (
            <Button component={Link} to="/admin/connected-organizations/new">
              Add connected organization
            </Button>
          ) : null
        }
      />
      <Group mb="md" align="flex-end">
        <TextInput type="search" label="Search by name" value={search} onChange={(event) => (setSearch(event.currentTarget.value), setPages([undefined]))} w={320} maxLength={200} />
        <Select label="State" placeholder="Any state" data={states} value={state} onChange={(value) => (setState(value), setPages([undefined]))} clearable w={240} />
      </Group>
      <QueryState query={query} loading="Loading connected organizations…">
        {(page) =>
          page.value.length === 0 ? (
            filtered ? (
              <EmptyState title="No connected organization matches" />
            ) : (
              <EmptyState title="No connected organizations yet">{editable ? 'Add a partner with the e-mail domains its people use, then offer it packages through a policy for connected organizations.' : 'Administrators add the partners whose people may request access.'}</EmptyState>
            )
          ) : (
            <>
              <Table.ScrollContainer minWidth={640}>
                <Table striped highlightOnHover aria-label="Connected organizations">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Name</Table.Th>
                      <Table.Th>Domains</Table.Th>
                      <Table.Th miw={200}>State</Table.Th>
                      <Table.Th>Created</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {page.value.map((organization) => (
                      <Table.Tr key={organization.id} data-testid="connected-organization">
                        <Table.Td>
                          <Link to={`/admin/connected-organizations/${organization.id}`}>{organization.displayName}</Link>
                          {organization.description ? (
                            <Text size="xs" c="dimmed" lineClamp={1}>
                              {organization.description}
                            </Text>
                          ) : null}
                        </Table.Td>
                        <Table.Td>{domainsOf(organization.identitySources)}</Table.Td>
                        <Table.Td>
                          <StateBadge state={organization.state} />
                        </Table.Td>
                        <Table.Td>{formatDateTime(organization.createdDateTime)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <PageButtons pages={pages} setPages={setPages} next={nextSkipToken(page)} mt="sm" summary={page['@odata.count'] !== undefined ? `${page['@odata.count']} ${page['@odata.count'] === 1 ? 'organization' : 'organizations'} · ` : undefined} />
            </>
          )
        }
      </QueryState>
    </>
  );
}
