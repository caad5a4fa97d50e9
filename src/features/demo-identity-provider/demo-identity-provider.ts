import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { Deps } from '../deps.js';
import { signInScope } from '../sign-in/oidc-relying-party.js';
import { findUsersByIds } from '../users/users.repo.js';
import { interactionTroublePage } from './persona-page.js';
import { memoryProviderStore } from './provider-store.js';

/**
 * The demo's own OpenID provider (oidc-provider), so that `tessera serve --demo` signs people in
 * to the portal with no identity provider to set up: its accounts are Tessera's directory, and its
 * sign-in page is a list of people to be. Everything it needs is made at start (client secret,
 * signing key, cookie keys) and lives in memory: a restart only means signing in again.
 */
export type DemoIdentityProvider = {
  provider: Provider;
  /** `${publicUrl}/oidc`. */
  issuer: string;
  /** The path the provider is mounted at on Tessera's server, with PUBLIC_URL's own path in front. */
  mountPath: string;
  client: { clientId: string; clientSecret: string; redirectUri: string };
};

export const demoClientId = 'tessera-portal';

/** `client` overrides serve tests that run the provider apart from the Tessera that signs in with it. */
export function createDemoIdentityProvider(deps: Pick<Deps, 'db'>, publicUrl: string, client: Partial<DemoIdentityProvider['client']> = {}): DemoIdentityProvider {
  const basePath = new URL(publicUrl).pathname.replace(/\/+$/, '');
  const mountPath = `${basePath}/oidc`;
  const issuer = `${publicUrl}/oidc`;
  const { clientId, clientSecret, redirectUri } = { clientId: demoClientId, clientSecret: randomBytes(32).toString('base64url'), redirectUri: `${publicUrl}/auth/callback`, ...client };
  const signingKey = { ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };

  const configuration: Configuration = {
    adapter: memoryProviderStore(),
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], response_types: ['code'], grant_types: ['authorization_code'], token_endpoint_auth_method: 'client_secret_basic' }],
    jwks: { keys: [signingKey as never] },
    cookies: {
      keys: [randomBytes(32).toString('base64url')],
      // Same-site, and Lax like Tessera's own: the provider's long cookie defaults to SameSite=None,
      // which browsers drop on plain http (the demo's usual address). Its session cookie is the
      // provider's business only, so it goes nowhere else on Tessera's origin. (The short ones get
      // their paths from the provider: a path here would override the interaction cookie's.)
      long: { httpOnly: true, sameSite: 'lax', signed: true, path: mountPath },
      short: { httpOnly: true, sameSite: 'lax', signed: true },
    },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: false } },
    pkce: { required: () => true },
    responseTypes: ['code'],
    scopes: signInScope.split(' '),
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username', 'given_name', 'family_name'] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 600 },
    clientBasedCORS: () => false,
    interactions: { url: (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}` },

    // Disabled and deleted users are not found, so the provider cannot sign them in either.
    async findAccount(_ctx, sub) {
      const [user] = await findUsersByIds(deps.db, [sub]);
      if (!user || !user.accountEnabled) return undefined;
      return {
        accountId: user.id,
        claims: () => ({ sub: user.id, email: user.mail ?? user.userPrincipalName, email_verified: true, name: user.displayName, preferred_username: user.userPrincipalName, given_name: user.givenName ?? undefined, family_name: user.surname ?? undefined }),
      };
    },

    // Tessera's portal is the provider's only client and its own first party: nobody is asked to
    // consent to it sharing their name and mail with itself.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const accountId = ctx.oidc.session?.accountId;
      if (!accountId || ctx.oidc.client?.clientId !== clientId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId });
      grant.addOIDCScope(signInScope);
      await grant.save();
      return grant;
    },

    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = interactionTroublePage('The demo’s sign-in went wrong', `${out.error}${out.error_description ? `: ${out.error_description}` : ''}`, `${basePath}/auth/signIn`);
    },
  };
  const provider = new Provider(issuer, configuration);
  // Links the provider makes (its discovery document, redirects) are built from forwarded headers
  // that the mount sets from PUBLIC_URL, never from what the client sent (see the routes).
  provider.proxy = true;
  return { provider, issuer, mountPath, client: { clientId, clientSecret, redirectUri } };
}
