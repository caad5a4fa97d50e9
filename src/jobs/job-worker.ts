import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { DialectName } from '../db/dialect.js';
import { retryDelayMs } from '../domain/retry-backoff.js';
import { buryJob, claimDueJobs, completeJobs, nextDueTime, retryJobLater, type ClaimedJob } from './job-queue.repo.js';

/**
 * A job handler takes every claimed job of its kind at once, so that work which batches well
 * (expiring thousands of assignments, delivering a burst of requests) is done in a few
 * transactions instead of one per job. It must be idempotent: a job whose claimer died, or whose
 * lease ran out, runs again.
 */
export type JobHandler = {
  kind: string;
  /** Attempts before a job is given up and kept as dead. */
  maxAttempts: number;
  /** Returns the jobs that failed (to be retried with backoff); every other job is done. */
  run(jobs: ClaimedJob[]): Promise<Map<string, Error>>;
};

export type JobWorkerOptions = {
  db: Kysely<Database>;
  dialect: DialectName;
  clock: () => Date;
  handlers: readonly JobHandler[];
  log: { error(details: object, message: string): void; warn(details: object, message: string): void };
  /** How long a claimed job stays with this worker before another may take it. */
  leaseMs?: number;
  /** The longest an idle worker sleeps before it looks again (for jobs other nodes enqueue). */
  pollMs?: number;
  batchSize?: number;
  /** Claim loops side by side (default: 4 on PostgreSQL, 1 on SQLite). */
  concurrency?: number;
  /** How long a woken worker waits for the rest of a burst before it claims (default 5 ms). */
  gatherMs?: number;
  /** Claim only jobs these handlers run (a worker dedicated to some kinds); by default, every kind. */
  onlyOwnKinds?: boolean;
};

export type JobWorker = {
  readonly owner: string;
  start(): void;
  /** Looks for due work now instead of at the next poll: called after a change enqueues jobs. */
  wake(): void;
  /** Runs every job that is due now, until none is left; for tests and the CLI. */
  drain(): Promise<number>;
  stop(): Promise<void>;
};

export function createJobWorker(options: JobWorkerOptions): JobWorker {
  const { db, dialect, clock, log } = options;
  const leaseMs = options.leaseMs ?? 60_000;
  const pollMs = options.pollMs ?? 1_000;
  const batchSize = options.batchSize ?? 200;
  const gatherMs = options.gatherMs ?? 5;
  const handlers = new Map(options.handlers.map((handler) => [handler.kind, handler]));
  const owner = `${randomUUID()}`;
  // On PostgreSQL several loops claim side by side (their claims skip each other's rows), so
  // one slow batch does not hold up the rest; SQLite has one writer, and one loop is enough.
  const loops = options.concurrency ?? (dialect === 'postgres' ? 4 : 1);
  let running = false;
  let workers: Promise<void>[] = [];
  const sleepers = new Set<() => void>();
  // Bumped by wake(): a loop that saw a change since it last looked does not go to sleep.
  let changes = 0;

  /**
   * Claims due jobs and runs them. The jobs a run finished are deleted by the next claim, in its
   * transaction (which follows at once while there is work, and finds none otherwise): on SQLite
   * every commit costs system calls and a walk of the page cache whatever it writes, and a commit
   * of its own for the deletion was a fifth of a burst's commits. `finished` are the previous
   * run's; the ones this run finished are returned. A crash before the next claim leaves them
   * leased, and they run again when the lease ends, as any job whose worker died.
   */
  async function runOnce(finished: readonly string[]): Promise<{ claimed: number; finished: string[] }> {
    const claimed = await claimDueJobs(db, dialect, owner, clock(), leaseMs, batchSize, options.onlyOwnKinds ? [...handlers.keys()] : undefined, finished);
    if (claimed.length === 0) return { claimed: 0, finished: [] };
    // Consecutive jobs of one kind run together, and runs in the order their jobs fell due: a
    // backlog worked off after downtime still escalates before it reminds, and reminds before it expires.
    const runs: [string, ClaimedJob[]][] = [];
    for (const job of claimed) {
      const last = runs.at(-1);
      if (last && last[0] === job.kind) last[1].push(job);
      else runs.push([job.kind, [job]]);
    }
    const done: string[] = [];
    for (const [kind, jobs] of runs) {
      const handler = handlers.get(kind);
      let failures: Map<string, Error>;
      try {
        failures = handler ? await handler.run(jobs) : new Map(jobs.map((job) => [job.id, new Error(`No handler for jobs of kind '${kind}' in this version of Tessera.`)]));
      } catch (error) {
        failures = new Map(jobs.map((job) => [job.id, error instanceof Error ? error : new Error(String(error))]));
      }
      for (const job of jobs) {
        const failure = failures.get(job.id);
        if (!failure) {
          done.push(job.id);
          continue;
        }
        await settleFailure(job, failure, handler?.maxAttempts ?? 10);
      }
    }
    return { claimed: claimed.length, finished: done };
  }

  async function settleFailure(job: ClaimedJob, failure: Error, maxAttempts: number): Promise<void> {
    const message = failure.message.slice(0, 2000);
    if (job.attempts >= maxAttempts) {
      log.error({ job: { id: job.id, kind: job.kind, attempts: job.attempts }, err: failure }, 'job given up after its last attempt');
      await buryJob(db, owner, job.id, message);
      return;
    }
    log.warn({ job: { id: job.id, kind: job.kind, attempts: job.attempts }, err: failure }, 'job failed; retrying later');
    await retryJobLater(db, owner, job.id, new Date(clock().getTime() + retryDelayMs(job.attempts, Math.random())), message);
  }

  async function idle(seen: number): Promise<void> {
    if (changes === seen) {
      const next = await nextDueTime(db).catch(() => undefined);
      const untilNext = next ? next.getTime() - clock().getTime() : pollMs;
      if (changes === seen) await sleep(Math.max(5, Math.min(pollMs, untilNext)), true);
    }
    // Woken by a change: give the burst it may belong to a moment to commit, so that a hundred
    // requests arriving together are delivered in a few transactions, not a hundred.
    if (changes !== seen) await sleep(gatherMs, false);
  }

  function sleep(milliseconds: number, wakeable: boolean): Promise<void> {
    // stop() wakes the sleepers it finds; a loop that was between a query and its sleep then must
    // not start a long one.
    if (wakeable && !running) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const wakeUp = () => {
        clearTimeout(timer);
        sleepers.delete(wakeUp);
        resolve();
      };
      const timer = setTimeout(wakeUp, milliseconds);
      if (wakeable) sleepers.add(wakeUp);
    });
  }

  async function work(): Promise<void> {
    let finished: string[] = [];
    while (running) {
      const seen = changes;
      try {
        const run = await runOnce(finished);
        finished = run.finished;
        if (run.claimed > 0) continue;
      } catch (error) {
        // `finished` stays: deleting them again with the next claim is harmless.
        log.error({ err: error }, 'job worker could not claim work; trying again shortly');
      }
      if (running) await idle(seen);
    }
    await completeJobs(db, owner, finished).catch((error: unknown) => log.error({ err: error }, 'job worker could not record its last finished jobs; they run again when their lease ends'));
  }

  return {
    owner,
    start() {
      if (running) return;
      running = true;
      workers = Array.from({ length: loops }, () => work());
    },
    wake() {
      changes += 1;
      for (const wakeUp of [...sleepers]) wakeUp();
    },
    async drain() {
      let total = 0;
      // The last claim finds nothing, and deletes what the run before it finished.
      for (let run = await runOnce([]); run.claimed > 0; run = await runOnce(run.finished)) total += run.claimed;
      return total;
    },
    async stop() {
      running = false;
      for (const wakeUp of [...sleepers]) wakeUp();
      await Promise.all(workers);
    },
  };
}
