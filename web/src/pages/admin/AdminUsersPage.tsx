import { Table, Tabs, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { Collection } from '../../api/graph';
import { PageHeader } from '../../components/Layout';
import { EmptyState, QueryState } from '../../components/QueryState';
import { odataString } from './admin-queries';

type User = { id: string; displayName: string; userPrincipalName: string; department: string | null; jobTitle: string | null; userType: string; accountEnabled: boolean };
type Group = { id: string; displayName: string; description: string | null; groupTypes: string[]; membershipRule: string | null };

/** The directory: people and groups, searchable by the start of a name. */
export function AdminUsersPage() {
  const [search, setSearch] = useState('');
  const text = useDeferredValue(search.trim());
  const users = useQuery({
    queryKey: ['admin', 'users', text],
    queryFn: () => unwrap<Collection<User>>(api.GET('/v1.0/users', { params: { query: { $top: '50', ...(text ? { $filter: `startswith(displayName,${odataString(text)}) or startswith(userPrincipalName,${odataString(text)})` } : {}) } } })),
    placeholderData: keepPreviousData,
  });
  const groups = useQuery({
    queryKey: ['admin', 'groups', text],
    queryFn: () => unwrap<Collection<Group>>(api.GET('/v1.0/groups', { params: { query: { $top: '50', ...(text ? { $filter: `startswith(displayName,${odataString(text)})` } : {}) } } })),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader title="Users and groups" />
      <TextInput type="search" label="Search by name" value={search} onChange={(event) => setSearch(event.currentTarget.value)} maw={420} mb="md" maxLength={200} />
      <Tabs defaultValue="users">
        <Tabs.List mb="md">
          <Tabs.Tab value="users">Users</Tabs.Tab>
          <Tabs.Tab value="groups">Groups</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="users">
          <QueryState query={users} loading="Loading users…">
            {(page) =>
              page.value.length === 0 ? (
                <EmptyState title="No one matches" />
              ) : (
                <Table.ScrollContainer minWidth={640}>
                  <Table striped>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Name</Table.Th>
                        <Table.Th>User principal name</Table.Th>
                        <Table.Th>Department</Table.Th>
                        <Table.Th>Job title</Table.Th>
                        <Table.Th>Type</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {page.value.map((user) => (
                        <Table.Tr key={user.id}>
                          <Table.Td>{user.displayName}{user.accountEnabled ? '' : ' (disabled)'}</Table.Td>
                          <Table.Td>{user.userPrincipalName}</Table.Td>
                          <Table.Td>{user.department}</Table.Td>
                          <Table.Td>{user.jobTitle}</Table.Td>
                          <Table.Td>{user.userType}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )
            }
          </QueryState>
        </Tabs.Panel>
        <Tabs.Panel value="groups">
          <QueryState query={groups} loading="Loading groups…">
            {(page) =>
              page.value.length === 0 ? (
                <EmptyState title="No group matches" />
              ) : (
                <Table.ScrollContainer minWidth={560}>
                  <Table striped>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Name</Table.Th>
                        <Table.Th>Description</Table.Th>
                        <Table.Th>Membership</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {page.value.map((group) => (
                        <Table.Tr key={group.id}>
                          <Table.Td>{group.displayName}</Table.Td>
                          <Table.Td>{group.description}</Table.Td>
                          <Table.Td>{group.membershipRule ? `Dynamic: ${group.membershipRule}` : 'Assigned'}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )
            }
          </QueryState>
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
