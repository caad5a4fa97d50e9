import { onUniqueViolation } from '../../db/dialect.js';
import { applyAccessPackageChanges, type AccessPackage } from '../../domain/access-package.js';
import { NotFoundError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { recordAudit } from '../audit/audit.repo.js';
import { entitlementAudit } from '../catalogs/catalog-audit.js';
import type { Deps } from '../deps.js';
import { accessPackageTarget } from './access-package-audit.js';
import { findAccessPackage, lockAccessPackage, packageNameTaken, replaceAccessPackage } from './access-packages.repo.js';
import type { UpdateAccessPackageInput } from './access-packages.schemas.js';
import { duplicatePackageName } from './create-access-package.js';

export async function updateAccessPackage(deps: Deps, actor: Actor, id: string, changes: UpdateAccessPackageInput): Promise<AccessPackage> {
  const now = deps.clock();
  let name = changes.displayName ?? '';
  return deps.db.transaction().execute(async (trx) => {
    // Locked before it is read: a PATCH racing a DELETE then sees the deletion and answers 404,
    // instead of writing back the living row it read before the deletion committed.
    await lockAccessPackage(trx, id);
    const before = await findAccessPackage(trx, id);
    if (!before) throw new NotFoundError('Access package', id);
    const after = applyAccessPackageChanges(before, changes, now);
    name = after.displayName;
    const target = accessPackageTarget(after, before, after);
    // An update that changes nothing writes nothing, not even an audit entry.
    if (target.modifiedProperties.length === 0) return before;
    // The check gives the usual answer; a concurrent rename or create that slips past it is
    // stopped by the partial unique index, whose violation becomes the same 409.
    if (after.displayName.toLowerCase() !== before.displayName.toLowerCase() && (await packageNameTaken(trx, before.catalogId, after.displayName, id))) {
      throw duplicatePackageName(after.displayName);
    }
    if ((await replaceAccessPackage(trx, after)) === 0) throw new NotFoundError('Access package', id);
    await recordAudit(trx, actor, now, entitlementAudit('Update access package', 'Update', [target]));
    return after;
  }).catch(onUniqueViolation(() => duplicatePackageName(name)));
}
