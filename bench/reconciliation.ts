import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { bulkInsert } from '../src/db/bulk-insert.js';
import { refreshPlannerStatistics, type DialectName } from '../src/db/dialect.js';
import { systemPrincipal } from '../src/domain/principal.js';
import { regrantHandler } from '../src/features/assignments/regrant.js';
import { createConnectedSystem } from '../src/features/connected-systems/manage-connected-systems.js';
import { findRun } from '../src/features/reconciliation/reconciliation.repo.js';
import { reconcileConnectedSystemHandler, requestReconciliation } from '../src/features/reconciliation/reconciliation-jobs.js';
import { newTimeOrderedId } from '../src/features/time-ordered-ids.js';
import { createJobWorker } from '../src/jobs/job-worker.js';
import { openDeps } from '../src/main.js';
import { findPostgresBinaries, startCluster } from '../test/helpers/postgres-cluster.js';
import { round } from './http-load.js';

/**
 * Reconciling 100,000 memberships: a PostgreSQL target (its own cluster, durable commits) holds a
 * group role granted to 100,000 logins, and Tessera's store holds the 100,000 delivered assignments
 * that gave it, written in bulk (what is measured is the run). Drift is then made by hand: some
 * memberships revoked in the database, some strays granted. Timed: a report-only run, from asking
 * to its completion, then a correcting run and the regrants it hands on, until the target is right.
 */
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const statementsPerQuery = 1_000;

export async function measureReconciliation(databaseUrl: string, dialect: DialectName, count: number, drift: number) {
  const binaries = findPostgresBinaries();
  if (!binaries) return { skipped: 'PostgreSQL server binaries not found' };
  const password = 'bench-reconcile';
  const cluster = await startCluster(binaries, { password, durableCommits: true });
  const target = new pg.Client({ connectionString: cluster.url('postgres') });
  await target.connect();
  const { deps, handle } = await openDeps({ databaseUrl });
  try {
    const users = await deps.db.selectFrom('users').select(['id', 'user_principal_name as upn']).where('user_principal_name', 'like', 'user%').orderBy('id').limit(count).execute();
    const logins = users.map((user) => user.upn.split('@')[0]!);
    log(`reconciliation: ${users.length} logins holding one role in PostgreSQL`);
    await target.query('create role bench_reconciled nologin');
    for (let start = 0; start < logins.length; start += statementsPerQuery) {
      const chunk = logins.slice(start, start + statementsPerQuery).map((login) => pg.escapeIdentifier(login));
      await target.query(`${chunk.map((login) => `create role ${login} login`).join(';')}; grant bench_reconciled to ${chunk.join(',')}`);
    }

    const actor = { correlationId: 'bench', principal: systemPrincipal('bench') };
    const system = await createConnectedSystem(deps, actor, { displayName: 'Bench reconciled database', kind: 'postgresql', settings: { host: '127.0.0.1', port: cluster.port, database: 'postgres', user: 'postgres' }, secrets: { password } });
    const now = new Date();
    const iso = now.toISOString();
    const catalog = { id: randomUUID() };
    await bulkInsert(deps.db, 'catalogs', [{ id: catalog.id, display_name: 'Bench reconciled', description: null, catalog_type: 'userManaged', state: 'published', is_externally_visible: 0, created_date_time: iso, modified_date_time: iso, deleted_date_time: null }]);
    const resource = { id: randomUUID(), roleId: randomUUID(), packageId: randomUUID(), roleScopeId: randomUUID() };
    await bulkInsert(deps.db, 'resources', [{ id: resource.id, catalog_id: catalog.id, environment_id: system.id, origin_id: 'bench_reconciled', origin_system: 'PostgreSqlRole', display_name: 'bench_reconciled', description: null, resource_type: 'PostgreSQL role', created_date_time: iso, modified_date_time: iso, removed_date_time: null }]);
    await bulkInsert(deps.db, 'resource_roles', [{ id: resource.roleId, resource_id: resource.id, origin_id: 'Member', origin_system: 'PostgreSqlRole', display_name: 'Member', description: null }]);
    await bulkInsert(deps.db, 'access_packages', [{ id: resource.packageId, catalog_id: catalog.id, display_name: 'Reconciled', description: null, is_hidden: 0, created_date_time: iso, modified_date_time: iso, deleted_date_time: null }]);
    for (let start = 0; start < users.length; start += 10_000) {
      const chunk = users.slice(start, start + 10_000).map((user) => ({ id: newTimeOrderedId(now), targetId: user.id }));
      await deps.db.transaction().execute(async (trx) => {
        await bulkInsert(trx, 'assignments', chunk.map((a) => ({ id: a.id, access_package_id: resource.packageId, catalog_id: catalog.id, policy_id: null, target_id: a.targetId, state: 'delivered', status: 'Delivered', start_date_time: iso, end_date_time: null, expiration: JSON.stringify({ type: 'noExpiration' }), is_active: 1, created_date_time: iso, modified_date_time: iso, expired_date_time: null, ended_reason: null })));
        await bulkInsert(trx, 'assignment_role_grants', chunk.map((a) => ({ id: newTimeOrderedId(now), assignment_id: a.id, target_id: a.targetId, role_scope_id: resource.roleScopeId, resource_id: resource.id, environment_id: system.id, resource_origin_id: 'bench_reconciled', role_origin_id: 'Member', scope_origin_id: 'bench_reconciled', state: 'granted', last_error: null, granted_date_time: iso, revoked_date_time: null, holder: null })));
      });
    }
    await refreshPlannerStatistics(deps.db, dialect, ['assignments', 'assignment_role_grants']);

    // Drift by hand: memberships taken away, and strays given the role outside Tessera.
    const revoked = logins.slice(0, drift).map((login) => pg.escapeIdentifier(login));
    const strays = Array.from({ length: drift }, (_, i) => pg.escapeIdentifier(`stray_${i}`));
    await target.query(`revoke bench_reconciled from ${revoked.join(',')}; ${strays.map((stray) => `create role ${stray} login`).join(';')}; grant bench_reconciled to ${strays.join(',')}`);

    const quiet = { error: (details: object, message: string) => log(`${message} ${JSON.stringify(details)}`), warn: () => {} };
    const worker = createJobWorker({ db: deps.db, dialect: deps.dialect, clock: () => new Date(), handlers: [reconcileConnectedSystemHandler(deps), regrantHandler(deps)], log: quiet, batchSize: 1000, onlyOwnKinds: true });
    const timedRun = async (mode: 'reportOnly' | 'correct') => {
      const started = performance.now();
      const run = await requestReconciliation(deps, actor, system.id, mode);
      await worker.drain();
      const seconds = (performance.now() - started) / 1000;
      const done = (await findRun(deps.db, system.id, run.id))!;
      if (done.status !== 'succeeded') throw new Error(`the ${mode} run ${done.status}: ${done.error}`);
      return { seconds: round(seconds), ...done.summary };
    };
    log('reconciliation: report-only run');
    const reportOnly = await timedRun('reportOnly');
    log(`reported ${reportOnly.unexpectedHolders} unexpected and ${reportOnly.missingHolders} missing in ${reportOnly.seconds} s; correcting`);
    const correct = await timedRun('correct');
    const held = await target.query(`select count(*)::int as n from pg_auth_members a join pg_roles r on r.oid = a.roleid join pg_roles m on m.oid = a.member where r.rolname = 'bench_reconciled' and m.rolname <> 'postgres'`);
    if (held.rows[0].n !== users.length) throw new Error(`after correcting, the target holds ${held.rows[0].n} memberships, not ${users.length}`);
    return { memberships: users.length, driftEachWay: drift, reportOnly, correct: { ...correct, heldInTargetAfter: held.rows[0].n } };
  } finally {
    await deps.connectors.close();
    await handle.close();
    await target.end();
    cluster.stop();
  }
}
