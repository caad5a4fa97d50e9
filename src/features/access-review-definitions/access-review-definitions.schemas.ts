import { z } from 'zod';
import { graphBody, optionalText, text } from '../schema-helpers.js';

/**
 * Definition bodies in Graph's shapes (accessReviewScheduleDefinition). These check types and
 * bound sizes; what the queries mean, the stages' order and the schedule's sense are the domain's
 * rules (domain/access-review-definition.ts), which report every problem at once.
 *
 * Scopes and reviewer scopes keep their @odata.type (an inactive users scope differs by it alone).
 */
const query = z.string().trim().min(1).max(1000);
const odataType = z.string().max(128).optional();

export const queryScopeSchema = z.object({
  '@odata.type': odataType,
  query,
  queryType: z.string().max(64).nullable().optional(),
  queryRoot: z.string().max(64).nullable().optional(),
  inactiveDuration: z.string().max(64).nullable().optional(),
});
const reviewerList = z.array(queryScopeSchema).max(100);

const recurrenceSchema = z.strictObject({
  pattern: z
    .looseObject({
      type: z.enum(['weekly', 'absoluteMonthly', 'absoluteYearly'], { error: 'pattern.type is weekly, absoluteMonthly (monthly, quarterly, semi-annual: interval 1, 3, 6) or absoluteYearly' }),
      interval: z.number().int().min(1).max(1000),
    })
    .nullable()
    .optional(),
  range: z.looseObject({
    type: z.enum(['noEnd', 'endDate', 'numbered']),
    startDate: z.string().max(40),
    endDate: z.string().max(40).nullable().optional(),
    numberOfOccurrences: z.number().int().min(0).max(100_000).nullable().optional(),
    recurrenceTimeZone: z.string().max(64).nullable().optional(),
  }),
});

const applyActionSchema = z.object({
  '@odata.type': z.enum(['#microsoft.graph.removeAccessApplyAction', '#microsoft.graph.disableAndDeleteUserApplyAction', 'microsoft.graph.removeAccessApplyAction', 'microsoft.graph.disableAndDeleteUserApplyAction']),
});

const flag = z.boolean().optional();
export const settingsSchema = z.looseObject({
  mailNotificationsEnabled: flag,
  reminderNotificationsEnabled: flag,
  justificationRequiredOnApproval: flag,
  defaultDecisionEnabled: flag,
  // Graph's default is None: no default decision.
  defaultDecision: z.enum(['Approve', 'Deny', 'Recommendation', 'None']).nullable().optional(),
  instanceDurationInDays: z.number().int().min(0).max(10_000).optional(),
  autoApplyDecisionsEnabled: flag,
  recommendationsEnabled: flag,
  recommendationLookBackDuration: z.string().max(64).nullable().optional(),
  decisionHistoriesForReviewersEnabled: flag,
  recurrence: recurrenceSchema,
  applyActions: z.array(applyActionSchema).max(2).optional(),
});

const stageDecision = z.enum(['Approve', 'Deny', 'NotReviewed', 'Recommendation']);
export const stageSettingSchema = z.looseObject({
  stageId: z.string().max(8),
  dependsOn: z.array(z.string().max(8)).max(3).optional(),
  durationInDays: z.number().int().min(0).max(10_000),
  recommendationsEnabled: z.boolean().nullable().optional(),
  decisionsThatWillMoveToNextStage: z.array(stageDecision).max(4).nullable().optional(),
  reviewers: reviewerList.optional(),
  fallbackReviewers: reviewerList.optional(),
});

const definitionShape = {
  displayName: text(256),
  descriptionForAdmins: optionalText(1024),
  descriptionForReviewers: optionalText(1024),
  scope: queryScopeSchema,
  instanceEnumerationScope: queryScopeSchema.nullable().optional(),
  reviewers: reviewerList.optional(),
  fallbackReviewers: reviewerList.optional(),
  settings: settingsSchema,
  stageSettings: z.array(stageSettingSchema).max(10).nullable().optional(),
};

export const createDefinitionBody = graphBody(definitionShape);
/** Graph updates a definition with PUT: the whole definition again (the scope may not change). */
export const updateDefinitionBody = graphBody(definitionShape);
export type DefinitionBody = z.infer<typeof createDefinitionBody>;

const decision = z.enum(['Approve', 'Deny', 'DontKnow', 'NotReviewed']);
export const decideBody = graphBody({ decision, justification: optionalText(1000) });
export const batchRecordDecisionsBody = graphBody({
  decision: z.enum(['Approve', 'Deny', 'DontKnow']),
  justification: optionalText(1000),
  principalId: z.string().max(128).nullable().optional(),
  resourceId: z.string().max(128).nullable().optional(),
});
