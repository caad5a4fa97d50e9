import type { PolicyRequirements, Question } from '../../api/graph';

/**
 * The request form's rules, apart from React so they can be tested alone: what must be filled in
 * for the chosen policy, and the Graph request body it becomes. The server checks all of it again;
 * this only saves the requester a round trip and puts each message next to its field.
 */
export type RequestFormValues = {
  policyId: string | null;
  justification: string;
  /** question id → the chosen values (one for a text answer or a single choice). */
  answers: Record<string, string[]>;
  /** yyyy-mm-dd, when the policy lets the requester choose their dates. */
  startDate: string;
  endDate: string;
};

export const emptyRequestForm = (requirements: PolicyRequirements[]): RequestFormValues => ({
  policyId: requirements.length === 1 ? requirements[0]!.policyId : null,
  justification: '',
  answers: {},
  startDate: '',
  endDate: '',
});

export const sortedQuestions = (policy: PolicyRequirements): Question[] => [...policy.questions].sort((a, b) => a.sequence - b.sequence);

export type FieldErrors = Record<string, string>;

export function requestFormErrors(requirements: PolicyRequirements[], values: RequestFormValues, today: string): FieldErrors {
  const errors: FieldErrors = {};
  const policy = requirements.find((candidate) => candidate.policyId === values.policyId);
  if (!policy) {
    errors.policyId = 'Choose how you want to request this access.';
    return errors;
  }
  if (policy.isRequestorJustificationRequired && values.justification.trim() === '') errors.justification = 'Say why you need this access: your approvers read it.';
  if (values.justification.length > 4000) errors.justification = 'Keep the justification under 4,000 characters.';
  for (const question of sortedQuestions(policy)) {
    const answer = (values.answers[question.id] ?? []).filter((value) => value.trim() !== '');
    if (question.isRequired && answer.length === 0) errors[`question:${question.id}`] = 'This question needs an answer.';
    else if (question.isSingleLineQuestion && answer.some((value) => /[\r\n]/.test(value))) errors[`question:${question.id}`] = 'Answer on one line.';
  }
  if (policy.allowCustomAssignmentSchedule) {
    if (values.startDate && values.startDate < today) errors.startDate = 'The start cannot be in the past.';
    if (values.endDate && values.endDate <= (values.startDate || today)) errors.endDate = 'The end must come after the start.';
  }
  return errors;
}

/** The body of POST /assignmentRequests for the signed-in person asking for the package. */
export function requestBody(targetId: string, accessPackageId: string, requirements: PolicyRequirements[], values: RequestFormValues) {
  const policy = requirements.find((candidate) => candidate.policyId === values.policyId)!;
  const answers = sortedQuestions(policy).flatMap((question) =>
    (values.answers[question.id] ?? [])
      .filter((value) => value.trim() !== '')
      .map((value) => ({
        '@odata.type': '#microsoft.graph.accessPackageAnswerString' as const,
        value,
        displayValue: question.choices?.find((choice) => choice.actualValue === value)?.text ?? value,
        answeredQuestion: { '@odata.type': question['@odata.type'], id: question.id },
      })),
  );
  const custom = policy.allowCustomAssignmentSchedule && (values.startDate || values.endDate);
  return {
    requestType: 'userAdd' as const,
    assignment: { accessPackageId, assignmentPolicyId: policy.policyId, targetId },
    ...(values.justification.trim() ? { justification: values.justification.trim() } : {}),
    ...(answers.length ? { answers } : {}),
    ...(custom
      ? {
          schedule: {
            ...(values.startDate ? { startDateTime: new Date(`${values.startDate}T00:00:00`).toISOString() } : {}),
            expiration: values.endDate ? { type: 'afterDateTime' as const, endDateTime: new Date(`${values.endDate}T23:59:59`).toISOString() } : { type: 'notSpecified' as const },
          },
        }
      : {}),
  };
}
