import { Badge, Button, Group, Modal, Paper, Select, Stack, Switch, Table, Tabs, Text, TextInput, Textarea, VisuallyHidden } from '@mantine/core';
import { notify } from '../../components/notify';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { Catalog } from '../../api/graph';
import { DirectoryPicker } from '../../components/DirectoryPicker';
import { PageHeader } from '../../components/Layout';
import { EmptyState, ErrorAlert, QueryState } from '../../components/QueryState';
import { packagesOf } from './admin-queries';
import { PackagesTable } from './PackagesTable';
import { catalogRoleHolders, catalogRoleNames, catalogScope, oneCatalog, resourcesOf } from './catalog-queries';
import { directorySearch } from './directory-search';

const entitlement = '/v1.0/identityGovernance/entitlementManagement';

/** One catalog: its access packages (and a new one), its resources (and adding a group), and who manages it. */
export function AdminCatalogPage() {
  const { id = '' } = useParams();
  const catalog = useQuery({ queryKey: ['admin', 'catalog', id], queryFn: () => oneCatalog(id) });
  return (
    <QueryState query={catalog} loading="Loading the catalog…">
      {(found) => (
        <>
          <PageHeader title={found.displayName} lead={found.description} actions={<Badge variant="light" color={found.state === 'published' ? 'green' : 'gray'}>{found.state === 'published' ? 'Published' : 'Unpublished'}</Badge>} />
          <ExternalUsersSwitch catalog={found} />
          <Tabs defaultValue="packages">
            <Tabs.List mb="md">
              <Tabs.Tab value="packages">Access packages</Tabs.Tab>
              <Tabs.Tab value="resources">Resources</Tabs.Tab>
              <Tabs.Tab value="roles">Owners and managers</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="packages">
              <PackagesTab catalogId={id} />
            </Tabs.Panel>
            <Tabs.Panel value="resources">
              <ResourcesTab catalogId={id} />
            </Tabs.Panel>
            <Tabs.Panel value="roles">
              <RolesTab catalogId={id} />
            </Tabs.Panel>
          </Tabs>
        </>
      )}
    </QueryState>
  );
}

/**
 * Entra's "Enabled for external users": only then may the catalog's policies let people outside
 * the organisation request (connected organizations, all external users). The server refuses to
 * turn it off while such a policy remains, naming the policies; that refusal is shown as it is.
 */
function ExternalUsersSwitch({ catalog }: { catalog: Catalog }) {
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (isExternallyVisible: boolean) => unwrap(api.PATCH(`${entitlement}/catalogs/{id}`, { params: { path: { id: catalog.id } }, body: { isExternallyVisible } })),
    onSuccess: async (_result, isExternallyVisible) => {
      await queryClient.invalidateQueries({ queryKey: ['admin', 'catalog', catalog.id] });
      await queryClient.invalidateQueries({ queryKey: ['admin', 'catalogs'] });
      notify({ color: 'green', title: isExternallyVisible ? 'Enabled for external users' : 'No longer enabled for external users', message: catalog.displayName });
    },
  });
  return (
    <Paper withBorder p="md" mb="md">
      {/* The explanation beside the switch rather than in its label, so that its name stays short. */}
      <Switch label="Enabled for external users" aria-describedby="external-users-explained" checked={catalog.isExternallyVisible} onChange={(event) => change.mutate(event.currentTarget.checked)} disabled={change.isPending} />
      <Text id="external-users-explained" size="xs" c="dimmed" mt={4}>
        People outside the organisation may request this catalog's packages, under policies for connected organizations or all external users.
      </Text>
      {change.error ? (
        <Stack mt="sm">
          <ErrorAlert error={change.error} title="Not changed" />
        </Stack>
      ) : null}
    </Paper>
  );
}

function PackagesTab({ catalogId }: { catalogId: string }) {
  const packages = useQuery({ queryKey: ['admin', 'catalog-packages', catalogId], queryFn: () => packagesOf(catalogId) });
  const [creating, setCreating] = useState(false);
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Text fw={600}>Access packages</Text>
        <Button size="xs" onClick={() => setCreating(true)}>
          New access package
        </Button>
      </Group>
      <QueryState query={packages} loading="Loading packages…">
        {(list) =>
          list.length === 0 ? (
            <EmptyState title="No access packages yet">Make one, add resource roles to it, then a policy saying who may request it.</EmptyState>
          ) : (
            <PackagesTable packages={list} />
          )
        }
      </QueryState>
      <NewPackageDialog catalogId={catalogId} opened={creating} onClose={() => setCreating(false)} />
    </Paper>
  );
}

function NewPackageDialog({ catalogId, opened, onClose }: { catalogId: string; opened: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  const [displayName, setDisplayName] = useState('');
  const [description, setDescription] = useState('');
  const [isHidden, setHidden] = useState(false);
  const create = useMutation({
    mutationFn: () => unwrap<{ id: string }>(api.POST(`${entitlement}/accessPackages`, { body: { displayName: displayName.trim(), description: description.trim() || null, isHidden, catalog: { id: catalogId } } })),
    onSuccess: (created) => {
      notify({ color: 'green', title: 'Access package created', message: 'Add its resource roles and a policy next.' });
      navigate(`/admin/access-packages/${created.id}`);
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title="New access package">
      <Stack component="form" onSubmit={(event) => (event.preventDefault(), create.mutate())}>
        <TextInput label="Name" withAsterisk value={displayName} onChange={(event) => setDisplayName(event.currentTarget.value)} maxLength={256} data-autofocus />
        <Textarea label="Description" description="Requesters read it to decide whether this is what they need." value={description} onChange={(event) => setDescription(event.currentTarget.value)} maxLength={1024} />
        <Switch label="Hidden: offered only through a direct link" checked={isHidden} onChange={(event) => setHidden(event.currentTarget.checked)} />
        <ErrorAlert error={create.error} title="The access package was not created" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={displayName.trim() === ''} loading={create.isPending}>
            Create
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ResourcesTab({ catalogId }: { catalogId: string }) {
  const queryClient = useQueryClient();
  const resources = useQuery({ queryKey: ['admin', 'catalog-resources', catalogId], queryFn: () => resourcesOf(catalogId) });
  const [groupId, setGroupId] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: () => unwrap(api.POST(`${entitlement}/resourceRequests`, { body: { requestType: 'adminAdd', catalog: { id: catalogId }, resource: { originId: groupId!, originSystem: 'AadGroup' } } })),
    onSuccess: async () => {
      setGroupId(null);
      await queryClient.invalidateQueries({ queryKey: ['admin', 'catalog-resources', catalogId] });
      notify({ color: 'green', title: 'Resource added', message: 'Its roles can now go into the catalog’s access packages.' });
    },
  });
  return (
    <Paper withBorder p="md">
      <Stack>
        <Group align="flex-end">
          <DirectoryPicker label="Add a group" placeholder="Type a group's name" search={directorySearch.groups} value={groupId} onChange={setGroupId} />
          <Button onClick={() => add.mutate()} disabled={!groupId} loading={add.isPending}>
            Add to catalog
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          Resources of connected systems (databases, directories, applications) are added from the connected system.
        </Text>
        <ErrorAlert error={add.error} title="The resource was not added" />
        <QueryState query={resources} loading="Loading resources…">
          {(list) =>
            list.length === 0 ? (
              <EmptyState title="No resources yet">Add the groups and applications this catalog's packages are made of.</EmptyState>
            ) : (
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Resource</Table.Th>
                    <Table.Th>Kind</Table.Th>
                    <Table.Th>Roles</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((resource) => (
                    <Table.Tr key={resource.id}>
                      <Table.Td>
                        {resource.displayName}
                        <Text size="xs" c="dimmed">
                          {resource.description}
                        </Text>
                      </Table.Td>
                      <Table.Td>{resource.originSystem === 'AadGroup' ? 'Group' : resource.originSystem}</Table.Td>
                      <Table.Td>{(resource.roles ?? []).map((role) => role.displayName).join(', ')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )
          }
        </QueryState>
      </Stack>
    </Paper>
  );
}

function RolesTab({ catalogId }: { catalogId: string }) {
  const queryClient = useQueryClient();
  const holders = useQuery({ queryKey: ['admin', 'catalog-roles', catalogId], queryFn: () => catalogRoleHolders(catalogId) });
  const [userId, setUserId] = useState<string | null>(null);
  const [roleId, setRoleId] = useState<string | null>(Object.keys(catalogRoleNames)[0]!);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin', 'catalog-roles', catalogId] });
  const add = useMutation({
    mutationFn: () => unwrap(api.POST('/v1.0/roleManagement/entitlementManagement/roleAssignments', { body: { principalId: userId!, roleDefinitionId: roleId!, appScopeId: catalogScope(catalogId) } })),
    onSuccess: async () => {
      setUserId(null);
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (assignmentId: string) => unwrap(api.DELETE('/v1.0/roleManagement/entitlementManagement/roleAssignments/{id}', { params: { path: { id: assignmentId } } })),
    onSuccess: refresh,
  });
  return (
    <Paper withBorder p="md">
      <Stack>
        <Group align="flex-end" wrap="wrap">
          <DirectoryPicker label="Person" search={directorySearch.users} value={userId} onChange={setUserId} />
          <Select label="Role" data={Object.entries(catalogRoleNames).map(([value, label]) => ({ value, label }))} value={roleId} onChange={setRoleId} allowDeselect={false} w={280} />
          <Button onClick={() => add.mutate()} disabled={!userId || !roleId} loading={add.isPending}>
            Give the role
          </Button>
        </Group>
        <ErrorAlert error={add.error ?? remove.error} />
        <QueryState query={holders} loading="Loading who manages this catalog…">
          {(list) =>
            list.length === 0 ? (
              <EmptyState title="No one holds a role in this catalog">Governance administrators manage every catalog.</EmptyState>
            ) : (
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Who</Table.Th>
                    <Table.Th>Role</Table.Th>
                    <Table.Th>
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((holder) => (
                    <Table.Tr key={holder.id}>
                      <Table.Td>{holder.displayName}</Table.Td>
                      <Table.Td>{catalogRoleNames[holder.roleDefinitionId] ?? holder.roleDefinitionId}</Table.Td>
                      <Table.Td>
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove.mutate(holder.id)} disabled={remove.isPending} aria-label={`Take ${catalogRoleNames[holder.roleDefinitionId] ?? 'the role'} from ${holder.displayName}`}>
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
      </Stack>
    </Paper>
  );
}
