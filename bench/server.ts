import { resolve } from 'node:path';
import { parseConfig } from '../src/config.js';
import { startServer } from '../src/main.js';

/**
 * The benchmark's server, in its own process so that the load generator does not share its event
 * loop: `tessera serve` as main.ts wires it (job worker included), on the database the bench
 * prepared, on a free port of 127.0.0.1 reported to the parent over IPC. It stops when the parent
 * disconnects.
 */
const databaseUrl = process.argv[2];
if (!databaseUrl || !process.send) throw new Error('bench/server.ts is started by bench/run.ts');

// The key the bench's own in-process openDeps calls use (secrets-key.ts's default for PostgreSQL; beside the database for SQLite).
const config = parseConfig({ DATABASE_URL: databaseUrl, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', ...(databaseUrl.startsWith('sqlite:') ? {} : { SECRETS_KEY_FILE: resolve('data', 'secrets.key') }) });
const { app, stop } = await startServer(config);
const address = app.server.address();
process.send({ port: typeof address === 'object' && address ? address.port : 0 });

process.on('disconnect', () => {
  void stop().finally(() => process.exit(0));
});
