import { Group, Select, Table } from '@mantine/core';
import { PageButtons } from '../../components/PageButtons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../components/formatting';
import { describeRequestType } from '../../components/request-types';
import { PageHeader } from '../../components/Layout';
import { EmptyState, QueryState } from '../../components/QueryState';
import { StateBadge } from '../../components/StateBadge';
import { allRequests, nextSkipToken, odataString } from './admin-queries';

const states = ['submitted', 'pendingApproval', 'delivering', 'delivered', 'deliveryFailed', 'partiallyDelivered', 'denied', 'scheduled', 'canceled'];

/** Every request in the catalogs the administrator may read, newest first, filtered by state. */
export function AdminRequestsPage() {
  const [state, setState] = useState<string | null>(null);
  const [pages, setPages] = useState<(string | undefined)[]>([undefined]);
  const skipToken = pages[pages.length - 1];
  const filter = state ? `state eq ${odataString(state)}` : undefined;
  const query = useQuery({ queryKey: ['admin', 'requests', filter, skipToken], queryFn: () => allRequests(filter, skipToken), placeholderData: keepPreviousData });
  return (
    <>
      <PageHeader title="Requests" lead="Requests in the catalogs you manage. Open one to see its timeline and audit entries." />
      <Group mb="md">
        <Select label="State" placeholder="Any state" data={states} value={state} onChange={(value) => (setState(value), setPages([undefined]))} clearable w={240} />
      </Group>
      <QueryState query={query} loading="Loading requests…">
        {(page) =>
          page.value.length === 0 ? (
            <EmptyState title="No requests match" />
          ) : (
            <>
              <Table.ScrollContainer minWidth={640}>
                <Table striped highlightOnHover>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Access package</Table.Th>
                      <Table.Th>For</Table.Th>
                      <Table.Th>Type</Table.Th>
                      <Table.Th>State</Table.Th>
                      <Table.Th>Created</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {page.value.map((request) => (
                      <Table.Tr key={request.id}>
                        <Table.Td>
                          <Link to={`/admin/requests/${request.id}`}>{request.accessPackage?.displayName ?? request.id}</Link>
                        </Table.Td>
                        <Table.Td>{request.assignment?.target?.displayName ?? '—'}</Table.Td>
                        <Table.Td>{describeRequestType(request.requestType)}</Table.Td>
                        <Table.Td>
                          <StateBadge state={request.state} />
                        </Table.Td>
                        <Table.Td>{formatDateTime(request.createdDateTime)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <PageButtons pages={pages} setPages={setPages} next={nextSkipToken(page)} mt="sm" />
            </>
          )
        }
      </QueryState>
    </>
  );
}
