import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle, type DialectName } from '../../src/db/dialect.js';
import { migrateToLatest } from '../../src/db/migrate.js';

/** The dialect this test project runs on (the same files run once per dialect). */
export const testDialect: DialectName = process.env.TESSERA_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

/** Why this run cannot go ahead (no PostgreSQL binaries), or '' when it can. */
export function skipReason(): string {
  return testDialect === 'postgres' ? inject('postgresSkipReason') : '';
}

/** A fresh, migrated database of the project's dialect: in memory for SQLite, cloned from the template for PostgreSQL. */
export async function freshDatabase(): Promise<DatabaseHandle> {
  if (testDialect === 'sqlite') {
    const handle = openDatabase('sqlite::memory:');
    await migrateToLatest(handle.db, 'sqlite');
    return handle;
  }
  return openDatabase(await freshPostgresDatabaseUrl('tessera_template'));
}

/**
 * A DATABASE_URL for a new, empty database of the project's dialect, for tests that run the real
 * CLI as a child process (which migrates it itself).
 */
export async function freshDatabaseUrl(): Promise<string> {
  if (testDialect === 'sqlite') return `sqlite:${join(mkdtempSync(join(tmpdir(), 'tessera-test-')), 'tessera.db')}`;
  return freshPostgresDatabaseUrl('template0');
}

async function freshPostgresDatabaseUrl(template: string): Promise<string> {
  const serverUrl = inject('postgresUrl');
  const name = `t_${randomUUID().replace(/-/g, '')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  return serverUrl.replace(/\/postgres$/, `/${name}`);
}
