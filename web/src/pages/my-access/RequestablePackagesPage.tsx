import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { Link } from 'react-router';
import type { AccessPackage } from '../../api/graph';
import { keys, requestablePackages } from '../../api/queries';
import { PageHeader } from '../../components/Layout';
import { EmptyState, QueryState } from '../../components/QueryState';
import { matchesSearch, resourceNames } from './package-search';

/** The access packages the signed-in person may request, searchable by name, description and resources. */
export function RequestablePackagesPage() {
  const query = useQuery({ queryKey: keys.requestable, queryFn: requestablePackages });
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search);
  return (
    <>
      <PageHeader title="Request access" lead="Access packages you may ask for. Each bundles the groups, applications and roles for a job." />
      <TextInput label="Search access packages" placeholder="Name, description or resource, e.g. GitHub" value={search} onChange={(event) => setSearch(event.currentTarget.value)} mb="md" maw={480} type="search" />
      <QueryState query={query} loading="Finding the access packages you may request…">
        {(packages) => {
          const shown = packages.filter((p) => matchesSearch(p, deferred));
          if (packages.length === 0) return <EmptyState title="No access packages are offered to you">Your administrator decides who may request what. If you need access that is not here, ask them.</EmptyState>;
          if (shown.length === 0) return <EmptyState title={`Nothing matches “${deferred}”`}>Try another word, or clear the search.</EmptyState>;
          return (
            <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }}>
              {shown.map((accessPackage) => (
                <PackageCard key={accessPackage.id} accessPackage={accessPackage} />
              ))}
            </SimpleGrid>
          );
        }}
      </QueryState>
    </>
  );
}

function PackageCard({ accessPackage }: { accessPackage: AccessPackage }) {
  const resources = resourceNames(accessPackage);
  return (
    <Card withBorder component="article" aria-labelledby={`package-${accessPackage.id}`}>
      <Stack gap="xs" h="100%">
        <Text fw={600} id={`package-${accessPackage.id}`}>
          {accessPackage.displayName}
        </Text>
        <Text size="sm" c="dimmed">
          {accessPackage.description || 'No description.'}
        </Text>
        {resources.length > 0 ? (
          <Group gap={4} aria-label="Resources">
            {resources.map((name) => (
              <Badge key={name} variant="outline" color="gray" radius="sm" tt="none">
                {name}
              </Badge>
            ))}
          </Group>
        ) : null}
        <Group justify="flex-end" mt="auto">
          <Button component={Link} to={`/access-packages/${accessPackage.id}`} aria-label={`Request ${accessPackage.displayName}`}>
            Request
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
