import { Button, Group, Select, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { AccessPackage } from '../../api/graph';
import { EmptyState, ErrorAlert } from '../../components/QueryState';
import { resourcesOf } from './catalog-queries';

const packages = '/v1.0/identityGovernance/entitlementManagement/accessPackages';

/** What a package gives: its resource roles, with a role of one of the catalog's resources to add, and each to remove. */
export function PackageResourceRoles({ accessPackage }: { accessPackage: AccessPackage }) {
  const queryClient = useQueryClient();
  const catalogId = accessPackage.catalog?.id ?? '';
  const resources = useQuery({ queryKey: ['admin', 'catalog-resources', catalogId], queryFn: () => resourcesOf(catalogId), enabled: catalogId !== '' });
  const [roleId, setRoleId] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['access-package', accessPackage.id] });
  const choices = (resources.data ?? []).flatMap((resource) => (resource.roles ?? []).map((role) => ({ resource, role })));
  const add = useMutation({
    mutationFn: () => {
      const { resource, role } = choices.find((choice) => choice.role.id === roleId)!;
      return unwrap(
        api.POST(`${packages}/{id}/resourceRoleScopes`, {
          params: { path: { id: accessPackage.id } },
          body: { role: { originId: role.originId, originSystem: role.originSystem, resource: { id: resource.id } }, scope: { originId: resource.originId, originSystem: resource.originSystem } },
        }),
      );
    },
    onSuccess: async () => {
      setRoleId(null);
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (roleScopeId: string) => unwrap(api.DELETE(`${packages}/{id}/resourceRoleScopes/{roleScopeId}`, { params: { path: { id: accessPackage.id, roleScopeId } } })),
    onSuccess: refresh,
  });
  const scopes = accessPackage.resourceRoleScopes ?? [];
  return (
    <Stack>
      {scopes.length === 0 ? (
        <EmptyState title="No resource roles yet">Add the roles this package gives; people who hold it get each of them.</EmptyState>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Role</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {scopes.map((scope) => {
              const role = scope.role as { description?: string | null; displayName: string | null } | undefined;
              const name = role?.description || role?.displayName || scope.id;
              return (
                <Table.Tr key={scope.id}>
                  <Table.Td>{name}</Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove.mutate(scope.id)} disabled={remove.isPending} aria-label={`Remove ${name} from the package`}>
                      Remove
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <Group align="flex-end">
        <Select
          label="Add a resource role"
          placeholder={resources.isPending ? 'Loading the catalog’s resources…' : 'Choose a role'}
          searchable
          data={choices.map(({ resource, role }) => ({ value: role.id, label: role.description || `${role.displayName} of ${resource.displayName}` }))}
          value={roleId}
          onChange={setRoleId}
          nothingFoundMessage="Add resources to the catalog first"
          w={360}
        />
        <Button onClick={() => add.mutate()} disabled={!roleId} loading={add.isPending}>
          Add role
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        People who already hold the package get a role added here; a role removed is taken from them.
      </Text>
      <ErrorAlert error={add.error ?? remove.error} />
    </Stack>
  );
}
