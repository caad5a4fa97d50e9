import { groupRoleOriginId } from '../../domain/group.js';
import type { Actor } from '../../domain/principal.js';
import { addResourceRoleScope } from '../access-package-resources/add-resource-role-scope.js';
import { createAccessPackage } from '../access-packages/create-access-package.js';
import { createAssignmentPolicy } from '../assignment-policies/create-assignment-policy.js';
import { addCatalogResource } from '../catalog-resources/add-catalog-resource.js';
import { createCatalog } from '../catalogs/create-catalog.js';
import { createConnectedOrganization } from '../connected-organizations/manage-connected-organizations.js';
import { addOrganizationSponsor } from '../connected-organizations/organization-sponsors.js';
import type { Deps } from '../deps.js';
import { findUser } from '../users/users.repo.js';
import { administratorPrincipalName, demoPersonas } from './demo-organisation.js';

/** The demo's partner company: people with addresses at this domain may ask for the partner package. */
export const demoPartnerDomain = 'fabrikam.example';

/**
 * Fabrikam, a partner company, with the head of IT as its internal sponsor, and the "Partners"
 * catalog (visible to external users) offering "Partner project workspace": someone at
 * fabrikam.example opens the package's link, proves their address with a mailed code, asks, and
 * the head of IT approves. Access lasts 90 days; a guest left with nothing is blocked, then deleted.
 */
export async function seedDemoPartners(deps: Deps, actor: Actor, groupIds: Map<string, string>): Promise<void> {
  const sponsor = await findUser(deps.db, demoPersonas().headOfIt.userPrincipalName);
  const administrator = await findUser(deps.db, administratorPrincipalName);
  const groupId = groupIds.get('partner-workspace');
  if (!sponsor || !administrator || !groupId) throw new Error('The demo organisation lacks the head of IT, the administrator or the partner workspace group.');

  const fabrikam = await createConnectedOrganization(deps, actor, {
    displayName: 'Fabrikam',
    description: 'Our integration partner for the customer portal project.',
    identitySources: [{ '@odata.type': '#microsoft.graph.domainIdentitySource', domainName: demoPartnerDomain, displayName: 'Fabrikam' }],
    state: 'configured',
  });
  await addOrganizationSponsor(deps, actor, fabrikam.id, 'internal', `https://graph.microsoft.com/v1.0/users/${sponsor.id}`);

  const catalog = await createCatalog(deps, actor, { displayName: 'Partners', description: 'Access for people at partner companies.', state: 'published', isExternallyVisible: true });
  const accessPackage = await createAccessPackage(deps, actor, {
    displayName: 'Partner project workspace',
    description: 'The shared workspace of the customer portal project, for people at Fabrikam.',
    isHidden: false,
    catalog: { id: catalog.id },
  });
  const { resource } = await addCatalogResource(deps, actor, catalog.id, 'AadGroup', groupId);
  await addResourceRoleScope(deps, actor, accessPackage.id, {
    role: { originId: groupRoleOriginId('Member', groupId), originSystem: 'AadGroup', resource: { id: resource.id } },
    scope: { originId: groupId, originSystem: 'AadGroup' },
  });
  await createAssignmentPolicy(deps, actor, {
    displayName: 'Fabrikam people, sponsor approval',
    description: 'People at Fabrikam request it themselves; Fabrikam’s internal sponsor approves.',
    allowedTargetScope: 'specificConnectedOrganizationUsers',
    specificAllowedTargets: [{ '@odata.type': '#microsoft.graph.connectedOrganizationMembers', connectedOrganizationId: fabrikam.id }],
    requestorSettings: { enableTargetsToSelfAddAccess: true, enableTargetsToSelfUpdateAccess: true, enableTargetsToSelfRemoveAccess: true },
    requestApprovalSettings: {
      isApprovalRequiredForAdd: true,
      isApprovalRequiredForUpdate: false,
      isRequestorJustificationRequired: true,
      stages: [
        {
          durationBeforeAutomaticDenial: 'P7D',
          isApproverJustificationRequired: false,
          isEscalationEnabled: false,
          primaryApprovers: [{ '@odata.type': '#microsoft.graph.internalSponsors' }],
          fallbackPrimaryApprovers: [{ '@odata.type': '#microsoft.graph.singleUser', userId: administrator.id }],
        },
      ],
    },
    expiration: { type: 'afterDuration', duration: 'P90D' },
    accessPackage: { id: accessPackage.id },
  });
}
