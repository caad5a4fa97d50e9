import { syncPolicyReview } from '../access-review-definitions/policy-reviews.js';
import { ConflictError, NotFoundError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { accessPackageTarget } from '../access-packages/access-package-audit.js';
import { findAccessPackage, lockAccessPackage } from '../access-packages/access-packages.repo.js';
import { recordAudit } from '../audit/audit.repo.js';
import { entitlementAudit } from '../catalogs/catalog-audit.js';
import type { Deps } from '../deps.js';
import { policyTarget } from './assignment-policy-audit.js';
import { findPolicy, lockPolicy, markPolicyDeleted, policyUsage } from './assignment-policies.repo.js';

/**
 * Soft delete, refused while anything still depends on the policy, as Entra refuses it while the
 * policy has active assignments: an assignment's expiry, extension and review follow its policy,
 * and an open request would be delivered under it.
 */
export async function deleteAssignmentPolicy(deps: Deps, actor: Actor, id: string): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const current = await findPolicy(trx, id);
    if (!current) throw new NotFoundError('Access package assignment policy', id);
    await lockAccessPackage(trx, current.accessPackageId);
    await lockPolicy(trx, id);
    const policy = await findPolicy(trx, id);
    if (!policy) throw new NotFoundError('Access package assignment policy', id);
    const usage = await policyUsage(trx, id);
    if (usage.activeAssignments > 0) {
      throw new ConflictError(`The policy '${policy.displayName}' still has ${usage.activeAssignments} active assignment(s); remove them before deleting the policy.`, 'id', 'Request_ResourceInUse');
    }
    if (usage.openRequests > 0) {
      throw new ConflictError(`The policy '${policy.displayName}' has ${usage.openRequests} request(s) under way; let them finish or cancel them before deleting the policy.`, 'id', 'Request_ResourceInUse');
    }
    await markPolicyDeleted(trx, id, now.toISOString());
    await syncPolicyReview(trx, actor, { ...policy, deletedDateTime: now.toISOString() }, now);
    const accessPackage = await findAccessPackage(trx, policy.accessPackageId);
    const targets = accessPackage ? [policyTarget(policy), accessPackageTarget(accessPackage)] : [policyTarget(policy)];
    await recordAudit(trx, actor, now, entitlementAudit('Delete access package assignment policy', 'Delete', targets));
  });
}
