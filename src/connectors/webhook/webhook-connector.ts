import { randomUUID } from 'node:crypto';
import type { Connector, DiscoveredResource, RoleGrant } from '../connector.js';
import { signWebhook, signatureHeader, timestampHeader } from './webhook-signature.js';

/**
 * Any other system, through a signed HTTP call: Tessera POSTs a grant or a revoke to the receiver's
 * URL and counts it done when the receiver answers 2xx. Anything else — a refusal, 429, a 5xx, no
 * answer — fails the call, and the delivery job retries it with backoff until it is acknowledged
 * or its attempts run out (then `reprocess` sends it again). A receiver must treat a grant it has
 * already applied as done: the same grant may come twice after a crash. The resources a receiver
 * handles are declared with the connected system (a webhook cannot be asked what it offers).
 */
export type WebhookResource = { originId: string; displayName: string; description: string | null; roles: { originId: string; displayName: string }[] };
export type WebhookSettings = { url: string; resources: WebhookResource[] };
export type WebhookSecrets = { signingSecret: string };

export const webhookOriginSystem = 'Webhook';
const timeoutMs = 10_000;

export function webhookConnector(settings: WebhookSettings, secrets: WebhookSecrets, clock: () => Date = () => new Date()): Connector {
  const where = `webhook ${settings.url}`;

  async function send(event: Record<string, unknown>): Promise<void> {
    const body = JSON.stringify({ id: randomUUID(), occurredDateTime: clock().toISOString(), ...event });
    const timestamp = Math.floor(clock().getTime() / 1000);
    let response: Response;
    try {
      response = await fetch(settings.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [timestampHeader]: String(timestamp), [signatureHeader]: signWebhook(secrets.signingSecret, timestamp, body) },
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      if (cause?.code === 'ECONNREFUSED') throw new Error(`Cannot reach the ${where}: the connection was refused.`);
      if ((error as Error).name === 'TimeoutError') throw new Error(`The ${where} did not answer within ${timeoutMs / 1000} s.`);
      throw new Error(`Cannot reach the ${where}: ${cause?.message ?? (error as Error).message}.`);
    }
    if (response.ok) {
      await response.body?.cancel();
      return;
    }
    // At most a line of what the receiver said: enough to act on, not a page to store.
    const said = (await response.text().catch(() => '')).replace(/\s+/g, ' ').slice(0, 200);
    const retryAfter = response.headers.get('retry-after');
    throw new Error(`The ${where} answered ${response.status}${retryAfter ? ` (retry after ${retryAfter} s)` : ''}${said ? `: ${said}` : ''}`);
  }

  const described = (resource: WebhookResource): DiscoveredResource => ({
    originId: resource.originId,
    displayName: resource.displayName,
    description: resource.description,
    resourceType: 'Webhook resource',
    grantsAdministrativeRoles: false,
    roles: resource.roles.map((role) => ({ originId: role.originId, displayName: role.displayName, description: null })),
    scopes: [{ originId: resource.originId, displayName: 'Root', description: 'Root Scope', isRootScope: true }],
  });
  const eventOf = (kind: 'grant' | 'revoke', grant: RoleGrant) => ({ type: kind, resource: { originId: grant.resourceOriginId }, role: { originId: grant.roleOriginId }, target: grant.target });

  return {
    originSystem: webhookOriginSystem,
    describe: async (originId) => {
      const resource = settings.resources.find((candidate) => candidate.originId === originId);
      return resource ? described(resource) : null;
    },
    discover: async ({ search, top, cursor }) => {
      const matching = settings.resources.filter((resource) => !search || resource.displayName.toLowerCase().startsWith(search.toLowerCase())).sort((a, b) => a.originId.localeCompare(b.originId));
      const rest = cursor ? matching.filter((resource) => resource.originId > cursor) : matching;
      const page = rest.slice(0, top);
      return { resources: page.map((resource) => { const { roles: _roles, scopes: _scopes, ...summary } = described(resource); return summary; }), ...(rest.length > top ? { nextCursor: page.at(-1)!.originId } : {}) };
    },
    grant: (grant) => send(eventOf('grant', grant)),
    revoke: (grant) => send(eventOf('revoke', grant)),
    listHolders: async () => {
      throw new Error(`The ${where} cannot say who holds what: a webhook is one-way.`);
    },
    test: () => send({ type: 'ping' }),
  };
}
