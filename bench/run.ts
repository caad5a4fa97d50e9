import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { directoryRoles } from '../src/domain/roles.js';
import { systemPrincipal } from '../src/domain/principal.js';
import { createAccessToken } from '../src/features/authorization/create-token.js';
import { insertRoleAssignment } from '../src/features/authorization/role-assignments.repo.js';
import { createUser } from '../src/features/users/create-user.js';
import { readImportFile } from '../src/cli/import-file.js';
import { importUsers, userCsvColumns } from '../src/features/import/import-users.js';
import { openDeps } from '../src/main.js';
import { benchUserRows, benchUsersCsv } from './directory-fixture.js';
import { createClient, measureLatency, measureThroughput, round } from './http-load.js';

/**
 * `npm run bench`: one JSON object on stdout (progress on stderr). A throwaway SQLite database of
 * 100,000 users is built through the import use case (timed), then served by the real app in a
 * child process and measured over HTTP on 127.0.0.1. Everything is bounded in time, and the
 * temporary directory is removed at the end, whatever happens.
 */
const userCount = 100_000;
const targets = { listUsersP99Ms: 20, import100kSeconds: 10 };
const filters = {
  departmentAndDisplayNamePrefix: "/v1.0/users?$filter=department eq 'Engineering' and startswith(displayName,'A')&$top=100",
  userPrincipalNamePrefix: "/v1.0/users?$filter=startswith(userPrincipalName,'user12')&$top=100",
};

const folder = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
const databaseUrl = `sqlite:${join(folder, 'bench.db')}`;
let server: ChildProcess | undefined;
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const watchdog = setTimeout(() => {
  log('gave up after 10 minutes');
  cleanUp();
  process.exit(1);
}, 10 * 60_000);

function cleanUp(): void {
  server?.kill('SIGTERM');
  rmSync(folder, { recursive: true, force: true });
}

async function prepareDatabase(): Promise<{ token: string; import100k: Record<string, number> }> {
  const { deps, handle } = await openDeps({ databaseUrl });
  try {
    const actor = { correlationId: 'bench', principal: systemPrincipal('bench') };
    const admin = await createUser(deps, actor, { userPrincipalName: 'bench.admin@bench.example', displayName: 'Bench Admin' });
    await insertRoleAssignment(deps.db, 'directory', { roleDefinitionId: directoryRoles.globalAdministrator.id, principalId: admin.id, appScopeId: null }, null, new Date().toISOString());
    const { token } = await createAccessToken(deps, actor, { userPrincipalName: admin.userPrincipalName, lifetime: 'PT1H' });

    const rows = benchUserRows(userCount);
    log(`importing ${userCount} users`);
    const started = performance.now();
    const result = await importUsers(deps, actor, rows);
    const seconds = (performance.now() - started) / 1000;
    if (result.created !== userCount || result.failed.length > 0) throw new Error(`the import created ${result.created} users with ${result.failed.length} failures: ${JSON.stringify(result.failed.slice(0, 3))}`);
    const readCsv = await timeCsvRead(rows);
    // Kilobytes on Linux; the peak of this process so far: the import and the CSV read.
    const peakRssMB = round(process.resourceUsage().maxRSS / 1024);
    return { token, import100k: { seconds: round(seconds), usersPerSecond: Math.round(userCount / seconds), created: result.created, ...readCsv, peakRssMB } };
  } finally {
    await handle.close();
  }
}

/** The same users as a CSV file, read and parsed by the reader `tessera import` uses. */
async function timeCsvRead(rows: ReturnType<typeof benchUserRows>): Promise<{ readCsvSeconds: number; csvMB: number }> {
  const path = join(folder, 'users.csv');
  writeFileSync(path, benchUsersCsv(rows));
  log(`reading ${path}`);
  const started = performance.now();
  const source = await readImportFile(path, userCsvColumns);
  const seconds = (performance.now() - started) / 1000;
  if (source.rows.length !== rows.length || source.rejected.length > 0) throw new Error(`the CSV reader returned ${source.rows.length} rows and ${source.rejected.length} rejected`);
  if (source.rows.at(-1)!.line !== rows.length + 1) throw new Error(`the last CSV row was given line ${source.rows.at(-1)!.line}`);
  return { readCsvSeconds: round(seconds), csvMB: round(statSync(path).size / 1024 / 1024) };
}

function startServer(): Promise<number> {
  return new Promise((resolve, reject) => {
    server = fork(fileURLToPath(new URL('./server.ts', import.meta.url)), [databaseUrl], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const timer = setTimeout(() => reject(new Error('the server did not start within 60 s')), 60_000);
    server.once('message', (message: { port: number }) => {
      clearTimeout(timer);
      resolve(message.port);
    });
    server.once('exit', (code) => reject(new Error(`the server exited with code ${code}`)));
  });
}

async function main(): Promise<void> {
  const { token, import100k } = await prepareDatabase();
  log(`imported in ${import100k.seconds} s; starting the server`);
  const port = await startServer();
  const client = createClient(port, 16);
  const auth = { authorization: `Bearer ${token}` };

  log('baseline: GET /healthz, 16 connections, 5 s');
  const throughput = await measureThroughput(client, '/healthz', 16, 5);
  const healthzSequential = await measureLatency(client, '/healthz', {}, 500, 100);

  const listUsersFilter: Record<string, unknown> = {};
  for (const [name, path] of Object.entries(filters)) {
    log(`listUsersFilter ${name}: 500 sequential requests after 50 to warm up`);
    const latency = await measureLatency(client, path, auth, 500, 50);
    const sample = JSON.parse((await client.get(path, auth)).body) as { value: unknown[] };
    listUsersFilter[name] = {
      request: `GET ${path}`,
      usersReturned: sample.value.length,
      ...latency,
      p99OverBaselineMs: round(latency.p99Ms - healthzSequential.p99Ms),
      p99OverBaselineRatio: round(latency.p99Ms / healthzSequential.p99Ms),
      meetsTarget: latency.p99Ms < targets.listUsersP99Ms,
    };
  }
  client.close();

  const report = {
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform}-${process.arch}` },
    database: { dialect: 'sqlite', users: userCount + 1 },
    baseline: { request: 'GET /healthz', connections: 16, ...throughput, sequential: healthzSequential },
    listUsersFilter,
    import100k: { ...import100k, meetsTarget: import100k.seconds! < targets.import100kSeconds },
    targets,
    howToRead:
      'baseline.requestsPerSecond is what the HTTP stack alone sustains on this machine (16 keep-alive connections). ' +
      'listUsersFilter.*.p99OverBaselineMs is the p99 of the query minus the p99 of a sequential GET /healthz: the time the query itself adds on top of HTTP, ' +
      'Fastify and the client; p99OverBaselineRatio is the same as a ratio. Compare those, not raw milliseconds, across machines. ' +
      'import100k.seconds is the wall time of importUsers for 100,000 users, with one audit entry each and every manager set; ' +
      'import100k.readCsvSeconds is the wall time of reading and parsing the same users from a CSV file (csvMB) with the reader of `tessera import`, ' +
      'and import100k.peakRssMB the peak resident memory of the benchmark process after both.',
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

try {
  await main();
} catch (error) {
  log(`failed: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
  cleanUp();
}
