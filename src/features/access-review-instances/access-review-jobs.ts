import type { ClaimedJob } from '../../jobs/job-queue.repo.js';
import { jobKinds, type ReviewInstancePayload, type ReviewStagePayload, type ReviewStartPayload } from '../../jobs/job-kinds.js';
import type { JobHandler } from '../../jobs/job-worker.js';
import type { Deps } from '../deps.js';
import { applyInstance } from '../access-review-decisions/apply-review-decisions.js';
import { endStageOnSchedule, remindOnSchedule } from './review-instance-lifecycle.js';
import { startDueInstance } from './start-review-instance.js';

/**
 * The job engine's part in access reviews: instances start at their occurrence, stages end on time,
 * reminders go out at the midpoint, and ended instances are applied. Each job reads the rows again
 * and does nothing when it no longer applies, so a retried or stale job is harmless.
 */
const oneAtATime = <Payload>(kind: string, maxAttempts: number, run: (deps: Deps, payload: Payload) => Promise<void>) => (deps: Deps): JobHandler => ({
  kind,
  maxAttempts,
  async run(jobs: ClaimedJob[]) {
    const failures = new Map<string, Error>();
    for (const job of jobs) {
      try {
        await run(deps, job.payload as Payload);
      } catch (error) {
        failures.set(job.id, error instanceof Error ? error : new Error(String(error)));
      }
    }
    return failures;
  },
});

export const startAccessReviewHandler = oneAtATime(jobKinds.startAccessReview, 10, (deps, payload: ReviewStartPayload) => startDueInstance(deps, payload));
export const endAccessReviewStageHandler = oneAtATime(jobKinds.endAccessReviewStage, 10, (deps, payload: ReviewStagePayload) => endStageOnSchedule(deps, payload));
export const accessReviewReminderHandler = oneAtATime(jobKinds.accessReviewReminder, 5, (deps, payload: ReviewStagePayload) => remindOnSchedule(deps, payload));
export const applyAccessReviewHandler = oneAtATime(jobKinds.applyAccessReview, 10, (deps, payload: ReviewInstancePayload) => applyInstance(deps, payload.instanceId));
