import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/authentication.js';
import { parseCollectionQuery } from '../../http/odata/query-options.js';
import { collectionQuerystring, idParams } from '../../http/odata/querystring-schemas.js';
import { collectionResponse, entityResponse } from '../../http/responses.js';
import { requireAccess } from '../authorization/authorization.js';
import type { Deps } from '../deps.js';
import { addResourceRoleScope } from './add-resource-role-scope.js';
import { removeResourceRoleScope } from './remove-resource-role-scope.js';
import { listRoleScopes } from './resource-role-scopes.repo.js';
import { createRoleScopeBody } from './resource-role-scopes.schemas.js';
import { addedRoleScopeJson, renderRoleScopes, roleScopeShape } from './role-scope-json.js';

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
    return reply.status(201).send(entityResponse(request, context(request.params.id), addedRoleScopeJson(added)));
  });

  app.delete(`${base}/:roleScopeId`, { schema: { tags, summary: 'Remove a resource role from an access package', params: roleScopeParams } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'accessPackages.manage', { accessPackageId: request.params.id });
    await removeResourceRoleScope(deps, actorOf(request), request.params.id, request.params.roleScopeId);
    return reply.status(204).send();
  });
};
