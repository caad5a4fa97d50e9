import type { Executor } from '../../db/database.js';
import type { ResourceRoleScope } from '../../domain/access-package.js';
import type { CatalogResource, ResourceRole, ResourceScope } from '../../domain/catalog-resource.js';
import { applySelect, type ResourceShape } from '../../http/odata/query-options.js';
import type { ExpandItem } from '../../http/odata/select-expand-parser.js';
import { expanded, resourceJson, roleJson, roleShape, scopeJson, scopeShape } from '../catalog-resources/catalog-resource-json.js';
import { findResourcesByIds } from '../catalog-resources/catalog-resources.repo.js';
import { findRolesByIds, findScopesByIds } from '../catalog-resources/resource-roles.repo.js';

export const roleScopeShape: ResourceShape = {
  name: 'microsoft.graph.accessPackageResourceRoleScope',
  properties: ['id', 'createdDateTime'],
  expandable: { role: roleShape, scope: scopeShape },
};

/**
 * Renders role scopes with what $expand asks for: role and scope, each optionally with its
 * resource (role($expand=resource)). Everything is loaded in a few queries for the whole page.
 */
export async function renderRoleScopes(db: Executor, roleScopes: ResourceRoleScope[], expand: readonly ExpandItem[] | undefined): Promise<Record<string, unknown>[]> {
  const roleItem = expanded(expand, 'role');
  const scopeItem = expanded(expand, 'scope');
  const roles = new Map(roleItem ? (await findRolesByIds(db, roleScopes.map((rs) => rs.roleId))).map((role) => [role.id, role]) : []);
  const scopes = new Map(scopeItem ? (await findScopesByIds(db, roleScopes.map((rs) => rs.scopeId))).map((scope) => [scope.id, scope]) : []);
  const wantResource = [roleItem, scopeItem].some((item) => expanded(item?.expand, 'resource'));
  const resourceIds = [...roles.values(), ...scopes.values()].map((item) => item.resourceId);
  const resources = new Map<string, CatalogResource>(wantResource ? (await findResourcesByIds(db, resourceIds)).map((r) => [r.id, r]) : []);

  const render = <T extends ResourceRole>(item: T | undefined, toJson: (value: T) => Record<string, unknown>, options: ExpandItem) => {
    if (!item) return null;
    const json = toJson(item);
    const resourceItem = expanded(options.expand, 'resource');
    if (resourceItem) {
      const resource = resources.get(item.resourceId);
      json.resource = resource ? applySelect(resourceJson(resource), resourceItem.select) : null;
    }
    return applySelect(json, options.select, resourceItem ? ['resource'] : []);
  };

  return roleScopes.map((roleScope) => {
    const json: Record<string, unknown> = { id: roleScope.id, createdDateTime: roleScope.createdDateTime };
    if (roleItem) json.role = render(roles.get(roleScope.roleId), roleJson, roleItem);
    if (scopeItem) json.scope = render<ResourceScope>(scopes.get(roleScope.scopeId), scopeJson, scopeItem);
    return json;
  });
}

/** A role scope just added: Graph answers with the role and scope too, so a script sees what it resolved to. */
export function addedRoleScopeJson(added: { roleScope: ResourceRoleScope; role: ResourceRole; scope: ResourceScope }): Record<string, unknown> {
  return { id: added.roleScope.id, createdDateTime: added.roleScope.createdDateTime, role: roleJson(added.role), scope: scopeJson(added.scope) };
}
