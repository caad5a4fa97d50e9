import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { Connector, ConnectorRegistry } from './connector.js';
import { directoryConnector } from './directory/directory-connector.js';

/** The built-in directory's resource environment: created by the catalogs migration's seed step. */
export const directoryEnvironmentId = '00000000-0000-0000-0000-00000000d1a0';

export function createConnectorRegistry(db: Kysely<Database>, clock: () => Date): ConnectorRegistry {
  const connectors = new Map<string, Connector>([[directoryEnvironmentId, directoryConnector(db, clock)]]);
  return {
    directoryEnvironmentId,
    forEnvironment: (environmentId) => connectors.get(environmentId),
  };
}
