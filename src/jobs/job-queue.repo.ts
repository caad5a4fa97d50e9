import { bulkInsert } from '../db/bulk-insert.js';
import { sql, type Kysely } from 'kysely';
import type { Database, Executor, JobsTable } from '../db/database.js';
import { rowCount, skipLockedRows, type DialectName } from '../db/dialect.js';
import { preparedQuery, type Slots } from '../db/prepared-query.js';
import { newTimeOrderedId } from '../features/time-ordered-ids.js';

/**
 * The job table. A job is enqueued in the transaction of the change that causes it, so the work
 * exists exactly when the change does; a worker claims due jobs by leasing them (setting run_at
 * to the lease's end), and a worker that dies simply lets its leases run out.
 */
export type NewJob = { kind: string; payload: unknown; runAt: Date };
export type ClaimedJob = { id: string; kind: string; payload: unknown; attempts: number };

export async function enqueueJobs(trx: Executor, jobs: readonly NewJob[], now: Date): Promise<void> {
  if (jobs.length === 0) return;
  const rows: JobsTable[] = jobs.map((job) => {
    return {
      id: newTimeOrderedId(now),
      kind: job.kind,
      payload: JSON.stringify(job.payload),
      run_at: job.runAt.toISOString(),
      attempts: 0,
      lease_owner: null,
      last_error: null,
      dead: 0,
      created_date_time: now.toISOString(),
    };
  });
  await bulkInsert(trx, 'jobs', rows);
}

// Run for every batch of jobs, up to thousands at once: prepared (db/prepared-query.ts), the ids
// one list parameter.
const leaseJobs = preparedQuery((db, slots: Slots<{ ids: readonly string[]; leasedUntil: string; owner: string }>) =>
  db
    .updateTable('jobs')
    .set({ run_at: slots.value('leasedUntil'), lease_owner: slots.value('owner'), attempts: sql`attempts + 1` })
    .where(slots.inList('id', 'ids'))
    .returning(['id', 'kind', 'payload', 'attempts']),
);
const deleteLeased = preparedQuery((db, slots: Slots<{ ids: readonly string[]; owner: string }>) => db.deleteFrom('jobs').where(slots.inList('id', 'ids')).where('lease_owner', '=', slots.value('owner')));

/**
 * Leases up to `limit` due jobs, in the order they fell due. On PostgreSQL concurrent claimers
 * skip each other's rows (no job is leased twice, nobody waits); on SQLite the claim runs under
 * the database's single write lock.
 *
 * `finished` are jobs this owner ran since its last claim: they are deleted in the same
 * transaction, so that a worker busy with a burst commits once per batch for both.
 */
export async function claimDueJobs(db: Kysely<Database>, dialect: DialectName, owner: string, now: Date, leaseMs: number, limit: number, kinds?: readonly string[], finished: readonly string[] = []): Promise<ClaimedJob[]> {
  return db.transaction().execute(async (trx) => {
    await completeJobs(trx, owner, finished);
    let due = trx.selectFrom('jobs').select('id').where('dead', '=', sql.lit(0)).where('run_at', '<=', now.toISOString());
    if (kinds) due = due.where('kind', 'in', [...kinds]);
    const ids = (await due.orderBy('run_at').orderBy('id').limit(rowCount(limit)).modifyEnd(skipLockedRows(dialect)).execute()).map((row) => row.id);
    if (ids.length === 0) return [];
    const rows = await leaseJobs(trx, { ids, leasedUntil: new Date(now.getTime() + leaseMs).toISOString(), owner });
    // UPDATE … RETURNING gives rows in no particular order; put them back in the order they fell due.
    const position = new Map(ids.map((id, index) => [id, index]));
    rows.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
    return rows.map((row) => ({ id: row.id, kind: row.kind, payload: JSON.parse(row.payload), attempts: Number(row.attempts) }));
  });
}

/** Finished jobs are deleted: their effects and the audit log are the history. */
export async function completeJobs(db: Executor, owner: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await deleteLeased(db, { ids, owner });
}

export async function retryJobLater(db: Executor, owner: string, id: string, runAt: Date, error: string): Promise<void> {
  await db.updateTable('jobs').set({ run_at: runAt.toISOString(), lease_owner: null, last_error: error }).where('id', '=', id).where('lease_owner', '=', owner).execute();
}

/** A job that failed its last attempt is kept, marked dead, for an operator to look at. */
export async function buryJob(db: Executor, owner: string, id: string, error: string): Promise<void> {
  await db.updateTable('jobs').set({ dead: 1, lease_owner: null, last_error: error }).where('id', '=', id).where('lease_owner', '=', owner).execute();
}

/** When the next job falls due (or a lease runs out), so an idle worker knows how long to sleep. */
export async function nextDueTime(db: Executor): Promise<Date | undefined> {
  const row = await db.selectFrom('jobs').select('run_at').where('dead', '=', sql.lit(0)).orderBy('run_at').limit(rowCount(1)).executeTakeFirst();
  return row ? new Date(row.run_at) : undefined;
}

export async function deadJobs(db: Executor): Promise<{ id: string; kind: string; payload: unknown; attempts: number; lastError: string | null }[]> {
  const rows = await db.selectFrom('jobs').selectAll().where('dead', '=', sql.lit(1)).orderBy('id').limit(rowCount(1000)).execute();
  return rows.map((row) => ({ id: row.id, kind: row.kind, payload: JSON.parse(row.payload), attempts: Number(row.attempts), lastError: row.last_error }));
}
