import type { Command } from 'commander';
import type { Config } from '../config.js';
import { openDatabase } from '../db/dialect.js';
import { migrateToLatest } from '../db/migrate.js';
import { seedDemoIfEmpty } from '../features/demo/seed-demo.js';
import { openDeps } from '../main.js';
import { cliActor } from './cli-actor.js';
import { describeDatabase } from './serve-command.js';

export function registerMigrateCommand(program: Command, loadConfig: () => Config): void {
  program
    .command('migrate')
    .description('Bring the database schema up to date')
    .action(async () => {
      const config = loadConfig();
      const handle = openDatabase(config.databaseUrl);
      try {
        const applied = await migrateToLatest(handle.db, handle.dialect);
        console.log(applied.length ? `Applied ${applied.length} migration(s) to ${describeDatabase(config.databaseUrl)}: ${applied.join(', ')}` : 'The database is up to date.');
      } finally {
        await handle.close();
      }
    });
}

export function registerSeedCommand(program: Command, loadConfig: () => Config): void {
  program
    .command('seed')
    .description('Fill an empty database with example data')
    .requiredOption('--demo', 'the demo organisation: ~200 users, groups, the IT catalog')
    .action(async () => {
      const { deps, handle } = await openDeps(loadConfig());
      try {
        const seeded = await seedDemoIfEmpty(deps, cliActor());
        console.log(seeded ? 'Seeded the demo organisation.' : 'The database already holds users; nothing was seeded.');
      } finally {
        await handle.close();
      }
    });
}
