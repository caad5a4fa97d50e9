/**
 * Role definitions, with the template ids Entra uses, so that scripts written for Graph
 * (roleManagement/directory and roleManagement/entitlementManagement) name the same roles.
 */
export const directoryRoles = {
  globalAdministrator: { id: '62e90394-69f5-4237-9190-012177145e10', displayName: 'Global Administrator' },
  globalReader: { id: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451', displayName: 'Global Reader' },
  identityGovernanceAdministrator: { id: '45d8d3c5-c802-45c6-b32a-1d70b5e1e86e', displayName: 'Identity Governance Administrator' },
  userAdministrator: { id: 'fe930be7-5e62-47db-91af-98c3a49a38b1', displayName: 'User Administrator' },
  groupsAdministrator: { id: 'fdd7a751-b60b-444a-984c-02652fe8fa1c', displayName: 'Groups Administrator' },
} as const;

export const catalogRoles = {
  catalogOwner: { id: 'ae79f266-94d4-4dab-b730-feca7e132178', displayName: 'Catalog owner' },
  catalogReader: { id: '44272f93-9762-48e8-af59-1b5351b1d6b3', displayName: 'Catalog reader' },
  accessPackageManager: { id: '7f480852-ebdc-47d4-87de-0d8498384a83', displayName: 'Access package manager' },
  accessPackageAssignmentManager: { id: 'e2182095-804a-4656-ae11-64734e9b7ae5', displayName: 'Access package assignment manager' },
  /** Held at the directory scope ('/'): may create catalogs, and becomes owner of each one created. */
  catalogCreator: { id: 'ba92d953-d8e0-4e39-a797-0cbedb0a89a8', displayName: 'Catalog creator' },
} as const;

export type RoleDefinition = { id: string; displayName: string };

export const directoryRoleList: RoleDefinition[] = Object.values(directoryRoles);
export const catalogRoleList: RoleDefinition[] = Object.values(catalogRoles);

export function catalogAppScopeId(catalogId: string): string {
  return `/AccessPackageCatalog/${catalogId}`;
}

export function catalogIdFromAppScope(appScopeId: string | null): string | null {
  const match = /^\/AccessPackageCatalog\/([^/]+)$/.exec(appScopeId ?? '');
  return match ? match[1]! : null;
}
