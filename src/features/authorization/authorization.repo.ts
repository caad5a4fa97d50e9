import type { Executor } from '../../db/database.js';

/** The catalog a living access package belongs to, for catalog-scoped decisions. */
export async function catalogIdOfAccessPackage(db: Executor, accessPackageId: string): Promise<string | undefined> {
  const row = await db.selectFrom('access_packages').select('catalog_id').where('id', '=', accessPackageId).where('deleted_date_time', 'is', null).executeTakeFirst();
  return row?.catalog_id;
}

/** The catalog a living assignment policy belongs to. */
export async function catalogIdOfPolicy(db: Executor, policyId: string): Promise<string | undefined> {
  const row = await db.selectFrom('assignment_policies').select('catalog_id').where('id', '=', policyId).where('deleted_date_time', 'is', null).executeTakeFirst();
  return row?.catalog_id;
}

/**
 * The catalog a resource is or was in. Removed resources count: who held their roles is history
 * that stays readable.
 */
export async function catalogIdOfResource(db: Executor, resourceId: string): Promise<string | undefined> {
  const row = await db.selectFrom('resources').select('catalog_id').where('id', '=', resourceId).executeTakeFirst();
  return row?.catalog_id;
}
