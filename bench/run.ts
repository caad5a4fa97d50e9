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
import { findPostgresBinaries, startCluster, type Cluster } from '../test/helpers/postgres-cluster.js';
import pg from 'pg';
import { benchUserRows, benchUsersCsv } from './directory-fixture.js';
import { createClient, measureLatency, measureThroughput, round } from './http-load.js';
import { measureConnectorDeliveries } from './connectors.js';
import { measureReconciliation } from './reconciliation.js';
import { measureAccessReviews } from './access-reviews.js';
import { measureGuestLifecycle } from './guest-lifecycle.js';
import { measureDelivery, measureExpiry, requesterTokens, requesters, setUpPackage } from './lifecycle.js';
import { measureRuleChanges, measureRuleEvaluation } from './rules.js';

/**
 * `npm run bench`: one JSON object on stdout (progress on stderr). A throwaway SQLite database of
 * 100,000 users is built through the import use case (timed), then served by the real app in a
 * child process and measured over HTTP on 127.0.0.1. The same is then done on a throwaway
 * PostgreSQL cluster when Debian's binaries are installed (the store of multi-node deployments).
 * Everything is bounded in time, and the temporary directory is removed at the end, whatever happens.
 */
// `npm run bench -- --users 10000` for a quicker, smaller run while working on it.
const usersArgument = process.argv.indexOf('--users');
const userCount = usersArgument > 0 ? Number(process.argv[usersArgument + 1]) : 100_000;
const lifecycle = { requests: 10_000, connections: 16, expiries: Math.min(100_000, userCount), connectorRequests: 2_000 };
// Memberships a PostgreSQL target holds and Tessera reconciles, and the drift made by hand each way.
const reconciliation = { memberships: Math.min(100_000, userCount), drift: 100 };
// `--only reconciliation`: the import, then that measure alone (while working on it).
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
// The rule language at ten times the directory (1,000,000 users by default), SQLite only.
const rules = { users: userCount * 10, dynamicGroups: 1000, changes: 200 };
// Access reviews: an instance over 100,000 assignments, and its decisions applied (a tenth denied).
const accessReviews = { assignments: Math.min(100_000, userCount), deniedShare: Number(process.env.BENCH_DENIED_SHARE ?? 0.1) };
// Guests Tessera brought in whose last assignment ends: blocked at once, deleted after the wait.
const guests = Math.min(10_000, userCount);
const targets = { startReview100kSeconds: 5, applyReview100kSeconds: 10, listUsersP99Ms: 20, import100kSeconds: 10, deliveredRequestsPerSecondSqlite: 1000, expiry100kSeconds: 10, ruleEvaluation1MSeconds: 1, changeVisibleP99Ms: 1000, serverMemoryMB: 1024 };
const filters = {
  departmentAndDisplayNamePrefix: "/v1.0/users?$filter=department eq 'Engineering' and startswith(displayName,'A')&$top=100",
  userPrincipalNamePrefix: "/v1.0/users?$filter=startswith(userPrincipalName,'user12')&$top=100",
};

const folder = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
const sqliteUrl = `sqlite:${join(folder, 'bench.db')}`;
const servers: ChildProcess[] = [];
let cluster: Cluster | undefined;
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const watchdog = setTimeout(() => {
  log('gave up after 15 minutes');
  cleanUp();
  process.exit(1);
}, 15 * 60_000);

function cleanUp(): void {
  for (const server of servers) server.kill('SIGTERM');
  cluster?.stop();
  rmSync(folder, { recursive: true, force: true });
}

async function prepareDatabase(databaseUrl: string, readCsvToo: boolean): Promise<{ token: string; import100k: Record<string, number> }> {
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
    const readCsv = readCsvToo ? await timeCsvRead(rows) : {};
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

function startServer(databaseUrl: string): Promise<{ port: number; server: ChildProcess }> {
  return new Promise((resolve, reject) => {
    // The young-generation size bin/tessera.js sets, so the bench serves as `tessera serve` does.
    // BENCH_PROFILE_DIR=/tmp/prof writes a CPU profile of each server to that folder.
    const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
    const server = fork(fileURLToPath(new URL('./server.ts', import.meta.url)), [databaseUrl], { execArgv: ['--max-semi-space-size=64', '--import', 'tsx', ...profile], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    servers.push(server);
    const timer = setTimeout(() => reject(new Error('the server did not start within 60 s')), 60_000);
    server.once('message', (message: { port: number }) => {
      clearTimeout(timer);
      resolve({ port: message.port, server });
    });
    server.once('exit', (code) => reject(new Error(`the server exited with code ${code}`)));
  });
}

type StoreFigures = { import100k: Record<string, unknown>; listUsersFilter: Record<string, unknown>; deliveredRequests: Record<string, unknown>; connectorDeliveries?: Record<string, unknown>; expirySweep: Record<string, unknown>; accessReviews: Record<string, unknown>; guestLifecycle: Record<string, unknown>; reconciliation?: Record<string, unknown> };

function stopServer(server: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    server.once('exit', () => resolve());
    server.disconnect();
  });
}

/** Imports the users into one store, serves it, and measures the list filters against it. */
async function measureStore(databaseUrl: string, readCsvToo: boolean, baselineP99Ms: (port: number) => Promise<number>): Promise<StoreFigures> {
  const { token, import100k } = await prepareDatabase(databaseUrl, readCsvToo);
  log(`imported in ${import100k.seconds} s; starting the server`);
  const { port, server } = await startServer(databaseUrl);
  const client = createClient(port, 16);
  const auth = { authorization: `Bearer ${token}` };
  const baseline = await baselineP99Ms(port);
  const listUsersFilter: Record<string, unknown> = {};
  for (const [name, path] of Object.entries(filters)) {
    log(`listUsersFilter ${name}: 500 sequential requests after 50 to warm up`);
    const latency = await measureLatency(client, path, auth, 500, 50);
    const sample = JSON.parse((await client.get(path, auth)).body) as { value: unknown[] };
    listUsersFilter[name] = {
      request: `GET ${path}`,
      usersReturned: sample.value.length,
      ...latency,
      p99OverBaselineMs: round(latency.p99Ms - baseline),
      p99OverBaselineRatio: round(latency.p99Ms / baseline),
      meetsTarget: latency.p99Ms < targets.listUsersP99Ms,
    };
  }

  log(`deliveredRequests: ${lifecycle.requests} auto-approved requests, ${lifecycle.connections} connections`);
  const { accessPackageId } = await setUpPackage(client, token);
  const tokens = await requesterTokens(databaseUrl, lifecycle.requests);
  const delivery = await measureDelivery(client, databaseUrl, tokens, accessPackageId, lifecycle.connections);
  log(`delivered ${delivery.delivered} at ${delivery.deliveredPerSecond}/s, p99 ${delivery.submitToDelivered.p99Ms} ms`);
  // Into real target systems, on SQLite only: what is measured is the connectors, not the store.
  const connectorDeliveries = databaseUrl.startsWith('sqlite:') ? await measureConnectorDeliveries(client, token, databaseUrl, await requesters(databaseUrl, lifecycle.connectorRequests), lifecycle.connections) : undefined;
  client.close();
  await stopServer(server);
  const deliveredRequests = { ...delivery, p99OverBaselineMs: round(delivery.submitToDelivered.p99Ms - baseline), ...(databaseUrl.startsWith('sqlite:') ? { meetsTarget: delivery.deliveredPerSecond >= targets.deliveredRequestsPerSecondSqlite } : {}) };

  log(`expirySweep: ${lifecycle.expiries} assignments`);
  const expirySweep = await measureExpiry(databaseUrl, databaseUrl.startsWith('sqlite:') ? 'sqlite' : 'postgres', lifecycle.expiries);
  log(`expired ${expirySweep.assignments} in ${expirySweep.seconds} s`);
  log(`accessReviews: an instance over ${accessReviews.assignments} assignments, then its decisions applied`);
  const reviewed = await measureAccessReviews(databaseUrl, databaseUrl.startsWith('sqlite:') ? 'sqlite' : 'postgres', accessReviews.assignments, accessReviews.deniedShare);
  log(`started in ${reviewed.startInstance.seconds} s, applied in ${reviewed.applyDecisions.seconds} s`);
  log(`guestLifecycle: ${guests} guests whose last assignment ends`);
  const guestLifecycle = await measureGuestLifecycle(databaseUrl, databaseUrl.startsWith('sqlite:') ? 'sqlite' : 'postgres', guests);
  log(`blocked in ${guestLifecycle.expireAndBlock.seconds} s, deleted in ${guestLifecycle.deleteAfterWait.seconds} s`);
  const reconciled = databaseUrl.startsWith('sqlite:') ? await measureReconciliation(databaseUrl, 'sqlite', reconciliation.memberships, reconciliation.drift) : undefined;
  return {
    import100k: { ...import100k, meetsTarget: (import100k.seconds as number) < targets.import100kSeconds },
    listUsersFilter,
    deliveredRequests,
    ...(connectorDeliveries ? { connectorDeliveries } : {}),
    expirySweep: { ...expirySweep, meetsTarget: expirySweep.seconds < targets.expiry100kSeconds },
    accessReviews: {
      startInstance: { ...reviewed.startInstance, meetsTarget: reviewed.startInstance.seconds < targets.startReview100kSeconds },
      applyDecisions: { ...reviewed.applyDecisions, meetsTarget: reviewed.applyDecisions.seconds < targets.applyReview100kSeconds },
    },
    guestLifecycle,
    ...(reconciled ? { reconciliation: reconciled } : {}),
  };
}

/** A fresh database on a throwaway cluster, or why there is none (no Debian binaries). */
async function postgresUrl(): Promise<string | { skipped: string }> {
  const binaries = findPostgresBinaries();
  if (!binaries) return { skipped: 'PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)' };
  log('starting a throwaway PostgreSQL cluster');
  cluster = await startCluster(binaries);
  const admin = new pg.Client({ connectionString: cluster.url('postgres') });
  await admin.connect();
  await admin.query('CREATE DATABASE tessera_bench');
  await admin.end();
  return cluster.url('tessera_bench');
}

async function main(): Promise<void> {
  if (only === 'accessReviews') {
    await prepareDatabase(sqliteUrl, false);
    process.stdout.write(`${JSON.stringify({ users: userCount + 1, accessReviews: await measureAccessReviews(sqliteUrl, 'sqlite', accessReviews.assignments, accessReviews.deniedShare) }, null, 2)}\n`);
    return;
  }
  if (only === 'guests') {
    await prepareDatabase(sqliteUrl, false);
    process.stdout.write(`${JSON.stringify({ users: userCount + 1, guestLifecycle: await measureGuestLifecycle(sqliteUrl, 'sqlite', guests) }, null, 2)}\n`);
    return;
  }
  if (only === 'reconciliation') {
    await prepareDatabase(sqliteUrl, false);
    process.stdout.write(`${JSON.stringify({ users: userCount + 1, reconciliation: await measureReconciliation(sqliteUrl, 'sqlite', reconciliation.memberships, reconciliation.drift) }, null, 2)}\n`);
    return;
  }
  let throughput: Record<string, unknown> = {};
  let healthzSequential = { p99Ms: 0 } as Awaited<ReturnType<typeof measureLatency>>;
  // The baseline is measured once, against the first server, before its queries run.
  const measureBaseline = async (port: number) => {
    const client = createClient(port, 16);
    log('baseline: GET /healthz, 16 connections, 5 s');
    throughput = await measureThroughput(client, '/healthz', 16, 5);
    healthzSequential = await measureLatency(client, '/healthz', {}, 500, 100);
    client.close();
    return healthzSequential.p99Ms;
  };
  const sqlite = await measureStore(sqliteUrl, true, measureBaseline);
  log(`rules: evaluating a rule of five clauses over ${rules.users} users`);
  const ruleEvaluation = measureRuleEvaluation(rules.users);
  const ruleChanges = await measureRuleChanges(`sqlite:${join(folder, 'rules.db')}`, rules.users, rules.dynamicGroups, rules.changes);
  const ruleLanguage = {
    evaluation: { ...ruleEvaluation, meetsTarget: Object.values(ruleEvaluation).every((figure) => typeof figure !== 'object' || (figure as { seconds: number }).seconds < targets.ruleEvaluation1MSeconds) },
    changes: {
      ...ruleChanges,
      meetsTarget: (ruleChanges.all as { p99Ms: number }).p99Ms < targets.changeVisibleP99Ms && (ruleChanges.serverMemory as { after: { peakRssMB: number } }).after.peakRssMB < targets.serverMemoryMB,
    },
  };

  const target = await postgresUrl();
  const postgres = typeof target === 'string' ? await measureStore(target, false, async () => healthzSequential.p99Ms) : target;

  const report = {
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform}-${process.arch}` },
    users: userCount + 1,
    baseline: { request: 'GET /healthz', connections: 16, ...throughput, sequential: healthzSequential },
    sqlite,
    ruleLanguage,
    postgres,
    targets,
    howToRead:
      'baseline.requestsPerSecond is what the HTTP stack alone sustains on this machine (16 keep-alive connections). ' +
      '<store>.listUsersFilter.*.p99OverBaselineMs is the p99 of the query minus the p99 of a sequential GET /healthz: the time the query itself adds on top of HTTP, ' +
      'Fastify and the client; p99OverBaselineRatio is the same as a ratio. Compare those, not raw milliseconds, across machines. ' +
      '<store>.import100k.seconds is the wall time of importUsers for 100,000 users, with one audit entry each and every manager set; ' +
      'sqlite.import100k.readCsvSeconds is the wall time of reading and parsing the same users from a CSV file (csvMB) with the reader of `tessera import`, ' +
      'and peakRssMB the peak resident memory of the benchmark process after the import. ' +
      '<store>.deliveredRequests: 10,000 users each request an access package whose policy needs no approval, 16 connections at a time, through the real server and its job worker; ' +
      'deliveredPerSecond counts from the first submit to the last delivery, submitToDelivered is each request\'s own time from submit to delivered as the server recorded it. ' +
      'sqlite.connectorDeliveries: 2,000 of those users each request a package whose role lives in a real target started for the run — a PostgreSQL group role (a login created for each user, durable commits) and an OpenLDAP groupOfNames — through the same server, job worker and connectors; heldInTarget counts the grants the target holds afterwards. ' +
      '<store>.expirySweep.seconds is the time the expiry job takes to end 100,000 assignments that are due and take away their group memberships. ' +
      '<store>.accessReviews: a one-off review of the 100,000 assignments of one package; startInstance.seconds is the start job (reading who is in scope with their last activity, a decision each with its reviewer and recommendation); ' +
      'applyDecisions.seconds runs from stopping the instance to Applied with a tenth denied: a systemRemove request (with its audit entries and delivery job) for each denied assignment, the rest marked kept. Delivering the removals is the delivery path measured above. ' +
      '<store>.guestLifecycle: 10,000 guests Tessera brought in (governed), each holding one assignment whose end has passed; expireAndBlock.seconds runs from the expiry jobs being due until every guest is blocked from signing in by the lifecycle (the expiry job, then settle-guest jobs, 500 guests to a transaction); deleteAfterWait.seconds, with the clock 31 days on, until every one is deleted with their personal data removed (one guest to a transaction). sqlite.reconciliation: a PostgreSQL target (durable commits) holds a group role granted to 100,000 logins, matching 100,000 delivered assignments; 100 memberships are then revoked by hand and 100 strays granted. ' +
      'reportOnly.seconds is a run from asking to its completion (listing the target, reading and comparing the grants, recording the drift and its audit entries); correct.seconds also removes the strays and delivers the missing memberships again through the regrant job, until the target holds exactly the 100,000. ' +
      'ruleLanguage.evaluation: a compiled rule of five clauses (-in, -startsWith, -match, joined by -and and by -or) over users held in memory, one core, the median of three passes. ' +
      'ruleLanguage.changes (SQLite): over users in the store with 1,000 dynamic groups whose memberships agree with their rules and one automatic assignment policy, users change department one at a time; ' +
      'each is timed from the PATCH until GET /users/{id}/memberOf shows the group the change puts them in (membershipVisible) or, for the automatic policy, the group its delivered assignment gives (automaticAssignmentVisible); ' +
      'serverMemory is the server process\'s resident memory (peak and current). ' +
      'Compare throughput with baseline.requestsPerSecond of the same run: this machine is shared, and its baseline moves between runs. PostgreSQL runs on a throwaway local cluster with fsync off.',
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
