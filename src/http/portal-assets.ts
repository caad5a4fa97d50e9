import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The portal (web/, built by Vite into dist/web) served by the same server as the API, so that
 * one origin carries the session cookie and the CSP can stay 'self'. Hashed assets are cached
 * for good; index.html never is, so a new release reaches the browser on the next load. Any other
 * page address (a deep link such as /access-packages/{id}) gets index.html, and the portal's
 * router shows the page; API and sign-in addresses keep their own 404s.
 */
export const portalRoot = fileURLToPath(new URL('../../dist/web', import.meta.url));
const notPortal = /^\/(v1\.0|auth|oidc|healthz|openapi\.json)(\/|$|\?)/;

export async function registerPortalAssets(app: FastifyInstance, root = portalRoot): Promise<boolean> {
  if (!existsSync(`${root}/index.html`)) return false;
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    cacheControl: false,
    // Only the hashed files under the portal's own assets/ folder (not a folder of that name above it).
    setHeaders: (reply, path) => reply.header('cache-control', path.startsWith(join(root, 'assets') + sep) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  return true;
}

/** Whether an unknown address is a page of the portal (a browser navigation), not an API call. */
export function isPortalPage(request: FastifyRequest): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && !notPortal.test(request.url) && (request.headers.accept ?? '').includes('text/html');
}

export function sendPortalPage(reply: FastifyReply) {
  return reply.header('cache-control', 'no-cache').sendFile('index.html');
}
