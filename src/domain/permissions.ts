import type { Principal } from './principal.js';
import { catalogRoles, directoryRoles } from './roles.js';

/**
 * Who may do what: the pure half of the one authorization module
 * (src/features/authorization/). Everything a route needs to know about its target (which
 * catalog, whether the caller owns the group) is looked up there and passed in here.
 */
export type Action =
  | 'directory.read'
  | 'users.manage'
  | 'groups.manage'
  | 'group.members.manage'
  | 'directoryRoles.read'
  | 'directoryRoles.manage'
  | 'auditLogs.read'
  | 'catalogs.create'
  | 'catalog.read'
  | 'catalog.manage'
  | 'accessPackages.read'
  | 'accessPackages.manage'
  | 'policies.manage'
  | 'assignments.read'
  | 'assignments.manage'
  | 'tenantCatalogRoles.manage'
  /** Browsing what one may request and what a request needs: any signed-in (hence enabled) user. */
  | 'entitlements.browse'
  /** Tessera's "who has access to what, and why" reports, about a user or a catalog resource. */
  | 'accessReports.read'
  /** The systems Tessera delivers access into: seen (without secrets) and managed. */
  | 'connectedSystems.read'
  | 'connectedSystems.manage'
  /**
   * Access reviews: of a group, by governance and User Administrators; of a package's assignments
   * (context.catalogId), also by that catalog's owners and package managers, as Entra lets them.
   * Deciding is not an action here: a decision's own reviewers decide it, whoever they are.
   */
  | 'accessReviews.read'
  | 'accessReviews.manage'
  /**
   * Connected organizations and their sponsors: governance administrators manage them; Global
   * Readers, and the owners and package managers of any catalog (who write policies naming them),
   * see them. Not every signed-in user: the list names the partners.
   */
  | 'connectedOrganizations.read'
  | 'connectedOrganizations.manage'
  /** entitlementManagement/settings: what happens to external users after their last assignment. */
  | 'entitlementSettings.read'
  | 'entitlementSettings.manage'
  /** One's own sign-in: who one is signed in as, and signing out. Any signed-in user. */
  | 'session.own';

/**
 * What a decision needs to know about its target. A privileged user (one holding a directory
 * role) and a role-assignable group are managed by Global Administrators only, so that a User or
 * Groups Administrator, or a group owner, cannot escalate to a role they do not hold.
 */
export type ActionContext = { catalogId?: string; isGroupOwner?: boolean; targetIsPrivileged?: boolean; isRoleAssignableGroup?: boolean; targetIsSelf?: boolean };

const { globalAdministrator, globalReader, identityGovernanceAdministrator, userAdministrator, groupsAdministrator } = directoryRoles;
const { catalogOwner, catalogReader, accessPackageManager, accessPackageAssignmentManager, catalogCreator } = catalogRoles;

const governanceAdmins = [globalAdministrator.id, identityGovernanceAdministrator.id];
const governanceReaders = [...governanceAdmins, globalReader.id];

export function isAllowed(principal: Principal, action: Action, context: ActionContext = {}): boolean {
  if (principal.kind === 'system') return true;
  const hasDirectoryRole = (...ids: string[]) => ids.some((id) => principal.directoryRoleIds.has(id));
  const hasCatalogRole = (...ids: string[]) => {
    const held = context.catalogId ? principal.catalogRoleIds.get(context.catalogId) : undefined;
    return held !== undefined && ids.some((id) => held.has(id));
  };

  switch (action) {
    case 'directory.read':
      // Members read the directory, as in Entra's default user permissions; guests do not.
      return principal.userType === 'Member' || hasDirectoryRole(...governanceReaders, userAdministrator.id, groupsAdministrator.id);
    case 'users.manage':
      if (context.targetIsPrivileged) return hasDirectoryRole(globalAdministrator.id);
      return hasDirectoryRole(globalAdministrator.id, userAdministrator.id);
    case 'groups.manage':
      if (context.isRoleAssignableGroup) return hasDirectoryRole(globalAdministrator.id);
      return hasDirectoryRole(globalAdministrator.id, userAdministrator.id, groupsAdministrator.id);
    case 'group.members.manage':
      if (context.isRoleAssignableGroup) return hasDirectoryRole(globalAdministrator.id);
      return context.isGroupOwner === true || hasDirectoryRole(globalAdministrator.id, userAdministrator.id, groupsAdministrator.id);
    case 'directoryRoles.read':
      return hasDirectoryRole(globalAdministrator.id, globalReader.id, identityGovernanceAdministrator.id);
    case 'directoryRoles.manage':
      return hasDirectoryRole(globalAdministrator.id);
    case 'auditLogs.read':
      return hasDirectoryRole(...governanceReaders);
    case 'catalogs.create':
      return hasDirectoryRole(...governanceAdmins) || principal.tenantCatalogRoleIds.has(catalogCreator.id);
    case 'catalog.read':
      return hasDirectoryRole(...governanceReaders) || hasCatalogRole(catalogOwner.id, catalogReader.id, accessPackageManager.id, accessPackageAssignmentManager.id);
    case 'catalog.manage':
      return hasDirectoryRole(...governanceAdmins) || hasCatalogRole(catalogOwner.id);
    case 'accessPackages.read':
      return hasDirectoryRole(...governanceReaders) || hasCatalogRole(catalogOwner.id, catalogReader.id, accessPackageManager.id, accessPackageAssignmentManager.id);
    case 'accessPackages.manage':
      return hasDirectoryRole(...governanceAdmins) || hasCatalogRole(catalogOwner.id, accessPackageManager.id);
    case 'policies.manage':
      return hasDirectoryRole(...governanceAdmins) || hasCatalogRole(catalogOwner.id, accessPackageManager.id);
    case 'assignments.read':
      return hasDirectoryRole(...governanceReaders) || hasCatalogRole(catalogOwner.id, catalogReader.id, accessPackageManager.id, accessPackageAssignmentManager.id);
    case 'assignments.manage':
      // Direct assignment and removal, as Entra gives them to these catalog roles.
      return hasDirectoryRole(...governanceAdmins) || hasCatalogRole(catalogOwner.id, accessPackageManager.id, accessPackageAssignmentManager.id);
    case 'entitlements.browse':
    case 'session.own':
      return principal.kind === 'user';
    case 'accessReports.read': {
      // About a catalog's resource: whoever reads that catalog's assignments. About a user: the
      // user themself, or anyone who reads some catalog's assignments (they see those rows only).
      if (context.targetIsSelf) return true;
      if (context.catalogId !== undefined) return isAllowed(principal, 'assignments.read', context);
      const catalogs = accessReportCatalogs(principal);
      return catalogs === 'all' || catalogs.length > 0;
    }
    case 'connectedSystems.read':
      return hasDirectoryRole(...governanceReaders);
    case 'connectedSystems.manage':
      return hasDirectoryRole(...governanceAdmins);
    case 'accessReviews.read':
      if (context.catalogId) return hasDirectoryRole(...governanceReaders) || hasCatalogRole(catalogOwner.id, catalogReader.id, accessPackageManager.id);
      return hasDirectoryRole(...governanceReaders, userAdministrator.id);
    case 'accessReviews.manage':
      return hasDirectoryRole(...governanceAdmins) || (context.catalogId ? hasCatalogRole(catalogOwner.id, accessPackageManager.id) : hasDirectoryRole(userAdministrator.id));
    case 'connectedOrganizations.read':
      // Who writes policies for outsiders (a catalog's owners and package managers) picks organizations from the list.
      return hasDirectoryRole(...governanceReaders) || [...principal.catalogRoleIds.values()].some((held) => held.has(catalogOwner.id) || held.has(accessPackageManager.id));
    case 'entitlementSettings.read':
      return hasDirectoryRole(...governanceReaders);
    case 'connectedOrganizations.manage':
    case 'entitlementSettings.manage':
      return hasDirectoryRole(...governanceAdmins);
    case 'tenantCatalogRoles.manage':
      // Entitlement-management roles held tenant-wide (Catalog creator) are given by governance admins only.
      return hasDirectoryRole(...governanceAdmins);
  }
}

/**
 * Which access reviews a principal may list: of groups (governance readers, User Administrators),
 * and of packages in which catalogs (governance readers: all; catalog owners, readers and package
 * managers: theirs).
 */
export function visibleAccessReviews(principal: Principal): { groups: boolean; catalogs: 'all' | string[] } {
  if (principal.kind === 'system' || governanceReaders.some((id) => principal.directoryRoleIds.has(id))) return { groups: true, catalogs: 'all' };
  return { groups: principal.directoryRoleIds.has(userAdministrator.id), catalogs: [...principal.catalogRoleIds.keys()].filter((catalogId) => isAllowed(principal, 'accessReviews.read', { catalogId })) };
}

/** Catalogs a principal may list: every one, or only those where they hold a catalog role. */
export function visibleCatalogs(principal: Principal): 'all' | string[] {
  if (principal.kind === 'system' || governanceReaders.some((id) => principal.directoryRoleIds.has(id))) return 'all';
  return [...principal.catalogRoleIds.keys()];
}

/**
 * The catalogs whose rows an access report shows: all of them to governance readers and to the
 * person a report is about (it is their own access); to catalog roles, the catalogs whose
 * assignments they may read.
 */
export function accessReportCatalogs(principal: Principal, context: { targetIsSelf?: boolean } = {}): 'all' | string[] {
  if (principal.kind === 'system' || context.targetIsSelf || governanceReaders.some((id) => principal.directoryRoleIds.has(id))) return 'all';
  return [...principal.catalogRoleIds.keys()].filter((catalogId) => isAllowed(principal, 'assignments.read', { catalogId }));
}

/**
 * The admin center's areas the portal shows a principal in its menu. Only a hint for the menu:
 * every call those pages make is authorized on its own. Catalogs open to whoever reads a catalog
 * or may create one; the directory to user and group administrators; the audit log to readers of it;
 * connected organizations and the entitlement settings (what happens to external users) to
 * governance administrators and Global Readers. `canManage` says which of the last two the
 * principal may also change, so that a reader's pages leave out controls that would be refused.
 */
export type AdminCenterAreas = {
  catalogs: boolean;
  directory: boolean;
  auditLog: boolean;
  connectedSystems: boolean;
  accessReviews: boolean;
  connectedOrganizations: boolean;
  entitlementSettings: boolean;
  canManage: { connectedOrganizations: boolean; entitlementSettings: boolean };
};

export function adminCenterAreas(principal: Principal): AdminCenterAreas {
  const catalogs = visibleCatalogs(principal);
  return {
    catalogs: catalogs === 'all' || catalogs.length > 0 || isAllowed(principal, 'catalogs.create'),
    directory: isAllowed(principal, 'users.manage') || isAllowed(principal, 'groups.manage'),
    auditLog: isAllowed(principal, 'auditLogs.read'),
    connectedSystems: isAllowed(principal, 'connectedSystems.read'),
    accessReviews: (({ groups, catalogs }) => groups || catalogs === 'all' || catalogs.length > 0)(visibleAccessReviews(principal)),
    connectedOrganizations: isAllowed(principal, 'connectedOrganizations.read'),
    entitlementSettings: isAllowed(principal, 'entitlementSettings.read'),
    canManage: { connectedOrganizations: isAllowed(principal, 'connectedOrganizations.manage'), entitlementSettings: isAllowed(principal, 'entitlementSettings.manage') },
  };
}
