import type { FastifyReply } from 'fastify';
import { sessionCookieName } from './authentication.js';

/**
 * The session cookie's attributes, in one place: httpOnly (no script reads it), SameSite=Lax (not
 * sent with another site's POST), Secure whenever Tessera is reached over https, for the whole
 * site, and no longer than the session itself.
 */
export function setSessionCookie(reply: FastifyReply, publicUrl: string, token: string, expiresDateTime: string): void {
  reply.setCookie(sessionCookieName, token, { httpOnly: true, sameSite: 'lax', secure: publicUrl.startsWith('https://'), path: '/', expires: new Date(expiresDateTime) });
}

export function clearSessionCookie(reply: FastifyReply, publicUrl: string): void {
  reply.clearCookie(sessionCookieName, { httpOnly: true, sameSite: 'lax', secure: publicUrl.startsWith('https://'), path: '/' });
}
