import { Anchor, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { AccessReviewDefinition } from '../../api/graph';
import { PageHeader } from '../../components/Layout';
import { notify } from '../../components/notify';
import { ErrorAlert, QueryState } from '../../components/QueryState';
import { StateBadge } from '../../components/StateBadge';
import { deleteDefinition, oneDefinition, reviewKeys } from '../../features/access-reviews/review-api';
import { describeSchedule } from '../../features/access-reviews/review-form';
import { ReviewedName } from '../../features/access-reviews/ReviewNames';
import { ReviewInstances } from '../../features/access-reviews/ReviewInstances';
import { ReviewSettingsSummary } from '../../features/access-reviews/ReviewSettingsSummary';

/** One access review: its settings, its instances with their progress, and one instance's decisions and actions. */
export function AdminAccessReviewPage() {
  const { id = '' } = useParams();
  const definition = useQuery({ queryKey: reviewKeys.definition(id), queryFn: () => oneDefinition(id) });
  return (
    <QueryState query={definition} loading="Loading the access review…">
      {(found) => (
        <>
          <Anchor component={Link} to="/admin/access-reviews" size="sm">
            ← All access reviews
          </Anchor>
          <PageHeader
            title={found.displayName}
            lead={
              <>
                <ReviewedName scope={found.scope} /> · {describeSchedule(found.settings.recurrence)}
              </>
            }
            actions={
              <Group>
                <StateBadge state={found.status} />
                <DeleteDefinition definition={found} />
              </Group>
            }
          />
          <Stack>
            <ReviewSettingsSummary definition={found} />
            <ReviewInstances definition={found} />
          </Stack>
        </>
      )}
    </QueryState>
  );
}

/** Deletes the review after asking, and goes back to the list of reviews. */
function DeleteDefinition({ definition }: { definition: AccessReviewDefinition }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const remove = useMutation({
    mutationFn: () => deleteDefinition(definition.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: reviewKeys.definitions });
      notify({ color: 'green', title: 'Access review deleted', message: `${definition.displayName} will not run again.` });
      navigate('/admin/access-reviews');
    },
  });
  return (
    <>
      <Button size="xs" variant="subtle" color="red" onClick={() => (remove.reset(), setOpened(true))}>
        Delete
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={`Delete ${definition.displayName}?`}>
        <Stack>
          <Text size="sm">No further review starts, and reviewers can no longer open it. What was done stays in the audit log.</Text>
          <ErrorAlert error={remove.error} title="Not deleted" />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              Cancel
            </Button>
            <Button color="red" onClick={() => remove.mutate()} loading={remove.isPending}>
              Delete the review
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
