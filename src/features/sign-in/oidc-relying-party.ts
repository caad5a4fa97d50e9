import * as client from 'openid-client';
import { isLoopbackHost } from '../../domain/loopback-host.js';
import { claimValue, newPendingSignIn, type PendingSignIn, type SignInUserProperty } from '../../domain/portal-sign-in.js';

/**
 * Tessera as an OpenID Connect relying party (openid-client): the authorization code flow with
 * PKCE (S256), state and nonce, a confidential client when it has a secret and a public one
 * otherwise.
 */
export type RelyingPartySettings = {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  /** The claim naming the user, and the directory property it is matched against. */
  userClaim: string;
  userProperty: SignInUserProperty;
  /** `${publicUrl}/auth/callback`, registered at the provider. */
  redirectUri: string;
  /** Sends the provider requests in-process instead of over the network (the demo's own provider). */
  fetch?: client.CustomFetch;
  /** Added to every authorization request (the demo's provider is asked to show its persona list every time). */
  authorizationParameters?: Record<string, string>;
};

export type ProviderProblemKind = 'unreachable' | 'rejected' | 'unverifiable';

/** The provider could not be reached, refused the code, or answered with something that does not verify. */
export class ProviderProblem extends Error {
  constructor(readonly kind: ProviderProblemKind, options: { cause: unknown }) {
    super(`identity provider problem: ${kind}`, options);
    this.name = 'ProviderProblem';
  }
}

export type RelyingParty = {
  settings: RelyingPartySettings;
  /** A new pending sign-in and the provider's authorization URL for it. */
  startSignIn(returnTo: unknown, now: Date): Promise<{ pending: PendingSignIn; authorizationUrl: URL }>;
  /** Exchanges the code the provider sent back, verifies the ID token, and returns the user's claims. */
  finishSignIn(callbackUrl: URL, pending: PendingSignIn): Promise<Record<string, unknown>>;
};

export const signInScope = 'openid profile email';

export function relyingParty(settings: RelyingPartySettings): RelyingParty {
  const issuer = new URL(settings.issuer);
  // Plain http only to this machine, or when nothing goes over a network at all.
  const insecureAllowed = issuer.protocol === 'http:' && (isLoopbackHost(issuer.hostname) || settings.fetch !== undefined);
  let discovered: Promise<client.Configuration> | undefined;

  // Discovered on first use, not at start, so Tessera starts while the provider is down; a failed
  // discovery is forgotten so that the next sign-in tries again.
  const configuration = (): Promise<client.Configuration> => {
    discovered ??= client
      .discovery(issuer, settings.clientId, settings.clientSecret === undefined ? undefined : { client_secret: settings.clientSecret }, settings.clientSecret === undefined ? client.None() : client.ClientSecretBasic(settings.clientSecret), {
        timeout: 10,
        execute: insecureAllowed ? [client.allowInsecureRequests] : [],
        ...(settings.fetch ? { [client.customFetch]: settings.fetch } : {}),
      })
      .catch((error: unknown) => {
        discovered = undefined;
        throw new ProviderProblem('unreachable', { cause: error });
      });
    return discovered;
  };

  return {
    settings,
    async startSignIn(returnTo, now) {
      const config = await configuration();
      const pending = newPendingSignIn({ codeVerifier: client.randomPKCECodeVerifier(), state: client.randomState(), nonce: client.randomNonce() }, returnTo, now);
      const authorizationUrl = client.buildAuthorizationUrl(config, {
        ...settings.authorizationParameters,
        redirect_uri: settings.redirectUri,
        scope: signInScope,
        code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      });
      return { pending, authorizationUrl };
    },

    async finishSignIn(callbackUrl, pending) {
      const config = await configuration();
      try {
        const tokens = await client.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: pending.codeVerifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true });
        const idToken = tokens.claims();
        if (!idToken) throw new Error('The token response carried no ID token.');
        const claims: Record<string, unknown> = { ...idToken };
        // A provider may keep profile claims out of the ID token and give them at its userinfo
        // endpoint instead (OpenID Connect Core §5.4); the subject must be the same there.
        if (claimValue(claims, settings.userClaim) === undefined && config.serverMetadata().userinfo_endpoint && tokens.access_token) {
          const userInfo = await client.fetchUserInfo(config, tokens.access_token, idToken.sub);
          return { ...userInfo, ...claims };
        }
        return claims;
      } catch (error) {
        throw new ProviderProblem(problemKind(error), { cause: error });
      }
    },
  };
}

function problemKind(error: unknown): ProviderProblemKind {
  // The provider answered with an OAuth error (a code used twice or expired: invalid_grant).
  if (error instanceof client.ResponseBodyError || error instanceof client.AuthorizationResponseError) return 'rejected';
  // fetch fails with a TypeError when it gets no answer at all, and with these when it times out.
  if ((error instanceof TypeError && !(error instanceof client.ClientError)) || (error instanceof Error && ['TimeoutError', 'AbortError'].includes(error.name))) return 'unreachable';
  return 'unverifiable';
}
