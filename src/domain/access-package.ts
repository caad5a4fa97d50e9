import type { CatalogResource, ResourceRole, ResourceScope } from './catalog-resource.js';
import { ValidationError } from './errors.js';

/** An access package (Graph: accessPackage): a set of resource role scopes in one catalog. */
export type AccessPackage = {
  id: string;
  catalogId: string;
  displayName: string;
  description: string | null;
  isHidden: boolean;
  createdDateTime: string;
  modifiedDateTime: string;
  deletedDateTime: string | null;
};

export const accessPackagePropertyNames = ['id', 'displayName', 'description', 'isHidden', 'createdDateTime', 'modifiedDateTime'] as const;
export const auditedAccessPackageProperties = ['displayName', 'description', 'isHidden'] as const;

export type AccessPackageFields = Pick<AccessPackage, 'displayName'> & Partial<Pick<AccessPackage, 'description' | 'isHidden'>>;

export function buildAccessPackage(fields: AccessPackageFields, catalogId: string, id: string, now: Date): AccessPackage {
  const time = now.toISOString();
  return {
    id,
    catalogId,
    displayName: fields.displayName,
    description: fields.description ?? null,
    isHidden: fields.isHidden ?? false,
    createdDateTime: time,
    modifiedDateTime: time,
    deletedDateTime: null,
  };
}

export function applyAccessPackageChanges(accessPackage: AccessPackage, changes: Partial<AccessPackageFields>, now: Date): AccessPackage {
  const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  return { ...accessPackage, ...defined, modifiedDateTime: now.toISOString() };
}

/** A resource role scope (Graph: accessPackageResourceRoleScope): one role, in one scope, of one resource. */
export type ResourceRoleScope = { id: string; accessPackageId: string; roleId: string; scopeId: string; createdDateTime: string };

export type RoleScopeCandidate = {
  packageCatalogId: string;
  role: ResourceRole;
  roleResource: Pick<CatalogResource, 'id' | 'catalogId' | 'removedDateTime'>;
  scope: ResourceScope;
  scopeResource: Pick<CatalogResource, 'id' | 'catalogId' | 'removedDateTime'>;
};

/**
 * A package may hand out only what its own catalog holds: a role and a scope of the same living
 * resource of that catalog. Catalog owners curate what a catalog offers; a package manager of
 * catalog A must not reach a resource that only catalog B's owners agreed to offer.
 */
export function roleScopeProblem(candidate: RoleScopeCandidate): { message: string; target: string } | null {
  const { packageCatalogId, role, roleResource, scope, scopeResource } = candidate;
  if (roleResource.catalogId !== packageCatalogId || roleResource.removedDateTime !== null) {
    return { message: `The role '${role.originId}' belongs to a resource that is not in the access package's catalog.`, target: 'role.resource.id' };
  }
  if (scopeResource.catalogId !== packageCatalogId || scopeResource.removedDateTime !== null) {
    return { message: `The scope '${scope.originId}' belongs to a resource that is not in the access package's catalog.`, target: 'scope' };
  }
  if (scope.resourceId !== role.resourceId) {
    return { message: `The scope '${scope.originId}' is not a scope of the role's resource.`, target: 'scope' };
  }
  if (scope.originSystem !== role.originSystem) {
    return { message: `The scope comes from '${scope.originSystem}' but the role from '${role.originSystem}'.`, target: 'scope.originSystem' };
  }
  return null;
}

export function assertRoleScopeConsistent(candidate: RoleScopeCandidate): void {
  const problem = roleScopeProblem(candidate);
  if (problem) throw new ValidationError(problem.message, problem.target);
}

export const incompatibilityKinds = ['accessPackage', 'group'] as const;
export type IncompatibilityKind = (typeof incompatibilityKinds)[number];

/** Separation of duties is between two things: a package cannot exclude itself. */
export function incompatibilityProblem(accessPackageId: string, kind: IncompatibilityKind, otherId: string): string | null {
  if (kind === 'accessPackage' && otherId === accessPackageId) return 'An access package cannot be incompatible with itself.';
  return null;
}
