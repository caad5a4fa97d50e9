import { Button, Group, Select, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { AccessPackage, Collection } from '../../api/graph';
import { EmptyState, ErrorAlert, QueryState } from '../../components/QueryState';
import { odataString } from './admin-queries';

const packages = '/v1.0/identityGovernance/entitlementManagement/accessPackages';

/**
 * Separation of duties: packages someone holding this one may not also hold (and request), each
 * removable, and another package of any catalog the administrator reads to add.
 */
export function PackageIncompatibilities({ accessPackage }: { accessPackage: AccessPackage }) {
  const queryClient = useQueryClient();
  const key = ['admin', 'incompatible', accessPackage.id];
  const incompatible = useQuery({ queryKey: key, queryFn: () => unwrap<Collection<AccessPackage>>(api.GET(`${packages}/{id}/incompatibleAccessPackages`, { params: { path: { id: accessPackage.id } } })).then((page) => page.value) });
  const [search, setSearch] = useState('');
  const candidates = useQuery({
    queryKey: ['admin', 'package-search', search],
    queryFn: () => unwrap<Collection<AccessPackage>>(api.GET(packages, { params: { query: { $top: '20', ...(search.trim() ? { $filter: `startswith(displayName,${odataString(search.trim())})` } : {}) } } })).then((page) => page.value),
  });
  const [otherId, setOtherId] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const add = useMutation({
    mutationFn: () => unwrap(api.POST(`${packages}/{id}/incompatibleAccessPackages/$ref`, { params: { path: { id: accessPackage.id } }, body: { '@odata.id': `${window.location.origin}/v1.0/identityGovernance/entitlementManagement/accessPackages/${otherId}` } })),
    onSuccess: async () => {
      setOtherId(null);
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE(`${packages}/{id}/incompatibleAccessPackages/{otherId}/$ref`, { params: { path: { id: accessPackage.id, otherId: id } } })),
    onSuccess: refresh,
  });
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        Someone who holds one of these cannot request or be given {accessPackage.displayName}, and the other way round.
      </Text>
      <QueryState query={incompatible} loading="Loading incompatible packages…">
        {(list) =>
          list.length === 0 ? (
            <EmptyState title="No incompatible packages" />
          ) : (
            <Table striped>
              <Table.Tbody>
                {list.map((other) => (
                  <Table.Tr key={other.id}>
                    <Table.Td>{other.displayName}</Table.Td>
                    <Table.Td>
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove.mutate(other.id)} aria-label={`Make ${other.displayName} compatible again`}>
                        Remove
                      </Button>
                      <VisuallyHidden>from the incompatible packages</VisuallyHidden>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryState>
      <Group align="flex-end">
        <Select
          label="Add an incompatible package"
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options }) => options}
          data={(candidates.data ?? []).filter((other) => other.id !== accessPackage.id).map((other) => ({ value: other.id, label: other.displayName }))}
          value={otherId}
          onChange={setOtherId}
          nothingFoundMessage="No package matches"
          w={360}
        />
        <Button onClick={() => add.mutate()} disabled={!otherId} loading={add.isPending}>
          Add
        </Button>
      </Group>
      <ErrorAlert error={add.error ?? remove.error} />
    </Stack>
  );
}
