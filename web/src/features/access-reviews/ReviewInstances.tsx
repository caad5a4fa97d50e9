import { Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AccessReviewDefinition } from '../../api/graph';
import { formatDate, formatDateTime } from '../../components/formatting';
import { EmptyState, QueryState } from '../../components/QueryState';
import { StateBadge } from '../../components/StateBadge';
import { ProgressSummary } from './InstanceProgress';
import { instancesOf, reviewKeys } from './review-api';
import { ReviewInstanceDetails } from './ReviewInstanceDetails';

/** A definition's instances with their status and progress; one of them (the latest at first) shown below with its decisions and actions. */
export function ReviewInstances({ definition }: { definition: AccessReviewDefinition }) {
  const instances = useQuery({
    queryKey: reviewKeys.instances(definition.id),
    queryFn: () => instancesOf(definition.id),
    // Applying runs in the background: look again until it is done.
    refetchInterval: (query) => (query.state.data?.some((instance) => instance.status === 'Applying') ? 2000 : false),
  });
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        Instances
      </Title>
      <QueryState query={instances} loading="Loading the instances…">
        {(list) => {
          if (list.length === 0) return <EmptyState title="Not started yet">The first review starts on {formatDate(`${definition.settings.recurrence.range.startDate}T00:00:00Z`)}.</EmptyState>;
          const shown = list.find((instance) => instance.id === chosen) ?? list[0]!;
          return (
            <Stack>
              <Table.ScrollContainer minWidth={640}>
                <Table striped aria-label="Instances">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Started</Table.Th>
                      <Table.Th>Ends</Table.Th>
                      <Table.Th miw={140}>Status</Table.Th>
                      <Table.Th>Progress</Table.Th>
                      <Table.Th>Decisions</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {list.map((instance) => (
                      <Table.Tr key={instance.id} data-testid="review-instance">
                        <Table.Td>{formatDateTime(instance.startDateTime)}</Table.Td>
                        <Table.Td>{formatDateTime(instance.endDateTime)}</Table.Td>
                        <Table.Td>
                          <StateBadge state={instance.status} />
                        </Table.Td>
                        <Table.Td>
                          <ProgressSummary progress={instance.decisionCounts} />
                        </Table.Td>
                        <Table.Td>
                          {instance.id === shown.id ? (
                            <Text size="sm">Shown below</Text>
                          ) : (
                            <Button size="compact-sm" variant="light" onClick={() => setChosen(instance.id)} aria-label={`Show the decisions of the review started ${formatDateTime(instance.startDateTime)}`}>
                              Show
                            </Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <ReviewInstanceDetails key={shown.id} definition={definition} instance={shown} />
            </Stack>
          );
        }}
      </QueryState>
    </Paper>
  );
}
