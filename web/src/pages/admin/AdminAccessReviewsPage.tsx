import { Button, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDateTime } from '../../components/formatting';
import { PageHeader } from '../../components/Layout';
import { EmptyState, QueryState } from '../../components/QueryState';
import { StateBadge } from '../../components/StateBadge';
import { allDefinitions, reviewKeys } from '../../features/access-reviews/review-api';
import { describeReviewers, describeSchedule, instanceDays } from '../../features/access-reviews/review-form';
import { LatestProgress } from '../../features/access-reviews/InstanceProgress';
import { ReviewedName } from '../../features/access-reviews/ReviewNames';

/** Every access review definition the administrator may read, with what it reviews and when it runs. */
export function AdminAccessReviewsPage() {
  const query = useQuery({ queryKey: reviewKeys.definitions, queryFn: allDefinitions });
  return (
    <>
      <PageHeader
        title="Access reviews"
        lead="Regular checks that the people who hold access still need it: reviewers approve or deny each person, and denied access is removed when the results are applied."
        actions={
          <Button component={Link} to="/admin/access-reviews/new">
            New review
          </Button>
        }
      />
      <QueryState query={query} loading="Loading access reviews…">
        {(definitions) =>
          definitions.length === 0 ? (
            <EmptyState title="No access reviews yet">Create one to have managers, owners or named reviewers confirm who still needs a group or an access package.</EmptyState>
          ) : (
            <Table.ScrollContainer minWidth={800}>
              <Table striped highlightOnHover aria-label="Access reviews">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Reviews</Table.Th>
                    <Table.Th>Reviewers</Table.Th>
                    <Table.Th miw={140}>Status</Table.Th>
                    <Table.Th>Latest review's progress</Table.Th>
                    <Table.Th>Schedule</Table.Th>
                    <Table.Th>Last modified</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {definitions.map((definition) => (
                    <Table.Tr key={definition.id} data-testid="access-review-definition">
                      <Table.Td>
                        <Link to={`/admin/access-reviews/${definition.id}`}>{definition.displayName}</Link>
                      </Table.Td>
                      <Table.Td>
                        <ReviewedName scope={definition.scope} />
                      </Table.Td>
                      <Table.Td>{describeReviewers(definition)}</Table.Td>
                      <Table.Td>
                        <StateBadge state={definition.status} />
                      </Table.Td>
                      <Table.Td>
                        <LatestProgress definitionId={definition.id} />
                      </Table.Td>
                      <Table.Td>
                        {describeSchedule(definition.settings.recurrence)}; {instanceDays(definition)} days each
                      </Table.Td>
                      <Table.Td>{formatDateTime(definition.lastModifiedDateTime)}</Table.Td>
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
