import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { Connector, ConnectorRegistry } from './connector.js';
import { directoryConnector } from './directory/directory-connector.js';

/** The built-in directory's resource environment: created by the catalogs migration's seed step. */
export const directoryEnvironmentId = '00000000-0000-0000-0000-00000000d1a0';

export function createConnectorRegistry(db: Kysely<Database>, clock: () => Date): ConnectorRegistry {
  const connectors = new Map<string, Connector>([[directoryEnvironmentId, directoryConnector(db, clock)]]);
  // A replaced connector finishes the calls it has begun: pools wait for their busy connections.
  const retire = (connector: Connector | undefined) => void connector?.close?.().catch(() => {});
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
      await Promise.allSettled([...connectors.values()].map((connector) => connector.close?.()));
    },
  };
}
