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
import { administratorPrincipalName, demoPersonas } from './demo-organisation.js';

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

  await seedProductionAccess(deps, actor, catalog.id, groupIds, administrator?.id);
}

/**
 * "Production access": two approval stages (the security analyst, then the requester's manager)
 * and a question, so the demo shows a request travelling through a real approval chain.
 */
async function seedProductionAccess(deps: Deps, actor: Actor, catalogId: string, groupIds: Map<string, string>, administratorId: string | undefined): Promise<void> {
  const reviewer = await findUser(deps.db, demoPersonas().securityReviewer.userPrincipalName);
  const groupId = groupIds.get('production');
  if (!reviewer || !groupId) throw new Error('The demo organisation lacks the security analyst or the Production Servers group.');
  const accessPackage = await createAccessPackage(deps, actor, {
    displayName: 'Production access',
    description: 'Shell access to the production servers for on-call engineers. Reviewed by IT security, then your manager; lasts 90 days.',
    isHidden: false,
    catalog: { id: catalogId },
  });
  const { resource } = await addCatalogResource(deps, actor, catalogId, 'AadGroup', groupId);
  await addResourceRoleScope(deps, actor, accessPackage.id, {
    role: { originId: groupRoleOriginId('Member', groupId), originSystem: 'AadGroup', resource: { id: resource.id } },
    scope: { originId: groupId, originSystem: 'AadGroup' },
  });
  const fallback = administratorId ? [{ '@odata.type': '#microsoft.graph.singleUser' as const, userId: administratorId }] : [];
  await createAssignmentPolicy(deps, actor, {
    displayName: 'IT staff, security and manager approval',
    description: 'People in the IT Team request it; IT security reviews it, then their manager approves.',
    allowedTargetScope: 'specificDirectoryUsers',
    specificAllowedTargets: [{ '@odata.type': '#microsoft.graph.groupMembers', groupId: groupIds.get('it-team')! }],
    requestorSettings: { enableTargetsToSelfAddAccess: true, enableTargetsToSelfUpdateAccess: true, enableTargetsToSelfRemoveAccess: true },
    requestApprovalSettings: {
      isApprovalRequiredForAdd: true,
      isApprovalRequiredForUpdate: true,
      isRequestorJustificationRequired: true,
      stages: [
        { durationBeforeAutomaticDenial: 'P3D', isApproverJustificationRequired: false, isEscalationEnabled: false, primaryApprovers: [{ '@odata.type': '#microsoft.graph.singleUser', userId: reviewer.id }], fallbackPrimaryApprovers: fallback },
        { durationBeforeAutomaticDenial: 'P7D', isApproverJustificationRequired: false, isEscalationEnabled: false, primaryApprovers: [{ '@odata.type': '#microsoft.graph.requestorManager', managerLevel: 1 }], fallbackPrimaryApprovers: fallback },
      ],
    },
    questions: [
      {
        '@odata.type': '#microsoft.graph.accessPackageMultipleChoiceQuestion',
        text: 'Which service will you be on call for?',
        sequence: 1,
        isRequired: true,
        isMultipleSelectionAllowed: false,
        choices: [
          { actualValue: 'payments', text: 'Payments' },
          { actualValue: 'search', text: 'Search' },
          { actualValue: 'identity', text: 'Identity' },
        ],
      },
    ],
    expiration: { type: 'afterDuration', duration: 'P90D' },
    accessPackage: { id: accessPackage.id },
  });
}
