import type { Executor } from '../../db/database.js';
import type { AccessPackage } from '../../domain/access-package.js';
import { policyAppliesTo, type PolicySubject } from '../../domain/assignment-policy-rules.js';
import type { AssignmentPolicy } from '../../domain/assignment-policy.js';
import type { Principal } from '../../domain/principal.js';
import { findCatalog } from '../catalogs/catalogs.repo.js';
import { guestPolicyFacts } from '../guests/guest-policy-facts.js';
import { ruleMatcherOf } from '../dynamic-groups/rule-matcher.js';
import { maxGroupNestingDepth, transitiveGroupIdsOf } from '../group-memberships/memberships.repo.js';
import { livingPoliciesOf } from './assignment-policies.repo.js';

/** The caller as a policy sees them; Tessera's own system principal requests nothing. */
export async function policySubjectOf(db: Executor, principal: Principal, now: Date): Promise<PolicySubject | null> {
  if (principal.kind !== 'user') return null;
  return {
    id: principal.id,
    userType: principal.userType,
    groupIds: new Set(await transitiveGroupIdsOf(db, principal.id, maxGroupNestingDepth)),
    matchesRule: await ruleMatcherOf(db, principal.id, now),
    ...(await guestPolicyFacts(db, principal)),
  };
}

/**
 * The policies of a package that let this caller request it. An unpublished catalog's packages
 * cannot be requested, so there none applies to anyone.
 */
export async function policiesApplyingTo(db: Executor, principal: Principal, accessPackage: Pick<AccessPackage, 'id' | 'catalogId'>, now: Date): Promise<AssignmentPolicy[]> {
  const catalog = await findCatalog(db, accessPackage.catalogId);
  const subject = await policySubjectOf(db, principal, now);
  if (catalog?.state !== 'published' || !subject) return [];
  return (await livingPoliciesOf(db, accessPackage.id)).filter((policy) => policyAppliesTo(policy, subject));
}
