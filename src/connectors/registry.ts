import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { Connector, ConnectorRegistry } from './connector.js';
import { directoryConnector } from './directory/directory-connector.js';

/** The built-in directory's resource environment: created by the catalogs migration's seed step. */
export const directoryEnvironmentId = '00000000-0000-0000-0000-00000000d1a0';

/** Longer than any call a job makes through a connector (each has its own timeout, in seconds). */
const retireAfterMs = 5 * 60_000;

export function createConnectorRegistry(db: Kysely<Database>, clock: () => Date): ConnectorRegistry {
  const connectors = new Map<string, Connector>([[directoryEnvironmentId, directoryConnector(db, clock)]]);
  // A replaced connector may still be in a job's hands (a batch holds it from its first call to its
  // last): it is closed a while later, once those calls are done.
  const retired = new Set<Connector>();
  const retire = (connector: Connector | undefined) => {
    if (!connector?.close) return;
    retired.add(connector);
    setTimeout(() => {
      if (retired.delete(connector)) void connector.close?.().catch(() => {});
    }, retireAfterMs).unref();
  };
  return {
    directoryEnvironmentId,
    forEnvironment: (environmentId) => connectors.get(environmentId),
    register(environmentId, connector) {
      const before = connectors.get(environmentId);
      connectors.set(environmentId, connector);
      if (before !== connector) retire(before);
    },
    unregister(environmentId) {
      retire(connectors.get(environmentId));
      connectors.delete(environmentId);
    },
    async close() {
      const all = [...connectors.values(), ...retired];
      retired.clear();
      await Promise.allSettled(all.map((connector) => connector.close?.()));
    },
  };
}
