import { Alert, Anchor, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { PageButtons } from '../../components/PageButtons';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { AccessReviewInstance, ReviewDecisionValue } from '../../api/graph';
import { formatDate, formatDateTime } from '../../components/formatting';
import { PageHeader } from '../../components/Layout';
import { notify } from '../../components/notify';
import { EmptyState, QueryState } from '../../components/QueryState';
import { StateBadge } from '../../components/StateBadge';
import { acceptRecommendations, allPages, decide, myCounts, myDecisions, myDefinition, oneInstance, reviewKeys, stagesOf } from '../../features/access-reviews/review-api';
import { decisionLabels, isOpen, runInBatches } from '../../features/access-reviews/review-decisions';
import { ReviewDecisions, type RecordDecisions } from '../../features/access-reviews/ReviewDecisions';
import { describeReviewed } from '../../features/access-reviews/review-form';
import { nextSkipToken, odataString } from '../admin/admin-queries';

const pageSize = 50;
const decisionFilters: { value: ReviewDecisionValue; label: string }[] = (['NotReviewed', 'Approve', 'Deny', 'DontKnow'] as const).map((value) => ({ value, label: decisionLabels[value] }));

/**
 * One review to decide (the page the review's e-mails link to): the review's word to reviewers,
 * then a row per person the signed-in reviewer decides about. Read-only once the review has ended.
 */
export function ReviewPage() {
  const { definitionId = '', instanceId = '' } = useParams();
  const context = useQuery({
    queryKey: reviewKeys.myInstance(definitionId, instanceId),
    queryFn: async () => {
      const [definition, instance, stages] = await Promise.all([myDefinition(definitionId), oneInstance(definitionId, instanceId), stagesOf(definitionId, instanceId)]);
      return { definition, instance, stages };
    },
  });
  return (
    <QueryState query={context} loading="Loading the review…">
      {({ definition, instance, stages }) => {
        if (!definition) {
          return (
            <>
              <PageHeader title="Review" />
              <EmptyState title="You have nothing to decide in this review">It may have been deleted, or someone else reviews it. Your reviews are listed under Reviews.</EmptyState>
            </>
          );
        }
        const open = isOpen(instance.status);
        const stage = stages.length > 1 ? (stages.find((s) => s.status === 'InProgress') ?? stages[stages.length - 1]) : undefined;
        return (
          <>
            <Anchor component={Link} to="/reviews" size="sm">
              ← All your reviews
            </Anchor>
            <PageHeader title={definition.displayName} lead={`Started ${formatDate(instance.startDateTime)} · ${open ? 'decide by' : 'ended'} ${formatDateTime(instance.endDateTime)}${stage ? ` · stage ${stage.stageNumber} of ${stages.length}, until ${formatDateTime(stage.endDateTime)}` : ''}`} actions={<StateBadge state={instance.status} />} />
            <Stack>
              {definition.descriptionForReviewers ? (
                <Paper withBorder p="md">
                  <Title order={3} size="h5" mb={4}>
                    About this review
                  </Title>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {definition.descriptionForReviewers}
                  </Text>
                </Paper>
              ) : null}
              {!open ? (
                <Alert color="gray" title="This review has ended">
                  Its decisions can no longer change. {instance.status === 'Applied' ? 'They have been applied: denied access was removed.' : instance.status === 'Applying' ? 'They are being applied.' : ''}
                </Alert>
              ) : definition.settings.justificationRequiredOnApproval ? (
                <Text size="sm">This review asks for a reason with each approval.</Text>
              ) : null}
              <Decisions definitionId={definitionId} instance={instance} open={open} justificationRequired={definition.settings.justificationRequiredOnApproval} recommendationsEnabled={definition.settings.recommendationsEnabled} />
            </Stack>
          </>
        );
      }}
    </QueryState>
  );
}

function Decisions({ definitionId, instance, open, justificationRequired, recommendationsEnabled }: { definitionId: string; instance: AccessReviewInstance; open: boolean; justificationRequired: boolean; recommendationsEnabled: boolean }) {
  const instanceId = instance.id;
  const queryClient = useQueryClient();
  const [decision, setDecision] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [name] = useDebouncedValue(search.trim(), 300);
  const [pages, setPages] = useState<(string | undefined)[]>([undefined]);
  const skipToken = pages[pages.length - 1];
  const filter = [decision ? `decision eq ${odataString(decision)}` : null, name ? `startswith(principal/displayName,${odataString(name)})` : null].filter(Boolean).join(' and ') || undefined;
  const base = reviewKeys.myDecisions(instanceId);
  // The caller's own counts (the instance's decisionCounts are everyone's, other reviewers' too).
  const progress = useQuery({ queryKey: [...base, 'progress'], queryFn: () => myCounts(definitionId, instanceId) });
  const page = useQuery({ queryKey: [...base, filter, skipToken], queryFn: () => myDecisions(definitionId, instanceId, { filter, skipToken, top: pageSize }), placeholderData: keepPreviousData });

  // After a change: the decisions shown, the counts above them, and the list under Reviews.
  const refresh = useCallback(() => Promise.all([queryClient.invalidateQueries({ queryKey: reviewKeys.myDecisions(instanceId) }), queryClient.invalidateQueries({ queryKey: reviewKeys.mine, exact: true })]), [instanceId, queryClient]);
  const record: RecordDecisions = useCallback(
    async (changes) => {
      const result = await runInBatches(changes, (change) => decide(definitionId, instanceId, change.decision.id, change.answer, change.justification));
      await refresh();
      if (result.done > 0) notify({ color: 'green', title: result.done === 1 ? 'Decision recorded' : `${result.done} decisions recorded`, message: changes.length === 1 ? `${decisionLabels[changes[0]!.answer]}: ${changes[0]!.decision.principal.displayName}.` : 'You can change them while the review is open.' });
      return result;
    },
    [definitionId, instanceId, refresh],
  );
  const accept = useCallback(async () => {
    try {
      await acceptRecommendations(definitionId, instanceId);
    } finally {
      // Refused or not, read again what is decided now.
      await refresh();
    }
    notify({ color: 'green', title: 'Recommendations accepted', message: 'You can change these decisions while the review is open.' });
  }, [definitionId, instanceId, refresh]);
  const loadUndecided = useCallback(() => allPages((token) => myDecisions(definitionId, instanceId, { filter: "decision eq 'NotReviewed'", skipToken: token, top: 500 })), [definitionId, instanceId]);

  return (
    <Stack>
      {progress.data ? (
        <Text fw={600} data-testid="review-progress">
          {describeReviewed(instance.scope, instance.resourceDisplayName)}: {progress.data.total - progress.data.left} of {progress.data.total} decided{open && progress.data.left > 0 ? `, ${progress.data.left} left` : ''}.
        </Text>
      ) : null}
      <Group align="flex-end">
        <Select label="Decision" placeholder="Any decision" data={decisionFilters} value={decision} onChange={(value) => (setDecision(value), setPages([undefined]))} clearable w={200} />
        <TextInput label="Name starts with" value={search} onChange={(event) => (setSearch(event.currentTarget.value), setPages([undefined]))} w={240} />
      </Group>
      <QueryState query={page} loading="Loading the people to review…">
        {(found) =>
          found.value.length === 0 ? (
            <EmptyState title={filter ? 'No one matches' : 'No one to review'}>{filter ? 'Change the filters to see the others.' : 'This review has no decisions for you.'}</EmptyState>
          ) : (
            <>
              <ReviewDecisions decisions={found.value} open={open} justificationRequired={justificationRequired} recommendationsEnabled={recommendationsEnabled} record={record} acceptRecommendations={accept} loadUndecided={loadUndecided} />
              {pages.length > 1 || nextSkipToken(found) ? (
                <PageButtons pages={pages} setPages={setPages} next={nextSkipToken(found)} />
              ) : null}
            </>
          )
        }
      </QueryState>
    </Stack>
  );
}
