import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NotFoundError } from '../../domain/errors.js';
import { visibleCatalogs } from '../../domain/permissions.js';
import { actorOf } from '../../http/authentication.js';
import { filterByCurrentUserOn } from '../../http/odata/function-call.js';
import { parseCollectionQuery, parseItemQuery } from '../../http/odata/query-options.js';
import { collectionQuerystring, idParams } from '../../http/odata/querystring-schemas.js';
import { collectionResponse, entityResponse } from '../../http/responses.js';
import { requireAccess } from '../authorization/authorization.js';
import { mayManageAssignments, requireRequestVisible } from '../authorization/lifecycle-access.js';
import { findAssignment } from '../assignments/assignments.repo.js';
import { renderRequests, requestShape } from '../assignments/lifecycle-json.js';
import type { Deps } from '../deps.js';
import { findRequest, listRequests, type RequestVisibility } from './assignment-requests.repo.js';
import { submitRequestBody, submitRequestInput } from './assignment-requests.schemas.js';
import { cancelRequest } from './cancel-request.js';
import { reprocessRequest } from './reprocess-request.js';
import { submitRequest } from './submit-request.js';

const base = '/identityGovernance/entitlementManagement/assignmentRequests';
const context = 'identityGovernance/entitlementManagement/assignmentRequests';

export const assignmentRequestsRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['entitlementManagement'];

  app.get(base, { schema: { tags, summary: 'List assignment requests in the catalogs the caller may read', querystring: collectionQuerystring } }, async (request) => {
    const query = parseCollectionQuery(request.query, requestShape);
    const page = await listRequests(deps.db, query, { kind: 'catalogs', catalogIds: visibleCatalogs(request.principal!) });
    const rendered = await renderRequests(deps.db, page.items, query.expand);
    return collectionResponse(request, context, page, query, (item) => rendered.get(item.id)!);
  });

  app.get(`${base}/:id`, { schema: { tags, summary: "Get a request, or filterByCurrentUser(on='target'|'createdBy'|'approver')", params: idParams, querystring: collectionQuerystring } }, async (request) => {
    const principal = request.principal!;
    const on = filterByCurrentUserOn(request.params.id, ['target', 'createdBy', 'approver'] as const);
    if (on) {
      await requireAccess(deps.db, principal, 'entitlements.browse');
      const query = parseCollectionQuery(request.query, requestShape);
      const userId = principal.kind === 'user' ? principal.id : '';
      const page = await listRequests(deps.db, query, { kind: on, userId } as RequestVisibility);
      const rendered = await renderRequests(deps.db, page.items, query.expand);
      return collectionResponse(request, context, page, query, (item) => rendered.get(item.id)!);
    }
    const query = parseItemQuery(request.query, requestShape);
    const found = await findRequest(deps.db, request.params.id);
    if (!found) throw new NotFoundError('Access package assignment request', request.params.id);
    await requireRequestVisible(deps.db, principal, found);
    const rendered = await renderRequests(deps.db, [found], query.expand);
    return entityResponse(request, context, rendered.get(found.id)!, query.select, query.expand.map((e) => e.property));
  });

  app.post(base, { schema: { tags, summary: 'Request access, or assign or remove it directly (admin request types)', body: submitRequestBody } }, async (request, reply) => {
    const input = submitRequestInput(request.body);
    if (input.requestType.startsWith('admin')) {
      // Direct assignment and removal are for those who manage the package's assignments.
      const accessPackageId = input.accessPackageId ?? (input.assignmentId ? (await findAssignment(deps.db, input.assignmentId))?.accessPackageId : undefined);
      if (!accessPackageId) throw new NotFoundError('Access package assignment', input.assignmentId ?? '');
      await requireAccess(deps.db, request.principal!, 'assignments.manage', { accessPackageId });
    } else {
      // What a user may ask for is the policies' decision, made by the use case.
      await requireAccess(deps.db, request.principal!, 'entitlements.browse');
    }
    const created = await submitRequest(deps, actorOf(request), input);
    return reply.status(201).send(entityResponse(request, context, (await renderRequests(deps.db, [created], [])).get(created.id)!));
  });

  app.post(`${base}/:id/cancel`, { schema: { tags, summary: 'Cancel a request that has not begun delivery', params: idParams } }, async (request, reply) => {
    const found = await findRequest(deps.db, request.params.id);
    if (!found) throw new NotFoundError('Access package assignment request', request.params.id);
    await requireRequestVisible(deps.db, request.principal!, found);
    await cancelRequest(deps, actorOf(request), found.id, mayManageAssignments(request.principal!, found.catalogId));
    return reply.status(204).send();
  });

  app.post(`${base}/:id/reprocess`, { schema: { tags, summary: 'Deliver again what failed to be delivered', params: idParams } }, async (request, reply) => {
    const found = await findRequest(deps.db, request.params.id);
    if (!found) throw new NotFoundError('Access package assignment request', request.params.id);
    await requireRequestVisible(deps.db, request.principal!, found);
    await requireAccess(deps.db, request.principal!, 'assignments.manage', { catalogId: found.catalogId });
    await reprocessRequest(deps, actorOf(request), found.id);
    return reply.status(202).send();
  });
};
