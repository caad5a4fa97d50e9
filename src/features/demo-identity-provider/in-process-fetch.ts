import type { FastifyInstance } from 'fastify';
import type { CustomFetch } from 'openid-client';

/**
 * How the portal's sign-in talks to the demo's provider: through the server's own request
 * handling (inject), not the network. The server need not reach itself at PUBLIC_URL for the demo
 * to work (a container behind a mapped port, a proxy holding the certificate), and nothing leaves
 * the process. Only PUBLIC_URL's origin is served; anything else is refused like an unreachable host.
 */
export function inProcessFetch(app: FastifyInstance, publicUrl: string): CustomFetch {
  const origin = new URL(publicUrl).origin;
  return async (url, options) => {
    const target = new URL(url);
    if (target.origin !== origin) throw new TypeError(`fetch failed: ${target.origin} is not served in-process`);
    const body = options.body;
    const payload = body === undefined || body === null ? undefined : typeof body === 'string' ? body : body instanceof URLSearchParams ? body.toString() : body instanceof Uint8Array ? Buffer.from(body) : body instanceof ArrayBuffer ? Buffer.from(body) : undefined;
    if (body !== undefined && body !== null && payload === undefined) throw new TypeError('fetch failed: a streamed body cannot be sent in-process');
    const response = await app.inject({ method: options.method as 'GET', url: `${target.pathname}${target.search}`, headers: options.headers, ...(payload === undefined ? {} : { payload }) });
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [String(value)]) headers.append(name, one);
    }
    const bodyless = [101, 204, 205, 304].includes(response.statusCode);
    return new Response(bodyless ? null : response.rawPayload, { status: response.statusCode, headers });
  };
}
