import { groupRoleOriginId } from '../../domain/group.js';
import type { Actor } from '../../domain/principal.js';
import { catalogRoles } from '../../domain/roles.js';
import { addResourceRoleScope } from '../access-package-resources/add-resource-role-scope.js';
import { createAccessPackage } from '../access-packages/create-access-package.js';
import { createAssignmentPolicy } from '../assignment-policies/create-assignment-policy.js';
import { addCatalogResource } from '../catalog-resources/add-catalog-resource.js';
import { addCatalogRoleAssignment } from '../catalog-roles/catalog-role-assignments.js';
import { createCatalog } from '../catalogs/create-catalog.js';
import type { Deps } from '../deps.js';
import { findUser } from '../users/users.repo.js';
import { administratorPrincipalName } from './demo-organisation.js';

/** The groups of "New hire in IT", by their key in demo-organisation.ts, and the role each grants. */
const newHireInIt: { groupKey: string; role: 'Member' | 'Owner' }[] = [
  { groupKey: 'it-team', role: 'Member' },
  { groupKey: 'it-docs', role: 'Member' },
  { groupKey: 'jira', role: 'Member' },
  { groupKey: 'github', role: 'Member' },
  { groupKey: 'intune-admins', role: 'Member' },
];

/**
 * The IT catalog with the "New hire in IT" package, built through the same use cases an
 * administrator's API calls use, so the demo's audit log reads like a real one.
 */
export async function seedDemoCatalog(deps: Deps, actor: Actor, groupIds: Map<string, string>): Promise<void> {
  const catalog = await createCatalog(deps, actor, {
    displayName: 'IT',
    description: 'Access for people who work in IT: team groups, tools and administration.',
    state: 'published',
    isExternallyVisible: false,
  });
  const administrator = await findUser(deps.db, administratorPrincipalName);
  if (administrator) await addCatalogRoleAssignment(deps, actor, { role: catalogRoles.catalogOwner, catalogId: catalog.id }, administrator.id);

  const accessPackage = await createAccessPackage(deps, actor, {
    displayName: 'New hire in IT',
    description: 'Everything a new IT colleague needs on day one: the team, the documentation site, Jira, GitHub and device management.',
    isHidden: false,
    catalog: { id: catalog.id },
  });
  for (const { groupKey, role } of newHireInIt) {
    const groupId = groupIds.get(groupKey);
    if (!groupId) throw new Error(`The demo organisation has no group '${groupKey}'.`);
    const { resource } = await addCatalogResource(deps, actor, catalog.id, 'AadGroup', groupId);
    await addResourceRoleScope(deps, actor, accessPackage.id, {
      role: { originId: groupRoleOriginId(role, groupId), originSystem: 'AadGroup', resource: { id: resource.id } },
      scope: { originId: groupId, originSystem: 'AadGroup' },
    });
  }

  // IT staff (the IT Team group) may ask; their manager approves within a week, or Ada when
  // there is no manager; access lasts a year and can be extended.
  await createAssignmentPolicy(deps, actor, {
    displayName: 'IT staff, manager approval',
    description: 'People in the IT Team request it; their manager approves.',
    allowedTargetScope: 'specificDirectoryUsers',
    specificAllowedTargets: [{ '@odata.type': '#microsoft.graph.groupMembers', groupId: groupIds.get('it-team')! }],
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
          primaryApprovers: [{ '@odata.type': '#microsoft.graph.requestorManager', managerLevel: 1 }],
          fallbackPrimaryApprovers: administrator ? [{ '@odata.type': '#microsoft.graph.singleUser', userId: administrator.id }] : [],
        },
      ],
    },
    expiration: { type: 'afterDuration', duration: 'P365D' },
    accessPackage: { id: accessPackage.id },
  });
}
