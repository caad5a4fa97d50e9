import type { Executor } from '../../db/database.js';
import type { SessionTimes } from '../../domain/portal-session.js';

/** Portal sessions, found by the hash of the cookie's token. */
export type PortalSession = SessionTimes & { tokenHash: string; userId: string; csrfToken: string; createdDateTime: string };

export async function insertSession(db: Executor, session: PortalSession, ipAddress: string | null): Promise<void> {
  await db
    .insertInto('portal_sessions')
    .values({
      token_hash: session.tokenHash,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      created_date_time: session.createdDateTime,
      expires_date_time: session.expiresDateTime,
      last_seen_date_time: session.lastSeenDateTime,
      ended_date_time: null,
      ended_reason: null,
      ip_address: ipAddress,
    })
    .execute();
}

export async function findSession(db: Executor, tokenHash: string): Promise<PortalSession | undefined> {
  const row = await db.selectFrom('portal_sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return row
    ? { tokenHash: row.token_hash, userId: row.user_id, csrfToken: row.csrf_token, createdDateTime: row.created_date_time, expiresDateTime: row.expires_date_time, lastSeenDateTime: row.last_seen_date_time, endedDateTime: row.ended_date_time }
    : undefined;
}

export async function touchSession(db: Executor, tokenHash: string, now: string): Promise<void> {
  await db.updateTable('portal_sessions').set({ last_seen_date_time: now }).where('token_hash', '=', tokenHash).where('ended_date_time', 'is', null).execute();
}

/** Ends a session still open; returns whether it was. */
export async function endSession(db: Executor, tokenHash: string, reason: 'signedOut' | 'expired' | 'idle', now: string): Promise<boolean> {
  const rows = await db.updateTable('portal_sessions').set({ ended_date_time: now, ended_reason: reason }).where('token_hash', '=', tokenHash).where('ended_date_time', 'is', null).returning('token_hash').execute();
  return rows.length > 0;
}
