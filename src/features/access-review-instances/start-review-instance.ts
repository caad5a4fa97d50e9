import type { Executor } from '../../db/database.js';
import { scopeOf, stagePlans, type AccessReviewDefinition } from '../../domain/access-review-definition.js';
import { notApplied, stageWindows, undecided, type AccessReviewDecision, type AccessReviewInstance, type AccessReviewStage } from '../../domain/access-review-instance.js';
import { recommend } from '../../domain/access-review-recommendation.js';
import { latestDueOccurrence, occurrenceStart } from '../../domain/access-review-recurrence.js';
import type { ReviewScope } from '../../domain/access-review-scope.js';
import { subtractDuration } from '../../domain/duration.js';
import { systemPrincipal, type Actor } from '../../domain/principal.js';
import { enqueueJobs, type NewJob } from '../../jobs/job-queue.repo.js';
import { jobKinds, type ReviewStagePayload, type ReviewStartPayload } from '../../jobs/job-kinds.js';
import { findAccessPackage } from '../access-packages/access-packages.repo.js';
import { countInstanceStarted, findDefinition, lockDefinition } from '../access-review-definitions/access-review-definitions.repo.js';
import { enqueueNextStart, reviewAudit, reviewTarget } from '../access-review-definitions/manage-access-review-definitions.js';
import { recordAudit } from '../audit/audit.repo.js';
import type { Deps } from '../deps.js';
import { findGroup } from '../groups/groups.repo.js';
import { enqueueNotifications, type ReviewFacts } from '../notifications/notification.js';
import { newTimeOrderedId } from '../time-ordered-ids.js';
import { insertDecisions, reviewersOfStage } from '../access-review-decisions/access-review-decisions.repo.js';
import { insertInstance, insertStageReviewers } from './access-review-instances.repo.js';
import { resolveStageReviewers } from './review-stage-reviewers.js';
import { reviewSubjects, type ReviewSubject } from './review-subjects.repo.js';

export const reviewsActor = (correlationId: string): Actor => ({ correlationId, principal: systemPrincipal('Access Reviews') });

/**
 * start-access-review: the job due at an occurrence's start. The definition's row is locked and the
 * occurrence checked again (still the next one, still due at that time), so the instance starts
 * once however many nodes run the job, and a job written for an old schedule does nothing.
 */
export async function startDueInstance(deps: Deps, payload: ReviewStartPayload): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    await lockDefinition(trx, payload.definitionId);
    const definition = await findDefinition(trx, payload.definitionId);
    if (!definition || definition.instancesStarted !== payload.occurrence) return;
    const due = occurrenceStart(definition.settings.recurrence, payload.occurrence);
    if (!due || due.toISOString() !== payload.dueDateTime || due.getTime() > now.getTime()) return;
    await startInstance(trx, { ...definition, instancesStarted: latestDueOccurrence(definition.settings.recurrence, payload.occurrence, now) }, now);
  });
  deps.wakeJobs();
}

/**
 * Starts the definition's next instance now: a snapshot of who is in scope, one decision each for
 * the first stage with its reviewer and recommendation, the jobs for the stage's end and its
 * midpoint reminder, the next occurrence's start, and mail to the reviewers.
 */
export async function startInstance(trx: Executor, definition: AccessReviewDefinition, now: Date): Promise<AccessReviewInstance> {
  const scope = scopeOf(definition);
  const plans = stagePlans(definition);
  const windows = stageWindows(now, plans.map((plan) => plan.durationInDays));
  const instance: AccessReviewInstance = {
    id: newTimeOrderedId(now),
    definitionId: definition.id,
    occurrence: definition.instancesStarted,
    startDateTime: now.toISOString(),
    endDateTime: windows[windows.length - 1]!.endDateTime.toISOString(),
    status: 'InProgress',
    scope: definition.scope,
    resourceDisplayName: await resourceName(trx, scope),
    stoppedById: null,
    completedDateTime: null,
    appliedDateTime: null,
    appliedById: null,
  };
  const stages: AccessReviewStage[] = plans.map((plan, index) => ({
    id: newTimeOrderedId(now),
    instanceId: instance.id,
    stageNumber: plan.stageNumber,
    startDateTime: windows[index]!.startDateTime.toISOString(),
    endDateTime: windows[index]!.endDateTime.toISOString(),
    status: index === 0 ? 'InProgress' : 'NotStarted',
  }));
  const subjects = inScope(await reviewSubjects(trx, scope), scope, now);
  const first = stages[0]!;
  const reviewers = await resolveStageReviewers(trx, plans[0]!, subjects);
  const recommendationSettings = { recommendationsEnabled: plans[0]!.recommendationsEnabled, recommendationLookBackDuration: definition.settings.recommendationLookBackDuration };
  const decisions = subjects.map((subject): AccessReviewDecision => {
    const { reviewerId, role } = reviewers.reviewerOf(subject);
    return {
      id: newTimeOrderedId(now),
      instanceId: instance.id,
      stageId: first.id,
      principal: { id: subject.userId, displayName: subject.displayName, userPrincipalName: subject.userPrincipalName, userType: subject.userType },
      resourceId: scope.kind === 'groupMembers' ? scope.groupId : scope.accessPackageId,
      assignmentId: subject.assignmentId,
      isDirectMember: subject.isDirectMember,
      reviewerId,
      reviewerRole: role,
      ...undecided,
      recommendation: recommend(recommendationSettings, subject.lastActivityDateTime, now),
      lastActivityDateTime: subject.lastActivityDateTime,
      ...notApplied,
      isCurrent: true,
    };
  });

  await insertInstance(trx, instance, stages);
  await insertStageReviewers(trx, first.id, reviewers.shared);
  await insertDecisions(trx, decisions);
  await countInstanceStarted(trx, definition.id, definition.instancesStarted + 1);
  await enqueueNextStart(trx, { ...definition, instancesStarted: definition.instancesStarted + 1 }, now);
  await enqueueStageTimers(trx, definition, instance, first, now);
  await recordAudit(trx, reviewsActor(instance.id), now, reviewAudit('Access review instance started', 'Add', [reviewTarget(definition)], [{ key: 'instanceId', value: instance.id }, { key: 'decisions', value: String(decisions.length) }, { key: 'endDateTime', value: instance.endDateTime }]));
  await notifyReviewers(trx, definition, instance, first, 'accessReviewStarted', now);
  return instance;
}

/** The stage's end, and its midpoint reminder when reminders are on. */
export async function enqueueStageTimers(trx: Executor, definition: AccessReviewDefinition, instance: AccessReviewInstance, stage: AccessReviewStage, now: Date): Promise<void> {
  const end = new Date(stage.endDateTime);
  const start = new Date(stage.startDateTime);
  const payload: ReviewStagePayload = { instanceId: instance.id, stageId: stage.id, endDateTime: stage.endDateTime };
  const jobs: NewJob[] = [{ kind: jobKinds.endAccessReviewStage, payload, runAt: end }];
  if (definition.settings.reminderNotificationsEnabled && definition.settings.mailNotificationsEnabled) {
    jobs.push({ kind: jobKinds.accessReviewReminder, payload, runAt: new Date((start.getTime() + end.getTime()) / 2) });
  }
  await enqueueJobs(trx, jobs, now);
}

export async function notifyReviewers(trx: Executor, definition: AccessReviewDefinition, instance: AccessReviewInstance, stage: AccessReviewStage, template: 'accessReviewStarted' | 'accessReviewEnded', now: Date): Promise<void> {
  if (!definition.settings.mailNotificationsEnabled) return;
  const recipientIds = await reviewersOfStage(trx, stage.id);
  if (recipientIds.length) await enqueueNotifications(trx, now, [{ template, recipientIds, facts: reviewFacts(definition, instance, stage) }]);
}

export const reviewFacts = (definition: AccessReviewDefinition, instance: AccessReviewInstance, stage: AccessReviewStage): ReviewFacts => ({
  definitionId: definition.id,
  instanceId: instance.id,
  reviewDisplayName: definition.displayName,
  resourceDisplayName: instance.resourceDisplayName,
  descriptionForReviewers: definition.descriptionForReviewers,
  dueDateTime: stage.endDateTime,
});

/** An inactive users scope reviews only those not seen within its duration before the start. */
function inScope(subjects: ReviewSubject[], scope: ReviewScope, now: Date): ReviewSubject[] {
  if (scope.kind !== 'groupMembers' || !scope.inactiveDuration) return subjects;
  const since = subtractDuration(now, scope.inactiveDuration).toISOString();
  return subjects.filter((subject) => !subject.lastActivityDateTime || subject.lastActivityDateTime < since);
}

async function resourceName(trx: Executor, scope: ReviewScope): Promise<string> {
  if (scope.kind === 'groupMembers') return (await findGroup(trx, scope.groupId))?.displayName ?? scope.groupId;
  return (await findAccessPackage(trx, scope.accessPackageId))?.displayName ?? scope.accessPackageId;
}

