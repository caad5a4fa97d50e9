import { Box, Progress, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReviewDecisionValue } from '../../api/graph';
import { latestInstance, reviewKeys } from './review-api';
import { percentDecided, type Progress as Counts } from './review-decisions';

const colors: Record<ReviewDecisionValue, string> = { Approve: 'teal', Deny: 'red', DontKnow: 'yellow', NotReviewed: 'gray.3' };

/** How far an instance's reviewers are (its decisionCounts): a bar (for the eye) and the counts in words (for everyone). */
export function ProgressSummary({ progress }: { progress: Counts }) {
  const { total } = progress;
  const decided = total - progress.NotReviewed;
  return (
    <Box data-testid="review-instance-progress">
      {total > 0 ? (
        <Box aria-hidden="true" w={180} mb={4}>
          <Progress.Root size="md">
            {(['Approve', 'Deny', 'DontKnow', 'NotReviewed'] as const).map((value) => (progress[value] ? <Progress.Section key={value} value={(progress[value] / total) * 100} color={colors[value]} /> : null))}
          </Progress.Root>
        </Box>
      ) : null}
      <Text size="sm">
        {decided} of {total} decided ({percentDecided(progress)}%)
      </Text>
      <Text size="xs" c="dimmed">
        {progress.Approve} approved · {progress.Deny} denied · {progress.DontKnow} don't know
      </Text>
    </Box>
  );
}

/** The latest instance's progress, for a definition's row in a list. */
export function LatestProgress({ definitionId }: { definitionId: string }) {
  const latest = useQuery({ queryKey: [...reviewKeys.instances(definitionId), 'latest'], queryFn: () => latestInstance(definitionId) });
  if (latest.error) return <Text size="sm">Progress unavailable</Text>;
  if (latest.isPending) return <Text size="sm" c="dimmed">…</Text>;
  if (!latest.data) return <Text size="sm">Not started yet</Text>;
  return <ProgressSummary progress={latest.data.decisionCounts} />;
}
