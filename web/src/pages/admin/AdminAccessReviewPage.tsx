import { Alert, Anchor, Button, Group, List, Modal, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { AccessReviewDefinition, AccessReviewInstance } from '../../api/graph';
import { formatDate, formatDateTime } from '../../components/formatting';
import { PageHeader } from '../../components/Layout';
import { notify } from '../../components/notify';
import { EmptyState, ErrorAlert, QueryState } from '../../components/QueryState';
import { StateBadge } from '../../components/StateBadge';
import { ProgressSummary } from '../../features/access-reviews/InstanceProgress';
import { decisionsOf, deleteDefinition, instancesOf, oneDefinition, reviewKeys, runInstanceAction, type InstanceAction } from '../../features/access-reviews/review-api';
import { decisionLabels, recommendationLabels } from '../../features/access-reviews/review-decisions';
import { defaultDecisionLabels, describeSchedule, instanceDays, reviewWarnings, type DefaultDecisionChoice } from '../../features/access-reviews/review-form';
import { decisionStates } from '../../features/access-reviews/ReviewDecisions';
import { ReviewedName, ReviewerName } from '../../features/access-reviews/ReviewNames';
import { nextSkipToken, odataString } from './admin-queries';

const defaultDecisionOf = (definition: AccessReviewDefinition): DefaultDecisionChoice => {
  const { defaultDecisionEnabled, defaultDecision } = definition.settings;
  return defaultDecisionEnabled && defaultDecision && defaultDecision !== 'None' ? defaultDecision : 'None';
};

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
            <DefinitionSummary definition={found} />
            <Instances definition={found} />
          </Stack>
        </>
      )}
    </QueryState>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

function DefinitionSummary({ definition }: { definition: AccessReviewDefinition }) {
  const { settings } = definition;
  const defaultDecision = defaultDecisionOf(definition);
  const warnings = reviewWarnings({ defaultDecision, autoApplyDecisionsEnabled: settings.autoApplyDecisionsEnabled });
  const reviewers = definition.stageSettings?.length ? (definition.stageSettings[0]!.reviewers ?? []) : definition.reviewers;
  const lookBack = /^P(\d+)D$/.exec(settings.recommendationLookBackDuration ?? 'P30D');
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        Settings
      </Title>
      <Stack>
        {warnings.map((warning) => (
          <Alert key={warning} color="orange">
            {warning}
          </Alert>
        ))}
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <Fact label="Reviews">
            <ReviewedName scope={definition.scope} />
          </Fact>
          <Fact label={definition.stageSettings && definition.stageSettings.length > 1 ? 'Reviewers (stage 1)' : 'Reviewers'}>
            {reviewers.length === 0 ? (
              'Everyone reviews their own access'
            ) : (
              <List size="sm">
                {reviewers.map((reviewer, index) => (
                  <List.Item key={index}>
                    <ReviewerName reviewer={reviewer} />
                  </List.Item>
                ))}
              </List>
            )}
          </Fact>
          <Fact label="Fallback reviewers">
            {definition.fallbackReviewers.length === 0 ? (
              'None'
            ) : (
              <List size="sm">
                {definition.fallbackReviewers.map((reviewer, index) => (
                  <List.Item key={index}>
                    <ReviewerName reviewer={reviewer} />
                  </List.Item>
                ))}
              </List>
            )}
          </Fact>
          <Fact label="Schedule">{describeSchedule(settings.recurrence)}</Fact>
          <Fact label="Each review lasts">{instanceDays(definition)} days</Fact>
          <Fact label="E-mail">{settings.mailNotificationsEnabled ? (settings.reminderNotificationsEnabled ? 'At start and end, with a reminder' : 'At start and end') : 'None'}</Fact>
          <Fact label="Reason to approve">{settings.justificationRequiredOnApproval ? 'Required' : 'Optional'}</Fact>
          <Fact label="Recommendations">{settings.recommendationsEnabled ? `On: activity within ${lookBack ? `${lookBack[1]} days` : settings.recommendationLookBackDuration}` : 'Off'}</Fact>
          <Fact label="If reviewers don't answer">{defaultDecisionLabels[defaultDecision]}</Fact>
          <Fact label="Results applied">{settings.autoApplyDecisionsEnabled ? 'Automatically, when a review ends' : 'By an administrator'}</Fact>
          <Fact label="Created">
            {formatDateTime(definition.createdDateTime)}
            {definition.createdBy?.displayName ? ` by ${definition.createdBy.displayName}` : ''}
          </Fact>
          <Fact label="Last modified">{formatDateTime(definition.lastModifiedDateTime)}</Fact>
        </SimpleGrid>
        {definition.descriptionForReviewers ? <Fact label="Description for reviewers">{definition.descriptionForReviewers}</Fact> : null}
        {definition.descriptionForAdmins ? <Fact label="Description for administrators">{definition.descriptionForAdmins}</Fact> : null}
      </Stack>
    </Paper>
  );
}

function Instances({ definition }: { definition: AccessReviewDefinition }) {
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
              <InstanceDetails key={shown.id} definition={definition} instance={shown} />
            </Stack>
          );
        }}
      </QueryState>
    </Paper>
  );
}

type ActionText = { label: string; title: string; body: string; confirm: string | null; color: string; doneTitle: string; done: string };
function actionTexts(definition: AccessReviewDefinition): Record<InstanceAction, ActionText> {
  const autoApply = definition.settings.autoApplyDecisionsEnabled;
  const fallback = defaultDecisionLabels[defaultDecisionOf(definition)].toLowerCase();
  return {
    stop: {
      label: 'Stop',
      title: 'Stop this review now?',
      body: `Reviewers can no longer decide. The decisions made so far stay${autoApply ? ' and are applied at once' : '; apply them when you are ready'}. Those nobody decided: ${fallback}.`,
      confirm: 'Stop the review',
      color: 'red',
      doneTitle: 'Review stopped',
      done: autoApply ? 'Its decisions are being applied.' : 'Apply its decisions when you are ready.',
    },
    resetDecisions: { label: 'Reset decisions', title: 'Reset every decision?', body: 'Every decision of the current stage goes back to Not reviewed, with its reason. Reviewers have to decide again.', confirm: 'Reset decisions', color: 'red', doneTitle: 'Decisions reset', done: 'Every decision is back to Not reviewed.' },
    applyDecisions: { label: 'Apply decisions', title: 'Apply the decisions?', body: `Denied access is removed now. Those nobody decided: ${fallback}.`, confirm: 'Apply decisions', color: 'red', doneTitle: 'Applying the decisions', done: 'Denied access is being removed.' },
    sendReminder: { label: 'Send reminder', title: '', body: '', confirm: null, color: 'blue', doneTitle: 'Reminder sent', done: 'Reviewers with decisions left were reminded by e-mail.' },
  };
}

function InstanceDetails({ definition, instance }: { definition: AccessReviewDefinition; instance: AccessReviewInstance }) {
  const queryClient = useQueryClient();
  const texts = actionTexts(definition);
  const [confirming, setConfirming] = useState<InstanceAction | null>(null);
  const run = useMutation({
    mutationFn: (action: InstanceAction) => runInstanceAction(definition.id, instance.id, action).then(() => action),
    onSuccess: async (action) => {
      setConfirming(null);
      notify({ color: 'green', title: texts[action].doneTitle, message: texts[action].done });
      await Promise.all([
        // The instances carry their counts: reading them again refreshes the progress too.
        queryClient.invalidateQueries({ queryKey: reviewKeys.instances(definition.id) }),
        queryClient.invalidateQueries({ queryKey: reviewKeys.decisions(instance.id) }),
        queryClient.invalidateQueries({ queryKey: reviewKeys.definition(definition.id) }),
        queryClient.invalidateQueries({ queryKey: reviewKeys.definitions }),
      ]);
    },
  });
  const actions: InstanceAction[] = instance.status === 'InProgress' ? ['sendReminder', 'resetDecisions', 'stop'] : instance.status === 'Completed' ? ['applyDecisions'] : [];
  const start = (action: InstanceAction) => {
    run.reset();
    if (texts[action].confirm) setConfirming(action);
    else run.mutate(action);
  };
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={4} size="h5">
          Decisions of the review started {formatDateTime(instance.startDateTime)}
        </Title>
        {actions.length ? (
          <Group gap="xs">
            {actions.map((action) => (
              <Button key={action} size="xs" variant={texts[action].confirm ? 'light' : 'default'} color={texts[action].confirm ? texts[action].color : undefined} onClick={() => start(action)} loading={run.isPending && run.variables === action && !confirming}>
                {texts[action].label}
              </Button>
            ))}
          </Group>
        ) : null}
      </Group>
      {!confirming ? <ErrorAlert error={run.error} title={run.variables ? `${texts[run.variables].label}: refused` : undefined} /> : null}
      {instance.status === 'Applying' ? <Alert color="cyan">The decisions are being applied.</Alert> : null}
      <InstanceDecisions definition={definition} instance={instance} />
      <Modal opened={confirming !== null} onClose={() => setConfirming(null)} title={confirming ? texts[confirming].title : ''}>
        {confirming ? (
          <Stack>
            <Text size="sm">{texts[confirming].body}</Text>
            <ErrorAlert error={run.error} title={`${texts[confirming].label}: refused`} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(null)}>
                Cancel
              </Button>
              <Button color={texts[confirming].color} onClick={() => run.mutate(confirming)} loading={run.isPending}>
                {texts[confirming].confirm}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </Stack>
  );
}

const decisionFilterOptions = (['NotReviewed', 'Approve', 'Deny', 'DontKnow'] as const).map((value) => ({ value, label: decisionLabels[value] }));

function InstanceDecisions({ definition, instance }: { definition: AccessReviewDefinition; instance: AccessReviewInstance }) {
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
              <Group justify="space-between">
                <Text size="sm" c="dimmed">
                  {found['@odata.count'] !== undefined ? `${found['@odata.count']} ${found['@odata.count'] === 1 ? 'decision' : 'decisions'} · ` : ''}Page {pages.length}
                </Text>
                <Group gap="xs">
                  <Button variant="default" size="xs" disabled={pages.length === 1} onClick={() => setPages(pages.slice(0, -1))}>
                    Previous
                  </Button>
                  <Button variant="default" size="xs" disabled={!nextSkipToken(found)} onClick={() => setPages([...pages, nextSkipToken(found)])}>
                    Next
                  </Button>
                </Group>
              </Group>
            </>
          )
        }
      </QueryState>
    </Stack>
  );
}

const applyResultLabels: Record<string, string> = {
  New: 'Not yet',
  AppliedSuccessfully: 'Applied',
  AppliedSuccessfullyButObjectNotFound: 'Applied (already gone)',
  ApplyNotSupported: 'Nothing to apply',
  AppliedWithUnknownFailure: 'Failed',
};

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
