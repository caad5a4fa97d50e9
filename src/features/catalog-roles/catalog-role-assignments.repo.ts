import type { Executor } from '../../db/database.js';
import { catalogAppScopeId } from '../../domain/roles.js';

/** Ends every role held in a catalog (when the catalog is deleted); the rows stay for history. */
export async function endRoleAssignmentsInCatalog(db: Executor, catalogId: string, endedBy: string | null, now: string): Promise<number> {
  const result = await db
    .updateTable('role_assignments')
    .set({ ended_date_time: now, ended_by: endedBy })
    .where('provider', '=', 'entitlementManagement')
    .where('app_scope_id', '=', catalogAppScopeId(catalogId))
    .where('ended_date_time', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Ends one entitlement-management role assignment; returns 0 when a concurrent end came first. */
export async function endCatalogRoleAssignmentRow(db: Executor, id: string, endedBy: string | null, now: string): Promise<number> {
  const result = await db
    .updateTable('role_assignments')
    .set({ ended_date_time: now, ended_by: endedBy })
    .where('provider', '=', 'entitlementManagement')
    .where('id', '=', id)
    .where('ended_date_time', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
