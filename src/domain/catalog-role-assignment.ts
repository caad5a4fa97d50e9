import { ValidationError } from './errors.js';
import { catalogIdFromAppScope, catalogRoleList, catalogRoles, type RoleDefinition } from './roles.js';

/**
 * Where an entitlement-management role assignment applies. Catalog roles are held in one catalog
 * (appScopeId '/AccessPackageCatalog/{id}'); Catalog creator is held tenant-wide
 * (directoryScopeId '/'), as Graph's roleManagement/entitlementManagement has it.
 */
export type CatalogRoleAssignmentRequest = {
  roleDefinitionId: string;
  appScopeId?: string | null;
  directoryScopeId?: string | null;
};

export type CatalogRoleScope = { role: RoleDefinition; catalogId: string | null };

export function isTenantWideCatalogRole(roleDefinitionId: string): boolean {
  return roleDefinitionId === catalogRoles.catalogCreator.id;
}

export function resolveCatalogRoleScope(request: CatalogRoleAssignmentRequest): CatalogRoleScope {
  const role = catalogRoleList.find((candidate) => candidate.id === request.roleDefinitionId);
  if (!role) {
    throw new ValidationError(`'${request.roleDefinitionId}' is not an entitlement-management role; list them at roleManagement/entitlementManagement/roleDefinitions.`, 'roleDefinitionId');
  }
  const directoryScopeId = request.directoryScopeId ?? '/';
  if (directoryScopeId !== '/') throw new ValidationError("Entitlement-management roles take directoryScopeId '/' only.", 'directoryScopeId');
  const appScopeId = request.appScopeId ?? null;
  if (isTenantWideCatalogRole(role.id)) {
    if (appScopeId !== null) throw new ValidationError(`'${role.displayName}' is held tenant-wide: give directoryScopeId '/' and no appScopeId.`, 'appScopeId');
    return { role, catalogId: null };
  }
  if (appScopeId === null) throw new ValidationError(`'${role.displayName}' is held in a catalog: give appScopeId '/AccessPackageCatalog/{catalogId}'.`, 'appScopeId');
  const catalogId = catalogIdFromAppScope(appScopeId);
  if (!catalogId) throw new ValidationError(`appScopeId '${appScopeId}' is not of the form '/AccessPackageCatalog/{catalogId}'.`, 'appScopeId');
  return { role, catalogId };
}
