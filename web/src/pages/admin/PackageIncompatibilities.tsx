import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { AccessPackage, Collection } from '../../api/graph';
import { DirectoryPicker } from '../../components/DirectoryPicker';
import { ErrorAlert, QueryState } from '../../components/QueryState';
import { directorySearch, packageSearch } from './directory-search';

const packages = '/v1.0/identityGovernance/entitlementManagement/accessPackages';
type Named = { id: string; displayName: string };

/** The two kinds of separation of duties Graph has: other packages, and groups. */
const relations = {
  packages: {
    noun: 'access package',
    list: (id: string) => unwrap<Collection<Named>>(api.GET(`${packages}/{id}/incompatibleAccessPackages`, { params: { path: { id } } })),
    add: (id: string, otherId: string) => unwrap(api.POST(`${packages}/{id}/incompatibleAccessPackages/$ref`, { params: { path: { id } }, body: { '@odata.id': `${window.location.origin}${packages}/${otherId}` } })),
    remove: (id: string, otherId: string) => unwrap(api.DELETE(`${packages}/{id}/incompatibleAccessPackages/{otherId}/$ref`, { params: { path: { id, otherId } } })),
    search: packageSearch,
  },
  groups: {
    noun: 'group',
    list: (id: string) => unwrap<Collection<Named>>(api.GET(`${packages}/{id}/incompatibleGroups`, { params: { path: { id } } })),
    add: (id: string, groupId: string) => unwrap(api.POST(`${packages}/{id}/incompatibleGroups/$ref`, { params: { path: { id } }, body: { '@odata.id': `${window.location.origin}/v1.0/groups/${groupId}` } })),
    remove: (id: string, groupId: string) => unwrap(api.DELETE(`${packages}/{id}/incompatibleGroups/{groupId}/$ref`, { params: { path: { id, groupId } } })),
    search: directorySearch.groups,
  },
};

/**
 * Separation of duties: someone who holds one of these packages, or is in one of these groups,
 * cannot request or be given this package. Each can be removed, and another added.
 */
export function PackageIncompatibilities({ accessPackage }: { accessPackage: AccessPackage }) {
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        Someone who holds one of these packages, or is a member of one of these groups, cannot request or be given {accessPackage.displayName}.
      </Text>
      <IncompatibleList accessPackage={accessPackage} kind="packages" />
      <IncompatibleList accessPackage={accessPackage} kind="groups" />
    </Stack>
  );
}

function IncompatibleList({ accessPackage, kind }: { accessPackage: AccessPackage; kind: keyof typeof relations }) {
  const relation = relations[kind];
  const queryClient = useQueryClient();
  const key = ['admin', 'incompatible', kind, accessPackage.id];
  const list = useQuery({ queryKey: key, queryFn: () => relation.list(accessPackage.id).then((page) => page.value) });
  const [otherId, setOtherId] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const add = useMutation({
    mutationFn: () => relation.add(accessPackage.id, otherId!),
    onSuccess: async () => {
      setOtherId(null);
      await refresh();
    },
  });
  const remove = useMutation({ mutationFn: (id: string) => relation.remove(accessPackage.id, id), onSuccess: refresh });
  return (
    <Stack gap="xs">
      <QueryState query={list} loading={`Loading incompatible ${relation.noun}s…`}>
        {(items) =>
          items.length === 0 ? (
            <Text size="sm">No incompatible {relation.noun}s.</Text>
          ) : (
            <Table striped aria-label={`Incompatible ${relation.noun}s`}>
              <Table.Tbody>
                {items.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td>{item.displayName}</Table.Td>
                    <Table.Td>
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove.mutate(item.id)} disabled={remove.isPending} aria-label={`Remove ${item.displayName} from the incompatible ${relation.noun}s`}>
                        Remove
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryState>
      <Group align="flex-end">
        <DirectoryPicker label={`Add an incompatible ${relation.noun}`} search={(text) => relation.search(text).then((options) => options.filter((option) => option.id !== accessPackage.id))} value={otherId} onChange={setOtherId} w={360} />
        <Button onClick={() => add.mutate()} disabled={!otherId} loading={add.isPending}>
          Add
        </Button>
      </Group>
      <ErrorAlert error={add.error ?? remove.error} />
    </Stack>
  );
}

