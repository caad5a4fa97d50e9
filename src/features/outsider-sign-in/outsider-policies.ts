import type { Executor } from '../../db/database.js';
import { policyAppliesTo, type PolicySubject } from '../../domain/policy-requestors.js';
import type { User } from '../../domain/user.js';
import { findRequestablePackage } from '../access-packages/access-packages.repo.js';
import { livingPoliciesOf, requestablePolicies } from '../assignment-policies/assignment-policies.repo.js';
import { connectedOrganizationOfEmail } from '../connected-organizations/connected-organizations.repo.js';
import { externalTargetScopes } from '../../domain/assignment-policy-rules.js';
import { guestPolicyFacts } from '../guests/guest-policy-facts.js';

/**
 * Whether someone outside, known by their address, could request anything here (or the one package
 * their link names): a policy for their connected organization, for all configured organizations
 * or for all external users, in a published catalog visible to external users. A guest already in
 * the directory may also qualify through policies for all users. Nobody is sent a code for nothing.
 */
export async function outsiderMayRequest(db: Executor, email: string, guest: User | undefined, accessPackageId: string | undefined): Promise<boolean> {
  // A guest already here is seen as policies see them; someone new by their address's organization.
  const organization = guest ? undefined : await connectedOrganizationOfEmail(db, email);
  const facts = guest ? await guestPolicyFacts(db, guest) : { connectedOrganization: organization ? { id: organization.id, state: organization.state } : null };
  const subject: PolicySubject = { id: guest?.id ?? '', userType: 'Guest', groupIds: new Set(), ...facts };
  let policies;
  if (accessPackageId) {
    const found = await findRequestablePackage(db, accessPackageId);
    if (!found?.catalogPublished || !found.catalogExternallyVisible) return false;
    policies = await livingPoliciesOf(db, accessPackageId);
  } else {
    policies = await requestablePolicies(db);
  }
  // Until they are a guest, only the policies for people outside speak of them.
  return policies.some((policy) => (guest || externalTargetScopes.includes(policy.allowedTargetScope)) && policyAppliesTo(policy, subject));
}
