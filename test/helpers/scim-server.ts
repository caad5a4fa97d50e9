import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import SCIMMY from 'scimmy';

/**
 * A SCIM 2.0 service provider for tests, built on SCIMMY (which parses, validates and answers as
 * RFC 7643/7644 say: filters, PATCH operations, list responses, errors): Users and Groups kept in
 * memory, behind a bearer token, on loopback. `fail` makes the next calls answer 429 (with
 * Retry-After) or 503, as a SaaS under load does. SCIMMY's declarations are per module, so a test
 * file runs one provider at a time.
 */
export type ScimProvider = {
  url: string;
  token: string;
  users: Map<string, Record<string, any>>;
  groups: Map<string, Record<string, any>>;
  calls: { method: string; path: string; status: number }[];
  /** The next `count` calls answer `status` (429 with Retry-After: `retryAfter`). */
  fail(count: number, status: 429 | 503, retryAfter?: number): void;
  addGroup(displayName: string): string;
  addUser(userName: string): string;
  /** Stops answering (the port closed, connections refused)… */
  pause(): Promise<void>;
  /** …and answers again on the same port, with what it held. */
  resume(): Promise<void>;
  stop(): Promise<void>;
};

export async function startScimProvider(token = 'scim-bearer-token'): Promise<ScimProvider> {
  const users = new Map<string, Record<string, any>>();
  const groups = new Map<string, Record<string, any>>();
  const calls: ScimProvider['calls'] = [];
  let failures: { count: number; status: number; retryAfter?: number } = { count: 0, status: 503 };
  const stamp = (resourceType: string) => ({ resourceType, created: new Date().toISOString(), lastModified: new Date().toISOString() });

  const store = (map: Map<string, Record<string, any>>, resourceType: string) => ({
    ingress: (resource: { id?: string }, data: Record<string, any>) => {
      const id = resource.id ?? randomUUID();
      if (resource.id && !map.has(id)) throw new SCIMMY.Types.Error(404, null!, `Resource ${id} not found`);
      if (!resource.id && resourceType === 'User' && [...users.values()].some((user) => user.userName === data.userName)) throw new SCIMMY.Types.Error(409, 'uniqueness', `userName ${data.userName} is taken`);
      const stored = { ...data, id, meta: { ...stamp(resourceType), ...(map.get(id)?.meta ? { created: map.get(id)!.meta.created } : {}) } };
      map.set(id, stored);
      return stored;
    },
    egress: (resource: { id?: string; filter?: { match(values: any[]): any[] } }) => {
      if (resource.id) {
        const found = map.get(resource.id);
        if (!found) throw new SCIMMY.Types.Error(404, null!, `Resource ${resource.id} not found`);
        return found;
      }
      const all = [...map.values()];
      return resource.filter ? resource.filter.match(all) : all;
    },
    degress: (resource: { id?: string }) => {
      if (!resource.id || !map.delete(resource.id)) throw new SCIMMY.Types.Error(404, null!, `Resource ${resource.id} not found`);
    },
  });
  const userStore = store(users, 'User');
  const groupStore = store(groups, 'Group');
  SCIMMY.Resources.declare(SCIMMY.Resources.User).ingress(userStore.ingress as never).egress(userStore.egress as never).degress(userStore.degress as never);
  SCIMMY.Resources.declare(SCIMMY.Resources.Group).ingress(groupStore.ingress as never).egress(groupStore.egress as never).degress(groupStore.degress as never);

  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', async () => {
      const reply = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
        calls.push({ method: request.method!, path: request.url!, status });
        response.writeHead(status, { 'content-type': 'application/scim+json', ...headers }).end(payload === undefined ? undefined : JSON.stringify(payload));
      };
      if (request.headers.authorization !== `Bearer ${token}`) return reply(401, new SCIMMY.Messages.Error({ status: 401, detail: 'Bearer token required' }));
      if (failures.count > 0) {
        failures.count -= 1;
        return reply(failures.status, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(failures.status), detail: failures.status === 429 ? 'Too many requests' : 'Service unavailable' }, failures.retryAfter !== undefined ? { 'retry-after': String(failures.retryAfter) } : {});
      }
      const url = new URL(request.url!, 'http://scim.local');
      const [, kind, id] = url.pathname.split('/');
      const Resource = kind === 'Users' ? SCIMMY.Resources.User : kind === 'Groups' ? SCIMMY.Resources.Group : undefined;
      if (!Resource) return reply(404, new SCIMMY.Messages.Error({ status: 404, detail: 'No such endpoint' }));
      const query = Object.fromEntries(url.searchParams);
      try {
        const json = body ? JSON.parse(body) : undefined;
        const config = { ...(query.filter ? { filter: query.filter } : {}), ...(query.attributes ? { attributes: query.attributes } : {}), ...(query.startIndex ? { startIndex: Number(query.startIndex) } : {}), ...(query.count ? { count: Number(query.count) } : {}) };
        switch (request.method) {
          case 'GET':
            return reply(200, await new Resource(id, config).read());
          case 'POST':
            return reply(201, await new Resource().write(json));
          case 'PUT':
            return reply(200, await new Resource(id).write(json));
          case 'PATCH': {
            const patched = await new Resource(id).patch(json);
            return patched ? reply(200, patched) : reply(204);
          }
          case 'DELETE':
            await new Resource(id).dispose();
            return reply(204);
          default:
            return reply(405, { status: '405', detail: 'Method not allowed' });
        }
      } catch (error) {
        const status = (error as { status?: number }).status ?? 500;
        return reply(status, new SCIMMY.Messages.Error(error as never));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const close = () => new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  return {
    url,
    token,
    users,
    groups,
    calls,
    fail: (count, status, retryAfter) => void (failures = { count, status, ...(retryAfter !== undefined ? { retryAfter } : {}) }),
    addGroup: (displayName) => userOrGroup(groups, 'Group', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName, members: [] }),
    addUser: (userName) => userOrGroup(users, 'User', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, active: true }),
    pause: close,
    resume: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
    stop: close,
  };

  function userOrGroup(map: Map<string, Record<string, any>>, resourceType: string, data: Record<string, any>): string {
    const id = randomUUID();
    map.set(id, { ...data, id, meta: stamp(resourceType) });
    return id;
  }
}
