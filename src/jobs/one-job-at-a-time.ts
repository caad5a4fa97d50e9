import type { Deps } from '../features/deps.js';
import type { ClaimedJob } from './job-queue.repo.js';
import type { JobHandler } from './job-worker.js';

/**
 * A handler that runs each claimed job on its own (its own transaction, its own failure): for
 * jobs that each read and lock their own rows, where a batch would gain nothing.
 */
export const oneJobAtATime =
  <Payload>(kind: string, maxAttempts: number, run: (deps: Deps, payload: Payload) => Promise<void>) =>
  (deps: Deps): JobHandler => ({
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
