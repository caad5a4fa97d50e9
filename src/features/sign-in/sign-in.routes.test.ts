import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSession, setCookieOf, type Hop } from '../../../test/helpers/browser-session.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { skipReason } from '../../../test/helpers/test-database.js';
import { sessionCookieName } from '../../http/authentication.js';
import { pendingSignInCookieName } from './pending-sign-in-cookie.js';

/**
 * Signing in to the portal through the demo's built-in OpenID provider, as a browser does it, over
 * real HTTP: Tessera leaves for the provider, the provider shows its people, the person picks one,
 * the provider sends them back with a code, Tessera exchanges it and starts a session. And every
 * way it must refuse, without writing a session.
 */
describe.skipIf(skipReason())('portal sign-in through the demo provider', () => {
  let t: TestContext;
  const sessions = async () => Number((await t.handle.db.selectFrom('portal_sessions').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow()).count);

  beforeAll(async () => {
    t = await createTestContext({ listen: true, demoIdentityProvider: true, clockStart: new Date().toISOString() });
  });
  afterAll(async () => t?.close());

  /** Starts a sign-in and goes through the provider up to its page of people. */
  async function atThePeoplePage(browser: BrowserSession, returnTo?: string): Promise<{ start: Hop; page: Hop; state: string }> {
    const hops = await browser.follow(`${t.publicUrl}/auth/signIn${returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`}`);
    const start = hops[0]!;
    const page = hops.at(-1)!;
    expect(page.response.status, page.body).toBe(200);
    return { start, page, state: new URL(start.response.headers.get('location')!).searchParams.get('state')! };
  }

  /** Picks a person on the provider's page; stops where the provider sends the browser back to Tessera. */
  async function pick(browser: BrowserSession, page: Hop, userPrincipalName: string): Promise<string> {
    const button = new RegExp(`<button type="submit" name="accountId" value="([^"]+)"[^>]*><strong>[^<]*</strong> <span[^>]*>${userPrincipalName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</span>`).exec(page.body);
    expect(button, `no button for ${userPrincipalName}`).not.toBeNull();
    const form = [...page.body.matchAll(/<form method="post" action="([^"]+)">/g)].map((match) => match[1]!);
    const hops = await browser.follow(new URL(form[0]!.replaceAll('&amp;', '&'), page.url).href, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ accountId: button![1]! }).toString() }, (next) => !next.startsWith(`${t.publicUrl}/auth/callback`));
    const location = hops.at(-1)!.response.headers.get('location');
    expect(location, hops.at(-1)!.body).toMatch(/\/auth\/callback\?/);
    return new URL(location!, hops.at(-1)!.url).href;
  }

  it('signs in: the provider lists the people, the pick comes back as a session cookie, the session is the user’s, and the sign-in is audited', async () => {
    const browser = new BrowserSession();
    const { start, page } = await atThePeoplePage(browser, '/requests?mine=1');

    // Leaving for the provider: the code flow with PKCE, state and nonce, and a sealed pending sign-in.
    expect(start.response.status).toBe(302);
    expect(start.response.headers.get('cache-control')).toBe('no-store');
    const authorization = new URL(start.response.headers.get('location')!);
    expect(`${authorization.origin}${authorization.pathname}`).toBe(`${t.publicUrl}/oidc/auth`);
    expect(Object.fromEntries(authorization.searchParams)).toMatchObject({ response_type: 'code', client_id: 'tessera-portal', redirect_uri: `${t.publicUrl}/auth/callback`, scope: 'openid profile email', code_challenge_method: 'S256', prompt: 'login' });
    for (const parameter of ['code_challenge', 'state', 'nonce']) expect(authorization.searchParams.get(parameter)).toMatch(/^[\w-]{43}$/);
    const pending = setCookieOf(start.response, pendingSignInCookieName)!;
    expect(pending).toMatch(/; Max-Age=600/);
    expect(pending).toMatch(/; Path=\/auth(;|$)/);
    expect(pending).toMatch(/; HttpOnly/);
    expect(pending).toMatch(/; SameSite=Lax/);
    expect(pending).not.toMatch(/; Secure/);
    // Sealed: neither the verifier behind the challenge nor the state can be read off it.
    expect(decodeURIComponent(pending)).not.toContain(authorization.searchParams.get('state')!);

    // The provider's page: the demo's people as buttons, in plain forms under Tessera's CSP.
    expect(page.url).toMatch(new RegExp(`^${t.publicUrl}/oidc/interaction/[\\w-]+$`));
    expect(page.body).toContain('Sign in to the Tessera demo as');
    expect(page.body).toContain('admin@example.com');
    expect(page.body).toMatch(/<details><summary>Sales \(1\)<\/summary>[\s\S]*mia@example\.com/);
    expect(page.body).not.toMatch(/<script/i);
    expect(page.response.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(page.response.headers.get('cache-control')).toBe('no-store');

    const callback = await pick(browser, page, 'admin@example.com');
    expect(new URL(callback).searchParams.get('code')).toBeTruthy();
    const back = await browser.request(callback);
    expect(back.response.status, back.body).toBe(302);
    expect(back.response.headers.get('location')).toBe('/requests?mine=1');
    expect(back.response.headers.get('cache-control')).toBe('no-store');
    const session = setCookieOf(back.response, sessionCookieName)!;
    expect(session).toMatch(/; Path=\/(;|$)/);
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Lax/);
    expect(Date.parse(/; Expires=([^;]+)/.exec(session)![1]!)).toBe(Math.floor((t.clock.now.getTime() + 12 * 3_600_000) / 1000) * 1000);
    // The pending sign-in is used up.
    expect(setCookieOf(back.response, pendingSignInCookieName)).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(browser.cookies.has(pendingSignInCookieName)).toBe(false);

    const me = await browser.request(`${t.publicUrl}/v1.0/tessera/session`);
    expect(me.response.status, me.body).toBe(200);
    expect(JSON.parse(me.body)).toMatchObject({ user: { id: t.admin.id, userPrincipalName: 'admin@example.com' }, authenticatedBy: 'session' });

    const audit = await t.handle.db.selectFrom('directory_audits').selectAll().where('activity_display_name', '=', 'Sign in to the portal').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ initiated_by_user_id: t.admin.id, initiated_by_upn: 'admin@example.com', target_ids: expect.stringContaining(t.admin.id) });
  });

  it.each([['//evil.example'], ['https://evil.example'], ['/\\evil.example'], ['/\t/evil.example']])('returns to / instead of %j after signing in', async (returnTo) => {
    const browser = new BrowserSession();
    const { page } = await atThePeoplePage(browser, returnTo);
    const back = await browser.request(await pick(browser, page, 'mia@example.com'));
    expect(back.response.status, back.body).toBe(302);
    expect(back.response.headers.get('location')).toBe('/');
  });

  describe('refuses, writing no session', () => {
    async function refused(expectedStatus: number, finish: (browser: BrowserSession, callback: string, state: string) => Promise<Hop>): Promise<Hop> {
      const browser = new BrowserSession();
      const { page, state } = await atThePeoplePage(browser, '/catalogs');
      const callback = await pick(browser, page, 'mia@example.com');
      const before = await sessions();
      const answer = await finish(browser, callback, state);
      expect(answer.response.status, answer.body).toBe(expectedStatus);
      expect(answer.response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(answer.response.headers.get('cache-control')).toBe('no-store');
      expect(setCookieOf(answer.response, sessionCookieName)).toBeUndefined();
      expect(await sessions()).toBe(before);
      expect(answer.body).not.toMatch(/ at .*\.(ts|js):\d+/);
      return answer;
    }

    it('a callback without the pending sign-in (another browser, or a cookie blocked)', async () => {
      const answer = await refused(400, async (browser, callback) => {
        browser.cookies.delete(pendingSignInCookieName);
        return browser.request(callback);
      });
      expect(answer.body).toContain('no sign-in under way');
      expect(answer.body).toContain('<a class="button" href="/auth/signIn">Try again</a>');
    });

    it('a tampered pending sign-in, and a forged unsealed one', async () => {
      // Refused as no sign-in at all: neither gets as far as the provider.
      const tampered = await refused(400, async (browser, callback) => {
        const cookie = browser.cookies.get(pendingSignInCookieName)!;
        const flipped = cookie.value.slice(0, -6) + (cookie.value.at(-6) === 'A' ? 'B' : 'A') + cookie.value.slice(-5);
        browser.cookies.set(pendingSignInCookieName, { ...cookie, value: flipped });
        return browser.request(callback);
      });
      expect(tampered.body).toContain('no sign-in under way');
      const forged = await refused(400, async (browser, callback, state) => {
        const json = JSON.stringify({ codeVerifier: 'v'.repeat(43), state, nonce: 'n'.repeat(43), returnTo: '/', startedDateTime: new Date().toISOString() });
        browser.cookies.set(pendingSignInCookieName, { value: encodeURIComponent(json), path: '/auth' });
        return browser.request(callback);
      });
      expect(forged.body).toContain('no sign-in under way');
    });

    it('a pending sign-in older than ten minutes', async () => {
      const answer = await refused(400, async (browser, callback) => {
        t.clock.advance(10 * 60_000 + 1000);
        return browser.request(callback);
      });
      expect(answer.body).toContain('took too long');
      expect(answer.body).toContain('href="/auth/signIn"');
    });

    it('an answer whose state is not the sign-in’s', async () => {
      const answer = await refused(400, async (browser, callback) => {
        const url = new URL(callback);
        url.searchParams.set('state', 'x'.repeat(43));
        return browser.request(url.href);
      });
      expect(answer.body).toContain('does not belong to the sign-in started in this browser');
      // The way back keeps where the person was going.
      expect(answer.body).toContain('href="/auth/signIn?returnTo=%2Fcatalogs"');
    });

    it('the provider’s error (access_denied), without repeating its description', async () => {
      const answer = await refused(403, async (browser, _callback, state) =>
        browser.request(`${t.publicUrl}/auth/callback?${new URLSearchParams({ error: 'access_denied', error_description: '<script>alert("x")</script> call +1 555 0100', state })}`),
      );
      expect(answer.body).toContain('did not sign you in');
      expect(answer.body).not.toContain('<script');
      expect(answer.body).not.toContain('555 0100');
    });

    it('a code used twice', async () => {
      const browser = new BrowserSession();
      const { page } = await atThePeoplePage(browser);
      const callback = await pick(browser, page, 'mia@example.com');
      const pending = browser.cookies.get(pendingSignInCookieName)!;
      expect((await browser.request(callback)).response.status).toBe(302);
      const before = await sessions();
      // Even with the pending sign-in put back, the provider refuses a code it has already exchanged.
      browser.cookies.set(pendingSignInCookieName, pending);
      const again = await browser.request(callback);
      expect(again.response.status, again.body).toBe(400);
      expect(again.body).toContain('did not accept the sign-in code');
      expect(await sessions()).toBe(before);
    });
  });

  it('escapes a return path carrying markup in the page’s links', async () => {
    const browser = new BrowserSession();
    const { page } = await atThePeoplePage(browser, '/x"><script>alert(1)</script>');
    const callback = new URL(await pick(browser, page, 'mia@example.com'));
    callback.searchParams.set('state', 'y'.repeat(43));
    const answer = await browser.request(callback.href);
    expect(answer.response.status).toBe(400);
    expect(answer.body).not.toContain('<script');
    expect(answer.body).toContain('href="/auth/signIn?returnTo=%2Fx%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E"');
  });

  it('the provider signs in nobody disabled or unknown, and its pages escape and explain', async () => {
    const browser = new BrowserSession();
    const { page } = await atThePeoplePage(browser);
    const leaving = await t.addUser({ userPrincipalName: 'leaving@example.com', displayName: '<b>Leaving</b>' });
    const refreshed = await browser.request(page.url);
    expect(refreshed.body).toContain('&lt;b&gt;Leaving&lt;/b&gt;');
    expect(refreshed.body).not.toContain('<b>Leaving</b>');
    await t.handle.db.updateTable('users').set({ account_enabled: 0 }).where('id', '=', leaving.id).execute();
    expect((await browser.request(page.url)).body).not.toContain('leaving@example.com');
    const action = new URL(/<form method="post" action="([^"]+)">/.exec(page.body)![1]!, page.url).href;
    for (const accountId of [leaving.id, 'no-such-user']) {
      const answer = await browser.request(action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `accountId=${encodeURIComponent(accountId)}` });
      expect(answer.response.status).toBe(400);
      expect(answer.body).toContain('That person cannot sign in');
    }
    // Without the interaction's cookie (another browser), the page is not shown.
    const stranger = await new BrowserSession().request(page.url);
    expect(stranger.response.status).toBe(400);
    expect(stranger.body).toContain('This sign-in has expired');
  });
});

describe.skipIf(skipReason())('portal sign-in with no identity provider', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ publicUrl: 'https://access.example.com' });
  });
  afterAll(async () => t?.close());

  it('says it is not configured, and how to configure it, and mounts no provider', async () => {
    for (const url of ['/auth/signIn', '/auth/callback?code=x&state=y']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toContain('Portal sign-in is not configured');
      for (const variable of ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'https://access.example.com/auth/callback']) expect(response.body).toContain(variable);
    }
    expect((await t.app.inject({ method: 'GET', url: '/oidc/.well-known/openid-configuration' })).statusCode).toBe(404);
  });
});
