import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NotFoundError } from '../../domain/errors.js';
import { visibleCatalogs } from '../../domain/permissions.js';
import { actorOf } from '../../http/authentication.js';
import { parseCollectionQuery, parseItemQuery } from '../../http/odata/query-options.js';
import { collectionQuerystring, idParams, itemQuerystring } from '../../http/odata/querystring-schemas.js';
import { collectionResponse, entityResponse } from '../../http/responses.js';
import { requireAccess } from '../authorization/authorization.js';
import type { Deps } from '../deps.js';
import { catalogJson, catalogShape } from './catalog-json.js';
import { findCatalog, listCatalogs } from './catalogs.repo.js';
import { createCatalogBody, updateCatalogBody } from './catalogs.schemas.js';
import { createCatalog } from './create-catalog.js';
import { deleteCatalog } from './delete-catalog.js';
import { updateCatalog } from './update-catalog.js';

const base = '/identityGovernance/entitlementManagement/catalogs';
const context = 'identityGovernance/entitlementManagement/catalogs';

export const catalogsRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['entitlementManagement'];

  app.get(base, { schema: { tags, summary: 'List catalogs the caller may read', querystring: collectionQuerystring } }, async (request) => {
    const query = parseCollectionQuery(request.query, catalogShape);
    const page = await listCatalogs(deps.db, query, visibleCatalogs(request.principal!));
    return collectionResponse(request, context, page, query, catalogJson);
  });

  app.post(base, { schema: { tags, summary: 'Create a catalog', body: createCatalogBody } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'catalogs.create');
    const catalog = await createCatalog(deps, actorOf(request), request.body);
    return reply.status(201).send(entityResponse(request, context, catalogJson(catalog)));
  });

  app.get(`${base}/:id`, { schema: { tags, summary: 'Get a catalog', params: idParams, querystring: itemQuerystring } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'catalog.read', { catalogId: request.params.id });
    const query = parseItemQuery(request.query, catalogShape);
    const catalog = await findCatalog(deps.db, request.params.id);
    if (!catalog) throw new NotFoundError('Catalog', request.params.id);
    return entityResponse(request, context, catalogJson(catalog), query.select);
  });

  app.patch(`${base}/:id`, { schema: { tags, summary: 'Update a catalog', params: idParams, body: updateCatalogBody } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'catalog.manage', { catalogId: request.params.id });
    await updateCatalog(deps, actorOf(request), request.params.id, request.body);
    return reply.status(204).send();
  });

  app.delete(`${base}/:id`, { schema: { tags, summary: 'Delete a catalog (kept for history)', params: idParams } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'catalog.manage', { catalogId: request.params.id });
    await deleteCatalog(deps, actorOf(request), request.params.id);
    return reply.status(204).send();
  });
};
