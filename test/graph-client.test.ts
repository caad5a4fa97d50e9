import { Client, GraphError, HTTPMessageHandler, PageIterator, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './helpers/postgres-cluster.js';
import { selfSignedCertificate } from './helpers/self-signed.js';
import { createTestContext, type TestContext } from './helpers/test-app.js';
import { skipReason } from './helpers/test-database.js';

/**
 * Tessera driven by Microsoft's own Graph SDK, over real HTTP: proof that scripts written for
 * Entra's entitlement management work against it with only the base URL changed.
 */
class BearerToken implements Middleware {
  private next?: Middleware;
  constructor(private readonly token: string) {}
  async execute(context: Context): Promise<void> {
    // The SDK adds tokens only for Microsoft's own hosts (or configured custom hosts); this adds it for Tessera's.
    const headers = new Headers((context.options?.headers as ConstructorParameters<typeof Headers>[0]) ?? {});
    headers.set('Authorization', `Bearer ${this.token}`);
    context.options = { ...context.options, headers };
    return this.next!.execute(context);
  }
  setNext(next: Middleware): void {
    this.next = next;
  }
}

const em = '/identityGovernance/entitlementManagement';

describe.skipIf(skipReason())('the Microsoft Graph JavaScript SDK against Tessera', () => {
  let t: TestContext;
  let client: Client;

  beforeAll(async () => {
    const port = await freePort();
    // TLS because the SDK follows only https @odata.nextLinks. The certificate is made for this run
    // and this test file's own process skips verifying it (vitest runs each file in its own fork).
    const tls = selfSignedCertificate();
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    t = await createTestContext({ publicUrl: `https://127.0.0.1:${port}`, https: tls });
    await t.app.listen({ host: '127.0.0.1', port });
    const bearer = new BearerToken(t.admin.token);
    bearer.setNext(new HTTPMessageHandler());
    client = Client.initWithMiddleware({ middleware: bearer, baseUrl: `https://127.0.0.1:${port}/`, defaultVersion: 'v1.0' });
  });
  afterAll(async () => {
    delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    await t?.close();
  });

  it('creates a catalog, adds a group resource, and makes a package with a resource role scope', async () => {
    const catalog = await client.api(`${em}/catalogs`).post({ displayName: 'Engineering', description: 'Engineering tools', isExternallyVisible: false });
    expect(catalog).toMatchObject({ displayName: 'Engineering', state: 'published', catalogType: 'userManaged' });

    const group = await client.api('/groups').post({ displayName: 'Build engineers', mailNickname: 'build-engineers', mailEnabled: false, securityEnabled: true });
    const request = await client.api(`${em}/resourceRequests`).post({
      requestType: 'adminAdd',
      resource: { originId: group.id, originSystem: 'AadGroup' },
      catalog: { id: catalog.id },
    });
    expect(request).toMatchObject({ requestType: 'adminAdd', state: 'delivered' });

    const resources = await client.api(`${em}/catalogs/${catalog.id}/resources`).filter(`originId eq '${group.id}'`).expand('roles,scopes').get();
    const [resource] = resources.value;
    expect(resource).toMatchObject({ originSystem: 'AadGroup', displayName: 'Build engineers' });
    const memberRole = resource.roles.find((role: { displayName: string }) => role.displayName === 'Member');
    expect(memberRole.originId).toBe(`Member_${group.id}`);

    const accessPackage = await client.api(`${em}/accessPackages`).post({ displayName: 'Build tools', description: 'CI runners and caches', isHidden: false, catalog: { id: catalog.id } });
    const roleScope = await client.api(`${em}/accessPackages/${accessPackage.id}/resourceRoleScopes`).post({
      role: { originId: memberRole.originId, originSystem: 'AadGroup', resource: { id: resource.id } },
      scope: { originId: group.id, originSystem: 'AadGroup' },
    });
    expect(roleScope.id).toBeTruthy();

    const expanded = await client.api(`${em}/accessPackages/${accessPackage.id}`).expand('resourceRoleScopes($expand=role,scope)').get();
    expect(expanded.resourceRoleScopes[0].role.originId).toBe(`Member_${group.id}`);
    expect(expanded.resourceRoleScopes[0].scope.originId).toBe(group.id);
  });

  it('pages through access packages with the SDK page iterator', async () => {
    const catalog = await client.api(`${em}/catalogs`).post({ displayName: 'Many packages' });
    const names = Array.from({ length: 23 }, (_, index) => `Package ${String(index).padStart(2, '0')}`);
    for (const displayName of names) await client.api(`${em}/accessPackages`).post({ displayName, catalog: { id: catalog.id } });

    const first = await client.api(`${em}/accessPackages`).filter(`catalog/id eq '${catalog.id}'`).top(5).count(true).get();
    expect(first['@odata.count']).toBe(23);
    expect(first['@odata.nextLink']).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/v1\.0\//);
    const seen: string[] = [];
    await new PageIterator(client, first, (item: { displayName: string }) => {
      seen.push(item.displayName);
      return true;
    }).iterate();
    expect(seen.sort()).toEqual(names);
  });

  it('surfaces Tessera errors as Graph errors', async () => {
    const failure = await client
      .api(`${em}/accessPackages`)
      .post({ displayName: 'Orphan', catalog: { id: '00000000-0000-0000-0000-000000000000' } })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GraphError);
    expect((failure as GraphError).statusCode).toBe(400);
    expect((failure as GraphError).code).toBe('Request_BadRequest');
  });
});
