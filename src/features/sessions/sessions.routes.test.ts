import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalog } from '../../../test/helpers/entitlement-fixtures.js';
import { countRows, createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { skipReason } from '../../../test/helpers/test-database.js';
import { directoryRoles } from '../../domain/roles.js';
import { sessionCookieName } from '../../http/authentication.js';
import { hashToken } from '../authorization/access-tokens.repo.js';
import { startSession } from './portal-sessions.js';

/**
 * Portal sessions through the API: a session cookie authenticates like a bearer token, but a call
 * that changes something must also carry the session's CSRF token; sessions end on sign-out, after
 * 12 hours, and after an hour idle.
 */
describe.skipIf(skipReason())('portal sessions', () => {
  let t: TestContext;
  const signIn = async (userId: string) => startSession(t.deps, { correlationId: 'sign-in', principal: { kind: 'system', name: 'tests' }, ipAddress: '127.0.0.1' }, userId);
  const withCookie = (token: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, extra: { csrf?: string; payload?: unknown } = {}) =>
    t.app.inject({ method, url, headers: { cookie: `${sessionCookieName}=${token}`, ...(extra.csrf ? { 'x-csrf-token': extra.csrf } : {}) }, ...(extra.payload === undefined ? {} : { payload: extra.payload as never }) });

  beforeAll(async () => {
    t = await createTestContext({ publicUrl: 'https://access.example.com' });
  });
  afterAll(async () => t?.close());

  it('authenticates by the cookie, says who is signed in, and gives the CSRF token and the session’s end', async () => {
    const session = await signIn(t.member.id);
    const shown = await withCookie(session.token, 'GET', '/v1.0/tessera/session');
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toEqual({ user: { id: t.member.id, displayName: 'Mia Member', userPrincipalName: 'mia@example.com' }, authenticatedBy: 'session', csrfToken: session.csrfToken, expiresDateTime: new Date(t.clock.now.getTime() + 12 * 3_600_000).toISOString(), adminCenter: { catalogs: false, directory: false, auditLog: false, connectedSystems: false, accessReviews: false, connectedOrganizations: false, entitlementSettings: false, canManage: { connectedOrganizations: false, entitlementSettings: false } } });
    expect((await withCookie(session.token, 'GET', '/v1.0/users?$top=1')).statusCode).toBe(200);
    // The token is stored only as its hash.
    const stored = await t.handle.db.selectFrom('portal_sessions').selectAll().where('user_id', '=', t.member.id).execute();
    expect(JSON.stringify(stored)).not.toContain(session.token);
    const bearer = await t.request(t.member.token, { method: 'GET', url: '/v1.0/tessera/session' });
    expect(bearer.json()).toMatchObject({ authenticatedBy: 'accessToken', csrfToken: null });
    // The portal shows an administrator the admin center's areas their roles open.
    const admin = await signIn(t.admin.id);
    expect((await withCookie(admin.token, 'GET', '/v1.0/tessera/session')).json().adminCenter).toEqual({ catalogs: true, directory: true, auditLog: true, connectedSystems: true, accessReviews: true, connectedOrganizations: true, entitlementSettings: true, canManage: { connectedOrganizations: true, entitlementSettings: true } });
  });

  it('refuses a change made with the cookie alone (403) or with another session’s token, writing nothing; accepts it with its own', async () => {
    const admin = await signIn(t.admin.id);
    const other = await signIn(t.member.id);
    const before = [await countRows(t, 'catalogs'), await countRows(t, 'directory_audits')];
    for (const csrf of [undefined, other.csrfToken, `${admin.csrfToken}x`]) {
      const refused = await withCookie(admin.token, 'POST', '/v1.0/identityGovernance/entitlementManagement/catalogs', { ...(csrf ? { csrf } : {}), payload: { displayName: 'Forged' } });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error).toMatchObject({ code: 'Authorization_RequestDenied', message: expect.stringContaining('X-CSRF-Token') });
    }
    expect([await countRows(t, 'catalogs'), await countRows(t, 'directory_audits')]).toEqual(before);
    const created = await withCookie(admin.token, 'POST', '/v1.0/identityGovernance/entitlementManagement/catalogs', { csrf: admin.csrfToken, payload: { displayName: 'Made in the portal' } });
    expect(created.statusCode, created.body).toBe(201);
    // A bearer token needs no CSRF token: no browser sends it by itself.
    expect((await createCatalog(t, 'Made by a script')).id).toBeTruthy();
  });

  it('signs out: the session ends, the cookie is cleared (Secure, httpOnly), and the cookie no longer works', async () => {
    const session = await signIn(t.member.id);
    expect((await withCookie(session.token, 'POST', '/v1.0/tessera/session/signOut')).statusCode).toBe(403);
    const out = await withCookie(session.token, 'POST', '/v1.0/tessera/session/signOut', { csrf: session.csrfToken });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(new RegExp(`^${sessionCookieName}=;.*Path=/.*HttpOnly.*Secure.*SameSite=Lax`));
    const after = await withCookie(session.token, 'GET', '/v1.0/tessera/session');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.message).toMatch(/session has ended/);
    const audit = await t.handle.db.selectFrom('directory_audits').select('activity_display_name').where('activity_display_name', 'in', ['Sign in to the portal', 'Sign out of the portal']).execute();
    expect(audit.map((row) => row.activity_display_name)).toContain('Sign out of the portal');
  });

  it('ends a session idle for an hour, and any session twelve hours after sign-in however busy', async () => {
    const idle = await signIn(t.member.id);
    t.clock.advance(59 * 60_000);
    expect((await withCookie(idle.token, 'GET', '/v1.0/tessera/session')).statusCode).toBe(200);
    t.clock.advance(59 * 60_000);
    expect((await withCookie(idle.token, 'GET', '/v1.0/tessera/session')).statusCode).toBe(200);
    t.clock.advance(61 * 60_000);
    expect((await withCookie(idle.token, 'GET', '/v1.0/tessera/session')).statusCode).toBe(401);
    expect((await t.handle.db.selectFrom('portal_sessions').select('ended_reason').where('token_hash', '=', hashToken(idle.token)).executeTakeFirstOrThrow()).ended_reason).toBe('idle');

    const busy = await signIn(t.member.id);
    for (let step = 0; step < 13; step += 1) {
      t.clock.advance(55 * 60_000); // 11 h 55 min after sign-in at the last step, never idle
      expect((await withCookie(busy.token, 'GET', '/v1.0/tessera/session')).statusCode).toBe(200);
    }
    t.clock.advance(10 * 60_000);
    expect((await withCookie(busy.token, 'GET', '/v1.0/tessera/session')).statusCode).toBe(401);
    expect((await t.handle.db.selectFrom('portal_sessions').select('ended_reason').where('token_hash', '=', hashToken(busy.token)).executeTakeFirstOrThrow()).ended_reason).toBe('expired');
  });

  it('refuses an unknown cookie, and the session of a user since disabled', async () => {
    expect((await withCookie('not-a-session', 'GET', '/v1.0/tessera/session')).statusCode).toBe(401);
    const user = await t.addUser({ userPrincipalName: 'leaving@example.com' });
    const session = await signIn(user.id);
    const admin = await t.addUser({ userPrincipalName: 'ua@example.com' }, [directoryRoles.userAdministrator.id]);
    expect((await t.request(admin.token, { method: 'PATCH', url: `/v1.0/users/${user.id}`, payload: { accountEnabled: false } })).statusCode).toBe(204);
    expect((await withCookie(session.token, 'GET', '/v1.0/tessera/session')).statusCode).toBe(401);
  });
});

describe.skipIf(skipReason())('security headers', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ publicUrl: 'https://access.example.com' });
  });
  afterAll(async () => t?.close());

  it('sends a content security policy of its own origin, no framing, no sniffing and HSTS, on answers and on errors alike', async () => {
    for (const response of [await t.request(t.member.token, { method: 'GET', url: '/v1.0/tessera/session' }), await t.request(undefined, { method: 'GET', url: '/v1.0/users' }), await t.app.inject({ method: 'GET', url: '/healthz' })]) {
      expect(response.headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(response.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect(response.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    }
  });

  it('leaves HSTS and upgrade-insecure-requests out when Tessera is reached over plain http', async () => {
    const plain = await createTestContext({ publicUrl: 'http://127.0.0.1:8080' });
    try {
      const response = await plain.app.inject({ method: 'GET', url: '/healthz' });
      expect(response.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
      expect(response.headers['strict-transport-security']).toBeUndefined();
      expect(response.headers['x-frame-options']).toBe('DENY');
    } finally {
      await plain.close();
    }
  });
});
