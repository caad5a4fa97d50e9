import { defaultReviewSettings, type AccessReviewDefinition, type DefinitionInput, type ReviewSettings, type StageSetting, type ApplyAction } from '../../domain/access-review-definition.js';
import type { GraphQueryScope } from '../../domain/access-review-scope.js';
import type { DefinitionBody } from './access-review-definitions.schemas.js';

/** A body as the domain takes it: Graph's defaults filled in, @odata annotations kept only where they mean something. */
export function definitionInputOf(body: DefinitionBody): DefinitionInput {
  const s = body.settings;
  const d = defaultReviewSettings;
  const settings: ReviewSettings = {
    mailNotificationsEnabled: s.mailNotificationsEnabled ?? d.mailNotificationsEnabled,
    reminderNotificationsEnabled: s.reminderNotificationsEnabled ?? d.reminderNotificationsEnabled,
    justificationRequiredOnApproval: s.justificationRequiredOnApproval ?? d.justificationRequiredOnApproval,
    defaultDecisionEnabled: s.defaultDecisionEnabled ?? d.defaultDecisionEnabled,
    defaultDecision: s.defaultDecision && s.defaultDecision !== 'None' ? s.defaultDecision : null,
    instanceDurationInDays: s.instanceDurationInDays ?? 0,
    autoApplyDecisionsEnabled: s.autoApplyDecisionsEnabled ?? d.autoApplyDecisionsEnabled,
    recommendationsEnabled: s.recommendationsEnabled ?? d.recommendationsEnabled,
    recommendationLookBackDuration: s.recommendationLookBackDuration ?? null,
    decisionHistoriesForReviewersEnabled: s.decisionHistoriesForReviewersEnabled ?? d.decisionHistoriesForReviewersEnabled,
    recurrence: {
      pattern: s.recurrence.pattern ? { type: s.recurrence.pattern.type, interval: s.recurrence.pattern.interval } : null,
      range: { type: s.recurrence.range.type, startDate: s.recurrence.range.startDate, endDate: s.recurrence.range.endDate ?? null, numberOfOccurrences: s.recurrence.range.numberOfOccurrences ?? null },
    },
    applyActions: (s.applyActions ?? []).map((action) => action['@odata.type'].replace(/^#?microsoft\.graph\./, '') as ApplyAction),
  };
  const stageSettings: StageSetting[] | null = body.stageSettings?.length
    ? body.stageSettings.map((stage) => ({
        stageId: stage.stageId,
        dependsOn: stage.dependsOn ?? [],
        durationInDays: stage.durationInDays,
        recommendationsEnabled: stage.recommendationsEnabled ?? null,
        decisionsThatWillMoveToNextStage: stage.decisionsThatWillMoveToNextStage ?? null,
        reviewers: (stage.reviewers ?? []).map(queryScope),
        fallbackReviewers: (stage.fallbackReviewers ?? []).map(queryScope),
      }))
    : null;
  return {
    displayName: body.displayName,
    descriptionForAdmins: body.descriptionForAdmins ?? null,
    descriptionForReviewers: body.descriptionForReviewers ?? null,
    scope: queryScope(body.scope),
    reviewers: (body.reviewers ?? []).map(queryScope),
    fallbackReviewers: (body.fallbackReviewers ?? []).map(queryScope),
    settings,
    stageSettings,
  };
}

function queryScope(scope: GraphQueryScope): GraphQueryScope {
  const type = scope['@odata.type']?.replace(/^#?/, '#');
  return {
    ...(type ? { '@odata.type': type } : {}),
    query: scope.query,
    queryType: scope.queryType ?? 'MicrosoftGraph',
    queryRoot: scope.queryRoot ?? null,
    ...(scope.inactiveDuration ? { inactiveDuration: scope.inactiveDuration } : {}),
  };
}

export type DefinitionStatus = 'NotStarted' | 'InProgress' | 'Completed';
export type NamedUser = { id: string; displayName: string; userPrincipalName: string };

export function definitionJson(definition: AccessReviewDefinition, status: DefinitionStatus, createdBy: NamedUser | undefined): Record<string, unknown> {
  const { settings } = definition;
  return {
    id: definition.id,
    displayName: definition.displayName,
    createdDateTime: definition.createdDateTime,
    lastModifiedDateTime: definition.lastModifiedDateTime,
    status,
    descriptionForAdmins: definition.descriptionForAdmins,
    descriptionForReviewers: definition.descriptionForReviewers,
    createdBy: createdBy ? { id: createdBy.id, displayName: createdBy.displayName, userPrincipalName: createdBy.userPrincipalName } : definition.createdById ? { id: definition.createdById, displayName: null, userPrincipalName: null } : { id: null, displayName: 'Entitlement Management', userPrincipalName: null },
    scope: definition.scope,
    instanceEnumerationScope: null,
    reviewers: definition.reviewers,
    fallbackReviewers: definition.fallbackReviewers,
    backupReviewers: definition.fallbackReviewers,
    additionalNotificationRecipients: [],
    settings: {
      ...settings,
      defaultDecision: settings.defaultDecision ?? 'None',
      recurrence: settings.recurrence,
      applyActions: settings.applyActions.map((action) => ({ '@odata.type': `#microsoft.graph.${action}` })),
    },
    stageSettings: definition.stageSettings,
  };
}
