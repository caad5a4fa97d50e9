import { recordActivity } from '../user-activity/user-activity.repo.js';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Actor } from '../../domain/principal.js';
import { lastSeenResolutionMs, sessionExpiry, sessionState } from '../../domain/portal-session.js';
import { recordAudit } from '../audit/audit.repo.js';
import { hashToken } from '../authorization/access-tokens.repo.js';
import type { Deps } from '../deps.js';
import { endSession, findSession, insertSession, touchSession, type PortalSession } from './sessions.repo.js';

/**
 * Portal sessions: started when someone signs in through OpenID Connect, carried by an httpOnly
 * cookie, ended by signing out, after 12 hours, or after an hour without a request. Each has a
 * CSRF token the portal reads once (GET /tessera/session) and sends back on every call that
 * changes something: a cookie a browser adds by itself never suffices to change anything.
 */
export type StartedSession = { token: string; csrfToken: string; expiresDateTime: string };

export async function startSession(deps: Deps, actor: Actor, userId: string): Promise<StartedSession> {
  const now = deps.clock();
  const token = randomBytes(32).toString('base64url');
  const session: PortalSession = { tokenHash: hashToken(token), userId, csrfToken: randomBytes(32).toString('base64url'), createdDateTime: now.toISOString(), expiresDateTime: sessionExpiry(now).toISOString(), lastSeenDateTime: now.toISOString(), endedDateTime: null };
  await deps.db.transaction().execute(async (trx) => {
    await insertSession(trx, session, actor.ipAddress ?? null);
    // What access reviews recommend by: a sign-in is activity.
    await recordActivity(trx, 'last_sign_in_date_time', [{ userId, at: now.toISOString() }]);
    await recordAudit(trx, actor, now, { category: 'UserManagement', activityDisplayName: 'Sign in to the portal', operationType: 'Add', targetResources: [{ id: userId, displayName: null, type: 'User', modifiedProperties: [] }] });
  });
  return { token, csrfToken: session.csrfToken, expiresDateTime: session.expiresDateTime };
}

/**
 * The live session a cookie's token names, or undefined. One found expired or idle is ended on the
 * spot; one seen a while ago is marked seen (at most once a minute, so a request costs no write).
 */
export async function liveSession(deps: Pick<Deps, 'db' | 'clock'>, token: string): Promise<PortalSession | undefined> {
  if (token.length === 0 || token.length > 128) return undefined;
  const tokenHash = hashToken(token);
  const session = await findSession(deps.db, tokenHash);
  if (!session) return undefined;
  const now = deps.clock();
  const state = sessionState(session, now);
  if (state === 'expired' || state === 'idle') await endSession(deps.db, tokenHash, state, now.toISOString());
  if (state !== 'live') return undefined;
  if (now.getTime() - Date.parse(session.lastSeenDateTime) >= lastSeenResolutionMs) await touchSession(deps.db, tokenHash, now.toISOString());
  return session;
}

export async function signOut(deps: Deps, actor: Actor, session: PortalSession): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await endSession(trx, session.tokenHash, 'signedOut', now.toISOString()))) return;
    await recordAudit(trx, actor, now, { category: 'UserManagement', activityDisplayName: 'Sign out of the portal', operationType: 'Delete', targetResources: [{ id: session.userId, displayName: null, type: 'User', modifiedProperties: [] }] });
  });
}

/** Whether a call carries the session's CSRF token (compared in constant time). */
export function carriesCsrfToken(session: PortalSession, presented: string | undefined): boolean {
  if (!presented) return false;
  const expected = Buffer.from(session.csrfToken);
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
