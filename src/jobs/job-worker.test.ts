import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/dialect.js';
import { freshDatabase, skipReason, testDialect } from '../../test/helpers/test-database.js';
import { testClock, type TestClock } from '../../test/helpers/test-app.js';
import { claimDueJobs, deadJobs, enqueueJobs, type ClaimedJob } from './job-queue.repo.js';
import { createJobWorker, type JobHandler } from './job-worker.js';

const quietLog = { error: () => {}, warn: () => {} };

describe.skipIf(skipReason())(`job worker (${testDialect})`, () => {
  let handle: DatabaseHandle;
  let clock: TestClock;
  beforeEach(async () => {
    handle = await freshDatabase();
    clock = testClock();
  });
  afterEach(async () => handle.close());

  const recording = (kind: string, fail: (job: ClaimedJob) => Error | undefined = () => undefined) => {
    const seen: ClaimedJob[][] = [];
    const handler: JobHandler = {
      kind,
      maxAttempts: 3,
      async run(jobs) {
        seen.push(jobs);
        const failures = new Map<string, Error>();
        for (const job of jobs) {
          const error = fail(job);
          if (error) failures.set(job.id, error);
        }
        return failures;
      },
    };
    return { handler, seen };
  };
  const worker = (handlers: JobHandler[], leaseMs = 60_000) => createJobWorker({ db: handle.db, dialect: handle.dialect, clock, handlers, log: quietLog, leaseMs });
  const remaining = async () => (await handle.db.selectFrom('jobs').selectAll().execute()).length;

  it('runs due jobs in the order they fell due, consecutive ones of a kind together, leaves future jobs alone, and deletes what finished', async () => {
    const greet = recording('greet');
    const count = recording('count');
    await enqueueJobs(handle.db, [
      { kind: 'greet', payload: { name: 'a' }, runAt: clock() },
      { kind: 'count', payload: { n: 1 }, runAt: clock() },
      { kind: 'greet', payload: { name: 'b' }, runAt: clock() },
      { kind: 'greet', payload: { name: 'later' }, runAt: new Date(clock().getTime() + 60_000) },
    ], clock());
    expect(await worker([greet.handler, count.handler]).drain()).toBe(3);
    expect(greet.seen.map((batch) => batch.map((job) => job.payload))).toEqual([[{ name: 'a' }], [{ name: 'b' }]]);
    expect(count.seen[0]!.map((job) => job.payload)).toEqual([{ n: 1 }]);
    expect(await remaining()).toBe(1);

    clock.advance(60_000);
    expect(await worker([greet.handler]).drain()).toBe(1);
    expect(await remaining()).toBe(0);
  });

  it('hands a handler every consecutive job of its kind at once', async () => {
    const greet = recording('greet');
    await enqueueJobs(handle.db, Array.from({ length: 50 }, (_, n) => ({ kind: 'greet', payload: { n }, runAt: new Date(clock().getTime() - 1000 + n) })), clock());
    expect(await worker([greet.handler]).drain()).toBe(50);
    expect(greet.seen).toHaveLength(1);
    expect(greet.seen[0]!.map((job) => (job.payload as { n: number }).n)).toEqual(Array.from({ length: 50 }, (_, n) => n));
  });

  it('retries a failed job with backoff and keeps it, dead, after its last attempt', async () => {
    const flaky = recording('flaky', () => new Error('target system unreachable'));
    await enqueueJobs(handle.db, [{ kind: 'flaky', payload: {}, runAt: clock() }], clock());
    const jobs = worker([flaky.handler]);
    expect(await jobs.drain()).toBe(1);
    expect(await jobs.drain()).toBe(0); // not due again until the backoff has passed
    clock.advance(1_300);
    expect(await jobs.drain()).toBe(1);
    clock.advance(2_500);
    expect(await jobs.drain()).toBe(1);
    clock.advance(3_600_000);
    expect(await jobs.drain()).toBe(0);
    expect(flaky.seen.map((batch) => batch[0]!.attempts)).toEqual([1, 2, 3]);
    expect(await deadJobs(handle.db)).toEqual([expect.objectContaining({ kind: 'flaky', attempts: 3, lastError: 'target system unreachable' })]);
  });

  it('retries jobs of a kind it has no handler for instead of losing them', async () => {
    await enqueueJobs(handle.db, [{ kind: 'from-the-future', payload: {}, runAt: clock() }], clock());
    expect(await worker([]).drain()).toBe(1);
    const [row] = await handle.db.selectFrom('jobs').selectAll().execute();
    expect(row).toMatchObject({ dead: 0, last_error: expect.stringContaining("No handler for jobs of kind 'from-the-future'") });
  });

  it('lets another worker take a job whose lease ran out (its claimer died)', async () => {
    await enqueueJobs(handle.db, [{ kind: 'work', payload: {}, runAt: clock() }], clock());
    const claimedByTheDead = await claimDueJobs(handle.db, handle.dialect, 'dead-worker', clock(), 10_000, 10);
    expect(claimedByTheDead).toHaveLength(1);
    const survivor = recording('work');
    expect(await worker([survivor.handler]).drain()).toBe(0);
    clock.advance(10_000);
    expect(await worker([survivor.handler]).drain()).toBe(1);
    expect(survivor.seen[0]![0]!.attempts).toBe(2);
    expect(await remaining()).toBe(0);
  });

  it('never leases one job to two claimers at the same moment', async () => {
    await enqueueJobs(handle.db, Array.from({ length: 300 }, (_, n) => ({ kind: 'work', payload: { n }, runAt: clock() })), clock());
    const claims = await Promise.all(Array.from({ length: 6 }, (_, n) => claimDueJobs(handle.db, handle.dialect, `worker-${n}`, clock(), 60_000, 80)));
    const ids = claims.flat().map((job) => job.id);
    expect(ids).toHaveLength(300);
    expect(new Set(ids).size).toBe(300);
  });

  it('deletes the jobs a worker finished with its next claim, and only those it leased', async () => {
    await enqueueJobs(handle.db, Array.from({ length: 3 }, (_, n) => ({ kind: 'work', payload: { n }, runAt: clock() })), clock());
    const mine = await claimDueJobs(handle.db, handle.dialect, 'me', clock(), 60_000, 2);
    const theirs = await claimDueJobs(handle.db, handle.dialect, 'someone-else', clock(), 60_000, 10);
    expect(await remaining()).toBe(3);
    const next = await claimDueJobs(handle.db, handle.dialect, 'me', clock(), 60_000, 10, undefined, [...mine, ...theirs].map((job) => job.id));
    expect(next).toEqual([]);
    expect((await handle.db.selectFrom('jobs').select('id').execute()).map((row) => row.id)).toEqual(theirs.map((job) => job.id));
  });

  it('deletes what it finished when it stops in the middle of a burst', async () => {
    let stopping: Promise<void> | undefined;
    const background = createJobWorker({
      db: handle.db,
      dialect: handle.dialect,
      clock: () => new Date(),
      // The handler stops its worker: the loop ends after this run, before another claim.
      handlers: [{ kind: 'last', maxAttempts: 1, run: async () => ((stopping = background.stop()), new Map()) }],
      log: quietLog,
      pollMs: 60_000,
    });
    await enqueueJobs(handle.db, [{ kind: 'last', payload: {}, runAt: new Date() }], new Date());
    background.start();
    await expect.poll(() => stopping !== undefined, { timeout: 5_000 }).toBe(true);
    await stopping;
    expect(await remaining()).toBe(0);
  });

  it('runs in the background once started, woken by new work', async () => {
    const seen: unknown[] = [];
    const background = createJobWorker({ db: handle.db, dialect: handle.dialect, clock: () => new Date(), handlers: [{ kind: 'ping', maxAttempts: 1, run: async (jobs) => (seen.push(...jobs.map((j) => j.payload)), new Map()) }], log: quietLog, pollMs: 60_000 });
    background.start();
    try {
      await enqueueJobs(handle.db, [{ kind: 'ping', payload: 1 }].map((job) => ({ ...job, runAt: new Date() })), new Date());
      background.wake();
      await expect.poll(() => seen, { timeout: 5_000 }).toEqual([1]);
      // Finished, it is deleted by the next claim, which finds nothing more to do.
      await expect.poll(remaining, { timeout: 5_000 }).toBe(0);
    } finally {
      await background.stop();
    }
  });

  it('runs each job once with several claim loops side by side', async () => {
    const ran: number[] = [];
    const slow: JobHandler = { kind: 'count', maxAttempts: 1, run: async (jobs) => { await new Promise((resolve) => setTimeout(resolve, 5)); ran.push(...jobs.map((job) => (job.payload as { n: number }).n)); return new Map(); } };
    const background = createJobWorker({ db: handle.db, dialect: handle.dialect, clock: () => new Date(), handlers: [slow], log: quietLog, concurrency: 3, batchSize: 7, pollMs: 60_000 });
    await enqueueJobs(handle.db, Array.from({ length: 100 }, (_, n) => ({ kind: 'count', payload: { n }, runAt: new Date() })), new Date());
    background.start();
    background.wake();
    try {
      await expect.poll(() => ran.length, { timeout: 10_000 }).toBe(100);
      expect([...ran].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, n) => n));
    } finally {
      await background.stop();
    }
  });
});
