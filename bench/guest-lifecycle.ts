import { randomUUID } from 'node:crypto';
import { bulkInsert } from '../src/db/bulk-insert.js';
import { refreshPlannerStatistics, type DialectName } from '../src/db/dialect.js';
import { expireAssignmentsHandler } from '../src/features/assignments/expiry-jobs.js';
import { deleteGuestHandler, settleGuestHandler } from '../src/features/guests/guest-lifecycle.js';
import { newTimeOrderedId } from '../src/features/time-ordered-ids.js';
import { createJobWorker } from '../src/jobs/job-worker.js';
import { buildUser } from '../src/domain/user.js';
import { insertUsers } from '../src/features/users/users.repo.js';
import { openDeps } from '../src/main.js';
import { round } from './http-load.js';

const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const dayMs = 86_400_000;

/**
 * The guest lifecycle at scale: `count` guests Tessera brought in, each holding one assignment
 * whose end has passed. Measured: the expiry sweep with each guest then blocked by its settle-guest
 * job (entitlementManagement's default, blockSignInAndDelete), until every one is blocked; then,
 * with the clock 31 days on, every one deleted with their personal data removed.
 */
export async function measureGuestLifecycle(databaseUrl: string, dialect: DialectName, count: number) {
  const { deps, handle } = await openDeps({ databaseUrl }, { backgroundCheckpoints: { onFailure: (message) => log(`checkpoint failed: ${message}`) } });
  try {
    log(`making ${count} governed guests with an assignment that has ended`);
    const catalog = { id: randomUUID() };
    await bulkInsert(deps.db, 'catalogs', [{ id: catalog.id, display_name: `Partners ${catalog.id.slice(0, 8)}`, description: null, catalog_type: 'userManaged', state: 'published', is_externally_visible: 1, created_date_time: new Date().toISOString(), modified_date_time: new Date().toISOString(), deleted_date_time: null }]);
    const past = new Date(Date.now() - 60_000);
    const now = new Date();
    const accessPackage = { id: randomUUID(), catalog_id: catalog.id };
    await bulkInsert(deps.db, 'access_packages', [{ ...accessPackage, display_name: `Guests ${accessPackage.id.slice(0, 8)}`, description: null, is_hidden: 0, created_date_time: now.toISOString(), modified_date_time: now.toISOString(), deleted_date_time: null }]);
    // Guests of their own, so that no other measure's assignments keep them in.
    const users = Array.from({ length: count }, (_, index) => buildUser({ userPrincipalName: `guest${index}@partner${index % 100}.example`, displayName: `Guest ${index}`, mail: `guest${index}@partner${index % 100}.example`, userType: 'Guest' }, randomUUID(), past));
    const ids = users.map((user) => user.id);
    for (let start = 0; start < users.length; start += 5_000) {
      const chunk = users.slice(start, start + 5_000);
      await deps.db.transaction().execute(async (trx) => {
        await insertUsers(trx, chunk.map((user) => ({ user, managerId: null })), past.toISOString());
        await bulkInsert(trx, 'governed_guests', chunk.map((user) => ({ user_id: user.id, email: user.mail!, connected_organization_id: null, created_date_time: past.toISOString(), blocked_date_time: null, deletion_due_date_time: null, deleted_date_time: null })));
        const assignments = chunk.map((user) => ({ id: newTimeOrderedId(now), targetId: user.id }));
        await bulkInsert(trx, 'assignments', assignments.map((a) => ({ id: a.id, access_package_id: accessPackage.id, catalog_id: accessPackage.catalog_id, policy_id: null, target_id: a.targetId, state: 'delivered', status: 'Delivered', start_date_time: past.toISOString(), end_date_time: past.toISOString(), expiration: JSON.stringify({ type: 'afterDateTime', endDateTime: past.toISOString() }), is_active: 1, created_date_time: past.toISOString(), modified_date_time: past.toISOString(), expired_date_time: null, ended_reason: null })));
        await bulkInsert(trx, 'jobs', assignments.map((a) => ({ id: newTimeOrderedId(now), kind: 'expire-assignment', payload: JSON.stringify({ assignmentId: a.id }), run_at: past.toISOString(), attempts: 0, lease_owner: null, last_error: null, dead: 0, created_date_time: now.toISOString() })));
      });
    }
    await refreshPlannerStatistics(deps.db, dialect, ['users', 'governed_guests', 'assignments', 'jobs']);

    const quiet = { error: (details: object, message: string) => log(`${message} ${JSON.stringify(details)}`), warn: (details: object, message: string) => log(`${message} ${String((details as { err?: Error }).err?.stack ?? '')}`) };
    // Jobs due now: the other measures leave expiry jobs for assignments that end later.
    const pending = async (kind: string, at: Date) => Number((await deps.db.selectFrom('jobs').select((eb) => eb.fn.countAll().as('n')).where('kind', '=', kind).where('dead', '=', 0).where('run_at', '<=', at.toISOString()).executeTakeFirstOrThrow()).n);
    const drainUntilNone = async (worker: ReturnType<typeof createJobWorker>, clock: () => Date, kinds: string[]) => {
      for (;;) {
        await worker.drain();
        if ((await Promise.all(kinds.map((kind) => pending(kind, clock())))).every((n) => n === 0)) return;
      }
    };

    log('expiring and blocking');
    const realTime = () => new Date();
    const blocking = createJobWorker({ db: deps.db, dialect: deps.dialect, clock: realTime, handlers: [expireAssignmentsHandler(deps), settleGuestHandler(deps)], log: quiet, batchSize: 5000, onlyOwnKinds: true });
    let started = performance.now();
    await drainUntilNone(blocking, realTime, ['expire-assignment', 'settle-guest']);
    const blockSeconds = (performance.now() - started) / 1000;
    const blocked = Number((await deps.db.selectFrom('governed_guests').select((eb) => eb.fn.countAll().as('n')).where('user_id', 'in', ids).where('blocked_date_time', 'is not', null).executeTakeFirstOrThrow()).n);
    if (blocked !== count) throw new Error(`after the sweep ${blocked} of ${count} guests were blocked`);

    log('deleting, 31 days on');
    const monthOn = () => new Date(Date.now() + 31 * dayMs);
    const deleting = createJobWorker({ db: deps.db, dialect: deps.dialect, clock: monthOn, handlers: [deleteGuestHandler(deps)], log: quiet, batchSize: 5000, onlyOwnKinds: true });
    started = performance.now();
    await drainUntilNone(deleting, monthOn, ['delete-guest']);
    const deleteSeconds = (performance.now() - started) / 1000;
    const deleted = Number((await deps.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).where('id', 'in', ids).where('deleted_date_time', 'is not', null).where('mail', 'is', null).executeTakeFirstOrThrow()).n);
    if (deleted !== count) throw new Error(`after the deletions ${deleted} of ${count} guests were deleted`);
    return {
      guests: count,
      expireAndBlock: { seconds: round(blockSeconds), blockedPerSecond: Math.round(count / blockSeconds) },
      deleteAfterWait: { seconds: round(deleteSeconds), deletedPerSecond: Math.round(count / deleteSeconds) },
    };
  } finally {
    await handle.close();
  }
}
