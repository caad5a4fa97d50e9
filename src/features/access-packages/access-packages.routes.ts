import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NotFoundError } from '../../domain/errors.js';
import { visibleCatalogs } from '../../domain/permissions.js';
import { actorOf } from '../../http/authentication.js';
import { parseCollectionQuery, parseItemQuery } from '../../http/odata/query-options.js';
import { collectionQuerystring, idParams, itemQuerystring } from '../../http/odata/querystring-schemas.js';
import { collectionResponse, entityResponse } from '../../http/responses.js';
import { requireAccess, requireAccessPackageReadable } from '../authorization/authorization.js';
import { findCatalog } from '../catalogs/catalogs.repo.js';
import type { Deps } from '../deps.js';
import { accessPackageJson, accessPackageShape, renderAccessPackages } from './access-package-json.js';
import { listAccessPackages } from './access-packages.repo.js';
import { createAccessPackageBody, updateAccessPackageBody } from './access-packages.schemas.js';
import { createAccessPackage } from './create-access-package.js';
import { deleteAccessPackage } from './delete-access-package.js';
import { updateAccessPackage } from './update-access-package.js';

const base = '/identityGovernance/entitlementManagement/accessPackages';
const context = 'identityGovernance/entitlementManagement/accessPackages';

export const accessPackagesRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['entitlementManagement'];

  app.get(base, { schema: { tags, summary: 'List access packages in the catalogs the caller may read', querystring: collectionQuerystring } }, async (request) => {
    const query = parseCollectionQuery(request.query, accessPackageShape);
    const page = await listAccessPackages(deps.db, query, visibleCatalogs(request.principal!));
    const rendered = await renderAccessPackages(deps.db, page.items, query.expand);
    return collectionResponse(request, context, page, query, (accessPackage) => rendered.get(accessPackage.id)!);
  });

  app.get('/identityGovernance/entitlementManagement/catalogs/:id/accessPackages', { schema: { tags, summary: "List a catalog's access packages", params: idParams, querystring: collectionQuerystring } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'accessPackages.read', { catalogId: request.params.id });
    const query = parseCollectionQuery(request.query, accessPackageShape);
    if (!(await findCatalog(deps.db, request.params.id))) throw new NotFoundError('Catalog', request.params.id);
    const page = await listAccessPackages(deps.db, query, 'all', request.params.id);
    const rendered = await renderAccessPackages(deps.db, page.items, query.expand);
    return collectionResponse(request, context, page, query, (accessPackage) => rendered.get(accessPackage.id)!);
  });

  app.post(base, { schema: { tags, summary: 'Create an access package', body: createAccessPackageBody } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'accessPackages.manage', { catalogId: request.body.catalog.id });
    const accessPackage = await createAccessPackage(deps, actorOf(request), request.body);
    return reply.status(201).send(entityResponse(request, context, accessPackageJson(accessPackage)));
  });

  app.get(`${base}/:id`, { schema: { tags, summary: 'Get an access package (also to whoever a policy lets request it, hidden or not, as filterByCurrentUser shows it)', params: idParams, querystring: itemQuerystring } }, async (request) => {
    const accessPackage = await requireAccessPackageReadable(deps.db, request.principal!, request.params.id, deps.clock());
    const query = parseItemQuery(request.query, accessPackageShape);
    const rendered = await renderAccessPackages(deps.db, [accessPackage], query.expand);
    return entityResponse(request, context, rendered.get(accessPackage.id)!, query.select, query.expand.map((e) => e.property));
  });

  app.patch(`${base}/:id`, { schema: { tags, summary: 'Update an access package', params: idParams, body: updateAccessPackageBody } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'accessPackages.manage', { accessPackageId: request.params.id });
    await updateAccessPackage(deps, actorOf(request), request.params.id, request.body);
    return reply.status(204).send();
  });

  app.delete(`${base}/:id`, { schema: { tags, summary: 'Delete an access package (kept for history)', params: idParams } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'accessPackages.manage', { accessPackageId: request.params.id });
    await deleteAccessPackage(deps, actorOf(request), request.params.id);
    return reply.status(204).send();
  });
};
