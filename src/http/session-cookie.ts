import type { FastifyReply } from 'fastify';
import { sessionCookieName } from './authentication.js';

/**
 * The session cookie's attributes, in one place (the sign-in that sets it uses them too): httpOnly
 * (no script reads it), SameSite=Lax (not sent with another site's POST), Secure whenever Tessera is
 * reached over https, for the whole site.
 */
export const sessionCookieOptions = (publicUrl: string) => ({ httpOnly: true, sameSite: 'lax' as const, secure: publicUrl.startsWith('https://'), path: '/' });

export function clearSessionCookie(reply: FastifyReply, publicUrl: string): void {
  reply.clearCookie(sessionCookieName, sessionCookieOptions(publicUrl));
}
