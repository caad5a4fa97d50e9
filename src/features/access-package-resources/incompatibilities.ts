import type { Executor } from '../../db/database.js';
import { onUniqueViolation } from '../../db/dialect.js';
import { actorId } from '../../domain/actor-id.js';
import { incompatibilityProblem, type IncompatibilityKind } from '../../domain/access-package.js';
import type { AuditTarget } from '../../domain/audit-entry.js';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { accessPackageTarget } from '../access-packages/access-package-audit.js';
import { findAccessPackage, lockAccessPackage } from '../access-packages/access-packages.repo.js';
import { recordAudit } from '../audit/audit.repo.js';
import { entitlementAudit } from '../catalogs/catalog-audit.js';
import type { Deps } from '../deps.js';
import { findGroup } from '../groups/groups.repo.js';
import { closeIncompatibility, insertIncompatibility, isIncompatible } from './incompatibilities.repo.js';

const noun = { accessPackage: 'access package', group: 'group' } as const;

async function otherTarget(db: Executor, kind: IncompatibilityKind, otherId: string): Promise<AuditTarget | undefined> {
  if (kind === 'accessPackage') {
    const other = await findAccessPackage(db, otherId);
    return other ? accessPackageTarget(other) : undefined;
  }
  const group = await findGroup(db, otherId);
  return group ? { id: group.id, displayName: group.displayName, type: 'Group', modifiedProperties: [] } : undefined;
}

const alreadyIncompatible = (other: string, accessPackage: string) => new ConflictError(`'${other}' is already incompatible with '${accessPackage}'.`, '@odata.id');

export async function addIncompatibility(deps: Deps, actor: Actor, accessPackageId: string, kind: IncompatibilityKind, otherId: string): Promise<void> {
  const now = deps.clock();
  let names = { other: otherId, accessPackage: accessPackageId };
  await deps.db.transaction().execute(async (trx) => {
    // Both packages are locked before they are read, as deletion does, so that no incompatibility
    // is left living on a deleted package; in id order, so two such writers never deadlock.
    const packageIds = kind === 'accessPackage' ? [accessPackageId, otherId].sort() : [accessPackageId];
    for (const id of packageIds) await lockAccessPackage(trx, id);
    const accessPackage = await findAccessPackage(trx, accessPackageId);
    if (!accessPackage) throw new NotFoundError('Access package', accessPackageId);
    const problem = incompatibilityProblem(accessPackage.id, kind, otherId);
    if (problem) throw new ValidationError(problem, '@odata.id');
    const other = await otherTarget(trx, kind, otherId);
    // A package that is gone answers as the route's read check does for one never there: 404.
    if (!other && kind === 'accessPackage') throw new NotFoundError('Access package', otherId, '@odata.id');
    if (!other) throw new ValidationError(`'${otherId}' is not an existing ${noun[kind]}.`, '@odata.id');
    names = { other: other.displayName ?? otherId, accessPackage: accessPackage.displayName };
    if (await isIncompatible(trx, accessPackage.id, kind, otherId)) throw alreadyIncompatible(names.other, names.accessPackage);
    await insertIncompatibility(trx, accessPackage.id, kind, otherId, actorId(actor.principal), now.toISOString());
    await recordAudit(trx, actor, now, entitlementAudit(`Add incompatible ${noun[kind]} to access package`, 'Add', [accessPackageTarget(accessPackage), other]));
  }).catch(onUniqueViolation(() => alreadyIncompatible(names.other, names.accessPackage)));
}

export async function removeIncompatibility(deps: Deps, actor: Actor, accessPackageId: string, kind: IncompatibilityKind, otherId: string): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const accessPackage = await findAccessPackage(trx, accessPackageId);
    if (!accessPackage) throw new NotFoundError('Access package', accessPackageId);
    const closed = await closeIncompatibility(trx, accessPackage.id, kind, otherId, actorId(actor.principal), now.toISOString());
    if (closed === 0) throw new NotFoundError(`Incompatible ${noun[kind]}`, otherId);
    const other = (await otherTarget(trx, kind, otherId)) ?? { id: otherId, displayName: null, type: kind === 'group' ? 'Group' : 'AccessPackage', modifiedProperties: [] };
    await recordAudit(trx, actor, now, entitlementAudit(`Remove incompatible ${noun[kind]} from access package`, 'Delete', [accessPackageTarget(accessPackage), other]));
  });
}
