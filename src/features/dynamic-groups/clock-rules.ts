import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { enqueueJobs, type ClaimedJob } from '../../jobs/job-queue.repo.js';
import { jobKinds, type ClockTickPayload } from '../../jobs/job-kinds.js';
import type { JobHandler } from '../../jobs/job-worker.js';
import { automaticRules } from '../automatic-assignments/automatic-assignments.js';
import type { Deps } from '../deps.js';
import { livingUserIdsHiredWithin } from '../users/users.repo.js';
import { activeRules, applyBatch, reconcileUsers } from './dynamic-membership.js';

/**
 * Rules that compare with system.now (`user.employeeHireDate -ge system.now -minus P30D`: hired in
 * the last thirty days) change their outcome with time alone. A tick job, once a minute while such
 * a rule is processed, moves the users whose dates a threshold passed since the tick before: the
 * threshold `now − 30 days` moved from `last − 30 days` to `now − 30 days`, and only users hired
 * in between can have crossed it. They are reconciled as if their hire date had changed, with
 * dynamic groups and automatic policies alike. Ticking stops when no processed rule reads the
 * clock, and starts again with the whole-directory pass of one that does (or when Tessera starts).
 */
export const tickMs = 60_000;

/** Schedules a tick unless one is waiting (the chain it belongs to goes on by itself). */
export async function ensureClockTick(db: Executor, now: Date): Promise<void> {
  if (await tickWaiting(db)) return;
  await enqueueJobs(db, [{ kind: jobKinds.clockRulesTick, payload: { since: now.toISOString() } satisfies ClockTickPayload, runAt: new Date(now.getTime() + tickMs) }], now);
}

/** At start: the tick of the last run may have stopped with it; it goes on if a processed rule reads the clock. */
export async function resumeClockTick(db: Executor, now: Date): Promise<void> {
  if ((await clockRules(db)).length > 0) await ensureClockTick(db, now);
}

async function clockRules(db: Executor) {
  return [...(await activeRules(db)), ...(await automaticRules(db))].filter(({ rule }) => rule.readsClock);
}

async function tickWaiting(db: Executor): Promise<boolean> {
  const row = await db.selectFrom('jobs').select('id').where('kind', '=', jobKinds.clockRulesTick).where('dead', '=', sql.lit(0)).where('lease_owner', 'is', null).executeTakeFirst();
  return row !== undefined;
}

export function clockRulesTickHandler(deps: Deps): JobHandler {
  return {
    kind: jobKinds.clockRulesTick,
    maxAttempts: 10,
    async run(jobs: ClaimedJob[]) {
      const now = deps.clock();
      const since = new Date(Math.min(...jobs.map((job) => Date.parse((job.payload as ClockTickPayload).since))));
      const rules = await clockRules(deps.db);
      if (rules.length === 0) return new Map();
      const ranges = rules.flatMap(({ rule }) => rule.clockThresholds.map((threshold) => [threshold(since), threshold(now)].sort((a, b) => a - b).map((at) => new Date(at).toISOString()) as [string, string]));
      const userIds = await livingUserIdsHiredWithin(deps.db, ranges);
      const cause = { correlationId: `clock-${now.toISOString()}`, now };
      for (let start = 0; start < userIds.length; start += applyBatch) {
        await deps.db.transaction().execute((trx) => reconcileUsers(trx, userIds.slice(start, start + applyBatch), cause, hireDateChanged));
      }
      // The next tick starts where this one ended; a second chain (two saves at once) merges into the first.
      await deps.db.transaction().execute(async (trx) => {
        if (!(await tickWaiting(trx))) await enqueueJobs(trx, [{ kind: jobKinds.clockRulesTick, payload: { since: now.toISOString() } satisfies ClockTickPayload, runAt: new Date(now.getTime() + tickMs) }], now);
      });
      deps.wakeJobs();
      return new Map();
    },
  };
}

const hireDateChanged: ReadonlySet<string> = new Set(['employeeHireDate']);
