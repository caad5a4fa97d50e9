import { describe, expect, it } from 'vitest';
import { resolveCatalogRoleScope, type CatalogRoleAssignmentRequest } from './catalog-role-assignment.js';
import { ValidationError } from './errors.js';
import { catalogRoles } from './roles.js';

const { catalogOwner, catalogReader, catalogCreator } = catalogRoles;

describe('resolveCatalogRoleScope', () => {
  it.each<[string, CatalogRoleAssignmentRequest, string | null]>([
    ['Catalog owner in a catalog', { roleDefinitionId: catalogOwner.id, appScopeId: '/AccessPackageCatalog/c1' }, 'c1'],
    ['Catalog reader with directoryScopeId / too', { roleDefinitionId: catalogReader.id, appScopeId: '/AccessPackageCatalog/c2', directoryScopeId: '/' }, 'c2'],
    ['Catalog creator tenant-wide', { roleDefinitionId: catalogCreator.id, directoryScopeId: '/' }, null],
    ['Catalog creator with no scope given', { roleDefinitionId: catalogCreator.id }, null],
  ])('%s', (_name, request, catalogId) => {
    expect(resolveCatalogRoleScope(request).catalogId).toBe(catalogId);
  });

  it.each<[string, CatalogRoleAssignmentRequest, string]>([
    ['an unknown role', { roleDefinitionId: 'nope', appScopeId: '/AccessPackageCatalog/c1' }, 'roleDefinitionId'],
    ['a catalog role without a catalog', { roleDefinitionId: catalogOwner.id, directoryScopeId: '/' }, 'appScopeId'],
    ['a malformed appScopeId', { roleDefinitionId: catalogOwner.id, appScopeId: '/Catalogs/c1' }, 'appScopeId'],
    ['Catalog creator in a catalog', { roleDefinitionId: catalogCreator.id, appScopeId: '/AccessPackageCatalog/c1' }, 'appScopeId'],
    ['a directory scope other than /', { roleDefinitionId: catalogCreator.id, directoryScopeId: '/administrativeUnits/x' }, 'directoryScopeId'],
  ])('refuses %s', (_name, request, target) => {
    try {
      resolveCatalogRoleScope(request);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).target).toBe(target);
    }
  });
});
