import { randomUUID } from 'node:crypto';
import { onUniqueViolation } from '../../db/dialect.js';
import { buildAccessPackage, type AccessPackage } from '../../domain/access-package.js';
import { ConflictError, ValidationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { recordAudit } from '../audit/audit.repo.js';
import { catalogTarget, entitlementAudit } from '../catalogs/catalog-audit.js';
import { findCatalog, lockCatalog } from '../catalogs/catalogs.repo.js';
import type { Deps } from '../deps.js';
import { accessPackageTarget } from './access-package-audit.js';
import { insertAccessPackage, packageNameTaken } from './access-packages.repo.js';
import type { CreateAccessPackageInput } from './access-packages.schemas.js';

export const duplicatePackageName = (displayName: string) =>
  new ConflictError(`The catalog already has an access package named '${displayName}'.`, 'displayName');

export async function createAccessPackage(deps: Deps, actor: Actor, input: CreateAccessPackageInput): Promise<AccessPackage> {
  const now = deps.clock();
  const { catalog: catalogReference, ...fields } = input;
  const accessPackage = buildAccessPackage(fields, catalogReference.id, randomUUID(), now);
  await deps.db.transaction().execute(async (trx) => {
    await lockCatalog(trx, catalogReference.id);
    const catalog = await findCatalog(trx, catalogReference.id);
    if (!catalog) throw new ValidationError(`The catalog '${catalogReference.id}' does not exist.`, 'catalog.id');
    if (await packageNameTaken(trx, catalog.id, accessPackage.displayName)) throw duplicatePackageName(accessPackage.displayName);
    await insertAccessPackage(trx, accessPackage);
    await recordAudit(trx, actor, now, entitlementAudit('Create access package', 'Add', [accessPackageTarget(accessPackage, null, accessPackage), catalogTarget(catalog)]));
  }).catch(onUniqueViolation(() => duplicatePackageName(accessPackage.displayName)));
  return accessPackage;
}
