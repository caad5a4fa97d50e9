import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Executor } from '../../db/database.js';
import type { AssignmentRequest } from '../../domain/assignment-request.js';
import { NotFoundError } from '../../domain/errors.js';
import type { Principal } from '../../domain/principal.js';
import { actorOf } from '../../http/authentication.js';
import { filterByCurrentUserOn } from '../../http/odata/function-call.js';
import { parseCollectionQuery, type ResourceShape } from '../../http/odata/query-options.js';
import { collectionQuerystring, idParams } from '../../http/odata/querystring-schemas.js';
import { collectionResponse, entityResponse } from '../../http/responses.js';
import { findRequest, listRequests } from '../assignment-requests/assignment-requests.repo.js';
import { decideStageBody } from '../assignment-requests/assignment-requests.schemas.js';
import { stageJson } from '../assignments/lifecycle-json.js';
import { requireAccess } from '../authorization/authorization.js';
import { requireRequestVisible } from '../authorization/lifecycle-access.js';
import type { Deps } from '../deps.js';
import { findUsersByIds } from '../users/users.repo.js';
import { decideApprovalStage } from './decide-approval-stage.js';
import { stageIdsAssignedTo, stagesOfRequests } from './approvals.repo.js';

const base = '/identityGovernance/entitlementManagement/accessPackageAssignmentApprovals';
const context = 'identityGovernance/entitlementManagement/accessPackageAssignmentApprovals';
const stageShape: ResourceShape = { name: 'microsoft.graph.approvalStage', properties: ['id', 'displayName', 'status', 'reviewResult', 'reviewedDateTime', 'justification', 'assignedToMe', 'reviewedBy'], expandable: {} };
const approvalShape: ResourceShape = { name: 'microsoft.graph.approval', properties: ['id', 'stages'], expandable: { stages: stageShape } };
const stageParams = z.object({ id: z.string().min(1).max(256), stageId: z.string().min(1).max(256) });

/** The approval of a request has the request's id; its stages are the request's approval stages. */
async function renderApprovals(db: Executor, principal: Principal, requests: readonly AssignmentRequest[]): Promise<Map<string, Record<string, unknown>>> {
  const stages = await stagesOfRequests(db, requests.map((r) => r.id));
  const mine = principal.kind === 'user' ? await stageIdsAssignedTo(db, principal.id, requests.map((r) => r.id)) : new Set<string>();
  const reviewers = new Map((await findUsersByIds(db, stages.flatMap((s) => (s.reviewedById ? [s.reviewedById] : [])))).map((u) => [u.id, u]));
  return new Map(
    requests.map((request) => [
      request.id,
      { id: request.id, stages: stages.filter((s) => s.requestId === request.id).map((s) => stageJson(s, mine.has(s.id), s.reviewedById ? reviewers.get(s.reviewedById) : undefined)) },
    ]),
  );
}

async function visibleRequest(deps: Deps, principal: Principal, id: string): Promise<AssignmentRequest> {
  const request = await findRequest(deps.db, id);
  if (!request) throw new NotFoundError('Approval', id);
  await requireRequestVisible(deps.db, principal, request);
  return request;
}

export const approvalsRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['entitlementManagement'];

  app.get(`${base}/:id`, { schema: { tags, summary: "Get the approval of a request, or filterByCurrentUser(on='approver')", params: idParams, querystring: collectionQuerystring } }, async (request) => {
    const principal = request.principal!;
    if (filterByCurrentUserOn(request.params.id, ['approver'] as const)) {
      await requireAccess(deps.db, principal, 'entitlements.browse');
      const query = parseCollectionQuery(request.query, approvalShape);
      const page = await listRequests(deps.db, query.orderBy.length ? { ...query, orderBy: [] } : query, { kind: 'approver', userId: principal.kind === 'user' ? principal.id : '' });
      const rendered = await renderApprovals(deps.db, principal, page.items);
      return collectionResponse(request, context, page, query, (item) => rendered.get(item.id)!);
    }
    const found = await visibleRequest(deps, principal, request.params.id);
    return entityResponse(request, context, (await renderApprovals(deps.db, principal, [found])).get(found.id)!);
  });

  app.get(`${base}/:id/stages`, { schema: { tags, summary: 'List the stages of an approval', params: idParams } }, async (request) => {
    const found = await visibleRequest(deps, request.principal!, request.params.id);
    const approval = (await renderApprovals(deps.db, request.principal!, [found])).get(found.id)!;
    return { '@odata.context': `${request.server.publicUrl}/v1.0/$metadata#${context}('${found.id}')/stages`, value: approval.stages };
  });

  app.get(`${base}/:id/stages/:stageId`, { schema: { tags, summary: 'Get a stage of an approval', params: stageParams } }, async (request) => {
    const found = await visibleRequest(deps, request.principal!, request.params.id);
    const approval = (await renderApprovals(deps.db, request.principal!, [found])).get(found.id)!;
    const stage = (approval.stages as Record<string, unknown>[]).find((s) => s.id === request.params.stageId);
    if (!stage) throw new NotFoundError('Approval stage', request.params.stageId);
    return entityResponse(request, `${context}('${found.id}')/stages`, stage);
  });

  app.patch(`${base}/:id/stages/:stageId`, { schema: { tags, summary: 'Approve or deny a stage (the first decision counts)', params: stageParams, body: decideStageBody } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'entitlements.browse');
    // Whether the caller may decide is the stage's own rule (its approvers), checked in the use case.
    await decideApprovalStage(deps, actorOf(request), request.params.id, request.params.stageId, { reviewResult: request.body.reviewResult, justification: request.body.justification?.trim() || null });
    return reply.status(204).send();
  });
};
