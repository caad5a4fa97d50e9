import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './helpers/test-app.js';
import { skipReason } from './helpers/test-database.js';

/**
 * The built portal served beside the API: its files with the right caching, any page address (a
 * shared deep link) answered with the portal, and the API's own 404s left as they are.
 */
describe.skipIf(skipReason())('the portal’s files', () => {
  let t: TestContext;
  const root = mkdtempSync(join(tmpdir(), 'tessera-portal-'));
  beforeAll(async () => {
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Tessera</title><div id="root"></div>');
    writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log("portal")');
    t = await createTestContext({ portalRoot: root });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(root, { recursive: true, force: true });
  });
  const html = { accept: 'text/html,application/xhtml+xml' };

  it('serves index.html at / and at any page address, never cached, with the security headers', async () => {
    for (const url of ['/', '/access-packages/0b1c2d3e-0000-4000-8000-000000000000', '/admin/requests?state=pending']) {
      const page = await t.app.inject({ method: 'GET', url, headers: html });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toContain('<div id="root">');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('caches the hashed assets for good', async () => {
    const asset = await t.app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('leaves the API’s and sign-in’s addresses alone: an unknown one is a Graph 404, even asked for as a page', async () => {
    for (const url of ['/v1.0/nothing-here', '/healthz/x', '/auth/nothing']) {
      const response = await t.app.inject({ method: 'GET', url, headers: html });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code).toBe('Request_ResourceNotFound');
    }
    // A script's call (not a page navigation) to an unknown address is not answered with the portal either.
    const call = await t.app.inject({ method: 'GET', url: '/access-packages/x', headers: { accept: 'application/json' } });
    expect(call.statusCode).toBe(404);
    const post = await t.app.inject({ method: 'POST', url: '/access-packages/x', headers: html });
    expect(post.statusCode).toBe(404);
  });
});
