import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './database.js';
import type { DialectName } from './dialect.js';
import * as directory from './migrations/2026-11-26T00-directory.js';
import * as entitlementCatalogs from './migrations/2026-11-26T01-entitlement-catalogs.js';
import * as accessLifecycle from './migrations/2026-11-26T02-access-lifecycle.js';
import * as grantTargetIndex from './migrations/2026-11-26T03-grant-target-index.js';
import * as dynamicMembership from './migrations/2026-11-26T04-dynamic-membership.js';
import * as pendingAutomaticRemovals from './migrations/2026-11-26T05-pending-automatic-removals.js';
import * as hireDateIndex from './migrations/2026-11-26T06-hire-date-index.js';
import * as connectedSystems from './migrations/2026-11-26T07-connected-systems.js';
import * as reconciliation from './migrations/2026-11-26T08-reconciliation.js';
import * as portalSessions from './migrations/2026-11-26T09-portal-sessions.js';
import * as accessReviews from './migrations/2026-11-27T10-access-reviews.js';
import * as externalUsers from './migrations/2026-11-27T11-external-users.js';

type MigrationModule = {
  up(db: Kysely<any>, dialect: DialectName): Promise<void>;
  down?(db: Kysely<any>, dialect: DialectName): Promise<void>;
};

// Listed by hand (not read from disk) so the compiled build and the tests run the same list.
const migrations: Record<string, MigrationModule> = {
  '2026-11-26T00-directory': directory,
  '2026-11-26T01-entitlement-catalogs': entitlementCatalogs,
  '2026-11-26T02-access-lifecycle': accessLifecycle,
  '2026-11-26T03-grant-target-index': grantTargetIndex,
  '2026-11-26T04-dynamic-membership': dynamicMembership,
  '2026-11-26T05-pending-automatic-removals': pendingAutomaticRemovals,
  '2026-11-26T06-hire-date-index': hireDateIndex,
  '2026-11-26T07-connected-systems': connectedSystems,
  '2026-11-26T08-reconciliation': reconciliation,
  '2026-11-26T09-portal-sessions': portalSessions,
  '2026-11-27T10-access-reviews': accessReviews,
  '2026-11-27T11-external-users': externalUsers,
};

class InCodeMigrationProvider implements MigrationProvider {
  constructor(private readonly dialect: DialectName) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const dialect = this.dialect;
    return Object.fromEntries(
      Object.entries(migrations).map(([name, module]) => [
        name,
        {
          up: (db: Kysely<any>) => module.up(db, dialect),
          ...(module.down ? { down: (db: Kysely<any>) => module.down!(db, dialect) } : {}),
        },
      ]),
    );
  }
}

export async function migrateToLatest(db: Kysely<Database>, dialect: DialectName): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new InCodeMigrationProvider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
