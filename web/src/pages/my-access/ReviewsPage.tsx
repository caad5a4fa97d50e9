import { Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDate } from '../../components/formatting';
import { PageHeader } from '../../components/Layout';
import { EmptyState, QueryState } from '../../components/QueryState';
import { StateBadge } from '../../components/StateBadge';
import { myReviews, reviewKeys } from '../../features/access-reviews/review-api';
import { describeReviewed } from '../../features/access-reviews/review-form';

/**
 * The access reviews that ask the signed-in person something: each instance in which they have
 * decisions, the open ones first (soonest due first), with what it reviews and how many are left.
 */
export function ReviewsPage() {
  const query = useQuery({ queryKey: reviewKeys.mine, queryFn: myReviews });
  return (
    <>
      <PageHeader title="Reviews" lead="Access reviews that ask you whether people still need their access. Open one to approve or deny each person." />
      <QueryState query={query} loading="Loading your reviews…">
        {(reviews) =>
          reviews.length === 0 ? (
            <EmptyState title="Nothing to review">When an access review asks you to confirm who still needs access, it appears here and you get an e-mail.</EmptyState>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table striped highlightOnHover aria-label="Your reviews">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Review</Table.Th>
                    <Table.Th>What is reviewed</Table.Th>
                    <Table.Th>Due</Table.Th>
                    <Table.Th>Left to decide</Table.Th>
                    <Table.Th miw={140}>Status</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {reviews.map(({ definition, instance, total, left }) => (
                    <Table.Tr key={instance.id} data-testid="my-review">
                      <Table.Td>
                        <Link to={`/reviews/${definition.id}/${instance.id}`}>{definition.displayName}</Link>
                        <Text size="xs" c="dimmed">
                          Started {formatDate(instance.startDateTime)}
                        </Text>
                      </Table.Td>
                      <Table.Td>{describeReviewed(instance.scope, instance.resourceDisplayName)}</Table.Td>
                      <Table.Td>{formatDate(instance.endDateTime)}</Table.Td>
                      <Table.Td>{instance.status === 'InProgress' ? `${left} of ${total}` : left ? `${left} not decided` : 'All decided'}</Table.Td>
                      <Table.Td>
                        <StateBadge state={instance.status} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
    </>
  );
}
