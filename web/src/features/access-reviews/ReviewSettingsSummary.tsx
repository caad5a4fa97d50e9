import { Alert, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { AccessReviewDefinition } from '../../api/graph';
import { formatDateTime } from '../../components/formatting';
import { defaultDecisionLabels, defaultDecisionOf, describeSchedule, instanceDays, reviewWarnings } from './review-form';
import { ReviewedName, ReviewerName } from './ReviewNames';

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

/** A definition's settings as an administrator reads them: what is reviewed, by whom, how often, and what happens with the answers. */
export function ReviewSettingsSummary({ definition }: { definition: AccessReviewDefinition }) {
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
