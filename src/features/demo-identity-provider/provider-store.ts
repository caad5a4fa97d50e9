import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

/**
 * Where the demo's identity provider keeps its interactions, sessions, codes and tokens: this
 * process's memory, as a demo needs (a restart signs everyone out of the provider, not of
 * Tessera). oidc-provider has such a store built in, but warns on every start that it is for
 * development; this one is the same thing said once, here, bounded so a long-running demo does
 * not grow without end.
 */
const maxEntries = 10_000;

type Entry = { payload: AdapterPayload; expiresAt: number };

export function memoryProviderStore(clock: () => number = Date.now): AdapterFactory {
  const entries = new Map<string, Entry>();
  const sessionIdsByUid = new Map<string, string>();
  const keysByGrant = new Map<string, Set<string>>();

  const live = (key: string): AdapterPayload | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= clock()) {
      entries.delete(key);
      return undefined;
    }
    return entry.payload;
  };

  const sweep = () => {
    const now = clock();
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
    // Still full of live entries: the oldest go first (a Map keeps insertion order).
    for (const key of entries.keys()) {
      if (entries.size < maxEntries) break;
      entries.delete(key);
    }
    for (const [uid, id] of sessionIdsByUid) if (!entries.has(`Session:${id}`)) sessionIdsByUid.delete(uid);
    for (const [grantId, keys] of keysByGrant) {
      for (const grantKey of keys) if (!entries.has(grantKey)) keys.delete(grantKey);
      if (keys.size === 0) keysByGrant.delete(grantId);
    }
  };

  return (model: string): Adapter => {
    const key = (id: string) => `${model}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        if (entries.size >= maxEntries) sweep();
        entries.delete(key(id));
        entries.set(key(id), { payload, expiresAt: clock() + expiresIn * 1000 });
        if (model === 'Session' && typeof payload.uid === 'string') sessionIdsByUid.set(payload.uid, id);
        if (typeof payload.grantId === 'string') {
          const keys = keysByGrant.get(payload.grantId) ?? new Set<string>();
          keys.add(key(id));
          keysByGrant.set(payload.grantId, keys);
        }
      },
      async find(id) {
        return live(key(id));
      },
      async findByUid(uid) {
        const id = sessionIdsByUid.get(uid);
        return id === undefined ? undefined : live(key(id));
      },
      // The demo has no device flow, so there are no user codes to find.
      async findByUserCode() {
        return undefined;
      },
      async consume(id) {
        const payload = live(key(id));
        if (payload) payload.consumed = Math.floor(clock() / 1000);
      },
      async destroy(id) {
        entries.delete(key(id));
      },
      async revokeByGrantId(grantId) {
        for (const grantKey of keysByGrant.get(grantId) ?? []) entries.delete(grantKey);
        keysByGrant.delete(grantId);
      },
    };
  };
}
