import { jobKinds, type ReviewInstancePayload, type ReviewStagePayload, type ReviewStartPayload } from '../../jobs/job-kinds.js';
import { oneJobAtATime } from '../../jobs/one-job-at-a-time.js';
import { applyInstance } from '../access-review-decisions/apply-review-decisions.js';
import { endStageOnSchedule, remindOnSchedule } from './review-instance-lifecycle.js';
import { startDueInstance } from './start-review-instance.js';

/**
 * The job engine's part in access reviews: instances start at their occurrence, stages end on time,
 * reminders go out at the midpoint, and ended instances are applied. Each job reads the rows again
 * and does nothing when it no longer applies, so a retried or stale job is harmless.
 */
export const startAccessReviewHandler = oneJobAtATime(jobKinds.startAccessReview, 10, (deps, payload: ReviewStartPayload) => startDueInstance(deps, payload));
export const endAccessReviewStageHandler = oneJobAtATime(jobKinds.endAccessReviewStage, 10, (deps, payload: ReviewStagePayload) => endStageOnSchedule(deps, payload));
export const accessReviewReminderHandler = oneJobAtATime(jobKinds.accessReviewReminder, 5, (deps, payload: ReviewStagePayload) => remindOnSchedule(deps, payload));
export const applyAccessReviewHandler = oneJobAtATime(jobKinds.applyAccessReview, 10, (deps, payload: ReviewInstancePayload) => applyInstance(deps, payload.instanceId));
