import { actorId } from '../../domain/actor-id.js';
import { catalogDeletionBlocker } from '../../domain/catalog.js';
import { ConflictError, NotFoundError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { livingAccessPackagesIn } from '../access-packages/access-packages.repo.js';
import { recordAudit } from '../audit/audit.repo.js';
import { removeAllResourcesOf } from '../catalog-resources/catalog-resources.repo.js';
import { endRoleAssignmentsInCatalog } from '../catalog-roles/catalog-role-assignments.repo.js';
import type { Deps } from '../deps.js';
import { catalogTarget, entitlementAudit } from './catalog-audit.js';
import { findCatalog, lockCatalog, markCatalogDeleted } from './catalogs.repo.js';

/**
 * Soft delete, refused while the catalog still holds access packages (their assignments would be
 * orphaned). The catalog's resources and role assignments end with it, so that nobody keeps a
 * role in a catalog that no longer exists; the rows stay for history.
 */
export async function deleteCatalog(deps: Deps, actor: Actor, id: string): Promise<void> {
  const now = deps.clock();
  const iso = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await lockCatalog(trx, id);
    const catalog = await findCatalog(trx, id);
    if (!catalog) throw new NotFoundError('Catalog', id);
    const blocker = catalogDeletionBlocker(await livingAccessPackagesIn(trx, catalog.id));
    if (blocker) throw new ConflictError(blocker, 'id', 'Request_ResourceInUse');
    await markCatalogDeleted(trx, catalog.id, iso);
    await removeAllResourcesOf(trx, catalog.id, iso);
    await endRoleAssignmentsInCatalog(trx, catalog.id, actorId(actor.principal), iso);
    await recordAudit(trx, actor, now, entitlementAudit('Delete catalog', 'Delete', [catalogTarget(catalog)]));
  });
}
