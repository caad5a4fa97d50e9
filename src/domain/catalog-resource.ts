import { ForbiddenError } from './errors.js';
import { isAllowed } from './permissions.js';
import type { Principal } from './principal.js';
import { directoryRoles } from './roles.js';

/**
 * Resources a catalog holds (Graph: accessPackageResource), with their roles and scopes, and the
 * requests that brought them in or took them out. originSystem names the kind of resource
 * (AadGroup for the built-in directory's groups), originId the thing inside its system.
 */
export type CatalogResource = {
  id: string;
  catalogId: string;
  environmentId: string;
  displayName: string;
  description: string | null;
  originId: string;
  originSystem: string;
  resourceType: string | null;
  createdDateTime: string;
  modifiedDateTime: string;
  removedDateTime: string | null;
};

export type ResourceRole = { id: string; resourceId: string; displayName: string; description: string | null; originId: string; originSystem: string };
export type ResourceScope = ResourceRole & { isRootScope: boolean };

export type ResourceEnvironment = {
  id: string;
  displayName: string;
  description: string | null;
  originId: string;
  originSystem: string;
  isDefaultEnvironment: boolean;
  createdDateTime: string;
  modifiedDateTime: string;
};

export const resourceRequestTypes = ['adminAdd', 'adminUpdate', 'adminRemove', 'userAdd', 'userUpdate', 'userRemove', 'systemAdd', 'systemUpdate', 'systemRemove', 'onBehalfAdd', 'unknownFutureValue'] as const;
export const resourceRequestStates = ['submitted', 'pendingApproval', 'delivering', 'delivered', 'deliveryFailed', 'denied', 'scheduled', 'canceled', 'partiallyDelivered', 'unknownFutureValue'] as const;

export type ResourceRequest = {
  id: string;
  requestType: (typeof resourceRequestTypes)[number];
  state: (typeof resourceRequestStates)[number];
  catalogId: string;
  resourceId: string;
  requestorId: string;
  createdDateTime: string;
};

export const resourcePropertyNames = ['id', 'displayName', 'description', 'originId', 'originSystem', 'createdDateTime', 'modifiedDateTime'] as const;
export const resourceRolePropertyNames = ['id', 'displayName', 'description', 'originId', 'originSystem'] as const;
export const resourceScopePropertyNames = [...resourceRolePropertyNames, 'isRootScope'] as const;
export const resourceRequestPropertyNames = ['id', 'requestType', 'state', 'createdDateTime'] as const;
export const resourceEnvironmentPropertyNames = ['id', 'displayName', 'description', 'originId', 'originSystem', 'isDefaultEnvironment', 'createdDateTime', 'modifiedDateTime'] as const;

/**
 * Who may bring a resource into a catalog. Governance administrators may add anything; a catalog
 * owner only what they themselves own in its system (Entra's rule: a group they are an owner
 * of), so that catalog ownership cannot be used to hand out access to someone else's group.
 * A resource whose roles confer directory roles (a role-assignable group) is offered by a Global
 * Administrator only: otherwise an Identity Governance Administrator or a catalog owner could hand
 * out directory roles, which only a Global Administrator may give, through access packages.
 */
export type ResourceAdmission = { allowed: true } | { allowed: false; reason: string };

export type ResourceCandidate = {
  catalogId: string;
  originSystem: string;
  grantsAdministrativeRoles: boolean;
  /** Undefined when it was not looked up because it cannot matter. */
  ownsResource: boolean | undefined;
};

export function needsResourceOwnership(principal: Principal): boolean {
  // catalog.manage with no catalog in the context holds only for governance administrators.
  return !isAllowed(principal, 'catalog.manage');
}

export function resourceAdmission(principal: Principal, candidate: ResourceCandidate): ResourceAdmission {
  const { catalogId, originSystem, grantsAdministrativeRoles, ownsResource } = candidate;
  if (grantsAdministrativeRoles && principal.kind === 'user' && !principal.directoryRoleIds.has(directoryRoles.globalAdministrator.id)) {
    return { allowed: false, reason: 'The resource confers directory roles (a role-assignable group); only a Global Administrator may add it to a catalog.' };
  }
  if (!needsResourceOwnership(principal)) return { allowed: true };
  if (!isAllowed(principal, 'catalog.manage', { catalogId })) return { allowed: false, reason: 'Only an owner of the catalog may add resources to it.' };
  if (ownsResource === true) return { allowed: true };
  const what = originSystem === 'AadGroup' ? 'groups they own' : 'resources they own';
  return { allowed: false, reason: `A catalog owner who is not an Identity Governance Administrator may add only ${what}.` };
}

export function assertResourceAdmission(admission: ResourceAdmission): void {
  if (!admission.allowed) throw new ForbiddenError(admission.reason);
}

/** Why a resource may not leave its catalog now, or null when it may. */
export function resourceRemovalBlocker(packagesUsingIt: readonly { displayName: string }[]): string | null {
  if (packagesUsingIt.length === 0) return null;
  const names = packagesUsingIt.slice(0, 5).map((accessPackage) => `'${accessPackage.displayName}'`).join(', ');
  return `The resource is still used by access packages (${names}${packagesUsingIt.length > 5 ? ', …' : ''}); remove its roles from them first.`;
}
