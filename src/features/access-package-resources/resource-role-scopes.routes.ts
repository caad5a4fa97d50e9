import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Executor } from '../../db/database.js';
import type { ResourceRoleScope } from '../../domain/access-package.js';
import type { CatalogResource, ResourceRole, ResourceScope } from '../../domain/catalog-resource.js';
import { actorOf } from '../../http/authentication.js';
import { applySelect, parseCollectionQuery, type ResourceShape } from '../../http/odata/query-options.js';
import { collectionQuerystring, idParams } from '../../http/odata/querystring-schemas.js';
import type { ExpandItem } from '../../http/odata/select-expand-parser.js';
import { collectionResponse, entityResponse } from '../../http/responses.js';
import { requireAccess } from '../authorization/authorization.js';
import { findResourcesByIds, findRolesByIds, findScopesByIds } from '../catalog-resources/catalog-resources.repo.js';
import { expanded, resourceJson, roleJson, roleShape, scopeJson, scopeShape } from '../catalog-resources/catalog-resources.routes.js';
import type { Deps } from '../deps.js';
import { addResourceRoleScope } from './add-resource-role-scope.js';
import { removeResourceRoleScope } from './remove-resource-role-scope.js';
import { listRoleScopes } from './resource-role-scopes.repo.js';
import { createRoleScopeBody } from './resource-role-scopes.schemas.js';

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

const base = '/identityGovernance/entitlementManagement/accessPackages/:id/resourceRoleScopes';
const roleScopeParams = z.object({ id: z.string().min(1).max(256), roleScopeId: z.string().min(1).max(256) });
const context = (accessPackageId: string) => `identityGovernance/entitlementManagement/accessPackages('${accessPackageId}')/resourceRoleScopes`;

export const resourceRoleScopesRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['entitlementManagement'];

  app.get(base, { schema: { tags, summary: "List an access package's resource role scopes", params: idParams, querystring: collectionQuerystring } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'accessPackages.read', { accessPackageId: request.params.id });
    const query = parseCollectionQuery(request.query, roleScopeShape);
    const page = await listRoleScopes(deps.db, request.params.id, query);
    const rendered = await renderRoleScopes(deps.db, page.items, query.expand);
    return collectionResponse(request, context(request.params.id), { ...page, items: rendered }, query, (json) => json);
  });

  app.post(base, { schema: { tags, summary: 'Add a resource role to an access package', params: idParams, body: createRoleScopeBody } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'accessPackages.manage', { accessPackageId: request.params.id });
    const added = await addResourceRoleScope(deps, actorOf(request), request.params.id, request.body);
    // Graph answers with the role and scope too, so a script sees what it resolved to.
    const json = { id: added.roleScope.id, createdDateTime: added.roleScope.createdDateTime, role: roleJson(added.role), scope: scopeJson(added.scope) };
    return reply.status(201).send(entityResponse(request, context(request.params.id), json));
  });

  app.delete(`${base}/:roleScopeId`, { schema: { tags, summary: 'Remove a resource role from an access package', params: roleScopeParams } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'accessPackages.manage', { accessPackageId: request.params.id });
    await removeResourceRoleScope(deps, actorOf(request), request.params.id, request.params.roleScopeId);
    return reply.status(204).send();
  });
};
