import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSession, setCookieOf } from '../../../test/helpers/browser-session.js';
import { freePort } from '../../../test/helpers/postgres-cluster.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { skipReason } from '../../../test/helpers/test-database.js';
import { sessionCookieName } from '../../http/authentication.js';
import { createDemoIdentityProvider } from '../demo-identity-provider/demo-identity-provider.js';
import { demoIdentityProviderRoutes } from '../demo-identity-provider/demo-identity-provider.routes.js';

/**
 * Tessera signing in with a provider configured by OIDC_* (here an oidc-provider on a server of its
 * own, as any provider would be): discovered over the network when first needed, and the claim it
 * sends matched against the configured directory property — mail, case-insensitively — which must
 * name exactly one enabled user. This provider sends email from its userinfo endpoint only, not in
 * the ID token, as OpenID Connect allows.
 */
describe.skipIf(skipReason())('portal sign-in with a configured provider, matching its email claim to mail', () => {
  let t: TestContext;
  let provider: FastifyInstance;
  let providerUrl: string;
  let providerPort: number;
  const sessions = async () => Number((await t.handle.db.selectFrom('portal_sessions').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow()).count);

  beforeAll(async () => {
    providerPort = await freePort();
    providerUrl = `http://127.0.0.1:${providerPort}`;
    const clientSecret = randomBytes(24).toString('base64url');
    // The demo flag too: a configured provider must win over the built-in one.
    t = await createTestContext({
      listen: true,
      demoIdentityProvider: true,
      clockStart: new Date().toISOString(),
      oidc: { issuer: `${providerUrl}/oidc`, clientId: 'tessera-portal', clientSecret, userClaim: 'email', userProperty: 'mail' },
    });
    const demo = createDemoIdentityProvider(t.deps, providerUrl, { redirectUri: `${t.publicUrl}/auth/callback`, clientSecret });
    provider = Fastify();
    await provider.register(demoIdentityProviderRoutes(t.deps, demo, providerUrl));
  });
  afterAll(async () => {
    await provider?.close();
    await t?.close();
  });

  /** Signs in at the provider as the user with this principal name; returns Tessera's answer to the callback. */
  async function signInAs(userPrincipalName: string) {
    const browser = new BrowserSession();
    const hops = await browser.follow(`${t.publicUrl}/auth/signIn`);
    const page = hops.at(-1)!;
    expect(page.url.startsWith(`${providerUrl}/oidc/interaction/`), page.body).toBe(true);
    const accountId = new RegExp(`value="([^"]+)"[^>]*><strong>[^<]*</strong> <span[^>]*>${userPrincipalName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}<`).exec(page.body)![1]!;
    const action = new URL(/<form method="post" action="([^"]+)">/.exec(page.body)![1]!, page.url).href;
    const back = await browser.follow(action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `accountId=${encodeURIComponent(accountId)}` });
    expect(back.map((hop) => new URL(hop.url).origin + new URL(hop.url).pathname)).toContain(`${t.publicUrl}/auth/callback`);
    return { browser, answer: back.find((hop) => hop.url.startsWith(`${t.publicUrl}/auth/callback`))! };
  }

  it('says the provider cannot be reached while it is down, and discovers it once it is up (a failure is not kept)', async () => {
    const down = await t.app.inject({ method: 'GET', url: '/auth/signIn' });
    expect(down.statusCode).toBe(502);
    expect(down.headers['content-type']).toMatch(/^text\/html/);
    expect(down.body).toContain('could not be reached');
    await provider.listen({ host: '127.0.0.1', port: providerPort });
    const up = await t.app.inject({ method: 'GET', url: '/auth/signIn' });
    expect(up.statusCode, up.body).toBe(302);
    expect(up.headers.location).toMatch(new RegExp(`^${providerUrl}/oidc/auth\\?`));
    // The built-in provider is not mounted when one is configured.
    expect((await t.app.inject({ method: 'GET', url: '/oidc/.well-known/openid-configuration' })).statusCode).toBe(404);
  });

  it('signs in the user whose mail is the provider’s email, case-insensitively — not the one whose principal name it is', async () => {
    await t.addUser({ userPrincipalName: 'Grace@Example.com', displayName: 'Grace at the provider' });
    const directoryUser = await t.addUser({ userPrincipalName: 'ghopper@example.com', displayName: 'Grace Hopper', mail: 'grace@example.COM' });
    const { browser, answer } = await signInAs('Grace@Example.com');
    expect(answer.response.status, answer.body).toBe(302);
    expect(setCookieOf(answer.response, sessionCookieName)).toMatch(/HttpOnly/);
    const me = await browser.request(`${t.publicUrl}/v1.0/tessera/session`);
    expect(JSON.parse(me.body)).toMatchObject({ user: { id: directoryUser.id, userPrincipalName: 'ghopper@example.com' }, authenticatedBy: 'session' });
  });

  it.each([
    ['nobody has that mail', 'nobody-by-mail@example.com', [], 'no user in Tessera’s directory has that mail'],
    ['the one who has it is disabled', 'dana@example.com', [{ userPrincipalName: 'dana.disabled@example.com', mail: 'dana@example.com', accountEnabled: false }], 'your account in Tessera’s directory is disabled'],
    ['two have it', 'shared-1@example.com', [{ userPrincipalName: 'shared-2@example.com', mail: 'shared@example.com' }, { userPrincipalName: 'shared-3@example.com', mail: 'shared@example.com' }], 'more than one user in Tessera’s directory has that mail'],
  ])('refuses (403) when %s, saying so, and writes no session', async (_case, atProvider, directory, explanation) => {
    await t.addUser({ userPrincipalName: atProvider, ...(atProvider === 'shared-1@example.com' ? { mail: 'shared@example.com' } : {}) });
    for (const fields of directory) await t.addUser(fields);
    const before = await sessions();
    const { answer } = await signInAs(atProvider);
    expect(answer.response.status, answer.body).toBe(403);
    expect(answer.body).toContain(explanation);
    expect(answer.body).toContain('Try again');
    expect(setCookieOf(answer.response, sessionCookieName)).toBeUndefined();
    expect(await sessions()).toBe(before);
  });
});
