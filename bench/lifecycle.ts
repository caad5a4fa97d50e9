import { randomUUID } from 'node:crypto';
import { bulkInsert } from '../src/db/bulk-insert.js';
import { refreshPlannerStatistics, type DialectName } from '../src/db/dialect.js';
import { hashToken } from '../src/features/authorization/access-tokens.repo.js';
import { expireAssignmentsHandler } from '../src/features/assignments/expiry-jobs.js';
import { newTimeOrderedId } from '../src/features/time-ordered-ids.js';
import { createJobWorker } from '../src/jobs/job-worker.js';
import { openDeps } from '../src/main.js';
import type { Client } from './http-load.js';
import { round } from './http-load.js';

/**
 * The access lifecycle under load: auto-approved requests from submit to delivered, through the
 * real server (HTTP, policy checks, the job worker, the directory connector), and the expiry of
 * 100,000 assignments by the expiry job, whose roles are taken away.
 */
const em = '/v1.0/identityGovernance/entitlementManagement';
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);

async function call(client: Client, token: string, method: string, path: string, body?: unknown): Promise<any> {
  const response = await client.send(method, path, { authorization: `Bearer ${token}` }, body);
  if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${response.body.slice(0, 300)}`);
  return response.body ? JSON.parse(response.body) : null;
}

/** A catalog with a package granting one group's membership, and a policy letting every member ask without approval. */
export async function setUpPackage(client: Client, adminToken: string): Promise<{ accessPackageId: string; groupId: string }> {
  const catalog = await call(client, adminToken, 'POST', `${em}/catalogs`, { displayName: `Bench ${randomUUID().slice(0, 8)}` });
  const group = await call(client, adminToken, 'POST', '/v1.0/groups', { displayName: 'Bench group', mailNickname: `bench-${randomUUID().slice(0, 8)}`, mailEnabled: false, securityEnabled: true });
  await call(client, adminToken, 'POST', `${em}/resourceRequests`, { requestType: 'adminAdd', resource: { originId: group.id, originSystem: 'AadGroup' }, catalog: { id: catalog.id } });
  const accessPackage = await call(client, adminToken, 'POST', `${em}/accessPackages`, { displayName: 'Bench package', catalog: { id: catalog.id } });
  const resources = await call(client, adminToken, 'GET', `${em}/catalogs/${catalog.id}/resources?$expand=roles,scopes`);
  const resource = resources.value[0];
  const member = resource.roles.find((role: { displayName: string }) => role.displayName === 'Member');
  await call(client, adminToken, 'POST', `${em}/accessPackages/${accessPackage.id}/resourceRoleScopes`, { role: { id: member.id, resource: { id: resource.id } }, scope: { id: resource.scopes[0].id, resource: { id: resource.id } } });
  await call(client, adminToken, 'POST', `${em}/assignmentPolicies`, {
    displayName: 'Every member, no approval',
    allowedTargetScope: 'allMemberUsers',
    requestorSettings: { enableTargetsToSelfAddAccess: true },
    requestApprovalSettings: { isApprovalRequiredForAdd: false, isApprovalRequiredForUpdate: false, stages: [] },
    expiration: { type: 'afterDuration', duration: 'P365D' },
    accessPackage: { id: accessPackage.id },
  });
  return { accessPackageId: accessPackage.id, groupId: group.id };
}

/** Tokens for `count` imported users, written straight into the store (making them is not what is measured). */
export async function requesterTokens(databaseUrl: string, count: number): Promise<string[]> {
  return (await requesters(databaseUrl, count)).map((requester) => requester.token);
}

/** The same, with each user's userPrincipalName (a target system needs their account ready). */
export async function requesters(databaseUrl: string, count: number): Promise<{ token: string; userPrincipalName: string }[]> {
  const { deps, handle } = await openDeps({ databaseUrl });
  try {
    const users = await deps.db.selectFrom('users').select(['id', 'user_principal_name']).where('user_principal_name', 'like', 'user%').where('user_type', '=', 'Member').orderBy('id').limit(count).execute();
    const now = new Date().toISOString();
    const tokens = users.map(() => `bench_${randomUUID()}`);
    await bulkInsert(deps.db, 'access_tokens', users.map((user, index) => ({ id: randomUUID(), user_id: user.id, token_hash: hashToken(tokens[index]!), description: 'bench', created_date_time: now, expires_date_time: '2099-01-01T00:00:00.000Z', revoked_date_time: null })));
    return users.map((user, index) => ({ token: tokens[index]!, userPrincipalName: user.user_principal_name }));
  } finally {
    await handle.close();
  }
}

/**
 * `tokens.length` users each request the package for themselves, `connections` at a time, as fast
 * as the server answers. Throughput is requests delivered per second from the first submit to the
 * last delivery; latency is each request's own submit-to-delivered time, as the server recorded it.
 */
export async function measureDelivery(client: Client, databaseUrl: string, tokens: string[], accessPackageId: string, connections: number) {
  let next = 0;
  let refused = 0;
  const ids: string[] = [];
  const started = Date.now();
  const loop = async () => {
    while (next < tokens.length) {
      const token = tokens[next++]!;
      const response = await client.send('POST', `${em}/assignmentRequests`, { authorization: `Bearer ${token}` }, { requestType: 'userAdd', assignment: { accessPackageId } });
      if (response.status === 201) ids.push(JSON.parse(response.body).id);
      else refused += 1;
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  const submitSeconds = (Date.now() - started) / 1000;

  const { deps, handle } = await openDeps({ databaseUrl });
  try {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const open = await deps.db.selectFrom('assignment_requests').select((eb) => eb.fn.countAll().as('n')).where('is_open', '=', 1).executeTakeFirstOrThrow();
      if (Number(open.n) === 0) break;
      if (Date.now() > deadline) throw new Error(`${open.n} requests were still open after 2 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const rows = await deps.db.selectFrom('assignment_requests').select(['state', 'created_date_time', 'completed_date_time']).where('access_package_id', '=', accessPackageId).execute();
    const delivered = rows.filter((row) => row.state === 'delivered');
    const latencies = delivered.map((row) => Date.parse(row.completed_date_time!) - Date.parse(row.created_date_time)).sort((a, b) => a - b);
    const lastDelivered = Math.max(...delivered.map((row) => Date.parse(row.completed_date_time!)));
    const seconds = (lastDelivered - started) / 1000;
    const at = (fraction: number) => latencies[Math.min(latencies.length - 1, Math.ceil(fraction * latencies.length) - 1)] ?? 0;
    return {
      requests: tokens.length,
      delivered: delivered.length,
      refused,
      connections,
      submitSeconds: round(submitSeconds),
      seconds: round(seconds),
      deliveredPerSecond: round(delivered.length / seconds),
      submitToDelivered: { p50Ms: at(0.5), p99Ms: at(0.99), maxMs: latencies.at(-1) ?? 0 },
    };
  } finally {
    await handle.close();
  }
}

/**
 * 100,000 delivered assignments whose end has passed, each holding one group membership, with
 * their expiry jobs due: written in bulk (what is measured is the sweep), then expired by the job
 * worker with the real handlers until no expiry job is left and every role is revoked.
 */
export async function measureExpiry(databaseUrl: string, dialect: DialectName, count: number) {
  // Opened as `tessera serve` opens it (on SQLite, the log checkpointed from a thread of its own).
  const { deps, handle } = await openDeps({ databaseUrl }, { backgroundCheckpoints: { onFailure: (message) => log(`checkpoint failed: ${message}`) } });
  try {
    log(`writing ${count} assignments due to expire`);
    const catalog = await deps.db.selectFrom('catalogs').select('id').executeTakeFirstOrThrow();
    const past = new Date(Date.now() - 60_000);
    const now = new Date();
    // A package of its own, so that the cohort does not collide with the delivery benchmark's assignments.
    const accessPackage = { id: randomUUID(), catalog_id: catalog.id };
    await bulkInsert(deps.db, 'access_packages', [{ ...accessPackage, display_name: `Expiring ${accessPackage.id.slice(0, 8)}`, description: null, is_hidden: 0, created_date_time: now.toISOString(), modified_date_time: now.toISOString(), deleted_date_time: null }]);
    const roleScope = { id: randomUUID() };
    const groupId = randomUUID();
    await bulkInsert(deps.db, 'groups', [{ id: groupId, display_name: 'Expiring cohort', description: null, mail_nickname: null, mail: null, mail_enabled: 0, security_enabled: 1, group_types: '[]', membership_rule: null, membership_rule_processing_state: null, visibility: null, is_assignable_to_role: 0, created_date_time: now.toISOString(), modified_date_time: now.toISOString(), deleted_date_time: null }]);
    const users = await deps.db.selectFrom('users').select('id').orderBy('id', 'desc').limit(count).execute();
    const assignments = users.map((user) => ({ id: newTimeOrderedId(now), targetId: user.id }));
    for (let start = 0; start < assignments.length; start += 10_000) {
      const chunk = assignments.slice(start, start + 10_000);
      await deps.db.transaction().execute(async (trx) => {
        await bulkInsert(trx, 'assignments', chunk.map((a) => ({ id: a.id, access_package_id: accessPackage.id, catalog_id: accessPackage.catalog_id, policy_id: null, target_id: a.targetId, state: 'delivered', status: 'Delivered', start_date_time: past.toISOString(), end_date_time: past.toISOString(), expiration: JSON.stringify({ type: 'afterDateTime', endDateTime: past.toISOString() }), is_active: 1, created_date_time: past.toISOString(), modified_date_time: past.toISOString(), expired_date_time: null, ended_reason: null })));
        await bulkInsert(trx, 'assignment_role_grants', chunk.map((a) => ({ id: randomUUID(), assignment_id: a.id, target_id: a.targetId, role_scope_id: roleScope.id, resource_id: 'bench', environment_id: deps.connectors.directoryEnvironmentId, resource_origin_id: groupId, role_origin_id: `Member_${groupId}`, scope_origin_id: groupId, state: 'granted', last_error: null, granted_date_time: past.toISOString(), revoked_date_time: null, holder: null })));
        await bulkInsert(trx, 'group_memberships', chunk.map((a) => ({ id: randomUUID(), group_id: groupId, member_id: a.targetId, member_type: 'user' as const, relationship: 'member' as const, started_date_time: past.toISOString(), added_by: 'bench', ended_date_time: null, removed_by: null, reason: null })));
        await bulkInsert(trx, 'jobs', chunk.map((a) => ({ id: newTimeOrderedId(now), kind: 'expire-assignment', payload: JSON.stringify({ assignmentId: a.id }), run_at: past.toISOString(), attempts: 0, lease_owner: null, last_error: null, dead: 0, created_date_time: now.toISOString() })));
      });
    }
    // As `tessera import` does after a bulk load: planner statistics that still describe empty tables pick poor plans.
    await refreshPlannerStatistics(deps.db, dialect, ['assignments', 'assignment_role_grants', 'group_memberships', 'jobs']);

    const quiet = { error: (details: object, message: string) => log(`${message} ${JSON.stringify(details)}`), warn: (details: object, message: string) => log(`${message} ${String((details as { err?: Error }).err?.stack ?? '')}`) };
    // Only the expiry handler: the expired-access mail it enqueues is another job's work, not the sweep's.
    const worker = createJobWorker({ db: deps.db, dialect: deps.dialect, clock: () => new Date(), handlers: [expireAssignmentsHandler(deps)], log: quiet, batchSize: 5000, onlyOwnKinds: true });
    log('expiring');
    const started = performance.now();
    for (;;) {
      await worker.drain();
      // The cohort's own jobs (written at `now`), not the future expiries of assignments delivered earlier.
      const left = await deps.db.selectFrom('jobs').select((eb) => eb.fn.countAll().as('n')).where('kind', '=', 'expire-assignment').where('created_date_time', '=', now.toISOString()).executeTakeFirstOrThrow();
      if (Number(left.n) === 0) break;
    }
    const seconds = (performance.now() - started) / 1000;
    const stillActive = await deps.db.selectFrom('assignments').select((eb) => eb.fn.countAll().as('n')).where('is_active', '=', 1).where('end_date_time', '<=', now.toISOString()).executeTakeFirstOrThrow();
    const stillMembers = await deps.db.selectFrom('group_memberships').select((eb) => eb.fn.countAll().as('n')).where('group_id', '=', groupId).where('ended_date_time', 'is', null).executeTakeFirstOrThrow();
    if (Number(stillActive.n) !== 0 || Number(stillMembers.n) !== 0) throw new Error(`after the sweep ${stillActive.n} assignments were still active and ${stillMembers.n} memberships open`);
    return { assignments: count, seconds: round(seconds), expiredPerSecond: Math.round(count / seconds), batchSize: 5000 };
  } finally {
    await handle.close();
  }
}
