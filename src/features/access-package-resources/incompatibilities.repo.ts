import { randomUUID } from 'node:crypto';
import type { Executor } from '../../db/database.js';
import { preparedQuery, type Slots } from '../../db/prepared-query.js';
import type { IncompatibilityKind } from '../../domain/access-package.js';

/**
 * Separation of duties: packages or groups a holder of a package must not also have. Stored now,
 * enforced when assignments are requested. Removal closes the row (time, who), never deletes it.
 */
const living = (db: Executor) => db.selectFrom('access_package_incompatibilities').where('removed_date_time', 'is', null);

export async function incompatibleIdsOf(db: Executor, accessPackageId: string, kind: IncompatibilityKind): Promise<string[]> {
  const rows = await living(db).select('incompatible_id').where('access_package_id', '=', accessPackageId).where('incompatible_kind', '=', kind).orderBy('created_date_time').execute();
  return rows.map((row) => row.incompatible_id);
}

/** Packages that name this one as incompatible (Graph: accessPackagesIncompatibleWith). */
export async function packageIdsIncompatibleWith(db: Executor, accessPackageId: string): Promise<string[]> {
  const rows = await living(db).select('access_package_id').where('incompatible_kind', '=', 'accessPackage').where('incompatible_id', '=', accessPackageId).execute();
  return rows.map((row) => row.access_package_id);
}

/**
 * Everything a package is incompatible with, in both directions of the incompatibility, in one
 * query (checked on every request): packages it names, packages naming it, and groups it names.
 */
// Run by every access request and delivery: prepared (db/prepared-query.ts).
const incompatibilitiesEitherWay = preparedQuery((db, slots: Slots<{ accessPackageId: string }>) =>
  living(db)
    .select(['access_package_id', 'incompatible_kind', 'incompatible_id'])
    .where((eb) => eb.or([eb('access_package_id', '=', slots.value('accessPackageId')), eb.and([eb('incompatible_kind', '=', 'accessPackage'), eb('incompatible_id', '=', slots.value('accessPackageId'))])])),
);

export async function incompatibilitiesOf(db: Executor, accessPackageId: string): Promise<{ packageIds: string[]; groupIds: string[] }> {
  const rows = await incompatibilitiesEitherWay(db, { accessPackageId });
  const packageIds = new Set<string>();
  const groupIds: string[] = [];
  for (const row of rows) {
    if (row.access_package_id !== accessPackageId) packageIds.add(row.access_package_id);
    else if (row.incompatible_kind === 'group') groupIds.push(row.incompatible_id);
    else packageIds.add(row.incompatible_id);
  }
  return { packageIds: [...packageIds], groupIds };
}

export async function isIncompatible(db: Executor, accessPackageId: string, kind: IncompatibilityKind, otherId: string): Promise<boolean> {
  const row = await living(db).select('id').where('access_package_id', '=', accessPackageId).where('incompatible_kind', '=', kind).where('incompatible_id', '=', otherId).executeTakeFirst();
  return row !== undefined;
}

export async function insertIncompatibility(db: Executor, accessPackageId: string, kind: IncompatibilityKind, otherId: string, createdBy: string, now: string): Promise<void> {
  await db
    .insertInto('access_package_incompatibilities')
    .values({ id: randomUUID(), access_package_id: accessPackageId, incompatible_kind: kind, incompatible_id: otherId, created_date_time: now, created_by: createdBy, removed_date_time: null, removed_by: null })
    .execute();
}

export async function closeIncompatibility(db: Executor, accessPackageId: string, kind: IncompatibilityKind, otherId: string, removedBy: string, now: string): Promise<number> {
  const result = await db
    .updateTable('access_package_incompatibilities')
    .set({ removed_date_time: now, removed_by: removedBy })
    .where('access_package_id', '=', accessPackageId)
    .where('incompatible_kind', '=', kind)
    .where('incompatible_id', '=', otherId)
    .where('removed_date_time', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Ends the package's incompatibilities and those naming it (when it is deleted). */
export async function closeAllIncompatibilitiesOf(db: Executor, accessPackageId: string, removedBy: string, now: string): Promise<void> {
  await db
    .updateTable('access_package_incompatibilities')
    .set({ removed_date_time: now, removed_by: removedBy })
    .where('removed_date_time', 'is', null)
    .where((eb) => eb.or([eb('access_package_id', '=', accessPackageId), eb.and([eb('incompatible_kind', '=', 'accessPackage'), eb('incompatible_id', '=', accessPackageId)])]))
    .execute();
}
