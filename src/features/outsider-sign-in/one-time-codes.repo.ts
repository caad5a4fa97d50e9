import type { Executor } from '../../db/database.js';

export type StoredCode = { id: string; email: string; sealedCode: string; createdDateTime: string; expiresDateTime: string; failedAttempts: number; usedDateTime: string | null };

export async function insertCode(db: Executor, code: Omit<StoredCode, 'failedAttempts' | 'usedDateTime'>, ipAddress: string | null): Promise<void> {
  await db
    .insertInto('one_time_codes')
    .values({ id: code.id, email: code.email, sealed_code: code.sealedCode, created_date_time: code.createdDateTime, expires_date_time: code.expiresDateTime, failed_attempts: 0, used_date_time: null, ip_address: ipAddress })
    .execute();
}

/** When codes were sent to this address since `since` (for the per-address limits). */
export async function codeTimesFor(db: Executor, email: string, since: string): Promise<string[]> {
  const rows = await db.selectFrom('one_time_codes').select('created_date_time').where('email', '=', email).where('created_date_time', '>', since).execute();
  return rows.map((row) => row.created_date_time);
}

/** How many codes were asked for from this network address since `since` (one sender, many addresses). */
export async function codeCountFromAddress(db: Executor, ipAddress: string, since: string): Promise<number> {
  const row = await db.selectFrom('one_time_codes').select((eb) => eb.fn.countAll<number>().as('n')).where('ip_address', '=', ipAddress).where('created_date_time', '>', since).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The newest code sent to the address: the only one that can open (a new code replaces the old). */
export async function latestCodeFor(db: Executor, email: string): Promise<StoredCode | undefined> {
  const row = await db.selectFrom('one_time_codes').selectAll().where('email', '=', email).orderBy('created_date_time', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

export async function findCode(db: Executor, id: string): Promise<StoredCode | undefined> {
  const row = await db.selectFrom('one_time_codes').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

/** Counts a wrong guess; on PostgreSQL the row lock it takes orders two guesses at the same code. */
export async function countFailedAttempt(db: Executor, id: string): Promise<void> {
  await db.updateTable('one_time_codes').set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) })).where('id', '=', id).execute();
}

/** Uses the code; false when someone used it first (the one use it has). */
export async function markCodeUsed(db: Executor, id: string, now: string): Promise<boolean> {
  const result = await db.updateTable('one_time_codes').set({ used_date_time: now }).where('id', '=', id).where('used_date_time', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

function fromRow(row: { id: string; email: string; sealed_code: string; created_date_time: string; expires_date_time: string; failed_attempts: number; used_date_time: string | null }): StoredCode {
  return { id: row.id, email: row.email, sealedCode: row.sealed_code, createdDateTime: row.created_date_time, expiresDateTime: row.expires_date_time, failedAttempts: Number(row.failed_attempts), usedDateTime: row.used_date_time };
}
