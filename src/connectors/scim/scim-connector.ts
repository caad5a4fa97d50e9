import type { AccessTarget, Connector, DiscoveredResource, RoleGrant } from '../connector.js';
import { accountNameOf, nameOrNull, type AccountNaming } from '../account-naming.js';

/**
 * A SCIM 2.0 application (RFC 7643/7644) as a connected system: its Groups are resources, each
 * with one role, Member; granting it PATCHes the group to add the user, found by `userName` (and
 * created, if the system may create accounts). A 429 is waited out as its Retry-After says and a
 * 5xx retried with backoff, a few times within the call; past that the call fails and the delivery
 * job retries it later. Values in filters are quoted as RFC 7644 strings (JSON escaping).
 */
export type ScimSettings = {
  /** The service provider's base URL, e.g. https://app.example.com/scim/v2 */
  baseUrl: string;
  /** How a user's `userName` is formed. */
  accountNaming: AccountNaming;
  createMissingAccounts: boolean;
};
export type ScimSecrets = { bearerToken: string };

export const scimOriginSystem = 'ScimGroup';
const memberRole = 'Member';
const patchSchema = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const timeoutMs = 15_000;
/** Within one call: at most this many tries, and no single wait longer than this. */
const triesPerCall = 4;
const longestWaitMs = 10_000;
/** Reconciliation: up to this many users are looked up by filter; beyond, all users are read, this many a page. */
const lookUpOneByOne = 20;
const usersPerPage = 500;

type ScimGroup = { id: string; displayName: string; members?: { value: string; type?: string }[] };

export function scimConnector(settings: ScimSettings, secrets: ScimSecrets, sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms))): Connector {
  const base = settings.baseUrl.replace(/\/+$/, '');
  const where = `SCIM service ${base}`;
  /**
   * A string in a SCIM filter, in double quotes. RFC 7644 quotes as JSON does, but providers differ
   * in the escapes they read, so a value holding a quote or a backslash is refused rather than
   * trusted to every parser (no valid userPrincipalName holds either).
   */
  const quoted = (value: string) => {
    if (/["\\]/.test(value)) throw new Error(`'${value}' cannot be looked up in the ${where}: a SCIM filter cannot safely carry its quote or backslash.`);
    return `"${value}"`;
  };

  async function call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T | undefined }> {
    for (let attempt = 1; ; attempt += 1) {
      let response: Response;
      try {
        response = await fetch(`${base}${path}`, {
          method,
          headers: { authorization: `Bearer ${secrets.bearerToken}`, accept: 'application/scim+json', ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          redirect: 'error',
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        if (cause?.code === 'ECONNREFUSED') throw new Error(`Cannot reach the ${where}: the connection was refused.`);
        if ((error as Error).name === 'TimeoutError') throw new Error(`The ${where} did not answer within ${timeoutMs / 1000} s.`);
        throw new Error(`Cannot reach the ${where}: ${cause?.message ?? (error as Error).message}.`);
      }
      const text = await response.text();
      // A proxy's HTML error page is no SCIM answer: its status still says what happened.
      let json: T | undefined;
      try {
        json = text ? (JSON.parse(text) as T) : undefined;
      } catch {
        json = undefined;
      }
      const retryable = response.status === 429 || response.status >= 500;
      if (!retryable || attempt >= triesPerCall) return { status: response.status, json };
      const retryAfter = Number(response.headers.get('retry-after'));
      const waitMs = response.status === 429 && Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : 250 * 2 ** (attempt - 1) * (1 + Math.random() / 5);
      if (waitMs > longestWaitMs) return { status: response.status, json };
      await sleep(waitMs);
    }
  }

  function failure(status: number, json: unknown, what: string): Error {
    const detail = (json as { detail?: string } | undefined)?.detail;
    if (status === 401 || status === 403) return new Error(`The ${where} refused the bearer token (${status}).`);
    return new Error(`The ${where} answered ${status} to ${what}${detail ? `: ${String(detail).slice(0, 200)}` : ''}.`);
  }

  async function findGroup(id: string): Promise<ScimGroup | undefined> {
    const { status, json } = await call<ScimGroup>('GET', `/Groups/${encodeURIComponent(id)}`);
    if (status === 404) return undefined;
    if (status !== 200) throw failure(status, json, 'reading a group');
    return json;
  }

  async function userIdByName(userName: string): Promise<string | undefined> {
    const { status, json } = await call<{ Resources?: { id: string }[] }>('GET', `/Users?filter=${encodeURIComponent(`userName eq ${quoted(userName)}`)}`);
    if (status !== 200) throw failure(status, json, 'looking up a user');
    return json?.Resources?.[0]?.id;
  }

  async function onlyUserNamed(userName: string): Promise<string | null> {
    const { status, json } = await call<{ Resources?: { id: string }[] }>('GET', `/Users?filter=${encodeURIComponent(`userName eq ${quoted(userName)}`)}&attributes=userName`);
    if (status !== 200) throw failure(status, json, 'looking up a user');
    return json?.Resources?.length === 1 ? json.Resources[0]!.id : null;
  }

  /** Every user's id by lowercased userName (RFC 7643: userName is not case-exact), read page by page; a name two users share maps to no one. */
  async function allUserIds(): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    const shared = new Set<string>();
    for (let startIndex = 1; ; ) {
      const { status, json } = await call<{ Resources?: { id: string; userName: string }[]; totalResults?: number }>('GET', `/Users?startIndex=${startIndex}&count=${usersPerPage}&attributes=userName`);
      if (status !== 200) throw failure(status, json, 'listing users');
      const page = json?.Resources ?? [];
      for (const user of page) {
        if (typeof user.userName !== 'string') continue;
        const key = user.userName.toLowerCase();
        if (ids.has(key) && ids.get(key) !== user.id) shared.add(key);
        ids.set(key, user.id);
      }
      startIndex += page.length;
      if (page.length === 0 || startIndex > (json?.totalResults ?? 0)) {
        for (const key of shared) ids.delete(key);
        return ids;
      }
    }
  }

  async function removeMember(groupId: string, userId: string): Promise<void> {
    const { status, json } = await call('PATCH', `/Groups/${encodeURIComponent(groupId)}`, { schemas: [patchSchema], Operations: [{ op: 'remove', path: `members[value eq ${quoted(userId)}]` }] });
    // Gone already (the group, or the member: some providers answer 400 noTarget) is what was wanted.
    if (status === 404 || (status === 400 && (json as { scimType?: string } | undefined)?.scimType === 'noTarget')) return;
    if (status !== 200 && status !== 204) throw failure(status, json, 'removing a member');
  }

  async function userIdOf(target: AccessTarget, create: boolean): Promise<string | undefined> {
    const userName = accountNameOf(settings.accountNaming, target, where);
    const found = await userIdByName(userName);
    if (found || !create) return found;
    if (!settings.createMissingAccounts) throw new Error(`There is no user '${userName}' in the ${where}; create it, or let Tessera create missing accounts.`);
    const created = await call<{ id: string }>('POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, active: true, ...(target.mail ? { emails: [{ value: target.mail, primary: true, type: 'work' }] } : {}) });
    if (created.status === 201 && created.json) return created.json.id;
    if (created.status === 409) return userIdOf(target, false); // created meanwhile by another grant
    throw failure(created.status, created.json, 'creating a user');
  }

  const describeGroup = (group: ScimGroup): DiscoveredResource => ({
    ...summaryOf(group),
    roles: [{ originId: memberRole, displayName: 'Member', description: `Member of ${group.displayName}` }],
    scopes: [{ originId: group.id, displayName: 'Root', description: 'Root Scope', isRootScope: true }],
  });

  return {
    originSystem: scimOriginSystem,
    async describe(originId) {
      const group = await findGroup(originId);
      return group ? describeGroup(group) : null;
    },
    async discover({ search, top, cursor }) {
      // SCIM pages by index: the cursor is the next startIndex.
      const startIndex = cursor ? Number(cursor) : 1;
      const filter = search ? `&filter=${encodeURIComponent(`displayName sw ${quoted(search)}`)}` : '';
      const { status, json } = await call<{ Resources?: ScimGroup[]; totalResults?: number }>('GET', `/Groups?startIndex=${startIndex}&count=${top}&attributes=displayName${filter}`);
      if (status !== 200) throw failure(status, json, 'listing groups');
      const page = json?.Resources ?? [];
      const next = startIndex + page.length;
      return { resources: page.map(summaryOf), ...((json?.totalResults ?? 0) >= next && page.length > 0 ? { nextCursor: String(next) } : {}) };
    },
    async grant(grant: RoleGrant) {
      const group = await findGroup(grant.resourceOriginId);
      if (!group) throw new Error(`The group ${grant.resourceOriginId} no longer exists in the ${where}.`);
      const userId = (await userIdOf(grant.target, true))!;
      // RFC 7644 says adding a member already there changes nothing; not every provider agrees.
      if (group.members?.some((member) => member.value === userId)) return { holder: userId };
      const { status, json } = await call('PATCH', `/Groups/${encodeURIComponent(grant.resourceOriginId)}`, { schemas: [patchSchema], Operations: [{ op: 'add', path: 'members', value: [{ value: userId }] }] });
      if (status !== 200 && status !== 204) throw failure(status, json, 'adding a member');
      return { holder: userId };
    },
    async revoke(grant: RoleGrant) {
      const userId = grant.holder ?? (await userIdOf(grant.target, false));
      if (!userId) return; // no account: nothing held
      await removeMember(grant.resourceOriginId, userId);
    },
    // Users only: a group nested in another is the application's own structure.
    async listHolders(resourceOriginId) {
      const group = await findGroup(resourceOriginId);
      return (group?.members ?? []).filter((member) => member.type !== 'Group').map((member) => member.value).sort();
    },
    reconciliation: {
      async holdersOf(targets) {
        const names = new Map(targets.map((target) => [target.userId, nameOrNull(() => accountNameOf(settings.accountNaming, target, where))]));
        // A few users are looked up one by one; more, and reading every user once is fewer calls.
        // Either way the same rule: a name a filter cannot carry, or one two accounts share (userName
        // is not case-exact), names no account.
        const matchable = (name: string | null): name is string => name !== null && !/["\\]/.test(name);
        if (names.size <= lookUpOneByOne) {
          const ids = new Map<string, string | null>();
          for (const [userId, name] of names) ids.set(userId, matchable(name) ? await onlyUserNamed(name) : null);
          return ids;
        }
        const idOf = await allUserIds();
        return new Map([...names].map(([userId, name]) => [userId, matchable(name) ? (idOf.get(name.toLowerCase()) ?? null) : null]));
      },
      removeHolder: (resourceOriginId, _role, holder) => removeMember(resourceOriginId, holder),
    },
    async test() {
      const { status, json } = await call('GET', '/Groups?count=1');
      if (status !== 200) throw failure(status, json, 'listing groups');
    },
  };
}

function summaryOf(group: ScimGroup): Omit<DiscoveredResource, 'roles' | 'scopes'> {
  return { originId: group.id, displayName: group.displayName, description: null, resourceType: 'SCIM group', grantsAdministrativeRoles: false };
}
