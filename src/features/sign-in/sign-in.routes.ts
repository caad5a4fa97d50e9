import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { providerErrorKind } from '../../domain/portal-sign-in.js';
import { sessionCookieName } from '../../http/authentication.js';
import { sendHtml } from '../../http/html-page.js';
import { sessionCookieOptions } from '../../http/session-cookie.js';
import type { Deps } from '../deps.js';
import { completeSignIn } from './complete-sign-in.js';
import { ProviderProblem, type RelyingParty } from './oidc-relying-party.js';
import { forgetPendingSignIn, keepPendingSignIn, pendingSignInOf } from './pending-sign-in-cookie.js';
import { notConfiguredPage, troublePage, troubleStatus, type SignInTrouble } from './sign-in-pages.js';

/**
 * The portal's sign-in: browser navigations, not API calls, so they answer with redirects and
 * small HTML pages rather than JSON. GET /auth/signIn leaves for the identity provider;
 * GET /auth/callback comes back, starts a portal session and returns to where the person was.
 */
export const signInRoutes = (deps: Deps, options: { publicUrl: string; relyingParty: RelyingParty | undefined }): FastifyPluginAsync => async (app) => {
  const { publicUrl, relyingParty } = options;
  const trouble = (reply: FastifyReply, problem: SignInTrouble, returnTo = '/') => sendHtml(reply, troubleStatus(problem), troublePage(problem, returnTo));

  // Nothing here may be cached: each answer carries a one-time cookie or a one-time redirect.
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
  app.setErrorHandler((error, request, reply) => {
    request.log.error({ err: error }, 'portal sign-in failed');
    return trouble(reply, { kind: 'internal' });
  });

  app.get('/auth/signIn', { schema: { hide: true } }, async (request, reply) => {
    if (!relyingParty) return sendHtml(reply, 503, notConfiguredPage(publicUrl));
    const { returnTo } = request.query as Record<string, unknown>;
    try {
      const { pending, authorizationUrl } = await relyingParty.startSignIn(returnTo, deps.clock());
      keepPendingSignIn(reply, deps.secrets, publicUrl, pending);
      return reply.redirect(authorizationUrl.href, 302);
    } catch (error) {
      if (!(error instanceof ProviderProblem)) throw error;
      request.log.warn({ err: error.cause, issuer: relyingParty.settings.issuer }, 'portal sign-in: the identity provider could not be discovered');
      return trouble(reply, { kind: 'provider', problem: error.kind });
    }
  });

  app.get('/auth/callback', { schema: { hide: true } }, async (request, reply) => {
    if (!relyingParty) return sendHtml(reply, 503, notConfiguredPage(publicUrl));
    const pending = pendingSignInOf(request, deps.secrets, deps.clock());
    // One use only, whatever happens next: a retry starts a new sign-in with new secrets.
    forgetPendingSignIn(reply, publicUrl);
    if (typeof pending === 'string') {
      request.log.info({ reason: pending }, 'portal sign-in refused: no usable pending sign-in');
      return trouble(reply, { kind: 'pending', reason: pending });
    }
    const query = request.query as Record<string, unknown>;
    if (query.state !== pending.state) {
      request.log.warn('portal sign-in refused: the state does not match the sign-in under way');
      return trouble(reply, { kind: 'stateMismatch' }, pending.returnTo);
    }
    if (query.error !== undefined) {
      const error = typeof query.error === 'string' ? query.error : 'invalid_response';
      request.log.warn({ error, description: typeof query.error_description === 'string' ? query.error_description.slice(0, 500) : undefined }, 'portal sign-in refused by the identity provider');
      return trouble(reply, { kind: 'providerSaid', meaning: providerErrorKind(error) }, pending.returnTo);
    }

    let claims: Record<string, unknown>;
    try {
      // The URL the provider redirected to: the registered redirect URI with the response's parameters.
      const callbackUrl = new URL(relyingParty.settings.redirectUri);
      callbackUrl.search = new URL(request.url, 'http://callback.invalid').search;
      claims = await relyingParty.finishSignIn(callbackUrl, pending);
    } catch (error) {
      if (!(error instanceof ProviderProblem)) throw error;
      request.log.warn({ err: error.cause, issuer: relyingParty.settings.issuer }, `portal sign-in failed: ${error.kind}`);
      return trouble(reply, { kind: 'provider', problem: error.kind }, pending.returnTo);
    }

    const outcome = await completeSignIn(deps, relyingParty.settings, claims, { correlationId: request.id, ipAddress: request.ip });
    if ('refused' in outcome) {
      request.log.warn({ refused: outcome.refused, claim: relyingParty.settings.userClaim, value: outcome.claimValue, property: relyingParty.settings.userProperty }, 'portal sign-in refused: no one user to sign in');
      return trouble(reply, { kind: 'refused', refusal: outcome, claim: relyingParty.settings.userClaim, property: relyingParty.settings.userProperty }, pending.returnTo);
    }
    request.log.info({ userId: outcome.userId }, 'portal sign-in');
    reply.setCookie(sessionCookieName, outcome.token, { ...sessionCookieOptions(publicUrl), expires: new Date(outcome.expiresDateTime) });
    return reply.redirect(pending.returnTo, 302);
  });
};
