import { applyAccessPackageChanges, type AccessPackage } from '../../domain/access-package.js';
import { NotFoundError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { recordAudit } from '../audit/audit.repo.js';
import { entitlementAudit } from '../catalogs/catalog-audit.js';
import { lockCatalog } from '../catalogs/catalogs.repo.js';
import type { Deps } from '../deps.js';
import { accessPackageTarget } from './access-package-audit.js';
import { findAccessPackage, packageNameTaken, replaceAccessPackage } from './access-packages.repo.js';
import type { UpdateAccessPackageInput } from './access-packages.schemas.js';
import { duplicatePackageName } from './create-access-package.js';

export async function updateAccessPackage(deps: Deps, actor: Actor, id: string, changes: UpdateAccessPackageInput): Promise<AccessPackage> {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const before = await findAccessPackage(trx, id);
    if (!before) throw new NotFoundError('Access package', id);
    const after = applyAccessPackageChanges(before, changes, now);
    const target = accessPackageTarget(after, before, after);
    // An update that changes nothing writes nothing, not even an audit entry.
    if (target.modifiedProperties.length === 0) return before;
    if (after.displayName.toLowerCase() !== before.displayName.toLowerCase()) {
      await lockCatalog(trx, before.catalogId);
      if (await packageNameTaken(trx, before.catalogId, after.displayName, id)) throw duplicatePackageName(after.displayName);
    }
    await replaceAccessPackage(trx, after);
    await recordAudit(trx, actor, now, entitlementAudit('Update access package', 'Update', [target]));
    return after;
  });
}
