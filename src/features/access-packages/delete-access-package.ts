import { actorId } from '../../domain/actor-id.js';
import { NotFoundError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { closeAllIncompatibilitiesOf } from '../access-package-resources/incompatibilities.repo.js';
import { closeAllRoleScopesOf } from '../access-package-resources/resource-role-scopes.repo.js';
import { recordAudit } from '../audit/audit.repo.js';
import { entitlementAudit } from '../catalogs/catalog-audit.js';
import type { Deps } from '../deps.js';
import { accessPackageTarget } from './access-package-audit.js';
import { findAccessPackage, lockAccessPackage, markAccessPackageDeleted } from './access-packages.repo.js';

/**
 * Soft delete. The package's resource role scopes and incompatibilities (both ways) end with it,
 * so that a deleted package neither keeps its resources in use nor constrains other packages.
 */
export async function deleteAccessPackage(deps: Deps, actor: Actor, id: string): Promise<void> {
  const now = deps.clock();
  const iso = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    // Locked before it is read, so that of two racing deletions the second finds nothing (404)
    // instead of deleting again and auditing twice, and nothing is added to the package meanwhile.
    await lockAccessPackage(trx, id);
    const accessPackage = await findAccessPackage(trx, id);
    if (!accessPackage) throw new NotFoundError('Access package', id);
    const by = actorId(actor.principal);
    await markAccessPackageDeleted(trx, accessPackage.id, iso);
    await closeAllRoleScopesOf(trx, accessPackage.id, by, iso);
    await closeAllIncompatibilitiesOf(trx, accessPackage.id, by, iso);
    await recordAudit(trx, actor, now, entitlementAudit('Delete access package', 'Delete', [accessPackageTarget(accessPackage)]));
  });
}
