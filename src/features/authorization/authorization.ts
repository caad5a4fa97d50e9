import type { Executor } from '../../db/database.js';
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import { isAllowed, type Action } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { isGroupOwner } from '../groups/memberships.repo.js';

/**
 * The one authorization module: every route asks here before it calls a use case. It finds out
 * what the decision needs about the target (the catalog an access package lives in, whether the
 * caller owns a group) and leaves the decision to domain/permissions.ts.
 */
export type AccessTarget =
  | { catalogId: string }
  | { accessPackageId: string }
  | { groupId: string }
  | Record<string, never>;

export async function requireAccess(db: Executor, principal: Principal, action: Action, target: AccessTarget = {}): Promise<void> {
  if (principal.kind === 'system') return;
  const context: { catalogId?: string; isGroupOwner?: boolean } = {};
  if ('catalogId' in target) context.catalogId = target.catalogId;
  if ('accessPackageId' in target) {
    const row = await db.selectFrom('access_packages').select('catalog_id').where('id', '=', target.accessPackageId).where('deleted_date_time', 'is', null).executeTakeFirst();
    // Someone without read access to the catalog learns nothing, not even that the package exists.
    if (!row) throw new NotFoundError('Access package', target.accessPackageId);
    context.catalogId = row.catalog_id;
  }
  if ('groupId' in target && action === 'group.members.manage') {
    context.isGroupOwner = await isGroupOwner(db, target.groupId, principal.id);
  }
  if (!isAllowed(principal, action, context)) throw new ForbiddenError();
}
