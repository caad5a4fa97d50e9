import type { IncomingMessage } from 'node:http';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { sendHtml } from '../../http/html-page.js';
import type { Deps } from '../deps.js';
import { findUsersByIds, livingUsersAfter } from '../users/users.repo.js';
import type { DemoIdentityProvider } from './demo-identity-provider.js';
import { signInChoices, type PersonaUser } from './demo-personas.js';
import { interactionTroublePage, personaPage } from './persona-page.js';

/** More than this many people make the page useless anyway; the demo has about 200. */
const listedPeopleLimit = 2000;
const loginBodyLimit = 4096;

/**
 * Mounts the demo's OpenID provider on Tessera's own server: its sign-in page (the interaction) as
 * Fastify routes, everything else handed to oidc-provider's Koa app untouched. The provider reads
 * request bodies itself, so nothing here parses them.
 */
export const demoIdentityProviderRoutes = (deps: Deps, demo: DemoIdentityProvider, publicUrl: string): FastifyPluginAsync => async (app) => {
  const { provider, mountPath } = demo;
  const signInPath = `${mountPath.slice(0, -'/oidc'.length)}/auth/signIn`;
  const handleWithProvider = provider.callback();
  const origin = new URL(publicUrl);

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));

  const trouble = (reply: FastifyReply, status: number, title: string, text: string) => sendHtml(reply, status, interactionTroublePage(title, text, signInPath));

  app.get<{ Params: { uid: string } }>('/oidc/interaction/:uid', { schema: { hide: true } }, async (request, reply) => {
    if (!(await interactionWaitingForLogin(request, reply))) return trouble(reply, 400, 'This sign-in has expired', 'The sign-in it belongs to has ended or was started in another browser. Start again.');
    const { users, truncated } = await peopleToList(deps);
    return sendHtml(reply, 200, personaPage(`${mountPath}/interaction/${encodeURIComponent(request.params.uid)}/login`, signInChoices(users), truncated));
  });

  app.post<{ Params: { uid: string } }>('/oidc/interaction/:uid/login', { schema: { hide: true } }, async (request, reply) => {
    const form = await formBody(request.raw);
    if (form === 'tooLarge') return trouble(reply, 413, 'That is too much to sign in with', 'Pick a person from the list. Start again.');
    const accountId = form?.get('accountId');
    const [user] = accountId && accountId.length <= 64 ? await findUsersByIds(deps.db, [accountId]) : [];
    if (!user || !user.accountEnabled) return trouble(reply, 400, 'That person cannot sign in', 'They are not in the directory, or their account is disabled. Start again and pick someone else.');
    if (!(await interactionWaitingForLogin(request, reply))) return trouble(reply, 400, 'This sign-in has expired', 'The sign-in it belongs to has ended or was started in another browser. Start again.');
    // The provider answers from here on (a redirect back into the authorization), on the raw response.
    reply.hijack();
    try {
      await provider.interactionFinished(request.raw, reply.raw, { login: { accountId: user.id } }, { mergeWithLastSubmission: false });
    } catch (error) {
      request.log.warn({ err: error }, 'demo sign-in: the interaction could not be finished');
      if (!reply.raw.headersSent) {
        reply.raw.writeHead(400, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        reply.raw.end(interactionTroublePage('This sign-in has expired', 'The sign-in it belongs to has ended. Start again.', signInPath));
      }
    }
  });

  // The provider's own endpoints: discovery, authorization, token, userinfo, keys.
  const bridge = async (request: FastifyRequest, reply: FastifyReply) => {
    reply.hijack();
    const raw = request.raw as IncomingMessage & { originalUrl?: string };
    const url = raw.url ?? '/';
    // As Express's mounting does: the provider sees paths below its mount, and finds the mount
    // path in originalUrl to build its links with.
    raw.originalUrl = `${mountPath}${url.slice('/oidc'.length)}`;
    raw.url = url.slice('/oidc'.length) || '/';
    // Its links use PUBLIC_URL's scheme and host, whatever Host or X-Forwarded-* the client sent.
    raw.headers['x-forwarded-proto'] = origin.protocol.slice(0, -1);
    raw.headers['x-forwarded-host'] = origin.host;
    raw.headers['x-forwarded-for'] = request.ip;
    await handleWithProvider(raw, reply.raw);
  };
  app.all('/oidc', { schema: { hide: true } }, bridge);
  app.all('/oidc/*', { schema: { hide: true } }, bridge);

  async function interactionWaitingForLogin(request: FastifyRequest<{ Params: { uid: string } }>, reply: FastifyReply): Promise<boolean> {
    try {
      const details = await provider.interactionDetails(request.raw, reply.raw);
      return details.uid === request.params.uid && details.prompt.name === 'login';
    } catch {
      // No interaction cookie, or an interaction that has expired.
      return false;
    }
  }
};

async function peopleToList(deps: Pick<Deps, 'db'>): Promise<{ users: PersonaUser[]; truncated: boolean }> {
  const users: PersonaUser[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await livingUsersAfter(deps.db, after, 500);
    for (const { user } of page) {
      if (!user.accountEnabled) continue;
      if (users.length === listedPeopleLimit) return { users, truncated: true };
      users.push({ id: user.id, displayName: user.displayName, userPrincipalName: user.userPrincipalName, department: user.department, jobTitle: user.jobTitle });
    }
    if (page.length < 500) return { users, truncated: false };
    after = page.at(-1)!.user.id;
  }
}

/** The urlencoded form of the login button, read here (nothing else parses bodies on these routes), within a bound. */
async function formBody(raw: IncomingMessage): Promise<URLSearchParams | undefined | 'tooLarge'> {
  if (!String(raw.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of raw) {
    size += (chunk as Buffer).length;
    if (size > loginBodyLimit) return 'tooLarge';
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
