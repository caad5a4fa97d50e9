import type { Executor } from '../../db/database.js';
import { stagePlans, type AccessReviewDefinition } from '../../domain/access-review-definition.js';
import { undecided, type AccessReviewDecision, type AccessReviewInstance, type AccessReviewStage } from '../../domain/access-review-instance.js';
import { movesToNextStage } from '../../domain/access-review-outcome.js';
import { recommend } from '../../domain/access-review-recommendation.js';
import { ConflictError, NotFoundError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { actorId } from '../../domain/actor-id.js';
import { enqueueJobs } from '../../jobs/job-queue.repo.js';
import { jobKinds, type ReviewInstancePayload, type ReviewStagePayload } from '../../jobs/job-kinds.js';
import { findDefinitionsByIds } from '../access-review-definitions/access-review-definitions.repo.js';
import { reviewAudit, reviewTarget } from '../access-review-definitions/manage-access-review-definitions.js';
import { details } from '../assignment-requests/lifecycle-audit.js';
import { recordAudit } from '../audit/audit.repo.js';
import type { Deps } from '../deps.js';
import { enqueueNotifications } from '../notifications/notification.js';
import { newTimeOrderedId } from '../time-ordered-ids.js';
import { managerIdsOf } from '../users/users.repo.js';
import { decisionsOfStage, insertDecisions, markNotCurrent, resetStageDecisions, reviewersWithUndecided } from '../access-review-decisions/access-review-decisions.repo.js';
import { insertStageReviewers, lockInstance, setInstanceStatus, setStageStatus, stagesOf } from './access-review-instances.repo.js';
import { resolveStageReviewers } from './review-stage-reviewers.js';
import { enqueueStageTimers, notifyReviewers, reviewFacts, reviewsActor } from './start-review-instance.js';

/**
 * How an instance moves: a stage ends (on time, or the instance is stopped); the decisions its
 * settings pass on become the next stage's, with that stage's reviewers; after the last stage the
 * instance is Completed, and Applying at once when its decisions apply automatically. Every step
 * holds the instance's lock, so a reviewer's decision never lands in a stage that just closed.
 */
type Locked = { definition: AccessReviewDefinition; instance: AccessReviewInstance; stages: AccessReviewStage[] };

export async function lockForChange(trx: Executor, instanceId: string): Promise<Locked | undefined> {
  const instance = await lockInstance(trx, instanceId);
  if (!instance) return undefined;
  const [definition] = await findDefinitionsByIds(trx, [instance.definitionId]);
  return definition ? { definition, instance, stages: await stagesOf(trx, instance.id) } : undefined;
}

export const currentStage = (stages: readonly AccessReviewStage[]) => stages.find((stage) => stage.status === 'InProgress');

/** end-access-review-stage: the stage's end time has come (and is still the one the job was written for). */
export async function endStageOnSchedule(deps: Deps, payload: ReviewStagePayload): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const locked = await lockForChange(trx, payload.instanceId);
    const stage = locked && currentStage(locked.stages);
    if (!locked || locked.instance.status !== 'InProgress' || stage?.id !== payload.stageId || stage.endDateTime !== payload.endDateTime) return;
    await closeStage(trx, locked, stage, now, null);
  });
  deps.wakeJobs();
}

async function closeStage(trx: Executor, locked: Locked, stage: AccessReviewStage, now: Date, stoppedBy: Actor | null): Promise<void> {
  const { definition, instance, stages } = locked;
  await setStageStatus(trx, stage.id, 'Completed', stoppedBy ? { endDateTime: now.toISOString() } : {});
  const next = stages.find((candidate) => candidate.stageNumber === stage.stageNumber + 1);
  if (next && !stoppedBy) {
    const plans = stagePlans(definition);
    const moving = (await decisionsOfStage(trx, stage.id)).filter((d) => movesToNextStage(d.decision, d.recommendation, plans[stage.stageNumber - 1]!.decisionsThatWillMoveToNextStage));
    if (moving.length > 0) {
      await startNextStage(trx, definition, instance, next, moving, now);
      return;
    }
  }
  await completeInstance(trx, definition, instance, stage, now, stoppedBy);
}

async function startNextStage(trx: Executor, definition: AccessReviewDefinition, instance: AccessReviewInstance, stage: AccessReviewStage, moving: AccessReviewDecision[], now: Date): Promise<void> {
  const plan = stagePlans(definition)[stage.stageNumber - 1]!;
  const managers = await managerIdsOf(trx, moving.map((d) => d.principal.id));
  const subjects = moving.map((d) => ({ userId: d.principal.id, managerId: managers.get(d.principal.id) ?? null }));
  const reviewers = await resolveStageReviewers(trx, plan, subjects);
  const settings = { recommendationsEnabled: plan.recommendationsEnabled, recommendationLookBackDuration: definition.settings.recommendationLookBackDuration };
  const decisions = moving.map((previous): AccessReviewDecision => {
    const { reviewerId, role } = reviewers.reviewerOf({ userId: previous.principal.id, managerId: managers.get(previous.principal.id) ?? null });
    return {
      ...previous,
      id: newTimeOrderedId(now),
      stageId: stage.id,
      reviewerId,
      reviewerRole: role,
      ...undecided,
      recommendation: recommend(settings, previous.lastActivityDateTime, new Date(instance.startDateTime)),
      isCurrent: true,
    };
  });
  await markNotCurrent(trx, moving.map((d) => d.id));
  await setStageStatus(trx, stage.id, 'InProgress');
  await insertStageReviewers(trx, stage.id, reviewers.shared);
  await insertDecisions(trx, decisions);
  await enqueueStageTimers(trx, definition, instance, stage, now);
  await notifyReviewers(trx, definition, instance, stage, 'accessReviewStarted', now);
}

async function completeInstance(trx: Executor, definition: AccessReviewDefinition, instance: AccessReviewInstance, lastStage: AccessReviewStage, now: Date, stoppedBy: Actor | null): Promise<void> {
  const autoApply = definition.settings.autoApplyDecisionsEnabled;
  await setInstanceStatus(trx, instance.id, autoApply ? 'Applying' : 'Completed', {
    completed_date_time: now.toISOString(),
    ...(stoppedBy ? { stopped_by_id: actorId(stoppedBy.principal), end_date_time: now.toISOString() } : {}),
  });
  await notifyReviewers(trx, definition, instance, lastStage, 'accessReviewEnded', now);
  await recordAudit(trx, stoppedBy ?? reviewsActor(instance.id), now, reviewAudit(stoppedBy ? 'Access review instance stopped' : 'Access review instance completed', 'Update', [reviewTarget(definition)], details({ instanceId: instance.id, autoApply: String(autoApply) })));
  if (autoApply) await enqueueJobs(trx, [{ kind: jobKinds.applyAccessReview, payload: { instanceId: instance.id } satisfies ReviewInstancePayload, runAt: now }], now);
}

/** Loads and locks an instance of a definition for an action, or says why not (404, or 409 in the wrong status). */
async function instanceFor(trx: Executor, definitionId: string, instanceId: string, status: AccessReviewInstance['status'], action: string): Promise<Locked> {
  const locked = await lockForChange(trx, instanceId);
  if (!locked || locked.instance.definitionId !== definitionId) throw new NotFoundError('Access review instance', instanceId);
  if (locked.instance.status !== status) throw new ConflictError(`The instance is ${locked.instance.status}; ${action} needs it ${status}.`, 'status', 'AccessReviewInvalidStatus');
  return locked;
}

/** POST …/instances/{id}/stop: ends the instance now (every stage); decisions stay as they are. */
export async function stopInstance(deps: Deps, actor: Actor, definitionId: string, instanceId: string): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const locked = await instanceFor(trx, definitionId, instanceId, 'InProgress', 'stop');
    await closeStage(trx, locked, currentStage(locked.stages)!, now, actor);
  });
  deps.wakeJobs();
}

/** POST …/instances/{id}/applyDecisions: applies a Completed instance's decisions (when they are not applied automatically). */
export async function requestApply(deps: Deps, actor: Actor, definitionId: string, instanceId: string): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const { definition, instance } = await instanceFor(trx, definitionId, instanceId, 'Completed', 'applyDecisions');
    await setInstanceStatus(trx, instance.id, 'Applying', { applied_by_id: actorId(actor.principal) });
    await recordAudit(trx, actor, now, reviewAudit('Apply access review decisions', 'Update', [reviewTarget(definition)], details({ instanceId: instance.id })));
    await enqueueJobs(trx, [{ kind: jobKinds.applyAccessReview, payload: { instanceId: instance.id } satisfies ReviewInstancePayload, runAt: now }], now);
  });
  deps.wakeJobs();
}

/** POST …/instances/{id}/resetDecisions: every decision of the current stage back to NotReviewed. */
export async function resetDecisions(deps: Deps, actor: Actor, definitionId: string, instanceId: string): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const { definition, instance, stages } = await instanceFor(trx, definitionId, instanceId, 'InProgress', 'resetDecisions');
    const reset = await resetStageDecisions(trx, currentStage(stages)!.id);
    await recordAudit(trx, actor, now, reviewAudit('Reset access review decisions', 'Update', [reviewTarget(definition)], details({ instanceId: instance.id, decisionsReset: reset })));
  });
}

/** POST …/instances/{id}/sendReminder: mail to every reviewer with decisions left in the current stage. */
export async function sendReminder(deps: Deps, actor: Actor, definitionId: string, instanceId: string): Promise<number> {
  const now = deps.clock();
  const sent = await deps.db.transaction().execute(async (trx) => {
    const { definition, instance, stages } = await instanceFor(trx, definitionId, instanceId, 'InProgress', 'sendReminder');
    const recipients = await remind(trx, definition, instance, currentStage(stages)!, now);
    await recordAudit(trx, actor, now, reviewAudit('Send access review reminder', 'Update', [reviewTarget(definition)], details({ instanceId: instance.id, reviewers: recipients })));
    return recipients;
  });
  deps.wakeJobs();
  return sent;
}

/** access-review-reminder: at a stage's midpoint, when reminders are on. */
export async function remindOnSchedule(deps: Deps, payload: ReviewStagePayload): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const locked = await lockForChange(trx, payload.instanceId);
    const stage = locked && currentStage(locked.stages);
    if (!locked || locked.instance.status !== 'InProgress' || stage?.id !== payload.stageId || !locked.definition.settings.reminderNotificationsEnabled || !locked.definition.settings.mailNotificationsEnabled) return;
    await remind(trx, locked.definition, locked.instance, stage, now);
  });
  deps.wakeJobs();
}

async function remind(trx: Executor, definition: AccessReviewDefinition, instance: AccessReviewInstance, stage: AccessReviewStage, now: Date): Promise<number> {
  const recipientIds = await reviewersWithUndecided(trx, stage.id);
  if (recipientIds.length) await enqueueNotifications(trx, now, [{ template: 'accessReviewReminder', recipientIds, facts: reviewFacts(definition, instance, stage) }]);
  return recipientIds.length;
}

