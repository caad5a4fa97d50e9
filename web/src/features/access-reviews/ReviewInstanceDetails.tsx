import { Alert, Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { AccessReviewDefinition, AccessReviewInstance } from '../../api/graph';
import { formatDateTime } from '../../components/formatting';
import { notify } from '../../components/notify';
import { ErrorAlert } from '../../components/QueryState';
import { InstanceDecisionsTable } from './InstanceDecisionsTable';
import { reviewKeys, runInstanceAction, type InstanceAction } from './review-api';
import { defaultDecisionLabels, defaultDecisionOf } from './review-form';

type ActionText = { label: string; title: string; body: string; confirm: string | null; color: string; doneTitle: string; done: string };
/** What each instance action says: its button, what it asks first (none for a reminder), and what it confirms when done. */
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

/** One instance: its decisions, and the actions its status allows (remind, reset, stop; apply once it has ended), each confirmed first unless harmless. */
export function ReviewInstanceDetails({ definition, instance }: { definition: AccessReviewDefinition; instance: AccessReviewInstance }) {
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
      <InstanceDecisionsTable definition={definition} instance={instance} />
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
