import { z } from 'zod';
import { requestTypes } from '../../domain/assignment-request.js';
import { dateTimeOffset, graphBody, guid } from '../schema-helpers.js';

/**
 * The body of POST …/assignmentRequests, in Graph's shape. Graph documents two ways to name the
 * package, policy and target (`assignment.accessPackageId` and `assignment.accessPackage.id`, …);
 * both are accepted so that scripts written for Entra work unchanged.
 */
const reference = graphBody({ id: guid });

const expirationPattern = graphBody({
  type: z.enum(['notSpecified', 'noExpiration', 'afterDateTime', 'afterDuration']),
  endDateTime: dateTimeOffset.nullable().optional(),
  duration: z.string().max(32).nullable().optional(),
}).superRefine((value, context) => {
  if (value.type === 'afterDateTime' && !value.endDateTime) context.addIssue({ code: 'custom', path: ['endDateTime'], message: 'is required when type is afterDateTime' });
  if (value.type === 'afterDuration' && !value.duration) context.addIssue({ code: 'custom', path: ['duration'], message: 'is required when type is afterDuration' });
});

export const requestScheduleBody = graphBody({
  startDateTime: dateTimeOffset.nullable().optional(),
  expiration: expirationPattern.nullable().optional(),
  // Graph's schedule carries a recurrence that requests do not use.
  recurrence: z.null().optional(),
});

const answerBody = z.object({
  '@odata.type': z.literal('#microsoft.graph.accessPackageAnswerString').optional(),
  value: z.string().max(4000),
  displayValue: z.string().max(4000).nullable().optional(),
  answeredQuestion: z.object({ '@odata.type': z.string().max(100).optional(), id: z.string().min(1).max(64) }),
});

const subjectReference = graphBody({
  objectId: guid.optional(),
  email: z.string().max(320).optional(),
  displayName: z.string().max(256).optional(),
  subjectType: z.string().max(32).optional(),
});

export const submitRequestBody = graphBody({
  requestType: z.enum(requestTypes),
  justification: z.string().max(4000).nullable().optional(),
  answers: z.array(answerBody).max(50).optional(),
  schedule: requestScheduleBody.nullable().optional(),
  assignment: graphBody({
    id: guid.optional(),
    targetId: guid.optional(),
    target: subjectReference.optional(),
    accessPackageId: guid.optional(),
    accessPackage: reference.optional(),
    assignmentPolicyId: guid.optional(),
    assignmentPolicy: reference.optional(),
    schedule: requestScheduleBody.nullable().optional(),
  }),
});

export type SubmitRequestBody = z.infer<typeof submitRequestBody>;

/** The request as the use case takes it: one way to name each thing. */
export type SubmitRequestInput = {
  requestType: SubmitRequestBody['requestType'];
  justification: string | null;
  answers: NonNullable<SubmitRequestBody['answers']>;
  schedule: SubmitRequestBody['schedule'];
  assignmentId?: string;
  targetId?: string;
  targetEmail?: string;
  /** The name an outsider assigned by e-mail is shown by, until they give their own. */
  targetDisplayName?: string;
  accessPackageId?: string;
  policyId?: string;
};

export function submitRequestInput(body: SubmitRequestBody): SubmitRequestInput {
  const { assignment } = body;
  return {
    requestType: body.requestType,
    justification: body.justification?.trim() || null,
    answers: body.answers ?? [],
    schedule: body.schedule ?? assignment.schedule ?? null,
    ...(assignment.id ? { assignmentId: assignment.id } : {}),
    ...(assignment.targetId ?? assignment.target?.objectId ? { targetId: (assignment.targetId ?? assignment.target?.objectId)! } : {}),
    ...(assignment.target?.email && !assignment.target.objectId ? { targetEmail: assignment.target.email, ...(assignment.target.displayName ? { targetDisplayName: assignment.target.displayName } : {}) } : {}),
    ...(assignment.accessPackageId ?? assignment.accessPackage?.id ? { accessPackageId: (assignment.accessPackageId ?? assignment.accessPackage?.id)! } : {}),
    ...(assignment.assignmentPolicyId ?? assignment.assignmentPolicy?.id ? { policyId: (assignment.assignmentPolicyId ?? assignment.assignmentPolicy?.id)! } : {}),
  };
}

export const decideStageBody = graphBody({
  reviewResult: z.enum(['Approve', 'Deny']),
  justification: z.string().max(4000).nullable().optional(),
});
