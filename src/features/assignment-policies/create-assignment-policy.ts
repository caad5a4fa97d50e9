import { syncPolicyReview } from '../access-review-definitions/policy-reviews.js';
import { randomUUID } from 'node:crypto';
import type { Executor } from '../../db/database.js';
import type { AssignmentPolicy } from '../../domain/assignment-policy.js';
import { externalTargetScopes, subjectReferences, validatePolicy, type PolicySettings } from '../../domain/assignment-policy-rules.js';
import { ValidationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { ValidationProblems } from '../../domain/validation-problems.js';
import { accessPackageTarget } from '../access-packages/access-package-audit.js';
import { findAccessPackage, lockAccessPackage } from '../access-packages/access-packages.repo.js';
import { recordAudit } from '../audit/audit.repo.js';
import { entitlementAudit } from '../catalogs/catalog-audit.js';
import type { Deps } from '../deps.js';
import { enqueuePolicyReconciliation } from '../automatic-assignments/automatic-assignment-jobs.js';
import { findCatalog } from '../catalogs/catalogs.repo.js';
import { findConnectedOrganizationsByIds, lockConnectedOrganization } from '../connected-organizations/connected-organizations.repo.js';
import { findGroupsByIds } from '../groups/groups.repo.js';
import { findUsersByIds } from '../users/users.repo.js';
import { policyTarget } from './assignment-policy-audit.js';
import { insertPolicy } from './assignment-policies.repo.js';
import type { CreatePolicyInput } from './assignment-policies.schemas.js';

export async function createAssignmentPolicy(deps: Deps, actor: Actor, input: CreatePolicyInput): Promise<AssignmentPolicy> {
  const now = deps.clock();
  const { accessPackage: reference, ...fields } = input;
  // Every rule is checked before the database is touched, and reported at once.
  const settings = validatePolicy(fields, { now, newQuestionId: randomUUID });
  const created = await deps.db.transaction().execute(async (trx) => {
    // The package's lock keeps a deletion of the package from passing this creation unseen.
    await lockAccessPackage(trx, reference.id);
    const accessPackage = await findAccessPackage(trx, reference.id);
    if (!accessPackage) throw new ValidationError(`The access package '${reference.id}' does not exist.`, 'accessPackage.id');
    await assertNamedSubjectsExist(trx, settings);
    await assertCatalogOpenToOutsiders(trx, accessPackage.catalogId, settings);
    const time = now.toISOString();
    const policy: AssignmentPolicy = { id: randomUUID(), accessPackageId: accessPackage.id, catalogId: accessPackage.catalogId, ...settings, createdDateTime: time, modifiedDateTime: time, deletedDateTime: null };
    await insertPolicy(trx, policy);
    await recordAudit(trx, actor, now, entitlementAudit('Create access package assignment policy', 'Add', [policyTarget(policy, null, policy), accessPackageTarget(accessPackage)]));
    await syncPolicyReview(trx, actor, policy, now);
    // An automatic policy assigns everyone its rule matches, from now on.
    if (policy.automaticRequestSettings?.requestAccessForAllowedTargets) await enqueuePolicyReconciliation(trx, policy.id, actor.correlationId, now);
    return policy;
  });
  deps.wakeJobs();
  return created;
}

/** A policy for people outside needs a catalog that is visible to them (Entra's "Enabled for external users"). */
export async function assertCatalogOpenToOutsiders(db: Executor, catalogId: string, settings: Pick<PolicySettings, 'allowedTargetScope'>): Promise<void> {
  if (!externalTargetScopes.includes(settings.allowedTargetScope)) return;
  const catalog = await findCatalog(db, catalogId);
  if (catalog && !catalog.isExternallyVisible) {
    throw new ValidationError(`allowedTargetScope ${settings.allowedTargetScope} lets people outside request the package, but the catalog '${catalog.displayName}' is not visible to external users; set its isExternallyVisible first.`, 'allowedTargetScope');
  }
}

/**
 * Every user and group the policy names must exist (and not be deleted), each missing one
 * reported by where it is named. `known` are references already stored, which are not checked
 * again: a user deleted since must not block an unrelated change of the policy.
 */
export async function assertNamedSubjectsExist(db: Executor, settings: Pick<PolicySettings, 'specificAllowedTargets' | 'requestorSettings' | 'requestApprovalSettings'>, known?: PolicySettings): Promise<void> {
  const already = new Set(known ? subjectReferences(known).map((reference) => `${reference.kind}:${reference.id}`) : []);
  const references = subjectReferences(settings).filter((reference) => !already.has(`${reference.kind}:${reference.id}`));
  if (references.length === 0) return;
  const users = new Set((await findUsersByIds(db, references.filter((r) => r.kind === 'user').map((r) => r.id))).map((user) => user.id));
  const groups = new Set((await findGroupsByIds(db, references.filter((r) => r.kind === 'group').map((r) => r.id))).map((group) => group.id));
  const organizationIds = [...new Set(references.filter((r) => r.kind === 'connectedOrganization').map((r) => r.id))].sort();
  // Locked before they are read: an organization being deleted is either seen deleted here, or its
  // deletion waits for this policy and then refuses, since the policy names it.
  for (const id of organizationIds) await lockConnectedOrganization(db, id);
  const organizations = new Set((await findConnectedOrganizationsByIds(db, organizationIds)).map((organization) => organization.id));
  const problems = new ValidationProblems();
  const found = { user: users, group: groups, connectedOrganization: organizations };
  const named = { user: 'user', group: 'group', connectedOrganization: 'connected organization' };
  for (const reference of references) {
    if (!found[reference.kind].has(reference.id)) problems.add(reference.target, `The ${named[reference.kind]} '${reference.id}' named in ${reference.target.replace(/\.(userId|groupId|connectedOrganizationId)$/, '')} does not exist.`);
  }
  problems.throwIfAny();
}
