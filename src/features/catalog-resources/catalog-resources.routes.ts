import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../domain/errors.js';
import { visibleCatalogs } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { actorOf } from '../../http/authentication.js';
import { parseCollectionQuery, parseItemQuery } from '../../http/odata/query-options.js';
import { collectionQuerystring, idParams, itemQuerystring } from '../../http/odata/querystring-schemas.js';
import { collectionResponse, entityResponse } from '../../http/responses.js';
import { requireAccess } from '../authorization/authorization.js';
import { findCatalog } from '../catalogs/catalogs.repo.js';
import type { Deps } from '../deps.js';
import { renderRequests, renderResources, requestShape, resourceShape, roleJson, roleShape, scopeJson, scopeShape, withResources } from './catalog-resource-json.js';
import { findCatalogResource, listCatalogResources } from './catalog-resources.repo.js';
import { createResourceRequestBody } from './catalog-resources.schemas.js';
import { requestCatalogResource } from './request-catalog-resource.js';
import { listResourceRequests } from './resource-requests.repo.js';
import { listCatalogResourceRoles, listCatalogResourceScopes } from './resource-roles.repo.js';

const catalogBase = '/identityGovernance/entitlementManagement/catalogs/:id';
const resourceParams = z.object({ id: z.string().min(1).max(256), resourceId: z.string().min(1).max(256) });
const context = (catalogId: string, path: string) => `identityGovernance/entitlementManagement/catalogs('${catalogId}')/${path}`;

export const catalogResourcesRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['entitlementManagement'];

  async function readableCatalog(principal: Principal, catalogId: string) {
    await requireAccess(deps.db, principal, 'catalog.read', { catalogId });
    const catalog = await findCatalog(deps.db, catalogId);
    if (!catalog) throw new NotFoundError('Catalog', catalogId);
    return catalog;
  }

  app.post('/identityGovernance/entitlementManagement/resourceRequests', { schema: { tags, summary: 'Add a resource to a catalog, or remove one', body: createResourceRequestBody, querystring: itemQuerystring } }, async (request, reply) => {
    const query = parseItemQuery(request.query, requestShape);
    await requireAccess(deps.db, request.principal!, 'catalog.manage', { catalogId: request.body.catalog.id });
    const created = await requestCatalogResource(deps, actorOf(request), request.body);
    const [json] = await renderRequests(deps.db, [created], query.expand);
    return reply.status(201).send(entityResponse(request, 'identityGovernance/entitlementManagement/resourceRequests', json!, query.select, query.expand.map((e) => e.property)));
  });

  app.get('/identityGovernance/entitlementManagement/resourceRequests', { schema: { tags, summary: 'List resource requests of the catalogs the caller may read', querystring: collectionQuerystring } }, async (request) => {
    const query = parseCollectionQuery(request.query, requestShape);
    const page = await listResourceRequests(deps.db, query, visibleCatalogs(request.principal!));
    const rendered = await renderRequests(deps.db, page.items, query.expand);
    return collectionResponse(request, 'identityGovernance/entitlementManagement/resourceRequests', { ...page, items: rendered }, query, (json) => json);
  });

  app.get(`${catalogBase}/resources`, { schema: { tags, summary: "List a catalog's resources", params: idParams, querystring: collectionQuerystring } }, async (request) => {
    const catalog = await readableCatalog(request.principal!, request.params.id);
    const query = parseCollectionQuery(request.query, resourceShape);
    const page = await listCatalogResources(deps.db, catalog.id, query);
    const rendered = await renderResources(deps.db, page.items, query.expand);
    return collectionResponse(request, context(catalog.id, 'resources'), page, query, (resource) => rendered.get(resource.id)!);
  });

  app.get(`${catalogBase}/resources/:resourceId`, { schema: { tags, summary: 'Get a resource of a catalog', params: resourceParams, querystring: itemQuerystring } }, async (request) => {
    const catalog = await readableCatalog(request.principal!, request.params.id);
    const query = parseItemQuery(request.query, resourceShape);
    const resource = await findCatalogResource(deps.db, catalog.id, request.params.resourceId);
    if (!resource) throw new NotFoundError('Resource', request.params.resourceId);
    const rendered = await renderResources(deps.db, [resource], query.expand);
    return entityResponse(request, context(catalog.id, 'resources'), rendered.get(resource.id)!, query.select, query.expand.map((e) => e.property));
  });

  for (const kind of ['roles', 'scopes'] as const) {
    app.get(`${catalogBase}/resources/:resourceId/${kind}`, { schema: { tags, summary: `List the ${kind} of a catalog's resource`, params: resourceParams, querystring: collectionQuerystring } }, async (request) => {
      const catalog = await readableCatalog(request.principal!, request.params.id);
      const resource = await findCatalogResource(deps.db, catalog.id, request.params.resourceId);
      if (!resource) throw new NotFoundError('Resource', request.params.resourceId);
      return kind === 'roles' ? listRoles(request, catalog.id, resource.id) : listScopes(request, catalog.id, resource.id);
    });
  }

  app.get(`${catalogBase}/resourceRoles`, { schema: { tags, summary: 'List the roles of the resources in a catalog', params: idParams, querystring: collectionQuerystring } }, async (request) => {
    const catalog = await readableCatalog(request.principal!, request.params.id);
    return listRoles(request, catalog.id);
  });

  app.get(`${catalogBase}/resourceScopes`, { schema: { tags, summary: 'List the scopes of the resources in a catalog', params: idParams, querystring: collectionQuerystring } }, async (request) => {
    const catalog = await readableCatalog(request.principal!, request.params.id);
    return listScopes(request, catalog.id);
  });

  async function listRoles(request: FastifyRequest, catalogId: string, resourceId?: string) {
    const query = parseCollectionQuery(request.query as Record<string, unknown>, roleShape);
    const page = await listCatalogResourceRoles(deps.db, catalogId, query, resourceId);
    return collectionResponse(request, context(catalogId, 'resourceRoles'), page, query, await withResources(deps.db, page.items, roleJson, query.expand));
  }

  async function listScopes(request: FastifyRequest, catalogId: string, resourceId?: string) {
    const query = parseCollectionQuery(request.query as Record<string, unknown>, scopeShape);
    const page = await listCatalogResourceScopes(deps.db, catalogId, query, resourceId);
    return collectionResponse(request, context(catalogId, 'resourceScopes'), page, query, await withResources(deps.db, page.items, scopeJson, query.expand));
  }
};
