import { api, unwrap } from '../../api/client';
import type { AccessPackageResource, Catalog, Collection } from '../../api/graph';
import { odataString } from './admin-queries';

/** One catalog's reads for its page: itself, its resources with their roles, and who holds which catalog role. */
const catalogs = '/v1.0/identityGovernance/entitlementManagement/catalogs';

export type ResourceWithRoles = AccessPackageResource & { roles?: { id: string; displayName: string | null; description?: string | null; originId: string; originSystem: string }[] };
export type CatalogRoleAssignment = { id: string; principalId: string; roleDefinitionId: string; appScopeId: string | null };

export const catalogRoleNames: Record<string, string> = {
  'ae79f266-94d4-4dab-b730-feca7e132178': 'Catalog owner',
  '44272f93-9762-48e8-af59-1b5351b1d6b3': 'Catalog reader',
  '7f480852-ebdc-47d4-87de-0d8498384a83': 'Access package manager',
  'e2182095-804a-4656-ae11-64734e9b7ae5': 'Access package assignment manager',
};

export const catalogScope = (catalogId: string) => `/AccessPackageCatalog/${catalogId}`;

export const oneCatalog = (id: string) => unwrap<Catalog>(api.GET(`${catalogs}/{id}`, { params: { path: { id } } }));

export const resourcesOf = (catalogId: string) =>
  unwrap<Collection<ResourceWithRoles>>(api.GET(`${catalogs}/{id}/resources`, { params: { path: { id: catalogId }, query: { $expand: 'roles', $top: '200' } } })).then((page) => page.value);

export async function catalogRoleHolders(catalogId: string): Promise<(CatalogRoleAssignment & { displayName: string })[]> {
  const page = await unwrap<Collection<CatalogRoleAssignment>>(
    api.GET('/v1.0/roleManagement/entitlementManagement/roleAssignments', { params: { query: { $filter: `appScopeId eq ${odataString(catalogScope(catalogId))}`, $top: '200' } } }),
  );
  // Role assignments name their principal by id only; a catalog has a handful, so each is looked up.
  const names = await Promise.all(
    page.value.map((assignment) =>
      unwrap<{ displayName: string; userPrincipalName: string }>(api.GET('/v1.0/users/{id}', { params: { path: { id: assignment.principalId } } })).then(
        (user) => `${user.displayName} (${user.userPrincipalName})`,
        () => assignment.principalId,
      ),
    ),
  );
  return page.value.map((assignment, index) => ({ ...assignment, displayName: names[index]! }));
}
