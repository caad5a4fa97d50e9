import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthenticatedError } from '../domain/errors.js';
import type { Actor, Principal } from '../domain/principal.js';
import { loadPrincipal, loadPrincipalForToken } from '../features/authorization/load-principal.js';
import { carriesCsrfToken, liveSession } from '../features/sessions/portal-sessions.js';
import type { PortalSession } from '../features/sessions/sessions.repo.js';
import type { Deps } from '../features/deps.js';
import { noteApiActivity } from '../features/user-activity/api-activity.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
    /** The portal session the request came with, when it came with one rather than a bearer token. */
    portalSession?: PortalSession;
  }
}

/** The portal's session cookie (httpOnly; see sessions.routes.ts). */
export const sessionCookieName = 'tessera_session';
const changingMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Authentication for every /v1.0 route: a bearer token (automation, the CLI), or else the portal's
 * session cookie. A token or session that is unknown, ended, or belongs to a deleted or disabled
 * user is refused alike, with 401. A call that changes something with a session cookie must also
 * carry the session's CSRF token (X-CSRF-Token), or it is refused with 403: a browser adds the
 * cookie to any site's request by itself, but no other site can read the token.
 */
export async function authenticate(deps: Deps, request: FastifyRequest): Promise<void> {
  const header = request.headers.authorization;
  const cookie = request.cookies?.[sessionCookieName];
  if (header === undefined && cookie) return authenticateSession(deps, request, cookie);
  const match = typeof header === 'string' ? /^Bearer\s+(\S{1,512})$/i.exec(header.trim()) : null;
  if (!match) throw new UnauthenticatedError('Access token is empty or not a Bearer token.');
  const principal = await loadPrincipalForToken(deps.db, match[1]!, deps.clock().toISOString());
  if (!principal) throw new UnauthenticatedError('Access token is invalid, expired or revoked.');
  request.principal = principal;
  if (principal.kind === 'user') await noteApiActivity(deps, principal.id);
}

async function authenticateSession(deps: Deps, request: FastifyRequest, token: string): Promise<void> {
  const session = await liveSession(deps, token);
  const principal = session ? await loadPrincipal(deps.db, session.userId) : undefined;
  if (!session || !principal) throw new UnauthenticatedError('The session has ended (signed out, expired, or idle for too long); sign in again.');
  const presented = request.headers['x-csrf-token'];
  if (changingMethods.has(request.method) && !carriesCsrfToken(session, typeof presented === 'string' ? presented : undefined)) {
    throw new ForbiddenError("A call that changes something must carry the session's CSRF token in X-CSRF-Token (GET /v1.0/tessera/session gives it).");
  }
  request.principal = principal;
  request.portalSession = session;
}

/** The actor of a request, for use cases and the audit log. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.principal) throw new UnauthenticatedError();
  const header = request.headers['client-request-id'];
  // Graph clients send client-request-id; echoing it as the correlation id ties their logs to ours.
  const correlationId = typeof header === 'string' && /^[\w-]{1,64}$/.test(header) ? header : request.id ?? randomUUID();
  return { correlationId, principal: request.principal, ipAddress: request.ip };
}
