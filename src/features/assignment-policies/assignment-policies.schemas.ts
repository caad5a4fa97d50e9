import { z } from 'zod';
import { dateTimeOffset, graphBody, optionalText, text } from '../schema-helpers.js';

/**
 * Policy bodies in Graph's shapes. These schemas check types and put hard bounds on sizes; the
 * rules (which subject kinds go where, 1–3 stages, durations, 25 entries a list, 20 questions)
 * live in domain/assignment-policy-rules.ts, which reports every broken rule at once.
 *
 * Subject sets, questions and answers are polymorphic: their @odata.type says which subtype they
 * are, so they must not go through graphBody, which strips annotations. They keep @odata.type
 * (with or without its leading '#', as Graph's own examples vary) and drop the other annotations.
 */
function keepODataType(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const kept = Object.entries(value).filter(([key]) => !key.startsWith('@odata.') || key === '@odata.type');
  return Object.fromEntries(kept.map(([key, member]) => [key, key === '@odata.type' && typeof member === 'string' ? member.replace(/^#?/, '#') : member]));
}

function polymorphic<const Options extends readonly [z.ZodObject, ...z.ZodObject[]]>(options: Options) {
  const types = options.map((option) => (option.shape['@odata.type'] as z.ZodLiteral<string>).value);
  const union = z.discriminatedUnion('@odata.type', options as unknown as [z.ZodObject, ...z.ZodObject[]], {
    error: (issue) => (issue.code === 'invalid_union' ? `'@odata.type' must be one of ${types.join(', ')}` : undefined),
  });
  return z.preprocess(keepODataType, union as unknown as z.ZodDiscriminatedUnion<Options extends readonly z.ZodObject[] ? Options[number][] : never>);
}

// Generous hard bounds: the domain's limits are tighter and say so in their own words.
const maxList = 100;
const reference = z.string().trim().min(1).max(64);
const readOnlyDescription = z.string().max(1024).nullable().optional();
const flag = z.boolean().nullable().optional();
const duration = z.string().max(64);
// Graph's own example of a policy with questions sends booleans and numbers as strings.
const lenientFlag = z.preprocess((value) => (value === 'true' ? true : value === 'false' ? false : value), z.boolean()).nullable().optional();
const lenientSequence = z.preprocess((value) => (typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value), z.number().int().min(0).max(2147483647)).nullable().optional();

export const subjectSetSchema = polymorphic([
  z.strictObject({ '@odata.type': z.literal('#microsoft.graph.singleUser'), userId: reference, description: readOnlyDescription }),
  z.strictObject({ '@odata.type': z.literal('#microsoft.graph.groupMembers'), groupId: reference, description: readOnlyDescription }),
  z.strictObject({ '@odata.type': z.literal('#microsoft.graph.requestorManager'), managerLevel: z.number().int().min(-1000).max(1000).default(1) }),
  z.strictObject({ '@odata.type': z.literal('#microsoft.graph.internalSponsors') }),
  z.strictObject({ '@odata.type': z.literal('#microsoft.graph.externalSponsors') }),
  z.strictObject({ '@odata.type': z.literal('#microsoft.graph.targetUserSponsors') }),
  z.strictObject({ '@odata.type': z.literal('#microsoft.graph.connectedOrganizationMembers'), connectedOrganizationId: reference, description: readOnlyDescription }),
  z.strictObject({ '@odata.type': z.literal('#microsoft.graph.attributeRuleMembers'), membershipRule: z.string().max(10_000), description: readOnlyDescription }),
]);
const subjectSets = z.array(subjectSetSchema).max(maxList).nullable().optional();

const localizedTexts = z.array(graphBody({ languageCode: z.string().max(64), text: z.string().max(5000) })).max(maxList).nullable().optional();
const questionBase = {
  id: z.string().max(200).nullable().optional(),
  text: z.string().max(5000),
  sequence: lenientSequence,
  isRequired: lenientFlag,
  isAnswerEditable: lenientFlag,
  localizations: localizedTexts,
};
export const questionSchema = polymorphic([
  z.strictObject({
    '@odata.type': z.literal('#microsoft.graph.accessPackageTextInputQuestion'),
    ...questionBase,
    isSingleLineQuestion: lenientFlag,
    regexPattern: z.string().max(5000).nullable().optional(),
  }),
  z.strictObject({
    '@odata.type': z.literal('#microsoft.graph.accessPackageMultipleChoiceQuestion'),
    ...questionBase,
    isMultipleSelectionAllowed: lenientFlag,
    choices: z.array(graphBody({ actualValue: z.string().max(5000), text: z.string().max(5000), localizations: localizedTexts })).max(maxList * 2).nullable().optional(),
  }),
]);

const approvalStage = graphBody({
  durationBeforeAutomaticDenial: duration,
  isApproverJustificationRequired: flag,
  isEscalationEnabled: flag,
  durationBeforeEscalation: duration.nullable().optional(),
  primaryApprovers: subjectSets,
  fallbackPrimaryApprovers: subjectSets,
  escalationApprovers: subjectSets,
  fallbackEscalationApprovers: subjectSets,
});

const policyProperties = {
  displayName: text(256),
  description: optionalText(2048),
  allowedTargetScope: z.string().max(64).nullable().optional(),
  specificAllowedTargets: subjectSets,
  automaticRequestSettings: graphBody({ requestAccessForAllowedTargets: flag, removeAccessWhenTargetLeavesAllowedTargets: flag, gracePeriodBeforeAccessRemoval: duration.nullable().optional() })
    .nullable()
    .optional(),
  expiration: graphBody({
    type: z.enum(['notSpecified', 'noExpiration', 'afterDateTime', 'afterDuration']),
    endDateTime: dateTimeOffset.nullable().optional(),
    duration: duration.nullable().optional(),
  })
    .nullable()
    .optional(),
  requestorSettings: graphBody({
    enableTargetsToSelfAddAccess: flag,
    enableTargetsToSelfUpdateAccess: flag,
    enableTargetsToSelfRemoveAccess: flag,
    allowCustomAssignmentSchedule: flag,
    enableOnBehalfRequestorsToAddAccess: flag,
    enableOnBehalfRequestorsToUpdateAccess: flag,
    enableOnBehalfRequestorsToRemoveAccess: flag,
    onBehalfRequestors: subjectSets,
  })
    .nullable()
    .optional(),
  requestApprovalSettings: graphBody({ isApprovalRequiredForAdd: flag, isApprovalRequiredForUpdate: flag, isRequestorJustificationRequired: flag, stages: z.array(approvalStage).max(10).nullable().optional() })
    .nullable()
    .optional(),
  // Graph's accessPackageAssignmentReviewSettings; domain/policy-review-settings.ts checks what it means.
  reviewSettings: z
    .looseObject({
      isEnabled: flag,
      expirationBehavior: z.enum(['keepAccess', 'removeAccess', 'acceptAccessRecommendation']).nullable().optional(),
      isRecommendationEnabled: flag,
      isReviewerJustificationRequired: flag,
      isSelfReview: flag,
      schedule: z
        .looseObject({
          startDateTime: dateTimeOffset.nullable().optional(),
          expiration: z.looseObject({ type: z.string().max(64).nullable().optional(), duration: duration.nullable().optional(), endDateTime: z.string().max(40).nullable().optional() }).nullable().optional(),
          recurrence: z
            .looseObject({
              pattern: z.looseObject({ type: z.enum(['weekly', 'absoluteMonthly', 'absoluteYearly']), interval: z.number().int().min(1).max(1000) }).nullable().optional(),
              range: z.looseObject({ type: z.enum(['noEnd', 'endDate', 'numbered']).nullable().optional(), startDate: z.string().max(40).nullable().optional(), endDate: z.string().max(40).nullable().optional(), numberOfOccurrences: z.number().int().min(0).max(100_000).nullable().optional() }).nullable().optional(),
            })
            .nullable()
            .optional(),
        })
        .nullable()
        .optional(),
      primaryReviewers: subjectSets,
      fallbackReviewers: subjectSets,
    })
    .nullable()
    .optional(),
  notificationSettings: graphBody({ isAssignmentNotificationDisabled: flag }).nullable().optional(),
  questions: z.array(questionSchema).max(maxList).nullable().optional(),
  customExtensionStageSettings: z.array(z.unknown()).max(maxList).nullable().optional(),
  // Graph's way to name the package: {"accessPackage": {"id": "…"}}.
  accessPackage: graphBody({ id: reference }),
};

/** Read-only properties a client may send back after a GET (PUT of what it read); ignored, id checked. */
const readBack = {
  id: z.string().max(64).optional(),
  createdDateTime: z.string().max(40).nullable().optional(),
  modifiedDateTime: z.string().max(40).nullable().optional(),
};

export const createPolicyBody = graphBody(policyProperties);
export const replacePolicyBody = graphBody({ ...policyProperties, ...readBack });
export const updatePolicyBody = graphBody({
  ...Object.fromEntries(Object.entries(policyProperties).map(([key, schema]) => [key, schema.optional()])),
  ...readBack,
} as { [K in keyof typeof policyProperties]: z.ZodOptional<(typeof policyProperties)[K]> } & typeof readBack);

export type CreatePolicyInput = z.infer<typeof createPolicyBody>;
export type ReplacePolicyInput = z.infer<typeof replacePolicyBody>;
export type UpdatePolicyInput = z.infer<typeof updatePolicyBody>;

/** An answer on a request (accessPackageAnswerString), for the request bodies that carry answers. */
export const answerSchema = polymorphic([
  z.strictObject({
    '@odata.type': z.literal('#microsoft.graph.accessPackageAnswerString'),
    value: z.string().max(10_000).nullable().optional(),
    displayValue: z.string().max(10_000).nullable().optional(),
    answeredQuestion: z.preprocess(keepODataType, z.strictObject({ '@odata.type': z.string().max(128).nullable().optional(), id: reference })),
  }),
]);
