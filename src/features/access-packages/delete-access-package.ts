import { definitionsReviewing } from '../access-review-definitions/access-review-definitions.repo.js';
import { deleteDefinitionIn } from '../access-review-definitions/manage-access-review-definitions.js';
import { actorId } from '../../domain/actor-id.js';
import { ConflictError, NotFoundError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { closeAllIncompatibilitiesOf } from '../access-package-resources/incompatibilities.repo.js';
import { closeAllRoleScopesOf } from '../access-package-resources/resource-role-scopes.repo.js';
import { policyTarget } from '../assignment-policies/assignment-policy-audit.js';
import { lockPoliciesOfPackage, markPoliciesOfPackageDeleted, packageUsage } from '../assignment-policies/assignment-policies.repo.js';
import { recordAudit } from '../audit/audit.repo.js';
import { entitlementAudit } from '../catalogs/catalog-audit.js';
import type { Deps } from '../deps.js';
import { accessPackageTarget } from './access-package-audit.js';
import { findAccessPackage, lockAccessPackage, markAccessPackageDeleted } from './access-packages.repo.js';

/**
 * Soft delete. The package's resource role scopes and incompatibilities (both ways) end with it,
 * so that a deleted package neither keeps its resources in use nor constrains other packages, and
 * so do its policies. Refused while someone holds the package or a request for it is under way,
 * as Entra refuses it while the package has active assignments.
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
    // Its policies too, before anything is counted: a request being submitted holds its policy
    // until it is written (holdPolicy), and is counted once it is.
    await lockPoliciesOfPackage(trx, accessPackage.id);
    const usage = await packageUsage(trx, accessPackage.id);
    if (usage.activeAssignments > 0) {
      throw new ConflictError(`'${accessPackage.displayName}' still has ${usage.activeAssignments} active assignment(s); remove them before deleting the package.`, 'id', 'Request_ResourceInUse');
    }
    if (usage.openRequests > 0) {
      throw new ConflictError(`'${accessPackage.displayName}' has ${usage.openRequests} request(s) under way; let them finish or cancel them before deleting the package.`, 'id', 'Request_ResourceInUse');
    }
    const by = actorId(actor.principal);
    await markAccessPackageDeleted(trx, accessPackage.id, iso);
    const policies = await markPoliciesOfPackageDeleted(trx, accessPackage.id, iso);
    await closeAllRoleScopesOf(trx, accessPackage.id, by, iso);
    await closeAllIncompatibilitiesOf(trx, accessPackage.id, by, iso);
    // Reviews of its assignments end with it (those its policies made, and any other).
    for (const definition of await definitionsReviewing(trx, accessPackage.id)) await deleteDefinitionIn(trx, actor, definition.id, now, { byPolicy: true });
    await recordAudit(trx, actor, now, [
      entitlementAudit('Delete access package', 'Delete', [accessPackageTarget(accessPackage)]),
      ...policies.map((policy) => entitlementAudit('Delete access package assignment policy', 'Delete', [policyTarget(policy), accessPackageTarget(accessPackage)])),
    ]);
  });
}
