import { Button, Group, Paper, Select, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Sponsor } from '../../api/graph';
import { DirectoryPicker, type DirectoryOption } from '../../components/DirectoryPicker';
import { notify } from '../../components/notify';
import { EmptyState, ErrorAlert, QueryState } from '../../components/QueryState';
import { addSponsor, organizationKeys, removeSponsor, sponsorsOf, type SponsorKind } from './connected-organization-api';

type Search = (text: string) => Promise<DirectoryOption[]>;

const texts: Record<SponsorKind, { title: string; lead: string; people: string }> = {
  internalSponsors: {
    title: 'Internal sponsors',
    lead: 'People and groups in your organization who answer for this partner. An approval stage of a policy can name them as its approvers (“Internal sponsors”).',
    people: 'Person',
  },
  externalSponsors: {
    title: 'External sponsors',
    lead: 'People at the partner, guests in your directory, who vouch for their colleagues. An approval stage of a policy can name them as its approvers (“External sponsors”).',
    people: 'Guest',
  },
};

const sponsorDetail = (sponsor: Sponsor) => (sponsor['@odata.type'] === '#microsoft.graph.group' ? 'Group' : `${sponsor.userType === 'Guest' ? 'Guest' : 'Person'} · ${sponsor.mail ?? sponsor.userPrincipalName}`);

/** One of a connected organization's two sponsor lists: who is on it, adding someone found in the directory, removing. */
export function SponsorList({ organizationId, kind, editable, search }: { organizationId: string; kind: SponsorKind; editable: boolean; search: { users: Search; groups: Search } }) {
  const queryClient = useQueryClient();
  const text = texts[kind];
  const key = organizationKeys.sponsors(organizationId, kind);
  const sponsors = useQuery({ queryKey: key, queryFn: () => sponsorsOf(organizationId, kind) });
  const [type, setType] = useState<'user' | 'group'>('user');
  const [picked, setPicked] = useState<DirectoryOption | null>(null);
  const add = useMutation({
    mutationFn: (sponsor: DirectoryOption) => addSponsor(organizationId, kind, { id: sponsor.id, type }),
    onSuccess: async (_result, sponsor) => {
      setPicked(null);
      await queryClient.invalidateQueries({ queryKey: key });
      notify({ color: 'green', title: `Added to ${text.title.toLowerCase()}`, message: sponsor.label });
    },
  });
  const remove = useMutation({
    mutationFn: (sponsor: Sponsor) => removeSponsor(organizationId, kind, sponsor.id),
    onSuccess: async (_result, sponsor) => {
      await queryClient.invalidateQueries({ queryKey: key });
      notify({ color: 'green', title: `Removed from ${text.title.toLowerCase()}`, message: sponsor.displayName });
    },
  });
  const headingId = `${kind}-heading`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack>
        <div>
          <Title order={3} size="h4" id={headingId}>
            {text.title}
          </Title>
          <Text size="sm" c="dimmed" mt={4}>
            {text.lead}
          </Text>
        </div>
        <QueryState query={sponsors} loading={`Loading ${text.title.toLowerCase()}…`}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState title={`No ${text.title.toLowerCase()}`} />
            ) : (
              <Table striped aria-labelledby={headingId}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Who</Table.Th>
                    {editable ? (
                      <Table.Th>
                        <VisuallyHidden>Actions</VisuallyHidden>
                      </Table.Th>
                    ) : null}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((sponsor) => (
                    <Table.Tr key={sponsor.id} data-testid="sponsor">
                      <Table.Td>{sponsor.displayName}</Table.Td>
                      <Table.Td>{sponsorDetail(sponsor)}</Table.Td>
                      {editable ? (
                        <Table.Td>
                          <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove.mutate(sponsor)} disabled={remove.isPending} aria-label={`Remove ${sponsor.displayName} from ${text.title.toLowerCase()}`}>
                            Remove
                          </Button>
                        </Table.Td>
                      ) : null}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )
          }
        </QueryState>
        <ErrorAlert error={remove.error} title="Not removed" />
        {editable ? (
          <>
            <Group align="flex-end" wrap="wrap" gap="xs">
              <Select
                label="Kind of sponsor"
                data={[
                  { value: 'user', label: text.people === 'Guest' ? 'A guest' : 'A person' },
                  { value: 'group', label: 'A group' },
                ]}
                value={type}
                onChange={(next) => next && (setType(next as 'user' | 'group'), setPicked(null))}
                allowDeselect={false}
                w={160}
              />
              <DirectoryPicker key={type} label={type === 'user' ? text.people : 'Group'} search={type === 'user' ? search.users : search.groups} value={picked?.id ?? null} onChange={(_id, option) => setPicked(option ?? null)} w={300} />
              <Button variant="light" onClick={() => picked && add.mutate(picked)} disabled={!picked} loading={add.isPending}>
                Add to {text.title.toLowerCase()}
              </Button>
            </Group>
            <ErrorAlert error={add.error} title="Not added" />
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}
