import { Alert, Button, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { ConnectedOrganization } from '../../api/graph';
import { useSession } from '../../api/session';
import { formatDateTime } from '../../components/formatting';
import { PageHeader } from '../../components/Layout';
import { notify } from '../../components/notify';
import { ErrorAlert, QueryState } from '../../components/QueryState';
import { StateBadge } from '../../components/StateBadge';
import { deleteOrganization, guestSearch, oneOrganization, organizationKeys, updateOrganization } from '../../features/connected-organizations/connected-organization-api';
import { ConnectedOrganizationForm } from '../../features/connected-organizations/ConnectedOrganizationForm';
import { organizationBody, organizationFormFrom } from '../../features/connected-organizations/organization-form';
import { SponsorList } from '../../features/connected-organizations/SponsorList';
import { directorySearch } from './directory-search';

const externalSearch = { users: guestSearch, groups: directorySearch.groups };

/** One connected organization: its details (edited in place), its review when proposed, deleting it, and its two sponsor lists. */
export function AdminConnectedOrganizationPage() {
  const { id = '' } = useParams();
  const editable = useSession().adminCenter.canManage.connectedOrganizations;
  const organization = useQuery({ queryKey: organizationKeys.one(id), queryFn: () => oneOrganization(id) });
  return (
    <QueryState query={organization} loading="Loading the connected organization…">
      {(found) => (
        <>
          <OrganizationDetails organization={found} editable={editable} />
          <SimpleGrid cols={{ base: 1, lg: 2 }} mt="md">
            <SponsorList organizationId={found.id} kind="internalSponsors" editable={editable} search={directorySearch} />
            <SponsorList organizationId={found.id} kind="externalSponsors" editable={editable} search={externalSearch} />
          </SimpleGrid>
        </>
      )}
    </QueryState>
  );
}

function OrganizationDetails({ organization, editable }: { organization: ConnectedOrganization; editable: boolean }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: organizationKeys.all });
  const configure = useMutation({
    mutationFn: () => updateOrganization(organization.id, { state: 'configured' }),
    onSuccess: async () => {
      await refresh();
      notify({ color: 'green', title: 'Marked as configured', message: `${organization.displayName}'s people may now request what is offered to every configured connected organization.` });
    },
  });
  const proposed = organization.state === 'proposed';
  return (
    <>
      <PageHeader
        title={organization.displayName}
        lead={organization.description}
        actions={
          <Group gap="xs">
            <StateBadge state={organization.state} />
            {editable && !editing ? (
              <>
                {proposed ? (
                  <Button onClick={() => configure.mutate()} loading={configure.isPending}>
                    Mark as configured
                  </Button>
                ) : null}
                <Button variant="default" onClick={() => setEditing(true)}>
                  Edit
                </Button>
                <Button variant="light" color="red" onClick={() => setDeleting(true)}>
                  Delete
                </Button>
              </>
            ) : null}
          </Group>
        }
      />
      {proposed ? (
        // The title in the text colour: orange on its own tint is too faint to read (3.6:1).
        <Alert color="orange" title="Needs review" mb="md" styles={{ title: { color: 'var(--mantine-color-text)' } }}>
          Tessera proposed this organization when a request from one of its domains was approved under a policy for all external users. Check its name and domains{editable ? ', then mark it as configured' : ''}: until then its people are not among every configured connected organization.
        </Alert>
      ) : null}
      <ErrorAlert error={configure.error} title="Not marked as configured" />
      {editing ? (
        <ConnectedOrganizationForm
          initial={organizationFormFrom(organization)}
          onSave={async (form) => {
            await updateOrganization(organization.id, organizationBody(form));
            await refresh();
            notify({ color: 'green', title: 'Connected organization saved', message: form.displayName.trim() });
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <Paper withBorder p="md" component="section" aria-labelledby="organization-domains">
          <Title order={3} size="h4" id="organization-domains" mb="xs">
            E-mail domains
          </Title>
          <Table aria-labelledby="organization-domains">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Domain</Table.Th>
                <Table.Th>OpenID provider issuer</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {organization.identitySources.map((source) => (
                <Table.Tr key={source.domainName}>
                  <Table.Td>{source.domainName}</Table.Td>
                  <Table.Td>{source['@odata.type'] === '#microsoft.graph.externalDomainFederation' ? source.issuerUri : 'None: known by the e-mail domain only'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="xs" c="dimmed" mt="sm">
            Added {formatDateTime(organization.createdDateTime)} · last changed {formatDateTime(organization.modifiedDateTime)}
          </Text>
        </Paper>
      )}
      <DeleteDialog organization={organization} opened={deleting} onClose={() => setDeleting(false)} />
    </>
  );
}

function DeleteDialog({ organization, opened, onClose }: { organization: ConnectedOrganization; opened: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => deleteOrganization(organization.id),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: organizationKeys.one(organization.id) });
      await queryClient.invalidateQueries({ queryKey: organizationKeys.all });
      notify({ color: 'green', title: 'Connected organization deleted', message: organization.displayName });
      navigate('/admin/connected-organizations');
    },
  });
  const close = () => (remove.reset(), onClose());
  return (
    <Modal opened={opened} onClose={close} title={`Delete ${organization.displayName}?`}>
      <Stack>
        <Text size="sm">Its domains are freed and its sponsors let go; the audit log keeps its history. A policy that names it must be changed first, and Tessera says which.</Text>
        {/* The server's refusal as it is: it names the policies that still name the organization. */}
        <ErrorAlert error={remove.error} title="Not deleted" />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          {/* red.9: white on Mantine's red (shade 7) is 3.8:1, too faint. */}
          <Button color="red.9" onClick={() => remove.mutate()} loading={remove.isPending}>
            Delete organization
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
