import type { FastifyPluginAsync } from 'fastify';
import type { OidcSettings } from '../../config.js';
import { createDemoIdentityProvider } from '../demo-identity-provider/demo-identity-provider.js';
import { demoIdentityProviderRoutes } from '../demo-identity-provider/demo-identity-provider.routes.js';
import { inProcessFetch } from '../demo-identity-provider/in-process-fetch.js';
import type { Deps } from '../deps.js';
import { relyingParty, type RelyingParty } from './oidc-relying-party.js';
import { signInRoutes } from './sign-in.routes.js';

export type PortalSignInOptions = {
  publicUrl: string;
  /** The configured identity provider (OIDC_ISSUER …). */
  oidc: OidcSettings | undefined;
  /** `serve --demo`: without a configured provider, mount the demo's own at /oidc and sign in with it. */
  demoIdentityProvider?: boolean;
};

/**
 * Portal sign-in, as app.ts registers it: with the configured provider; else, in the demo, with
 * the built-in one; else a page saying how to configure it. A configured provider always wins, so
 * a demo pointed at a real provider does not also open a password-less door.
 */
export const portalSignIn = (deps: Deps, options: PortalSignInOptions): FastifyPluginAsync => async (app) => {
  const redirectUri = `${options.publicUrl}/auth/callback`;
  let party: RelyingParty | undefined;
  if (options.oidc) {
    party = relyingParty({ ...options.oidc, redirectUri });
  } else if (options.demoIdentityProvider) {
    const demo = createDemoIdentityProvider(deps, options.publicUrl);
    await app.register(demoIdentityProviderRoutes(deps, demo, options.publicUrl));
    party = relyingParty({
      issuer: demo.issuer,
      clientId: demo.client.clientId,
      clientSecret: demo.client.clientSecret,
      // The provider's subject is the user's id in this very directory: the exact match.
      userClaim: 'sub',
      userProperty: 'id',
      redirectUri,
      fetch: inProcessFetch(app, options.publicUrl),
      // Ask who to be on every sign-in, so that signing out and in again can switch persona.
      authorizationParameters: { prompt: 'login' },
    });
  }
  await app.register(signInRoutes(deps, { publicUrl: options.publicUrl, relyingParty: party }));
};
