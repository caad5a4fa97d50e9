import { Group, Select, Stack, Table, Text } from '@mantine/core';
import { PageButtons } from '../../components/PageButtons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AccessReviewDefinition, AccessReviewInstance } from '../../api/graph';
import { formatDateTime } from '../../components/formatting';
import { EmptyState, QueryState } from '../../components/QueryState';
import { StateBadge } from '../../components/StateBadge';
import { nextSkipToken, odataString } from '../../pages/admin/admin-queries';
import { decisionsOf, reviewKeys } from './review-api';
import { decisionLabels, recommendationLabels } from './review-decisions';
import { decisionStates } from './ReviewDecisions';

const decisionFilterOptions = (['NotReviewed', 'Approve', 'Deny', 'DontKnow'] as const).map((value) => ({ value, label: decisionLabels[value] }));

/** How applying went for one decision (its applyResult). */
const applyResultLabels: Record<string, string> = {
  New: 'Not yet',
  AppliedSuccessfully: 'Applied',
  AppliedSuccessfullyButObjectNotFound: 'Applied (already gone)',
  ApplyNotSupported: 'Nothing to apply',
  AppliedWithUnknownFailure: 'Failed',
};

/** Every decision of one instance, for administrators to read: filtered by decision, 50 a page, with how each was applied once the instance is applied. */
export function InstanceDecisionsTable({ definition, instance }: { definition: AccessReviewDefinition; instance: AccessReviewInstance }) {
  const [decision, setDecision] = useState<string | null>(null);
  const [pages, setPages] = useState<(string | undefined)[]>([undefined]);
  const skipToken = pages[pages.length - 1];
  const filter = decision ? `decision eq ${odataString(decision)}` : undefined;
  const page = useQuery({ queryKey: [...reviewKeys.decisions(instance.id), filter, skipToken], queryFn: () => decisionsOf(definition.id, instance.id, { filter, skipToken, top: 50, count: true }), placeholderData: keepPreviousData });
  const applied = instance.status === 'Applying' || instance.status === 'Applied';
  return (
    <Stack>
      <Group>
        <Select label="Decision" placeholder="Any decision" data={decisionFilterOptions} value={decision} onChange={(value) => (setDecision(value), setPages([undefined]))} clearable w={200} />
      </Group>
      <QueryState query={page} loading="Loading decisions…">
        {(found) =>
          found.value.length === 0 ? (
            <EmptyState title={filter ? 'No decision matches' : 'No one to review'}>{filter ? undefined : 'The group or package had no one to review when this review started.'}</EmptyState>
          ) : (
            <>
              <Table.ScrollContainer minWidth={800}>
                <Table striped aria-label="Decisions of this review">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Person</Table.Th>
                      <Table.Th>Decision</Table.Th>
                      <Table.Th>Reviewed by</Table.Th>
                      <Table.Th>Recommendation</Table.Th>
                      {applied ? <Table.Th>Applied</Table.Th> : null}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {found.value.map((d) => (
                      <Table.Tr key={d.id} data-testid="admin-review-decision">
                        <Table.Td>
                          <Text size="sm">{d.principal.displayName}</Text>
                          <Text size="xs" c="dimmed">
                            {d.principal.userPrincipalName}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <StateBadge state={decisionStates[d.decision]} />
                          {d.justification ? (
                            <Text size="xs" mt={2}>
                              “{d.justification}”
                            </Text>
                          ) : null}
                        </Table.Td>
                        <Table.Td>
                          {d.decision !== 'NotReviewed' && d.reviewedBy.displayName ? (
                            <>
                              <Text size="sm">{d.reviewedBy.displayName}</Text>
                              <Text size="xs" c="dimmed">
                                {formatDateTime(d.reviewedDateTime)}
                              </Text>
                            </>
                          ) : (
                            '—'
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{recommendationLabels[d.recommendation]}</Text>
                          {d.recommendationReason ? (
                            <Text size="xs" c="dimmed">
                              {d.recommendationReason}
                            </Text>
                          ) : null}
                        </Table.Td>
                        {applied ? (
                          <Table.Td>
                            <Text size="sm">{applyResultLabels[d.applyResult] ?? d.applyResult}</Text>
                            {d.applyDescription ? (
                              <Text size="xs" c="dimmed">
                                {d.applyDescription}
                              </Text>
                            ) : null}
                          </Table.Td>
                        ) : null}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <PageButtons pages={pages} setPages={setPages} next={nextSkipToken(found)} summary={found['@odata.count'] !== undefined ? `${found['@odata.count']} ${found['@odata.count'] === 1 ? 'decision' : 'decisions'} · ` : ''} />
            </>
          )
        }
      </QueryState>
    </Stack>
  );
}
