import type { Kysely } from 'kysely';
import type { ConnectorRegistry } from '../connectors/connector.js';
import type { Database } from '../db/database.js';
import type { DialectName } from '../db/dialect.js';
import type { UnitOfWork } from '../db/group-commit.js';
import type { SecretBox } from './connected-systems/secret-box.js';

/** What every use case may depend on, passed explicitly (no container). */
export type Deps = {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The time, injected so that tests and jobs can move it. */
  clock: () => Date;
  connectors: ConnectorRegistry;
  /**
   * A transaction for a unit of work on the hot path (requests), which on SQLite may share its
   * commit with concurrent units (db/group-commit.ts). A unit must not start another inside it.
   */
  transact: UnitOfWork;
  /**
   * Tells this process's job worker that a committed change enqueued work, so it starts at once
   * instead of at its next poll. Call it after the transaction, never inside it.
   */
  wakeJobs: () => void;
  /** Seals and opens connected systems' secrets at rest. */
  secrets: SecretBox;
};
