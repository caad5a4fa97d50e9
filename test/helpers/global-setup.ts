import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/dialect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { findPostgresBinaries, startCluster, type Cluster } from './postgres-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    postgresSkipReason: string;
  }
}

let cluster: Cluster | undefined;

/**
 * For the PostgreSQL project: one cluster for the whole run and a migrated template database,
 * from which each test file clones its own fresh database in milliseconds.
 */
export async function setup(project: TestProject): Promise<void> {
  const binaries = findPostgresBinaries();
  if (!binaries) {
    const reason = 'PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql); the PostgreSQL run is skipped.';
    if (process.env.CI === 'true') throw new Error(`${reason} In CI nothing may be skipped.`);
    console.warn(`\n${reason}\n`);
    project.provide('postgresUrl', '');
    project.provide('postgresSkipReason', reason);
    return;
  }
  cluster = await startCluster(binaries);
  const admin = new pg.Client({ connectionString: cluster.url('postgres') });
  await admin.connect();
  await admin.query('CREATE DATABASE tessera_template');
  await admin.end();
  const template = openDatabase(cluster.url('tessera_template'));
  await migrateToLatest(template.db, 'postgres');
  await template.close();
  project.provide('postgresUrl', cluster.url('postgres'));
  project.provide('postgresSkipReason', '');
}

export async function teardown(): Promise<void> {
  cluster?.stop();
}
