import { actorId } from '../../domain/actor-id.js';
import { NotFoundError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { accessPackageTarget } from '../access-packages/access-package-audit.js';
import { findAccessPackage } from '../access-packages/access-packages.repo.js';
import { recordAudit } from '../audit/audit.repo.js';
import { findRolesByIds, findScopesByIds } from '../catalog-resources/resource-roles.repo.js';
import { entitlementAudit } from '../catalogs/catalog-audit.js';
import type { Deps } from '../deps.js';
import { closeRoleScope, findRoleScope } from './resource-role-scopes.repo.js';

/** Closes the role scope; assignments stop receiving the role when delivery catches up. */
export async function removeResourceRoleScope(deps: Deps, actor: Actor, accessPackageId: string, roleScopeId: string): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const accessPackage = await findAccessPackage(trx, accessPackageId);
    if (!accessPackage) throw new NotFoundError('Access package', accessPackageId);
    const roleScope = await findRoleScope(trx, accessPackage.id, roleScopeId);
    if (!roleScope) throw new NotFoundError('Resource role scope', roleScopeId);
    const [role] = await findRolesByIds(trx, [roleScope.roleId]);
    const [scope] = await findScopesByIds(trx, [roleScope.scopeId]);
    // A concurrent removal may have closed it since it was read: then this one did nothing and audits nothing.
    if ((await closeRoleScope(trx, roleScope.id, actorId(actor.principal), now.toISOString())) === 0) throw new NotFoundError('Resource role scope', roleScopeId);
    await recordAudit(trx, actor, now, {
      ...entitlementAudit('Remove resource role scope from access package', 'Delete', [accessPackageTarget(accessPackage)]),
      additionalDetails: [
        { key: 'roleOriginId', value: role?.originId ?? roleScope.roleId },
        { key: 'scopeOriginId', value: scope?.originId ?? roleScope.scopeId },
      ],
    });
  });
}
