import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sessionCookieName } from '../../http/authentication.js';
import { sessionCookieOptions } from '../../http/session-cookie.js';
import type { Deps } from '../deps.js';
import { guid } from '../schema-helpers.js';
import { requestOneTimeCode } from './request-one-time-code.js';
import { signInWithCode } from './sign-in-with-code.js';

const codeBody = z.strictObject({ email: z.string().max(320), accessPackageId: guid.optional() });
const signInBody = z.strictObject({ email: z.string().max(320), code: z.string().max(32), displayName: z.string().max(256).optional() });

/**
 * Sign-in for people outside the organization, by a one-time code mailed to their address. These
 * are the only routes besides /auth/signIn that answer without a session, so each is bounded by
 * the code's own limits (per address, per network address, five guesses a code). Answers are
 * JSON in Graph's error shape; the portal's "I am from outside" form calls them. A browser cannot
 * be made to post JSON here from another site without a CORS preflight, which nothing here grants.
 */
export const outsiderSignInRoutes = (deps: Deps, options: { publicUrl: string }): FastifyPluginAsyncZod => async (app) => {
  const tags = ['portal sign-in'];
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.post('/auth/outsider/code', { schema: { tags, summary: 'Mail a one-time code to an address outside the organization', security: [], body: codeBody } }, async (request, reply) => {
    const issued = await requestOneTimeCode(deps, request.body, request.ip ?? null);
    return reply.status(202).send(issued);
  });

  app.post('/auth/outsider/signIn', { schema: { tags, summary: 'Sign in with a mailed one-time code (becoming a guest if new)', security: [], body: signInBody } }, async (request, reply) => {
    const session = await signInWithCode(deps, request.body, { correlationId: request.id, ipAddress: request.ip ?? null });
    request.log.info({ userId: session.userId }, 'portal sign-in with a one-time code');
    reply.setCookie(sessionCookieName, session.token, { ...sessionCookieOptions(options.publicUrl), expires: new Date(session.expiresDateTime) });
    return { userId: session.userId, expiresDateTime: session.expiresDateTime };
  });
};
