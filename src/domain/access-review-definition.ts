import { parseReviewerScope, parseReviewScope, type GraphQueryScope, type ReviewerScope, type ReviewScope } from './access-review-scope.js';
import type { DefaultDecision, StageDecision } from './access-review-outcome.js';
import { recurrenceProblems, type ReviewRecurrence } from './access-review-recurrence.js';
import { isValidDuration, addDuration } from './duration.js';
import { ValidationProblems } from './validation-problems.js';

/**
 * An access review definition (Graph's accessReviewScheduleDefinition): what is reviewed, by whom,
 * how often and what happens with the answers. Stages: without stageSettings a review has one
 * stage, reviewed by the definition's reviewers for the whole instance; with them, up to three run
 * one after the other, each with its own reviewers and length (their sum is the instance's).
 */
export type ApplyAction = 'removeAccessApplyAction' | 'disableAndDeleteUserApplyAction';

export type ReviewSettings = {
  mailNotificationsEnabled: boolean;
  reminderNotificationsEnabled: boolean;
  justificationRequiredOnApproval: boolean;
  defaultDecisionEnabled: boolean;
  defaultDecision: DefaultDecision | null;
  instanceDurationInDays: number;
  autoApplyDecisionsEnabled: boolean;
  recommendationsEnabled: boolean;
  recommendationLookBackDuration: string | null;
  decisionHistoriesForReviewersEnabled: boolean;
  recurrence: ReviewRecurrence;
  applyActions: ApplyAction[];
};

/** Graph's defaults for what a definition's settings leave out (mail and reminders on, nothing applied by itself). */
export const defaultReviewSettings: Omit<ReviewSettings, 'recurrence' | 'instanceDurationInDays'> = {
  mailNotificationsEnabled: true,
  reminderNotificationsEnabled: true,
  justificationRequiredOnApproval: false,
  defaultDecisionEnabled: false,
  defaultDecision: null,
  autoApplyDecisionsEnabled: false,
  recommendationsEnabled: false,
  recommendationLookBackDuration: null,
  decisionHistoriesForReviewersEnabled: false,
  applyActions: [],
};

export type StageSetting = {
  stageId: string;
  dependsOn: string[];
  durationInDays: number;
  recommendationsEnabled: boolean | null;
  decisionsThatWillMoveToNextStage: StageDecision[] | null;
  reviewers: GraphQueryScope[];
  fallbackReviewers: GraphQueryScope[];
};

export type DefinitionInput = {
  displayName: string;
  descriptionForAdmins: string | null;
  descriptionForReviewers: string | null;
  scope: GraphQueryScope;
  reviewers: GraphQueryScope[];
  fallbackReviewers: GraphQueryScope[];
  settings: ReviewSettings;
  stageSettings: StageSetting[] | null;
};

export type AccessReviewDefinition = DefinitionInput & {
  id: string;
  policyId: string | null;
  createdById: string | null;
  createdDateTime: string;
  lastModifiedDateTime: string;
  instancesStarted: number;
};

/** One stage as it runs: who reviews (parsed), for how long, what moves on. */
export type ReviewStagePlan = {
  stageNumber: number;
  durationInDays: number;
  /** Empty: everyone reviews themself. */
  reviewers: ReviewerScope[];
  fallbackReviewers: ReviewerScope[];
  recommendationsEnabled: boolean;
  decisionsThatWillMoveToNextStage: StageDecision[] | null;
};

export const maxStages = 3;

/** How long an instance lasts: the stages' sum when there are stages (Graph: it overrides instanceDurationInDays). */
export function instanceDurationOf(definition: Pick<DefinitionInput, 'settings' | 'stageSettings'>): number {
  return definition.stageSettings?.length ? definition.stageSettings.reduce((sum, stage) => sum + stage.durationInDays, 0) : definition.settings.instanceDurationInDays;
}

/** Every problem with a definition, under its Graph property path; scopes and reviewers parsed on the way. */
export function definitionProblems(input: DefinitionInput): ValidationProblems {
  const problems = new ValidationProblems();
  if (input.displayName.trim() === '') problems.add('displayName', 'displayName is required.');
  const scope = parseReviewScope(input.scope);
  if (typeof scope === 'string') problems.add('scope.query', scope);
  else if (scope.kind === 'groupMembers' && input.scope['@odata.type'] === '#microsoft.graph.accessReviewInactiveUsersQueryScope' && !(scope.inactiveDuration && isValidDuration(scope.inactiveDuration))) {
    problems.add('scope.inactiveDuration', 'An inactive users scope needs inactiveDuration, a duration such as P30D.');
  }
  reviewerProblems(input.reviewers, 'reviewers', problems);
  reviewerProblems(input.fallbackReviewers, 'fallbackReviewers', problems);

  const { settings } = input;
  if (settings.defaultDecisionEnabled && !settings.defaultDecision) problems.add('settings.defaultDecision', 'With defaultDecisionEnabled, say which: Approve, Deny or Recommendation.');
  const lookBack = settings.recommendationLookBackDuration;
  if (lookBack !== null && !(isValidDuration(lookBack) && addDuration(new Date(0), lookBack).getTime() <= 366 * 86_400_000)) {
    problems.add('settings.recommendationLookBackDuration', `recommendationLookBackDuration is a duration of at most a year, such as P30D; it is '${lookBack.slice(0, 40)}'.`);
  }
  const stages = input.stageSettings;
  if (stages) {
    if (stages.length === 0 || stages.length > maxStages) problems.add('stageSettings', `A multi-stage review has 1 to ${maxStages} stages; this one has ${stages.length}.`);
    stages.forEach((stage, index) => {
      const at = `stageSettings[${index}]`;
      if (stage.stageId !== String(index + 1)) problems.add(`${at}.stageId`, `Stages run one after the other and are numbered from 1: stage ${index + 1} must have stageId '${index + 1}'.`);
      const expected = index === 0 ? [] : [String(index)];
      if (stage.dependsOn.join() !== expected.join()) problems.add(`${at}.dependsOn`, index === 0 ? 'The first stage depends on no other.' : `Stage ${index + 1} depends on stage ${index}: dependsOn ['${index}'].`);
      if (!Number.isInteger(stage.durationInDays) || stage.durationInDays < 1) problems.add(`${at}.durationInDays`, 'durationInDays is a whole number of days, at least 1.');
      reviewerProblems(stage.reviewers, `${at}.reviewers`, problems);
      reviewerProblems(stage.fallbackReviewers, `${at}.fallbackReviewers`, problems);
      if (index === stages.length - 1 && stage.decisionsThatWillMoveToNextStage?.length) problems.add(`${at}.decisionsThatWillMoveToNextStage`, 'The last stage has no next stage to move decisions to.');
    });
  }
  const recurrence = recurrenceProblems(settings.recurrence, instanceDurationOf(input));
  for (const detail of recurrence.list()) problems.add(stages?.length && detail.target === 'settings.instanceDurationInDays' ? 'stageSettings' : detail.target!, detail.message);
  return problems;
}

function reviewerProblems(reviewers: readonly GraphQueryScope[], at: string, problems: ValidationProblems): void {
  if (reviewers.length > 25) problems.add(at, `At most 25 reviewer queries; there are ${reviewers.length}.`);
  reviewers.forEach((reviewer, index) => {
    const parsed = parseReviewerScope(reviewer);
    if (typeof parsed === 'string') problems.add(`${at}[${index}].query`, parsed);
  });
}

const parsedReviewers = (reviewers: readonly GraphQueryScope[]) => reviewers.map(parseReviewerScope).filter((r): r is ReviewerScope => typeof r !== 'string');

/** The stages an instance of this definition runs, in order. */
export function stagePlans(definition: Pick<DefinitionInput, 'settings' | 'stageSettings' | 'reviewers' | 'fallbackReviewers'>): ReviewStagePlan[] {
  const { settings } = definition;
  if (!definition.stageSettings?.length) {
    return [{ stageNumber: 1, durationInDays: settings.instanceDurationInDays, reviewers: parsedReviewers(definition.reviewers), fallbackReviewers: parsedReviewers(definition.fallbackReviewers), recommendationsEnabled: settings.recommendationsEnabled, decisionsThatWillMoveToNextStage: null }];
  }
  return definition.stageSettings.map((stage, index) => ({
    stageNumber: index + 1,
    durationInDays: stage.durationInDays,
    reviewers: parsedReviewers(stage.reviewers),
    // A stage without fallbacks of its own uses the definition's.
    fallbackReviewers: parsedReviewers(stage.fallbackReviewers.length ? stage.fallbackReviewers : definition.fallbackReviewers),
    recommendationsEnabled: stage.recommendationsEnabled ?? settings.recommendationsEnabled,
    decisionsThatWillMoveToNextStage: stage.decisionsThatWillMoveToNextStage,
  }));
}

/** The definition's scope, parsed; definitions are checked on the way in, so this cannot fail for a stored one. */
export function scopeOf(definition: Pick<DefinitionInput, 'scope'>): ReviewScope {
  const scope = parseReviewScope(definition.scope);
  if (typeof scope === 'string') throw new Error(scope);
  return scope;
}
