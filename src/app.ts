import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Deps } from './features/deps.js';
import { newTimeOrderedId } from './features/time-ordered-ids.js';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import { authenticate } from './http/authentication.js';
import { sendGraphError, toGraphError } from './http/errors.js';
import { apiRoutes } from './http/api-routes.js';
import { portalSignIn } from './features/sign-in/portal-sign-in.js';
import { isPortalPage, registerPortalAssets, sendPortalPage } from './http/portal-assets.js';
import { outsiderSignInRoutes } from './features/outsider-sign-in/outsider-sign-in.routes.js';

export type AppOptions = {
  config: Pick<Config, 'bodyLimitBytes' | 'logLevel' | 'publicUrl'> & Partial<Pick<Config, 'oidc' | 'trustProxy'>>;
  /** `serve --demo`: sign in to the portal through the demo's built-in OpenID provider when no OIDC_ISSUER is set. */
  demoIdentityProvider?: boolean;
  logger?: boolean;
  /** Serve TLS directly (tests do, as Graph SDKs follow only https links); usually a proxy terminates it. */
  https?: { key: string | Buffer; cert: string | Buffer };
  /** Where the built portal is (dist/web); tests point elsewhere or nowhere. */
  portalRoot?: string;
};

declare module 'fastify' {
  interface FastifyInstance {
    publicUrl: string;
  }
}

/**
 * Builds the HTTP application without listening: main.ts listens, tests call app.inject().
 * Everything under /v1.0 is authenticated; /healthz and /openapi.json are public.
 */
export async function buildApp(deps: Deps, options: AppOptions): Promise<FastifyInstance> {
  const serverOptions = {
    logger: options.logger === false ? false : { level: options.config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    bodyLimit: options.config.bodyLimitBytes,
    genReqId: () => newTimeOrderedId(new Date()),
    requestIdHeader: false as const,
    // Behind a reverse proxy, request.ip is the client's (from X-Forwarded-For) only for the proxies named.
    ...(options.config.trustProxy !== undefined ? { trustProxy: options.config.trustProxy } : {}),
    ...(options.https ? { https: options.https } : {}),
  };
  // The server type differs with TLS; the app's routes do not, so it is typed as the plain one.
  const app = (Fastify(serverOptions as Parameters<typeof Fastify>[0]) as unknown as FastifyInstance).withTypeProvider<ZodTypeProvider>();

  app.decorate('publicUrl', options.config.publicUrl);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error, request, reply) => {
    const graphError = toGraphError(error, options.config.bodyLimitBytes);
    if (graphError.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendGraphError(request, reply, graphError);
  });
  let portalServed = false;
  app.setNotFoundHandler((request, reply) =>
    portalServed && isPortalPage(request)
      ? sendPortalPage(reply)
      : sendGraphError(request, reply, { status: 404, code: 'Request_ResourceNotFound', message: `No resource at ${request.method} ${request.url.split('?')[0]}.` }),
  );

  // Security headers on every answer: a content security policy of the server's own origin only
  // (the portal's scripts and styles come from it), no framing (clickjacking), no MIME sniffing,
  // HSTS and upgrade-insecure-requests only when reached over https (on plain http they would send
  // the browser to a port that does not answer).
  await app.register(helmet, {
    contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], connectSrc: ["'self'"], frameAncestors: ["'none'"], formAction: ["'self'"], baseUri: ["'self'"], objectSrc: ["'none'"], upgradeInsecureRequests: options.config.publicUrl.startsWith('https://') ? [] : null } },
    frameguard: { action: 'deny' },
    hsts: options.config.publicUrl.startsWith('https://'),
  });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Tessera', description: 'Entitlement management with a Microsoft Graph v1.0-shaped API.', version: '0.1.0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });

  portalServed = await registerPortalAssets(app, options.portalRoot);
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(portalSignIn(deps, { publicUrl: options.config.publicUrl, oidc: options.config.oidc, demoIdentityProvider: options.demoIdentityProvider }));
  await app.register(outsiderSignInRoutes(deps, { publicUrl: options.config.publicUrl }));
  await app.register(
    async (api) => {
      api.addHook('onRequest', async (request) => authenticate(deps, request));
      await api.register(apiRoutes(deps));
    },
    { prefix: '/v1.0' },
  );
  return app;
}
