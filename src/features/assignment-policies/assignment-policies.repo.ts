import { sql, type SqlBool } from 'kysely';
import { runCollectionQuery, type Page, type QueryableProperties } from '../../db/collection-query.js';
import type { AssignmentPoliciesTable, Executor } from '../../db/database.js';
import { sharedRowLock, type DialectName } from '../../db/dialect.js';
import { preparedQuery, type Slots } from '../../db/prepared-query.js';
import type { AssignmentPolicy } from '../../domain/assignment-policy.js';
import { externalTargetScopes, supportedTargetScopes } from '../../domain/assignment-policy-rules.js';
import type { CollectionQuery } from '../../http/odata/query-options.js';

/** Assignment policies. Their settings are JSON in Graph's shapes: read whole, never filtered piecemeal. */
function fromRow(row: AssignmentPoliciesTable): AssignmentPolicy {
  return {
    id: row.id,
    accessPackageId: row.access_package_id,
    catalogId: row.catalog_id,
    displayName: row.display_name,
    description: row.description,
    allowedTargetScope: row.allowed_target_scope as AssignmentPolicy['allowedTargetScope'],
    specificAllowedTargets: JSON.parse(row.specific_allowed_targets),
    automaticRequestSettings: row.automatic_request_settings === null ? null : JSON.parse(row.automatic_request_settings),
    expiration: JSON.parse(row.expiration),
    requestorSettings: JSON.parse(row.requestor_settings),
    requestApprovalSettings: JSON.parse(row.request_approval_settings),
    reviewSettings: row.review_settings === null ? null : JSON.parse(row.review_settings),
    notificationSettings: JSON.parse(row.notification_settings),
    questions: JSON.parse(row.questions),
    createdDateTime: row.created_date_time,
    modifiedDateTime: row.modified_date_time,
    deletedDateTime: row.deleted_date_time,
  };
}

function toRow(policy: AssignmentPolicy): AssignmentPoliciesTable {
  return {
    id: policy.id,
    access_package_id: policy.accessPackageId,
    catalog_id: policy.catalogId,
    display_name: policy.displayName,
    description: policy.description,
    allowed_target_scope: policy.allowedTargetScope,
    specific_allowed_targets: JSON.stringify(policy.specificAllowedTargets),
    automatic_request_settings: policy.automaticRequestSettings === null ? null : JSON.stringify(policy.automaticRequestSettings),
    expiration: JSON.stringify(policy.expiration),
    requestor_settings: JSON.stringify(policy.requestorSettings),
    request_approval_settings: JSON.stringify(policy.requestApprovalSettings),
    review_settings: policy.reviewSettings === null ? null : JSON.stringify(policy.reviewSettings),
    notification_settings: JSON.stringify(policy.notificationSettings),
    questions: JSON.stringify(policy.questions),
    created_date_time: policy.createdDateTime,
    modified_date_time: policy.modifiedDateTime,
    deleted_date_time: policy.deletedDateTime,
  };
}

export const policyQueryableProperties: QueryableProperties = {
  id: { column: 'assignment_policies.id', kind: 'caseSensitiveText' },
  displayName: { column: 'assignment_policies.display_name', kind: 'text', sortable: true },
  description: { column: 'assignment_policies.description', kind: 'text' },
  allowedTargetScope: { column: 'assignment_policies.allowed_target_scope', kind: 'enum', values: supportedTargetScopes },
  'accessPackage/id': { column: 'assignment_policies.access_package_id', kind: 'caseSensitiveText' },
  'catalog/id': { column: 'assignment_policies.catalog_id', kind: 'caseSensitiveText' },
  createdDateTime: { column: 'assignment_policies.created_date_time', kind: 'dateTime', sortable: true },
  modifiedDateTime: { column: 'assignment_policies.modified_date_time', kind: 'dateTime', sortable: true },
};

const living = (db: Executor) => db.selectFrom('assignment_policies').selectAll('assignment_policies').where('assignment_policies.deleted_date_time', 'is', null);

/** Living policies in the catalogs the caller may read (`visible`), optionally of one package. */
export function listPolicies(db: Executor, query: CollectionQuery, visible: 'all' | readonly string[], accessPackageId?: string): Promise<Page<AssignmentPolicy>> {
  let base = living(db);
  if (visible !== 'all') base = visible.length ? base.where('assignment_policies.catalog_id', 'in', [...visible]) : base.where(sql<SqlBool>`1 = 0`);
  if (accessPackageId) base = base.where('assignment_policies.access_package_id', '=', accessPackageId);
  return runCollectionQuery(base, policyQueryableProperties, query, 'assignment_policies.id', fromRow);
}

/** A living policy; undefined once it (or its package) is deleted. */
export async function findPolicy(db: Executor, id: string): Promise<AssignmentPolicy | undefined> {
  const row = await living(db).where('assignment_policies.id', '=', id).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

/** Policies by id, deleted ones included (deletedDateTime says so): history still points at them. */
export async function policiesByIds(db: Executor, ids: readonly string[]): Promise<AssignmentPolicy[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('assignment_policies').selectAll().where('id', 'in', [...new Set(ids)]).orderBy('id').execute();
  return rows.map(fromRow);
}

/** The living policies of a package, oldest first. */
// Run by every access request: prepared (db/prepared-query.ts).
const policiesOfPackage = preparedQuery((db, slots: Slots<{ accessPackageId: string }>) =>
  living(db).where('assignment_policies.access_package_id', '=', slots.value('accessPackageId')).orderBy('assignment_policies.created_date_time').orderBy('assignment_policies.id'),
);

export async function livingPoliciesOf(db: Executor, accessPackageId: string): Promise<AssignmentPolicy[]> {
  const rows = await policiesOfPackage(db, { accessPackageId });
  return rows.map(fromRow);
}

/**
 * The living policies of packages a user may browse and request: living packages that are not
 * hidden, in published catalogs. Whether a policy applies to the user is decided in domain/.
 */
export async function requestablePolicies(db: Executor): Promise<AssignmentPolicy[]> {
  const rows = await living(db)
    .innerJoin('access_packages', 'access_packages.id', 'assignment_policies.access_package_id')
    .innerJoin('catalogs', 'catalogs.id', 'access_packages.catalog_id')
    .where('access_packages.deleted_date_time', 'is', null)
    .where('access_packages.is_hidden', '=', 0)
    .where('catalogs.deleted_date_time', 'is', null)
    .where('catalogs.state', '=', 'published')
    .where('assignment_policies.allowed_target_scope', '<>', 'notSpecified')
    .execute();
  return rows.map(fromRow);
}

/** The names of a catalog's living policies that let people outside request (its external visibility depends on them). */
export async function externalPolicyNamesOfCatalog(db: Executor, catalogId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('assignment_policies')
    .select('display_name')
    .where('catalog_id', '=', catalogId)
    .where('deleted_date_time', 'is', null)
    .where('allowed_target_scope', 'in', [...externalTargetScopes])
    .orderBy('display_name')
    .limit(10)
    .execute();
  return rows.map((row) => row.display_name);
}

export async function insertPolicy(db: Executor, policy: AssignmentPolicy): Promise<void> {
  await db.insertInto('assignment_policies').values(toRow(policy)).execute();
}

/** Writes a full replace of a living policy; returns 0 when it is no longer living. */
export async function replacePolicy(db: Executor, policy: AssignmentPolicy): Promise<number> {
  const { id, created_date_time: _created, access_package_id: _package, catalog_id: _catalog, deleted_date_time: _deleted, ...changes } = toRow(policy);
  const result = await db.updateTable('assignment_policies').set(changes).where('id', '=', id).where('deleted_date_time', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function markPolicyDeleted(db: Executor, id: string, now: string): Promise<void> {
  await db.updateTable('assignment_policies').set({ deleted_date_time: now, modified_date_time: now }).where('id', '=', id).where('deleted_date_time', 'is', null).execute();
}

/**
 * Takes the policy's row lock for the rest of the transaction. Deleting or changing a policy takes
 * it after its package's lock (catalog, package, policy: always in that order). A request being
 * submitted holds the policy shared (holdPolicy), so that it cannot slip in between a policy's
 * "is it in use?" check and its deletion.
 */
/**
 * Keeps a living policy from being changed or deleted until the transaction ends, without keeping
 * other requests under it waiting (a shared lock; see lockPolicy for the exclusive one). False when
 * the policy was deleted meanwhile. On SQLite, where transactions run one at a time, a policy read
 * in the transaction is already safe, and nothing is read.
 */
export async function holdPolicy(db: Executor, dialect: DialectName, policyId: string): Promise<boolean> {
  if (dialect === 'sqlite') return true;
  const row = await db.selectFrom('assignment_policies').select('id').where('id', '=', policyId).where('deleted_date_time', 'is', null).modifyEnd(sharedRowLock(dialect)).executeTakeFirst();
  return row !== undefined;
}

export async function lockPolicy(db: Executor, policyId: string): Promise<void> {
  await db.updateTable('assignment_policies').set((eb) => ({ modified_date_time: eb.ref('modified_date_time') })).where('id', '=', policyId).execute();
}

/** lockPolicy for every living policy of a package, for deleting the package (after its own lock). */
export async function lockPoliciesOfPackage(db: Executor, accessPackageId: string): Promise<void> {
  await db.updateTable('assignment_policies').set((eb) => ({ modified_date_time: eb.ref('modified_date_time') })).where('access_package_id', '=', accessPackageId).where('deleted_date_time', 'is', null).execute();
}

/** What still depends on a policy: assignments held under it and requests under way. */
export function policyUsage(db: Executor, policyId: string): Promise<Usage> {
  return usage(db, 'policy_id', policyId);
}

/** What still depends on an access package: its active assignments and its requests under way. */
export function packageUsage(db: Executor, accessPackageId: string): Promise<Usage> {
  return usage(db, 'access_package_id', accessPackageId);
}

type Usage = { activeAssignments: number; openRequests: number };

async function usage(db: Executor, column: 'policy_id' | 'access_package_id', id: string): Promise<Usage> {
  const assignments = await db.selectFrom('assignments').select(sql<number>`count(*)`.as('count')).where(column, '=', id).where('is_active', '=', sql.lit(1)).executeTakeFirst();
  const requests = await db.selectFrom('assignment_requests').select(sql<number>`count(*)`.as('count')).where(column, '=', id).where('is_open', '=', sql.lit(1)).executeTakeFirst();
  return { activeAssignments: Number(assignments?.count ?? 0), openRequests: Number(requests?.count ?? 0) };
}

/** Soft-deletes every living policy of a package (the package is being deleted); returns them. */
export async function markPoliciesOfPackageDeleted(db: Executor, accessPackageId: string, now: string): Promise<AssignmentPolicy[]> {
  const policies = await livingPoliciesOf(db, accessPackageId);
  if (policies.length > 0) {
    await db.updateTable('assignment_policies').set({ deleted_date_time: now, modified_date_time: now }).where('access_package_id', '=', accessPackageId).where('deleted_date_time', 'is', null).execute();
  }
  return policies;
}

/** The living automatic assignment policies (requestAccessForAllowedTargets), of living packages. */
/** Whether the package has a policy that assigns it by itself (cheap: one indexed lookup). */
export async function hasAutomaticPolicy(db: Executor, accessPackageId: string): Promise<boolean> {
  const row = await db
    .selectFrom('assignment_policies')
    .select(sql.lit(1).as('found'))
    .where('access_package_id', '=', accessPackageId)
    .where('deleted_date_time', 'is', null)
    .where('automatic_request_settings', 'like', '%"requestAccessForAllowedTargets":true%')
    .executeTakeFirst();
  return row !== undefined;
}

export async function automaticPolicies(db: Executor): Promise<AssignmentPolicy[]> {
  const rows = await living(db)
    .innerJoin('access_packages', 'access_packages.id', 'assignment_policies.access_package_id')
    .where('access_packages.deleted_date_time', 'is', null)
    .where('assignment_policies.automatic_request_settings', 'like', '%"requestAccessForAllowedTargets":true%')
    .orderBy('assignment_policies.id')
    .execute();
  return rows.map(fromRow).filter((policy) => policy.automaticRequestSettings?.requestAccessForAllowedTargets);
}
