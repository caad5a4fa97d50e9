import { randomUUID } from 'node:crypto';
import { bulkInsert } from '../src/db/bulk-insert.js';
import { refreshPlannerStatistics, type DialectName } from '../src/db/dialect.js';
import { defaultReviewSettings } from '../src/domain/access-review-definition.js';
import { systemPrincipal } from '../src/domain/principal.js';
import { createDefinition } from '../src/features/access-review-definitions/manage-access-review-definitions.js';
import { applyAccessReviewHandler, startAccessReviewHandler } from '../src/features/access-review-instances/access-review-jobs.js';
import { stopInstance } from '../src/features/access-review-instances/review-instance-lifecycle.js';
import { newTimeOrderedId } from '../src/features/time-ordered-ids.js';
import { recordActivity } from '../src/features/user-activity/user-activity.repo.js';
import { createJobWorker } from '../src/jobs/job-worker.js';
import { openDeps } from '../src/main.js';
import { round } from './http-load.js';

/**
 * Access reviews at scale: an instance started over 100,000 assignments of one package (a decision
 * each, with its reviewer and recommendation), then 100,000 decisions applied when it ends — the
 * share the reviewers denied taken away through systemRemove requests, the rest kept. Only the
 * reviews' own jobs run, so what is timed is starting and applying, not delivering the removals
 * (the delivery benchmark measures that path).
 */
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);

export async function measureAccessReviews(databaseUrl: string, dialect: DialectName, count: number, deniedShare: number) {
  const { deps, handle } = await openDeps({ databaseUrl }, { backgroundCheckpoints: { onFailure: (message) => log(`checkpoint failed: ${message}`) } });
  try {
    log(`writing ${count} assignments of one package to review`);
    const now = new Date();
    const iso = now.toISOString();
    const catalog = { id: randomUUID() };
    await bulkInsert(deps.db, 'catalogs', [{ id: catalog.id, display_name: `Reviews ${catalog.id.slice(0, 8)}`, description: null, catalog_type: 'userManaged', state: 'published', is_externally_visible: 0, created_date_time: iso, modified_date_time: iso, deleted_date_time: null }]);
    const accessPackage = { id: randomUUID(), catalog_id: catalog.id };
    await bulkInsert(deps.db, 'access_packages', [{ ...accessPackage, display_name: `Reviewed ${accessPackage.id.slice(0, 8)}`, description: null, is_hidden: 0, created_date_time: iso, modified_date_time: iso, deleted_date_time: null }]);
    const users = await deps.db.selectFrom('users').select('id').where('deleted_date_time', 'is', null).orderBy('id').limit(count + 1).execute();
    const reviewer = users.pop()!;
    for (let start = 0; start < users.length; start += 10_000) {
      const chunk = users.slice(start, start + 10_000);
      await bulkInsert(deps.db, 'assignments', chunk.map((user) => ({ id: newTimeOrderedId(now), access_package_id: accessPackage.id, catalog_id: accessPackage.catalog_id, policy_id: null, target_id: user.id, state: 'delivered', status: 'Delivered', start_date_time: iso, end_date_time: null, expiration: JSON.stringify({ type: 'noExpiration' }), is_active: 1, created_date_time: iso, modified_date_time: iso, expired_date_time: null, ended_reason: null })));
    }
    // Half of them were seen within the look-back, so recommendations differ.
    // (Upserted: the delivery benchmark's requesters have used the API already.)
    await deps.db.transaction().execute((trx) => recordActivity(trx, 'last_sign_in_date_time', users.filter((_, index) => index % 2 === 0).map((user) => ({ userId: user.id, at: iso }))));
    await refreshPlannerStatistics(deps.db, dialect, ['assignments', 'user_activity']);

    const actor = { correlationId: 'bench', principal: systemPrincipal('bench') };
    const definition = await createDefinition(deps, actor, {
      displayName: 'Bench review',
      descriptionForAdmins: null,
      descriptionForReviewers: null,
      scope: { query: `/identityGovernance/entitlementManagement/accessPackageAssignments?$filter=(accessPackageId eq '${accessPackage.id}')`, queryType: 'MicrosoftGraph', queryRoot: null },
      reviewers: [{ query: `/users/${reviewer.id}`, queryType: 'MicrosoftGraph', queryRoot: null }],
      fallbackReviewers: [],
      settings: {
        ...defaultReviewSettings,
        mailNotificationsEnabled: false,
        reminderNotificationsEnabled: false,
        instanceDurationInDays: 14,
        autoApplyDecisionsEnabled: true,
        recommendationsEnabled: true,
        recurrence: { pattern: null, range: { type: 'numbered', startDate: iso.slice(0, 10), endDate: null, numberOfOccurrences: 0 } },
      },
      stageSettings: null,
    });
    const quiet = { error: (details: object, message: string) => log(`${message} ${JSON.stringify(details)}`), warn: (details: object, message: string) => log(`${message} ${String((details as { err?: Error }).err?.stack ?? '')}`) };
    const worker = createJobWorker({ db: deps.db, dialect: deps.dialect, clock: () => new Date(), handlers: [startAccessReviewHandler(deps), applyAccessReviewHandler(deps)], log: quiet, onlyOwnKinds: true });

    log('starting the instance');
    let started = performance.now();
    await worker.drain();
    const startSeconds = (performance.now() - started) / 1000;
    const instance = await deps.db.selectFrom('access_review_instances').select('id').where('definition_id', '=', definition.id).executeTakeFirstOrThrow();
    const decisions = Number((await deps.db.selectFrom('access_review_decisions').select((eb) => eb.fn.countAll().as('n')).where('instance_id', '=', instance.id).executeTakeFirstOrThrow()).n);
    if (decisions !== users.length) throw new Error(`the instance has ${decisions} decisions for ${users.length} assignments`);

    // The reviewer's answers, written as batchRecordDecisions would: every n-th denied, the rest approved.
    const every = Math.round(1 / deniedShare);
    const ids = (await deps.db.selectFrom('access_review_decisions').select('id').where('instance_id', '=', instance.id).orderBy('id').execute()).map((row) => row.id);
    const denied = ids.filter((_, index) => index % every === 0);
    await deps.db.transaction().execute(async (trx) => {
      await trx.updateTable('access_review_decisions').set({ decision: 'Approve', reviewed_by_id: reviewer.id, reviewed_date_time: iso }).where('instance_id', '=', instance.id).execute();
      for (let start = 0; start < denied.length; start += 500) await trx.updateTable('access_review_decisions').set({ decision: 'Deny' }).where('id', 'in', denied.slice(start, start + 500)).execute();
    });

    log(`applying ${ids.length} decisions (${denied.length} denied)`);
    started = performance.now();
    await stopInstance(deps, actor, definition.id, instance.id);
    await worker.drain();
    const applySeconds = (performance.now() - started) / 1000;
    const status = (await deps.db.selectFrom('access_review_instances').select('status').where('id', '=', instance.id).executeTakeFirstOrThrow()).status;
    const removals = Number((await deps.db.selectFrom('assignment_requests').select((eb) => eb.fn.countAll().as('n')).where('request_type', '=', 'systemRemove').where('access_package_id', '=', accessPackage.id).executeTakeFirstOrThrow()).n);
    if (status !== 'Applied' || removals !== denied.length) throw new Error(`after applying, the instance is ${status} with ${removals} removal requests for ${denied.length} denied`);
    return {
      startInstance: { assignments: users.length, seconds: round(startSeconds), decisionsPerSecond: Math.round(users.length / startSeconds) },
      applyDecisions: { decisions: ids.length, denied: denied.length, removalRequests: removals, seconds: round(applySeconds), decisionsPerSecond: Math.round(ids.length / applySeconds) },
    };
  } finally {
    await handle.close();
  }
}
