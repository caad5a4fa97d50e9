import type { Kysely } from 'kysely';
import type { ConnectorRegistry } from '../connectors/connector.js';
import type { Database } from '../db/database.js';
import type { DialectName } from '../db/dialect.js';

/** What every use case may depend on, passed explicitly (no container). */
export type Deps = {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The time, injected so that tests and jobs can move it. */
  clock: () => Date;
  connectors: ConnectorRegistry;
};
