import type { FastifyReply, FastifyRequest } from 'fastify';
import { pendingSignInLifetimeMs, readPendingSignIn, type PendingSignIn } from '../../domain/portal-sign-in.js';
import type { SecretBox } from '../connected-systems/secret-box.js';

/**
 * The sign-in under way, kept by the browser between leaving for the identity provider and coming
 * back: the PKCE verifier, state, nonce and where to return. Sealed (AES-GCM under the secrets
 * key, bound to its purpose), so the browser can neither read the verifier nor forge a state of
 * its own choosing. A cookie rather than a table: nothing is written for sign-ins that are never
 * finished, any node can finish one another node started, and it is gone after ten minutes
 * without a sweeper. Only /auth sees it, and SameSite=Lax still sends it on the provider's
 * redirect back (a top-level GET).
 */
export const pendingSignInCookieName = 'tessera_sign_in';
const sealedFor = 'portal sign-in';

const cookieOptions = (publicUrl: string) => ({ httpOnly: true, sameSite: 'lax' as const, secure: publicUrl.startsWith('https://'), path: '/auth' });

export function keepPendingSignIn(reply: FastifyReply, secrets: SecretBox, publicUrl: string, pending: PendingSignIn): void {
  reply.setCookie(pendingSignInCookieName, secrets.seal(JSON.stringify(pending), sealedFor), { ...cookieOptions(publicUrl), maxAge: pendingSignInLifetimeMs / 1000 });
}

export function forgetPendingSignIn(reply: FastifyReply, publicUrl: string): void {
  reply.clearCookie(pendingSignInCookieName, cookieOptions(publicUrl));
}

export function pendingSignInOf(request: FastifyRequest, secrets: SecretBox, now: Date): PendingSignIn | 'missing' | 'invalid' | 'expired' {
  const sealed = request.cookies[pendingSignInCookieName];
  if (!sealed) return 'missing';
  // open() passes an unsealed value through (for secrets stored before sealing existed): here an
  // unsealed value can only be a forgery.
  if (sealed.length > 4096 || !secrets.isSealed(sealed)) return 'invalid';
  let json: string;
  try {
    json = secrets.open(sealed, sealedFor);
  } catch {
    return 'invalid';
  }
  return readPendingSignIn(json, now);
}
