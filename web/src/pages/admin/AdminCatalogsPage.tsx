import { Accordion, Badge, Button, Group, Modal, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { notify } from '../../components/notify';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { Catalog } from '../../api/graph';
import { PageHeader } from '../../components/Layout';
import { EmptyState, ErrorAlert, Loading, QueryState } from '../../components/QueryState';
import { catalogs, packagesOf } from './admin-queries';
import { PackagesTable } from './PackagesTable';

/** Catalogs the administrator may read, each with its packages; a catalog can be created and (un)published. */
export function AdminCatalogsPage() {
  const query = useQuery({ queryKey: ['admin', 'catalogs'], queryFn: catalogs });
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader title="Catalogs and packages" lead="A catalog holds resources and the access packages made of them. People can request packages of published catalogs only." actions={<Button onClick={() => setCreating(true)}>New catalog</Button>} />
      <QueryState query={query} loading="Loading catalogs…">
        {(list) =>
          list.length === 0 ? (
            <EmptyState title="No catalogs yet">Create a catalog, add resources to it, then build access packages from them.</EmptyState>
          ) : (
            <Accordion variant="separated" multiple defaultValue={list.slice(0, 1).map((c) => c.id)}>
              {list.map((catalog) => (
                <CatalogItem key={catalog.id} catalog={catalog} />
              ))}
            </Accordion>
          )
        }
      </QueryState>
      <CreateCatalogDialog opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function CatalogItem({ catalog }: { catalog: Catalog }) {
  const queryClient = useQueryClient();
  const packages = useQuery({ queryKey: ['admin', 'catalog-packages', catalog.id], queryFn: () => packagesOf(catalog.id) });
  const publish = useMutation({
    mutationFn: (published: boolean) => unwrap(api.PATCH('/v1.0/identityGovernance/entitlementManagement/catalogs/{id}', { params: { path: { id: catalog.id } }, body: { state: published ? 'published' : 'unpublished' } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'catalogs'] }),
  });
  return (
    <Accordion.Item value={catalog.id}>
      <Accordion.Control>
        <Group gap="xs">
          <Text fw={600}>{catalog.displayName}</Text>
          <Badge variant="light" color={catalog.state === 'published' ? 'green' : 'gray'}>
            {catalog.state === 'published' ? 'Published' : 'Unpublished'}
          </Badge>
          {catalog.isExternallyVisible ? <Badge variant="outline">Visible to external users</Badge> : null}
        </Group>
      </Accordion.Control>
      <Accordion.Panel>
        <Stack>
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {catalog.description || 'No description.'}
            </Text>
            <Button size="xs" variant="light" component={Link} to={`/admin/catalogs/${catalog.id}`}>
              Open {catalog.displayName}
            </Button>
          </Group>
          <Switch label="Published: its packages can be requested" checked={catalog.state === 'published'} onChange={(event) => publish.mutate(event.currentTarget.checked)} disabled={publish.isPending} />
          <ErrorAlert error={publish.error} />
          {packages.isPending ? <Loading label="Loading packages…" /> : null}
          <ErrorAlert error={packages.error} />
          {packages.data && packages.data.length === 0 ? <Text size="sm">No access packages in this catalog yet.</Text> : null}
          {packages.data && packages.data.length > 0 ? <PackagesTable packages={packages.data} /> : null}
        </Stack>
      </Accordion.Panel>
    </Accordion.Item>
  );
}

function CreateCatalogDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [displayName, setDisplayName] = useState('');
  const [description, setDescription] = useState('');
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/v1.0/identityGovernance/entitlementManagement/catalogs', { body: { displayName: displayName.trim(), description: description.trim() || null, state: 'unpublished' } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['admin', 'catalogs'] });
      notify({ color: 'green', title: 'Catalog created', message: `${displayName.trim()} is unpublished until you publish it.` });
      setDisplayName('');
      setDescription('');
      onClose();
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title="New catalog">
      <Stack component="form" onSubmit={(event) => (event.preventDefault(), create.mutate())}>
        <TextInput label="Name" withAsterisk value={displayName} onChange={(event) => setDisplayName(event.currentTarget.value)} maxLength={256} error={displayName.trim() === '' && create.isError ? 'Give the catalog a name.' : undefined} data-autofocus />
        <Textarea label="Description" value={description} onChange={(event) => setDescription(event.currentTarget.value)} maxLength={1024} />
        <ErrorAlert error={create.error} title="The catalog was not created" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending} disabled={displayName.trim() === ''}>
            Create
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
