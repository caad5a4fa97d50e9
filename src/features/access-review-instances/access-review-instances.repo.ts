import type { AccessReviewInstancesTable, AccessReviewStagesTable, Executor } from '../../db/database.js';
import { runCollectionQuery, type Page, type QueryableProperties } from '../../db/collection-query.js';
import type { AccessReviewInstance, AccessReviewStage, InstanceStatus, StageStatus } from '../../domain/access-review-instance.js';
import type { CollectionQuery } from '../../http/odata/query-options.js';

/** Instances and their stages. Decisions have their own repository (access-review-decisions.repo.ts). */
const toInstance = (row: AccessReviewInstancesTable): AccessReviewInstance => ({
  id: row.id,
  definitionId: row.definition_id,
  occurrence: row.occurrence,
  startDateTime: row.start_date_time,
  endDateTime: row.end_date_time,
  status: row.status as InstanceStatus,
  scope: JSON.parse(row.scope),
  resourceDisplayName: row.resource_display_name,
  stoppedById: row.stopped_by_id,
  completedDateTime: row.completed_date_time,
  appliedDateTime: row.applied_date_time,
  appliedById: row.applied_by_id,
});

const toStage = (row: AccessReviewStagesTable): AccessReviewStage => ({ id: row.id, instanceId: row.instance_id, stageNumber: row.stage_number, startDateTime: row.start_date_time, endDateTime: row.end_date_time, status: row.status as StageStatus });

export async function insertInstance(db: Executor, instance: AccessReviewInstance, stages: readonly AccessReviewStage[]): Promise<void> {
  await db
    .insertInto('access_review_instances')
    .values({
      id: instance.id,
      definition_id: instance.definitionId,
      occurrence: instance.occurrence,
      start_date_time: instance.startDateTime,
      end_date_time: instance.endDateTime,
      status: instance.status,
      scope: JSON.stringify(instance.scope),
      resource_display_name: instance.resourceDisplayName,
      stopped_by_id: null,
      completed_date_time: null,
      applied_date_time: null,
      applied_by_id: null,
    })
    .execute();
  await db
    .insertInto('access_review_stages')
    .values(stages.map((stage) => ({ id: stage.id, instance_id: stage.instanceId, stage_number: stage.stageNumber, start_date_time: stage.startDateTime, end_date_time: stage.endDateTime, status: stage.status })))
    .execute();
}

export async function insertStageReviewers(db: Executor, stageId: string, reviewers: { userId: string; role: 'primary' | 'fallback' }[]): Promise<void> {
  for (let start = 0; start < reviewers.length; start += 1000) {
    const chunk = reviewers.slice(start, start + 1000);
    if (chunk.length) await db.insertInto('access_review_stage_reviewers').values(chunk.map((r) => ({ stage_id: stageId, user_id: r.userId, role: r.role }))).execute();
  }
}

export async function findInstance(db: Executor, id: string): Promise<AccessReviewInstance | undefined> {
  const row = await db.selectFrom('access_review_instances').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toInstance(row) : undefined;
}

/** Locks an instance's row: decisions, stage ends, stop and apply on one instance go one at a time. */
export async function lockInstance(db: Executor, id: string): Promise<AccessReviewInstance | undefined> {
  const row = await db.updateTable('access_review_instances').set({ status: (eb) => eb.ref('status') }).where('id', '=', id).returningAll().executeTakeFirst();
  return row ? toInstance(row) : undefined;
}

export async function setInstanceStatus(db: Executor, id: string, status: InstanceStatus, changes: Partial<Pick<AccessReviewInstancesTable, 'completed_date_time' | 'applied_date_time' | 'applied_by_id' | 'stopped_by_id' | 'end_date_time'>> = {}): Promise<void> {
  await db.updateTable('access_review_instances').set({ status, ...changes }).where('id', '=', id).execute();
}

/**
 * Ends a definition's running instances now, as stop does but without applying anything: its
 * definition is being deleted, and nobody could see or act on them after.
 */
export async function endRunningInstancesOf(db: Executor, definitionId: string, stoppedById: string, now: string): Promise<number> {
  const running = db.selectFrom('access_review_instances').select('id').where('definition_id', '=', definitionId).where('status', '=', 'InProgress');
  await db.updateTable('access_review_stages').set({ status: 'Completed', end_date_time: now }).where('instance_id', 'in', running).where('status', '=', 'InProgress').execute();
  const ended = await db.updateTable('access_review_instances').set({ status: 'Completed', completed_date_time: now, end_date_time: now, stopped_by_id: stoppedById }).where('definition_id', '=', definitionId).where('status', '=', 'InProgress').executeTakeFirst();
  return Number(ended.numUpdatedRows);
}

export async function latestInstanceStatus(db: Executor, definitionIds: readonly string[]): Promise<Map<string, InstanceStatus>> {
  if (definitionIds.length === 0) return new Map();
  const rows = await db.selectFrom('access_review_instances').select(['definition_id', 'status', 'occurrence']).where('definition_id', 'in', [...new Set(definitionIds)]).orderBy('occurrence').execute();
  return new Map(rows.map((row) => [row.definition_id, row.status as InstanceStatus]));
}

export const instanceQueryableProperties: QueryableProperties = {
  id: { column: 'id', kind: 'caseSensitiveText' },
  status: { column: 'status', kind: 'enum', values: ['InProgress', 'Completed', 'Applying', 'Applied'] },
  startDateTime: { column: 'start_date_time', kind: 'dateTime', sortable: true },
  endDateTime: { column: 'end_date_time', kind: 'dateTime', sortable: true },
};

/** reviewerId: only instances where this user reviews something (filterByCurrentUser). */
export function listInstances(db: Executor, definitionId: string, query: CollectionQuery, reviewerId?: string): Promise<Page<AccessReviewInstance>> {
  let base = db.selectFrom('access_review_instances as i').selectAll('i').where('i.definition_id', '=', definitionId);
  if (reviewerId !== undefined) {
    base = base.where((w) =>
      w.or([
        w.exists(w.selectFrom('access_review_stages as s').innerJoin('access_review_stage_reviewers as r', 'r.stage_id', 's.id').select('s.id').whereRef('s.instance_id', '=', 'i.id').where('r.user_id', '=', reviewerId)),
        w.exists(w.selectFrom('access_review_decisions as d').select('d.id').whereRef('d.instance_id', '=', 'i.id').where('d.reviewer_id', '=', reviewerId)),
      ]),
    );
  }
  return runCollectionQuery(base, instanceQueryableProperties, query, 'i.id', toInstance);
}

/** Whether this user reviews anything in the instance, in any stage. */
export async function reviewsInInstance(db: Executor, instanceId: string, userId: string): Promise<boolean> {
  const shared = await db.selectFrom('access_review_stages as s').innerJoin('access_review_stage_reviewers as r', 'r.stage_id', 's.id').select('s.id').where('s.instance_id', '=', instanceId).where('r.user_id', '=', userId).executeTakeFirst();
  if (shared) return true;
  return (await db.selectFrom('access_review_decisions').select('id').where('instance_id', '=', instanceId).where('reviewer_id', '=', userId).executeTakeFirst()) !== undefined;
}

export async function stagesOf(db: Executor, instanceId: string): Promise<AccessReviewStage[]> {
  return (await db.selectFrom('access_review_stages').selectAll().where('instance_id', '=', instanceId).orderBy('stage_number').execute()).map(toStage);
}

export async function setStageStatus(db: Executor, id: string, status: StageStatus, window: { startDateTime?: string; endDateTime?: string } = {}): Promise<void> {
  await db
    .updateTable('access_review_stages')
    .set({ status, ...(window.startDateTime ? { start_date_time: window.startDateTime } : {}), ...(window.endDateTime ? { end_date_time: window.endDateTime } : {}) })
    .where('id', '=', id)
    .execute();
}

/** The stage's named (and fallback) reviewers, as resolved when it started. */
export async function stageReviewers(db: Executor, stageId: string): Promise<{ userId: string; role: 'primary' | 'fallback' }[]> {
  const rows = await db.selectFrom('access_review_stage_reviewers').select(['user_id', 'role']).where('stage_id', '=', stageId).execute();
  return rows.map((row) => ({ userId: row.user_id, role: row.role as 'primary' | 'fallback' }));
}
