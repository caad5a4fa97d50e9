import type { DefinitionInput } from './access-review-definition.js';
import { defaultReviewSettings, definitionProblems } from './access-review-definition.js';
import type { ReviewRecurrence } from './access-review-recurrence.js';
import type { GraphQueryScope } from './access-review-scope.js';
import { packageAssignmentsQuery } from './access-review-scope.js';
import type { SubjectSet } from './assignment-policy.js';
import { addDuration, isValidDuration } from './duration.js';
import { subjectKindOf } from './policy-subject-sets.js';
import type { ValidationProblems } from './validation-problems.js';

/**
 * An assignment policy's reviewSettings (Graph's accessPackageAssignmentReviewSettings): a review of
 * the assignments made under the policy, on a schedule. Tessera runs it as an access review
 * definition the policy owns, made from these settings whenever the policy is saved:
 *   primaryReviewers / fallbackReviewers: singleUser → /users/{id}, groupMembers → the group's
 *     members, requestorManager → ./manager; isSelfReview: each person reviews their own.
 *   expirationBehavior: keepAccess (no default), removeAccess (default Deny), acceptAccessRecommendation
 *     (default Recommendation); what it says is applied automatically when an instance ends.
 *   schedule: startDateTime (the first instance's date), expiration.duration (each instance's
 *     length, 14 days unless given), recurrence (none: a one-off review).
 */
export type PolicyReviewSettings = {
  isEnabled?: boolean;
  expirationBehavior?: 'keepAccess' | 'removeAccess' | 'acceptAccessRecommendation';
  isRecommendationEnabled?: boolean;
  isReviewerJustificationRequired?: boolean;
  isSelfReview?: boolean;
  schedule?: {
    startDateTime?: string | null;
    expiration?: { type?: string | null; duration?: string | null; endDateTime?: string | null } | null;
    recurrence?: { pattern?: { type: 'weekly' | 'absoluteMonthly' | 'absoluteYearly'; interval: number } | null; range?: { type?: string | null; startDate?: string | null; endDate?: string | null; numberOfOccurrences?: number | null } | null } | null;
  } | null;
  primaryReviewers?: SubjectSet[];
  fallbackReviewers?: SubjectSet[];
};

export const defaultPolicyReviewDays = 14;

const reviewerQuery = (subject: SubjectSet): GraphQueryScope | string => {
  const kind = subjectKindOf(subject);
  if (kind === 'singleUser' && 'userId' in subject) return { query: `/users/${subject.userId}`, queryType: 'MicrosoftGraph', queryRoot: null };
  if (kind === 'groupMembers' && 'groupId' in subject) return { query: `/groups/${subject.groupId}/transitiveMembers`, queryType: 'MicrosoftGraph', queryRoot: null };
  if (kind === 'requestorManager') return { query: './manager', queryType: 'MicrosoftGraph', queryRoot: 'decisions' };
  return `${kind} cannot review access: name users (singleUser), a group (groupMembers) or the manager (requestorManager).`;
};

function durationDays(duration: string | null | undefined, problems: ValidationProblems): number {
  if (!duration) return defaultPolicyReviewDays;
  if (!isValidDuration(duration)) {
    problems.add('reviewSettings.schedule.expiration.duration', `duration is how long each review lasts, such as P14D; it is '${duration.slice(0, 40)}'.`);
    return defaultPolicyReviewDays;
  }
  return Math.max(1, Math.round(addDuration(new Date(0), duration).getTime() / 86_400_000));
}

/**
 * The definition a policy's reviewSettings stand for, or null when reviews are off. Problems are
 * reported under reviewSettings.…; the definition's own rules (the schedule's sense) are checked too.
 */
export function policyReviewDefinition(settings: PolicyReviewSettings | null, policy: { id: string | null; accessPackageId: string | null; displayName: string }, now: Date, problems: ValidationProblems): DefinitionInput | null {
  if (!settings?.isEnabled) return null;
  const reviewers = (list: readonly SubjectSet[] | undefined, at: string) =>
    (list ?? []).flatMap((subject, index) => {
      const query = reviewerQuery(subject);
      if (typeof query === 'string') {
        problems.add(`reviewSettings.${at}[${index}]`, query);
        return [];
      }
      return [query];
    });
  const primary = reviewers(settings.primaryReviewers, 'primaryReviewers');
  const fallback = reviewers(settings.fallbackReviewers, 'fallbackReviewers');
  if (!settings.isSelfReview && primary.length === 0) problems.add('reviewSettings.primaryReviewers', 'Name who reviews (primaryReviewers), or make it a self-review (isSelfReview).');
  const schedule = settings.schedule ?? {};
  const startDate = (schedule.startDateTime ?? now.toISOString()).slice(0, 10);
  const range = schedule.recurrence?.range;
  const recurrence: ReviewRecurrence = {
    pattern: schedule.recurrence?.pattern ? { type: schedule.recurrence.pattern.type, interval: schedule.recurrence.pattern.interval } : null,
    range: {
      type: range?.type === 'endDate' || range?.type === 'numbered' ? range.type : 'noEnd',
      startDate: range?.startDate ?? startDate,
      endDate: range?.endDate ?? null,
      numberOfOccurrences: range?.numberOfOccurrences ?? null,
    },
  };
  const behaviour = settings.expirationBehavior ?? 'keepAccess';
  const definition: DefinitionInput = {
    displayName: `Review of ${policy.displayName}`.slice(0, 256),
    descriptionForAdmins: "Made from the assignment policy's reviewSettings; change them there.",
    descriptionForReviewers: null,
    // A policy not yet saved has no id: its definition is made when it is, with the real one.
    scope: { query: packageAssignmentsQuery(policy.accessPackageId ?? 'pending', policy.id ?? 'pending'), queryType: 'MicrosoftGraph', queryRoot: null },
    reviewers: settings.isSelfReview ? [] : primary,
    fallbackReviewers: fallback,
    settings: {
      ...defaultReviewSettings,
      justificationRequiredOnApproval: settings.isReviewerJustificationRequired ?? false,
      defaultDecisionEnabled: behaviour !== 'keepAccess',
      defaultDecision: behaviour === 'removeAccess' ? 'Deny' : behaviour === 'acceptAccessRecommendation' ? 'Recommendation' : null,
      instanceDurationInDays: durationDays(schedule.expiration?.duration, problems),
      // Entra applies a policy's review when it ends: that is what expirationBehavior is for.
      autoApplyDecisionsEnabled: true,
      recommendationsEnabled: settings.isRecommendationEnabled ?? false,
      recurrence,
    },
    stageSettings: null,
  };
  for (const detail of definitionProblems(definition).list()) {
    if (detail.target === 'scope.query' || detail.target?.startsWith('reviewers')) continue; // the scope is ours; reviewers were checked above
    problems.add(`reviewSettings.${detail.target?.replace(/^settings\./, 'schedule.') ?? ''}`, detail.message);
  }
  return definition;
}
