import { buildApp } from '../src/app.js';
import { openDeps } from '../src/main.js';

/**
 * The benchmark's server, in its own process so that the load generator does not share its event
 * loop: opens the database the bench prepared, listens on 127.0.0.1 on a free port and reports the
 * port to the parent over IPC. It stops when the parent disconnects.
 */
const databaseUrl = process.argv[2];
if (!databaseUrl || !process.send) throw new Error('bench/server.ts is started by bench/run.ts');

const { deps, handle } = await openDeps({ databaseUrl });
const app = await buildApp(deps, { config: { bodyLimitBytes: 1024 * 1024, logLevel: 'silent', publicUrl: 'http://127.0.0.1' }, logger: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.send({ port: typeof address === 'object' && address ? address.port : 0 });

process.on('disconnect', () => {
  void app.close().then(() => handle.close()).finally(() => process.exit(0));
});
