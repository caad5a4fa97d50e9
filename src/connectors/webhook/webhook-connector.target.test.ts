import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/helpers/postgres-cluster.js';
import type { RoleGrant } from '../connector.js';
import { webhookConnector, type WebhookSettings } from './webhook-connector.js';
import { signWebhook, verifyWebhook } from './webhook-signature.js';

/**
 * The webhook connector against a real HTTP receiver on loopback that checks every call as
 * docs/api.md tells receivers to (verifyWebhook), and can be told to refuse or fail.
 */
describe('the webhook connector', () => {
  const secret = 'a-shared-signing-secret-of-some-length';
  let server: Server;
  let url: string;
  const received: { headers: IncomingHttpHeaders; body: string; check: ReturnType<typeof verifyWebhook> }[] = [];
  const seen = new Set<string>();
  let answer: { status: number; headers?: Record<string, string>; body?: string } = { status: 204 };
  const settings = (): WebhookSettings => ({ url, resources: [{ originId: 'crm-sales', displayName: 'CRM: Sales', description: 'The sales pipeline', roles: [{ originId: 'viewer', displayName: 'Viewer' }, { originId: 'editor', displayName: 'Editor' }] }, { originId: 'crm-support', displayName: 'CRM: Support', description: null, roles: [{ originId: 'agent', displayName: 'Agent' }] }] });
  const grant: RoleGrant = { resourceOriginId: 'crm-sales', roleOriginId: 'editor', scopeOriginId: 'crm-sales', target: { userId: 'u-ann', userPrincipalName: 'ann@contoso.example', mail: 'ann@contoso.example' } };

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const check = verifyWebhook(secret, request.headers, body, seen);
        received.push({ headers: request.headers, body, check });
        if (!check.ok) return void response.writeHead(401).end(check.reason);
        response.writeHead(answer.status, answer.headers ?? {}).end(answer.body ?? '');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tessera-events`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends a grant and a revoke, signed, with the target and the role, and counts a 2xx as done', async () => {
    const connector = webhookConnector(settings(), { signingSecret: secret });
    await connector.grant(grant);
    await connector.revoke(grant);
    const [granted, revoked] = received.splice(0);
    expect(granted!.check.ok).toBe(true);
    expect(JSON.parse(granted!.body)).toMatchObject({ type: 'grant', resource: { originId: 'crm-sales' }, role: { originId: 'editor' }, target: grant.target, id: expect.any(String), occurredDateTime: expect.any(String) });
    expect(JSON.parse(revoked!.body)).toMatchObject({ type: 'revoke', resource: { originId: 'crm-sales' } });
  });

  it('lets the receiver refuse a forged call, a replay and a stale one', () => {
    const body = JSON.stringify({ id: 'evt-1', type: 'grant' });
    const at = Math.floor(Date.now() / 1000);
    const headers = { 'x-tessera-timestamp': String(at), 'x-tessera-signature': signWebhook(secret, at, body) };
    const own = new Set<string>();
    expect(verifyWebhook(secret, headers, body, own).ok).toBe(true);
    expect(verifyWebhook(secret, headers, body, own)).toEqual({ ok: false, reason: 'replayed' });
    expect(verifyWebhook('another-secret', headers, body, new Set())).toEqual({ ok: false, reason: 'bad signature' });
    expect(verifyWebhook(secret, headers, body.replace('grant', 'revoke'), new Set())).toEqual({ ok: false, reason: 'bad signature' });
    expect(verifyWebhook(secret, headers, body, new Set(), { now: new Date((at + 301) * 1000) })).toEqual({ ok: false, reason: 'too old' });
  });

  it('fails a call the receiver does not acknowledge, saying what it answered, so that the job retries it', async () => {
    const connector = webhookConnector(settings(), { signingSecret: secret });
    answer = { status: 503, headers: { 'retry-after': '2' }, body: 'maintenance\nwindow' };
    await expect(connector.grant(grant)).rejects.toThrow(`The webhook ${url} answered 503 (retry after 2 s): maintenance window`);
    answer = { status: 204 };
    await connector.grant(grant);
    const wrongKey = webhookConnector(settings(), { signingSecret: 'not-the-shared-one' });
    await expect(wrongKey.test!()).rejects.toThrow(`The webhook ${url} answered 401: bad signature`);
    const nobody = `http://127.0.0.1:${await freePort()}/x`;
    await expect(webhookConnector({ ...settings(), url: nobody }, { signingSecret: secret }).grant(grant)).rejects.toThrow(`Cannot reach the webhook ${nobody}: the connection was refused.`);
    received.splice(0);
  });

  it('offers the resources declared for it, searched and paged, and cannot list holders', async () => {
    const connector = webhookConnector(settings(), { signingSecret: secret });
    expect((await connector.describe('crm-sales'))?.roles.map((role) => role.displayName)).toEqual(['Viewer', 'Editor']);
    expect(await connector.describe('erp')).toBeNull();
    const first = await connector.discover({ search: 'crm', top: 1 });
    expect(first.resources.map((r) => r.originId)).toEqual(['crm-sales']);
    expect((await connector.discover({ search: 'crm', top: 1, cursor: first.nextCursor })).resources.map((r) => r.originId)).toEqual(['crm-support']);
    await expect(connector.listHolders('crm-sales', 'editor')).rejects.toThrow(/one-way/);
  });
});
