import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSession } from './helpers/browser-session.js';
import { freePort } from './helpers/postgres-cluster.js';
import { runCli, startCli, waitForHealthy } from './helpers/run-cli.js';
import { freshDatabaseUrl, skipReason } from './helpers/test-database.js';

/** The operator's path, end to end: serve --demo on a new database, a token, API calls. */
describe.skipIf(skipReason())('tessera serve --demo and token create', () => {
  let server: ChildProcess;
  let base: string;
  let environment: Record<string, string>;
  let serverOutput = '';

  beforeAll(async () => {
    const port = await freePort();
    environment = { DATABASE_URL: await freshDatabaseUrl(), HOST: '127.0.0.1', PORT: String(port) };
    base = `http://127.0.0.1:${port}`;
    server = startCli(['serve', '--demo'], environment);
    server.stdout!.on('data', (chunk) => (serverOutput += chunk));
    server.stderr!.on('data', (chunk) => (serverOutput += chunk));
    await waitForHealthy(`${base}/healthz`, 90_000).catch((error) => {
      throw new Error(`${error.message}\n${serverOutput}`);
    });
  }, 120_000);

  afterAll(() => {
    server?.kill('SIGTERM');
  });

  it('seeds the demo organisation and serves it to a token made by the CLI', async () => {
    const created = await runCli(['token', 'create', '--user', 'admin@example.com', '--expires', 'PT1H'], environment);
    expect(created.code, created.stderr).toBe(0);
    const token = created.stdout.trim().split('\n').pop()!;
    expect(token).toMatch(/^tsr_[\w-]{40,}$/);

    const get = async (path: string): Promise<Record<string, any>> => (await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } })).json() as Promise<Record<string, any>>;
    expect((await get('/v1.0/users?$count=true&$top=1'))['@odata.count']).toBeGreaterThanOrEqual(190);
    expect((await get("/v1.0/users?$filter=department eq 'IT'&$count=true"))['@odata.count']).toBeGreaterThanOrEqual(30);
    expect((await get("/v1.0/users?$filter=userType eq 'Guest'&$count=true"))['@odata.count']).toBeGreaterThan(0);
    const packages = await get("/v1.0/identityGovernance/entitlementManagement/accessPackages?$filter=displayName eq 'New hire in IT'");
    expect(packages.value).toHaveLength(1);
    expect((await fetch(`${base}/v1.0/users`)).status).toBe(401);
    const openapi = (await (await fetch(`${base}/openapi.json`)).json()) as Record<string, any>;
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toContain('/v1.0/users');
  });

  it('signs in to the portal through the demo’s built-in OpenID provider, as any of its people', async () => {
    const browser = new BrowserSession();
    const hops = await browser.follow(`${base}/auth/signIn`);
    const page = hops.at(-1)!;
    expect(page.url, page.body).toMatch(new RegExp(`^${base}/oidc/interaction/`));
    for (const persona of ['Ada Administrator', 'Camilla Executive', 'Head of IT']) expect(page.body).toContain(persona);
    const accountId = /value="([^"]+)"[^>]*><strong>Ada Administrator<\/strong> <span[^>]*>admin@example\.com</.exec(page.body)![1]!;
    const action = new URL(/<form method="post" action="([^"]+)">/.exec(page.body)![1]!, page.url).href;
    const back = await browser.follow(action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `accountId=${accountId}` });
    expect(back.at(-1)!.url).toBe(`${base}/`);
    const session = await browser.request(`${base}/v1.0/tessera/session`);
    expect(JSON.parse(session.body)).toMatchObject({ user: { displayName: 'Ada Administrator', userPrincipalName: 'admin@example.com' }, authenticatedBy: 'session' });
    // The provider's warnings about development-only defaults would alarm an operator; there are none.
    expect(serverOutput).not.toContain('oidc-provider WARNING');
  });

  it('refuses a token for an unknown user or with a bad lifetime, with a clear message', async () => {
    const unknown = await runCli(['token', 'create', '--user', 'nobody@example.com'], environment);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/nobody@example\.com/);
    const badLifetime = await runCli(['token', 'create', '--user', 'admin@example.com', '--expires', '30 days'], environment);
    expect(badLifetime.code).toBe(2);
    expect(badLifetime.stderr).toMatch(/ISO 8601/);
  });

  it('reports every configuration problem at once', async () => {
    const result = await runCli(['migrate'], { DATABASE_URL: 'mysql://nope', PORT: 'eighty', LOG_LEVEL: 'loud' });
    expect(result.code).toBe(2);
    for (const variable of ['DATABASE_URL', 'PORT', 'LOG_LEVEL']) expect(result.stderr).toContain(variable);
  });

  it('shuts down on SIGTERM with exit code 0, having closed the database', async () => {
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await exited, serverOutput).toBe(0);
    // SQLite removes the write-ahead log when its last connection closes cleanly.
    if (environment.DATABASE_URL!.startsWith('sqlite:')) expect(existsSync(`${environment.DATABASE_URL!.slice('sqlite:'.length)}-wal`)).toBe(false);
  });
});

/** The demo's password-less provider is for trying Tessera on one's own machine, never on a network. */
describe.skipIf(skipReason())('tessera serve --demo reachable from other machines', () => {
  it('does not mount the password-less demo provider, says so, and leaves sign-in unconfigured', async () => {
    const port = await freePort();
    const environment = { DATABASE_URL: await freshDatabaseUrl(), HOST: '0.0.0.0', PORT: String(port), PUBLIC_URL: `http://tessera.example.test:${port}` };
    const server = startCli(['serve', '--demo'], environment);
    let output = '';
    server.stdout!.on('data', (chunk) => (output += chunk));
    server.stderr!.on('data', (chunk) => (output += chunk));
    try {
      await waitForHealthy(`http://127.0.0.1:${port}/healthz`, 90_000);
      expect((await fetch(`http://127.0.0.1:${port}/oidc/.well-known/openid-configuration`)).status).toBe(404);
      const signIn = await fetch(`http://127.0.0.1:${port}/auth/signIn`, { redirect: 'manual' });
      expect(signIn.status).toBe(503);
      expect(output).toContain('Portal sign-in is off');
    } finally {
      server.kill('SIGTERM');
    }
  }, 120_000);
});
