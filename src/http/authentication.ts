import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { UnauthenticatedError } from '../domain/errors.js';
import type { Actor, Principal } from '../domain/principal.js';
import { loadPrincipalForToken } from '../features/authorization/load-principal.js';
import type { Deps } from '../features/deps.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/**
 * Bearer-token authentication for every /v1.0 route. A token that is unknown, expired, revoked,
 * or belongs to a deleted or disabled user is refused alike, with 401.
 */
export async function authenticate(deps: Deps, request: FastifyRequest): Promise<void> {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S{1,512})$/i.exec(header.trim()) : null;
  if (!match) throw new UnauthenticatedError('Access token is empty or not a Bearer token.');
  const principal = await loadPrincipalForToken(deps.db, match[1]!, deps.clock().toISOString());
  if (!principal) throw new UnauthenticatedError('Access token is invalid, expired or revoked.');
  request.principal = principal;
}

/** The actor of a request, for use cases and the audit log. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.principal) throw new UnauthenticatedError();
  const header = request.headers['client-request-id'];
  // Graph clients send client-request-id; echoing it as the correlation id ties their logs to ours.
  const correlationId = typeof header === 'string' && /^[\w-]{1,64}$/.test(header) ? header : request.id ?? randomUUID();
  return { correlationId, principal: request.principal, ipAddress: request.ip };
}
