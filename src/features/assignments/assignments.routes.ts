import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NotFoundError } from '../../domain/errors.js';
import { visibleCatalogs } from '../../domain/permissions.js';
import { actorOf } from '../../http/authentication.js';
import { filterByCurrentUserOn } from '../../http/odata/function-call.js';
import { parseCollectionQuery, parseItemQuery } from '../../http/odata/query-options.js';
import { collectionQuerystring, idParams } from '../../http/odata/querystring-schemas.js';
import { collectionResponse, entityResponse } from '../../http/responses.js';
import { policiesByIds } from '../assignment-policies/assignment-policies.repo.js';
import { requireAccess } from '../authorization/authorization.js';
import { requireAssignmentVisible } from '../authorization/lifecycle-access.js';
import type { Deps } from '../deps.js';
import { findAssignment, listAssignments } from './assignments.repo.js';
import { assignmentShape, renderAssignments } from './lifecycle-json.js';
import { reprocessAssignment } from './reprocess-assignment.js';

const base = '/identityGovernance/entitlementManagement/assignments';
const context = 'identityGovernance/entitlementManagement/assignments';

export const assignmentsRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['entitlementManagement'];
  const policyNames = async (ids: string[]) => new Map((await policiesByIds(deps.db, ids)).map((p) => [p.id, { id: p.id, displayName: p.displayName, description: p.description }]));

  app.get(base, { schema: { tags, summary: 'List assignments in the catalogs the caller may read', querystring: collectionQuerystring } }, async (request) => {
    const query = parseCollectionQuery(request.query, assignmentShape);
    const page = await listAssignments(deps.db, query, { kind: 'catalogs', catalogIds: visibleCatalogs(request.principal!) });
    const rendered = await renderAssignments(deps.db, page.items, query.expand, policyNames);
    return collectionResponse(request, context, page, query, (item) => rendered.get(item.id)!);
  });

  app.get(`${base}/:id`, { schema: { tags, summary: "Get an assignment, or filterByCurrentUser(on='target'|'createdBy')", params: idParams, querystring: collectionQuerystring } }, async (request) => {
    const principal = request.principal!;
    const on = filterByCurrentUserOn(request.params.id, ['target', 'createdBy'] as const);
    if (on) {
      await requireAccess(deps.db, principal, 'entitlements.browse');
      const query = parseCollectionQuery(request.query, assignmentShape);
      const page = await listAssignments(deps.db, query, { kind: on, userId: principal.kind === 'user' ? principal.id : '' });
      const rendered = await renderAssignments(deps.db, page.items, query.expand, policyNames);
      return collectionResponse(request, context, page, query, (item) => rendered.get(item.id)!);
    }
    const query = parseItemQuery(request.query, assignmentShape);
    const assignment = await findAssignment(deps.db, request.params.id);
    if (!assignment) throw new NotFoundError('Access package assignment', request.params.id);
    requireAssignmentVisible(principal, assignment);
    const rendered = await renderAssignments(deps.db, [assignment], query.expand, policyNames);
    return entityResponse(request, context, rendered.get(assignment.id)!, query.select, query.expand.map((e) => e.property));
  });

  app.post(`${base}/:id/reprocess`, { schema: { tags, summary: 'Deliver again every resource role of an assignment', params: idParams } }, async (request, reply) => {
    const assignment = await findAssignment(deps.db, request.params.id);
    if (!assignment) throw new NotFoundError('Access package assignment', request.params.id);
    requireAssignmentVisible(request.principal!, assignment);
    await requireAccess(deps.db, request.principal!, 'assignments.manage', { catalogId: assignment.catalogId });
    await reprocessAssignment(deps, actorOf(request), assignment.id);
    return reply.status(202).send();
  });
};
