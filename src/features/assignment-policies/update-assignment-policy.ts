import { syncPolicyReview } from '../access-review-definitions/policy-reviews.js';
import { randomUUID } from 'node:crypto';
import type { AssignmentPolicy } from '../../domain/assignment-policy.js';
import { mergePolicyInput, replaceAssignmentPolicy, type AssignmentPolicyInput } from '../../domain/assignment-policy-rules.js';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { accessPackageTarget } from '../access-packages/access-package-audit.js';
import { findAccessPackage, lockAccessPackage } from '../access-packages/access-packages.repo.js';
import { recordAudit } from '../audit/audit.repo.js';
import { entitlementAudit } from '../catalogs/catalog-audit.js';
import type { Deps } from '../deps.js';
import { enqueuePolicyReconciliation } from '../automatic-assignments/automatic-assignment-jobs.js';
import { policyTarget } from './assignment-policy-audit.js';
import { findPolicy, lockPolicy, replacePolicy } from './assignment-policies.repo.js';
import type { ReplacePolicyInput, UpdatePolicyInput } from './assignment-policies.schemas.js';
import { assertCatalogOpenToOutsiders, assertNamedSubjectsExist } from './create-assignment-policy.js';

/**
 * Graph updates a policy with PUT, a full replace: what is left out takes its default. Tessera
 * also takes PATCH, which changes only what is given (domain mergePolicyInput says how).
 * Requests already under way keep the policy they were made under (their snapshot).
 */
export type PolicyChange = { kind: 'replace'; body: ReplacePolicyInput } | { kind: 'merge'; body: UpdatePolicyInput };

export async function updateAssignmentPolicy(deps: Deps, actor: Actor, id: string, change: PolicyChange): Promise<AssignmentPolicy> {
  const now = deps.clock();
  const { id: bodyId, createdDateTime: _created, modifiedDateTime: _modified, accessPackage: reference, ...fields } = change.body;
  if (bodyId !== undefined && bodyId !== id) throw new ValidationError(`The body's id '${bodyId}' is not the id of the policy in the URL.`, 'id');
  const updated = await deps.db.transaction().execute(async (trx) => {
    const current = await findPolicy(trx, id);
    if (!current) throw new NotFoundError('Access package assignment policy', id);
    // Locks in the usual order (package, then policy), then read again: a change racing a
    // deletion sees the deletion (404) instead of writing back what it read before it.
    await lockAccessPackage(trx, current.accessPackageId);
    await lockPolicy(trx, id);
    const before = await findPolicy(trx, id);
    if (!before) throw new NotFoundError('Access package assignment policy', id);
    if (reference && reference.id !== before.accessPackageId) {
      throw new ValidationError('A policy stays with its access package; create a policy of the other package instead.', 'accessPackage.id');
    }
    const input: AssignmentPolicyInput = change.kind === 'replace' ? { ...fields, displayName: change.body.displayName } : mergePolicyInput(before, fields);
    const after = replaceAssignmentPolicy(before, input, randomUUID, now);
    const target = policyTarget(after, before, after);
    // A change that changes nothing writes nothing, not even an audit entry.
    if (target.modifiedProperties.length === 0) return before;
    await assertNamedSubjectsExist(trx, after, before);
    await assertCatalogOpenToOutsiders(trx, after.catalogId, after);
    if ((await replacePolicy(trx, after)) === 0) throw new NotFoundError('Access package assignment policy', id);
    const accessPackage = await findAccessPackage(trx, after.accessPackageId);
    const targets = accessPackage ? [target, accessPackageTarget(accessPackage)] : [target];
    await recordAudit(trx, actor, now, entitlementAudit('Update access package assignment policy', 'Update', targets));
    if (JSON.stringify([before.reviewSettings, before.displayName]) !== JSON.stringify([after.reviewSettings, after.displayName])) await syncPolicyReview(trx, actor, after, now);
    // An automatic policy whose rule or settings changed meets the whole directory again.
    const ruleOrSettingsChanged = JSON.stringify([before.specificAllowedTargets, before.automaticRequestSettings]) !== JSON.stringify([after.specificAllowedTargets, after.automaticRequestSettings]);
    if (after.automaticRequestSettings?.requestAccessForAllowedTargets && ruleOrSettingsChanged) await enqueuePolicyReconciliation(trx, after.id, actor.correlationId, now);
    return after;
  });
  deps.wakeJobs();
  return updated;
}
