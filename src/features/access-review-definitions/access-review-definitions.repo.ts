import type { AccessReviewDefinitionsTable, Executor } from '../../db/database.js';
import { runCollectionQuery, type Page, type QueryableProperties } from '../../db/collection-query.js';
import type { AccessReviewDefinition } from '../../domain/access-review-definition.js';
import { scopeOf } from '../../domain/access-review-definition.js';
import type { CollectionQuery } from '../../http/odata/query-options.js';

function toDefinition(row: AccessReviewDefinitionsTable): AccessReviewDefinition {
  return {
    id: row.id,
    displayName: row.display_name,
    descriptionForAdmins: row.description_for_admins,
    descriptionForReviewers: row.description_for_reviewers,
    scope: JSON.parse(row.scope),
    reviewers: JSON.parse(row.reviewers),
    fallbackReviewers: JSON.parse(row.fallback_reviewers),
    settings: JSON.parse(row.settings),
    stageSettings: row.stage_settings === null ? null : JSON.parse(row.stage_settings),
    policyId: row.policy_id,
    createdById: row.created_by_id,
    createdDateTime: row.created_date_time,
    lastModifiedDateTime: row.last_modified_date_time,
    instancesStarted: row.instances_started,
  };
}

function toRow(definition: AccessReviewDefinition): AccessReviewDefinitionsTable {
  const scope = scopeOf(definition);
  return {
    id: definition.id,
    display_name: definition.displayName,
    description_for_admins: definition.descriptionForAdmins,
    description_for_reviewers: definition.descriptionForReviewers,
    scope: JSON.stringify(definition.scope),
    scope_kind: scope.kind,
    scope_object_id: scope.kind === 'groupMembers' ? scope.groupId : scope.accessPackageId,
    reviewers: JSON.stringify(definition.reviewers),
    fallback_reviewers: JSON.stringify(definition.fallbackReviewers),
    settings: JSON.stringify(definition.settings),
    stage_settings: definition.stageSettings === null ? null : JSON.stringify(definition.stageSettings),
    policy_id: definition.policyId,
    created_by_id: definition.createdById,
    created_date_time: definition.createdDateTime,
    last_modified_date_time: definition.lastModifiedDateTime,
    instances_started: definition.instancesStarted,
    deleted_date_time: null,
  };
}

export async function insertDefinition(db: Executor, definition: AccessReviewDefinition): Promise<void> {
  await db.insertInto('access_review_definitions').values(toRow(definition)).execute();
}

/** Replaces what an update may change; the count of instances started is the job engine's. */
export async function replaceDefinition(db: Executor, definition: AccessReviewDefinition): Promise<void> {
  const { id, created_by_id, created_date_time, instances_started, deleted_date_time, policy_id, ...changes } = toRow(definition);
  await db.updateTable('access_review_definitions').set(changes).where('id', '=', id).execute();
}

export async function findDefinition(db: Executor, id: string): Promise<AccessReviewDefinition | undefined> {
  const row = await db.selectFrom('access_review_definitions').selectAll().where('id', '=', id).where('deleted_date_time', 'is', null).executeTakeFirst();
  return row ? toDefinition(row) : undefined;
}

export async function findDefinitionsByIds(db: Executor, ids: readonly string[]): Promise<AccessReviewDefinition[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('access_review_definitions').selectAll().where('id', 'in', [...new Set(ids)]).execute()).map(toDefinition);
}

/** The definition an assignment policy's reviewSettings made, if it has one. */
export async function definitionOfPolicy(db: Executor, policyId: string): Promise<AccessReviewDefinition | undefined> {
  const row = await db.selectFrom('access_review_definitions').selectAll().where('policy_id', '=', policyId).where('deleted_date_time', 'is', null).executeTakeFirst();
  return row ? toDefinition(row) : undefined;
}

/** The living definitions that review this group or package. */
export async function definitionsReviewing(db: Executor, scopeObjectId: string): Promise<AccessReviewDefinition[]> {
  return (await db.selectFrom('access_review_definitions').selectAll().where('scope_object_id', '=', scopeObjectId).where('deleted_date_time', 'is', null).execute()).map(toDefinition);
}

/** Locks the definition's row, so an instance is started once however many jobs race for it. */
export async function lockDefinition(db: Executor, id: string): Promise<void> {
  await db.updateTable('access_review_definitions').set({ instances_started: (eb) => eb.ref('instances_started') }).where('id', '=', id).execute();
}

/** Occurrences up to `startedUpTo` (exclusive) have started, or were skipped as missed. */
export async function countInstanceStarted(db: Executor, id: string, startedUpTo: number): Promise<void> {
  await db.updateTable('access_review_definitions').set({ instances_started: startedUpTo }).where('id', '=', id).execute();
}

export async function markDefinitionDeleted(db: Executor, id: string, now: string): Promise<void> {
  await db.updateTable('access_review_definitions').set({ deleted_date_time: now, last_modified_date_time: now }).where('id', '=', id).execute();
}

export const definitionQueryableProperties: QueryableProperties = {
  id: { column: 'id', kind: 'caseSensitiveText' },
  displayName: { column: 'display_name', kind: 'text', sortable: true },
  createdDateTime: { column: 'created_date_time', kind: 'dateTime', sortable: true },
  lastModifiedDateTime: { column: 'last_modified_date_time', kind: 'dateTime', sortable: true },
  // Not Graph's: which group or package a definition reviews (scope/query is text Graph filters with contains()).
  scopeObjectId: { column: 'scope_object_id', kind: 'caseSensitiveText' },
};

/**
 * reviewerId: only definitions with an instance where this user reviews something (filterByCurrentUser).
 * visible: only reviews of groups (when groups) and of packages in these catalogs.
 */
export function listDefinitions(db: Executor, query: CollectionQuery, filter: { reviewerId: string } | { visible: { groups: boolean; catalogs: 'all' | readonly string[] } }): Promise<Page<AccessReviewDefinition>> {
  let base = db.selectFrom('access_review_definitions').selectAll().where('deleted_date_time', 'is', null);
  if ('visible' in filter) {
    const { groups, catalogs } = filter.visible;
    base = base.where((w) => {
      const visibleKinds = [];
      if (groups) visibleKinds.push(w('scope_kind', '=', 'groupMembers'));
      if (catalogs === 'all') visibleKinds.push(w('scope_kind', '=', 'accessPackageAssignments'));
      else if (catalogs.length > 0) visibleKinds.push(w.and([w('scope_kind', '=', 'accessPackageAssignments'), w('scope_object_id', 'in', w.selectFrom('access_packages').select('id').where('catalog_id', 'in', [...catalogs]))]));
      // The route refuses someone who may see none; an empty or() would be false anyway.
      return w.or(visibleKinds);
    });
  } else {
    const { reviewerId } = filter;
    base = base.where('id', 'in', (eb) =>
      eb
        .selectFrom('access_review_instances as i')
        .select('i.definition_id')
        .where((w) =>
          w.or([
            w.exists(w.selectFrom('access_review_stages as s').innerJoin('access_review_stage_reviewers as r', 'r.stage_id', 's.id').select('s.id').whereRef('s.instance_id', '=', 'i.id').where('r.user_id', '=', reviewerId)),
            w.exists(w.selectFrom('access_review_decisions as d').select('d.id').whereRef('d.instance_id', '=', 'i.id').where('d.reviewer_id', '=', reviewerId)),
          ]),
        ),
    );
  }
  return runCollectionQuery(base, definitionQueryableProperties, query, 'id', toDefinition);
}
