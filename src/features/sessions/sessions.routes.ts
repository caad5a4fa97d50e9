import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/authentication.js';
import { adminCenterAreas } from '../../domain/permissions.js';
import { clearSessionCookie } from '../../http/session-cookie.js';
import { requireAccess } from '../authorization/authorization.js';
import type { Deps } from '../deps.js';
import { signOut } from './portal-sessions.js';

/**
 * /tessera/session: who the caller is signed in as, and, for a portal session, its CSRF token and
 * end; signing out. (Signing in is the OpenID Connect flow's.)
 */
export const sessionsRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['tessera'];

  app.get('/tessera/session', { schema: { tags, summary: 'Who the caller is signed in as, which admin center areas their roles open; for a portal session, its CSRF token and when it ends' } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'session.own');
    const principal = request.principal!;
    const user = principal.kind === 'user' ? { id: principal.id, displayName: principal.displayName, userPrincipalName: principal.userPrincipalName } : null;
    const session = request.portalSession;
    const adminCenter = adminCenterAreas(principal);
    return session ? { user, authenticatedBy: 'session', csrfToken: session.csrfToken, expiresDateTime: session.expiresDateTime, adminCenter } : { user, authenticatedBy: 'accessToken', csrfToken: null, expiresDateTime: null, adminCenter };
  });

  app.post('/tessera/session/signOut', { schema: { tags, summary: 'End the portal session (its cookie is cleared); a bearer token is revoked with tessera token revoke instead' } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'session.own');
    if (request.portalSession) await signOut(deps, actorOf(request), request.portalSession);
    clearSessionCookie(reply, request.server.publicUrl);
    return reply.status(204).send();
  });
};
