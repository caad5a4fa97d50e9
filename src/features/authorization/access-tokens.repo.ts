import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Executor } from '../../db/database.js';

/**
 * Bearer tokens for automation. Only a SHA-256 hash is stored: a stolen database does not yield
 * usable tokens. The token itself is shown once, when created.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newTokenSecret(): string {
  return `tsr_${randomBytes(32).toString('base64url')}`;
}

export async function insertToken(db: Executor, userId: string, tokenHash: string, createdAt: string, expiresAt: string, description: string | null): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('access_tokens')
    .values({ id, user_id: userId, token_hash: tokenHash, description, created_date_time: createdAt, expires_date_time: expiresAt, revoked_date_time: null })
    .execute();
  return id;
}

export async function revokeTokensOf(db: Executor, userId: string, now: string): Promise<void> {
  await revokeTokensOfUsers(db, [userId], now);
}

export async function revokeTokensOfUsers(db: Executor, userIds: readonly string[], now: string): Promise<void> {
  if (userIds.length === 0) return;
  await db.updateTable('access_tokens').set({ revoked_date_time: now }).where('user_id', 'in', [...userIds]).where('revoked_date_time', 'is', null).execute();
}
