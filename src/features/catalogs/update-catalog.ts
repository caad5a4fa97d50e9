import { onUniqueViolation } from '../../db/dialect.js';
import { applyCatalogChanges, type Catalog } from '../../domain/catalog.js';
import { ConflictError, NotFoundError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { recordAudit } from '../audit/audit.repo.js';
import { externalPolicyNamesOfCatalog } from '../assignment-policies/assignment-policies.repo.js';
import type { Deps } from '../deps.js';
import { catalogTarget, entitlementAudit } from './catalog-audit.js';
import { catalogNameTaken, findCatalog, lockCatalog, replaceCatalog } from './catalogs.repo.js';
import type { UpdateCatalogInput } from './catalogs.schemas.js';
import { duplicateCatalogName } from './create-catalog.js';

export async function updateCatalog(deps: Deps, actor: Actor, id: string, changes: UpdateCatalogInput): Promise<Catalog> {
  const now = deps.clock();
  let name = changes.displayName ?? '';
  return deps.db.transaction().execute(async (trx) => {
    // Locked before it is read: a PATCH racing a DELETE then sees the deletion and answers 404,
    // instead of writing back the living row it read before the deletion committed.
    await lockCatalog(trx, id);
    const before = await findCatalog(trx, id);
    if (!before) throw new NotFoundError('Catalog', id);
    const after = applyCatalogChanges(before, changes, now);
    name = after.displayName;
    const target = catalogTarget(after, before, after);
    // An update that changes nothing writes nothing, not even an audit entry.
    if (target.modifiedProperties.length === 0) return before;
    if (after.displayName.toLowerCase() !== before.displayName.toLowerCase() && (await catalogNameTaken(trx, after.displayName, id))) {
      throw duplicateCatalogName(after.displayName);
    }
    if (before.isExternallyVisible && !after.isExternallyVisible) {
      const external = await externalPolicyNamesOfCatalog(trx, id);
      if (external.length) throw new ConflictError(`Policies in this catalog let people outside request access (${external.join(', ')}); change or delete them before hiding the catalog from external users.`, 'isExternallyVisible', 'CatalogHasExternalPolicies');
    }
    if ((await replaceCatalog(trx, after)) === 0) throw new NotFoundError('Catalog', id);
    await recordAudit(trx, actor, now, entitlementAudit('Update catalog', 'Update', [target]));
    return after;
  }).catch(onUniqueViolation(() => duplicateCatalogName(name)));
}
