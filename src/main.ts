import { unitOfWork } from './db/group-commit.js';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from './app.js';
import type { Config } from './config.js';
import { createConnectorRegistry } from './connectors/registry.js';
import { maintainPlannerStatistics, openDatabase, type DatabaseHandle, type SqliteOptions } from './db/dialect.js';
import { migrateToLatest } from './db/migrate.js';
import type { Deps } from './features/deps.js';
import { createMailer } from './features/notifications/mailer.js';
import { jobHandlers } from './jobs/job-handlers.js';
import { resumeClockTick } from './features/dynamic-groups/clock-rules.js';
import { loadConnectedSystems } from './features/connected-systems/system-connectors.js';
import { createJobWorker } from './jobs/job-worker.js';
import { secretBox } from './features/connected-systems/secret-box.js';
import { loadSecretsKey } from './secrets-key.js';

/**
 * The only wiring: configuration → database → migrations → connectors → jobs → app → listen. The CLI's other commands open the database the same way through openDeps.
 */
export async function openDeps(config: Pick<Config, 'databaseUrl'> & Partial<Pick<Config, 'secretsKey' | 'secretsKeyFile'>>, options: SqliteOptions = {}): Promise<{ deps: Deps; handle: DatabaseHandle }> {
  const secrets = secretBox(loadSecretsKey(config));
  const handle = openDatabase(config.databaseUrl, options);
  await migrateToLatest(handle.db, handle.dialect);
  const clock = () => new Date();
  const deps: Deps = { db: handle.db, dialect: handle.dialect, clock, connectors: createConnectorRegistry(handle.db, clock), transact: unitOfWork(handle.db, handle.dialect), wakeJobs: () => {}, secrets };
  await loadConnectedSystems(deps);
  return { deps, handle };
}

export async function startServer(config: Config, beforeListen: (deps: Deps) => Promise<void> = async () => {}, appOptions: Pick<AppOptions, 'demoIdentityProvider'> = {}): Promise<{ app: FastifyInstance; stop: () => Promise<void> }> {
  let warn = (message: string) => console.error(message);
  const { deps, handle } = await openDeps(config, { backgroundCheckpoints: { onFailure: (message) => warn(`checkpoint of the write-ahead log failed: ${message}`) } });
  await beforeListen(deps);
  const app = await buildApp(deps, { config, ...appOptions });
  warn = (message) => app.log.warn(message);
  // The demo signing in on loopback shows whole messages in the log, so that an outsider's one-time code can be read there.
  const mailer = createMailer(config, app.log, { writeTextToLog: appOptions.demoIdentityProvider === true });
  const handlers = jobHandlers(deps, { mailer, publicUrl: config.publicUrl, log: app.log });
  const worker = createJobWorker({ db: deps.db, dialect: deps.dialect, clock: deps.clock, handlers, log: app.log, leaseMs: config.jobLeaseMs });
  deps.wakeJobs = worker.wake;
  await app.listen({ host: config.host, port: config.port });
  // Rules that compare with system.now are applied as time passes.
  await resumeClockTick(deps.db, deps.clock());
  worker.start();
  const stopMaintenance = maintainPlannerStatistics(deps.db, deps.dialect);
  const stop = async () => {
    stopMaintenance();
    await app.close();
    await worker.stop();
    await deps.connectors.close();
    await mailer.close();
    await handle.close();
  };
  return { app, stop };
}
