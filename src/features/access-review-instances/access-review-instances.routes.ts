import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AccessReviewDefinition } from '../../domain/access-review-definition.js';
import { scopeOf } from '../../domain/access-review-definition.js';
import type { AccessReviewInstance } from '../../domain/access-review-instance.js';
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import { isAllowed } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { actorOf } from '../../http/authentication.js';
import { filterByCurrentUserOn } from '../../http/odata/function-call.js';
import { parseCollectionQuery, type ResourceShape } from '../../http/odata/query-options.js';
import { collectionQuerystring } from '../../http/odata/querystring-schemas.js';
import { collectionResponse, entityResponse } from '../../http/responses.js';
import { definitionFor, reviewsBase, reviewsContext } from '../access-review-definitions/access-review-definitions.routes.js';
import { findDefinition } from '../access-review-definitions/access-review-definitions.repo.js';
import { batchRecordDecisionsBody, decideBody } from '../access-review-definitions/access-review-definitions.schemas.js';
import { requireAccess } from '../authorization/authorization.js';
import { catalogIdOfAccessPackage } from '../authorization/authorization.repo.js';
import type { Deps } from '../deps.js';
import { decisionCounts, findDecision, isReviewerOf, listDecisions } from '../access-review-decisions/access-review-decisions.repo.js';
import { decisionRenderer } from '../access-review-decisions/access-review-decision-json.js';
import { instanceJson, stageJson } from './access-review-instance-json.js';
import { findInstance, listInstances, reviewsInInstance, stagesOf } from './access-review-instances.repo.js';
import { acceptRecommendationsOf, batchRecordDecisions, recordDecision } from '../access-review-decisions/record-review-decisions.js';
import { requestApply, resetDecisions, sendReminder, stopInstance } from './review-instance-lifecycle.js';

const instances = `${reviewsBase}/:definitionId/instances`;
const instanceShape: ResourceShape = { name: 'microsoft.graph.accessReviewInstance', properties: ['id', 'startDateTime', 'endDateTime', 'status', 'scope', 'reviewers', 'fallbackReviewers', 'resourceDisplayName', 'decisionCounts'], expandable: {} };
const decisionShape: ResourceShape = {
  name: 'microsoft.graph.accessReviewInstanceDecisionItem',
  properties: ['id', 'accessReviewId', 'reviewedBy', 'reviewedDateTime', 'decision', 'justification', 'appliedBy', 'appliedDateTime', 'applyResult', 'recommendation', 'recommendationReason', 'applyDescription', 'principal', 'resource', 'insights'],
  expandable: {},
};
const id = z.string().min(1).max(256);
const definitionParams = z.object({ definitionId: id, id });
const instanceParams = z.object({ definitionId: id, instanceId: id });
const stageParams = z.object({ definitionId: id, instanceId: id, id });
const stageDecisionParams = z.object({ definitionId: id, instanceId: id, stageId: id, id });

/**
 * Reading an instance: whoever reads reviews of what it reviews, and its own reviewers (who see
 * only their decisions through filterByCurrentUser). Anyone else: 403, as Graph answers.
 */
async function readableInstance(deps: Deps, principal: Principal, definitionId: string, instanceId: string, options: { ownDecisionsOnly?: boolean } = {}): Promise<{ definition: AccessReviewDefinition; instance: AccessReviewInstance; mayReadAll: boolean }> {
  const definition = await findDefinition(deps.db, definitionId);
  const instance = await findInstance(deps.db, instanceId);
  if (!definition || !instance || instance.definitionId !== definition.id) throw new NotFoundError('Access review instance', instanceId);
  const scope = scopeOf(definition);
  const catalogId = scope.kind === 'accessPackageAssignments' ? await catalogIdOfAccessPackage(deps.db, scope.accessPackageId) : undefined;
  const mayReadAll = isAllowed(principal, 'accessReviews.read', catalogId ? { catalogId } : {});
  // filterByCurrentUser answers anyone with what they review there: often nothing.
  if (!mayReadAll && !options.ownDecisionsOnly && !(principal.kind === 'user' && (await reviewsInInstance(deps.db, instance.id, principal.id)))) {
    throw new ForbiddenError('Only the reviewers of this review, and those who manage reviews, can see it.');
  }
  return { definition, instance, mayReadAll };
}

export const accessReviewInstancesRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['accessReviews'];

  app.get(instances, { schema: { tags, summary: 'List the instances of an access review', params: z.object({ definitionId: id }), querystring: collectionQuerystring } }, async (request) => {
    const definition = await definitionFor(deps, request.principal!, request.params.definitionId, 'accessReviews.read');
    const query = parseCollectionQuery(request.query, instanceShape);
    const page = await listInstances(deps.db, definition.id, query);
    const counts = await decisionCounts(deps.db, page.items.map((item) => item.id));
    return collectionResponse(request, `${reviewsContext}('${definition.id}')/instances`, page, query, (item) => instanceJson(item, definition, counts.get(item.id)));
  });

  app.get(`${instances}/:id`, { schema: { tags, summary: "Get an instance, or filterByCurrentUser(on='reviewer')", params: definitionParams, querystring: collectionQuerystring } }, async (request) => {
    const principal = request.principal!;
    if (filterByCurrentUserOn(request.params.id, ['reviewer'] as const)) {
      await requireAccess(deps.db, principal, 'entitlements.browse');
      const definition = await findDefinition(deps.db, request.params.definitionId);
      if (!definition) throw new NotFoundError('Access review definition', request.params.definitionId);
      const query = parseCollectionQuery(request.query, instanceShape);
      const reviewerId = principal.kind === 'user' ? principal.id : '';
      const page = await listInstances(deps.db, definition.id, query, reviewerId);
      const counts = await decisionCounts(deps.db, page.items.map((item) => item.id), reviewerId);
      return collectionResponse(request, `${reviewsContext}('${definition.id}')/instances`, page, query, (item) => instanceJson(item, definition, counts.get(item.id)));
    }
    const { definition, instance, mayReadAll } = await readableInstance(deps, principal, request.params.definitionId, request.params.id);
    // Those who read reviews see everyone's progress; a reviewer, their own.
    const counts = await decisionCounts(deps.db, [instance.id], mayReadAll || principal.kind !== 'user' ? undefined : principal.id);
    return entityResponse(request, `${reviewsContext}('${definition.id}')/instances`, instanceJson(instance, definition, counts.get(instance.id)));
  });

  const action = (name: 'stop' | 'applyDecisions' | 'resetDecisions' | 'sendReminder', summary: string, run: typeof stopInstance) =>
    app.post(`${instances}/:instanceId/${name}`, { schema: { tags, summary, params: instanceParams } }, async (request, reply) => {
      await definitionFor(deps, request.principal!, request.params.definitionId, 'accessReviews.manage');
      await run(deps, actorOf(request), request.params.definitionId, request.params.instanceId);
      return reply.status(204).send();
    });
  action('stop', 'Stop an instance now: its decisions stay, and are applied if the review says so', stopInstance);
  action('applyDecisions', 'Apply the decisions of a completed instance', requestApply);
  action('resetDecisions', 'Set every decision of the current stage back to NotReviewed', resetDecisions);
  action('sendReminder', 'Remind the reviewers who have decisions left', async (...args) => void (await sendReminder(...args)));

  app.post(`${instances}/:instanceId/batchRecordDecisions`, { schema: { tags, summary: 'Record one decision for all (or one person’s, or one resource’s) decisions the caller reviews', params: instanceParams, body: batchRecordDecisionsBody } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'entitlements.browse');
    const instance = await findInstance(deps.db, request.params.instanceId);
    if (!instance || instance.definitionId !== request.params.definitionId) throw new NotFoundError('Access review instance', request.params.instanceId);
    await batchRecordDecisions(deps, actorOf(request), instance.id, { decision: request.body.decision, justification: request.body.justification?.trim() || null, principalId: request.body.principalId ?? null, resourceId: request.body.resourceId ?? null });
    return reply.status(204).send();
  });

  app.post(`${instances}/:instanceId/acceptRecommendations`, { schema: { tags, summary: 'Accept the recommendations of everything the caller reviews that nobody has decided', params: instanceParams } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'entitlements.browse');
    const instance = await findInstance(deps.db, request.params.instanceId);
    if (!instance || instance.definitionId !== request.params.definitionId) throw new NotFoundError('Access review instance', request.params.instanceId);
    await acceptRecommendationsOf(deps, actorOf(request), instance.id);
    return reply.status(204).send();
  });

  // Decisions: of the instance (each person's current one), or of a stage; all of them for those
  // who read reviews, or (filterByCurrentUser) those the caller reviews.
  const listDecisionsFor = async (request: FastifyRequest, params: { definitionId: string; instanceId: string; stageId?: string | undefined }, mine: boolean) => {
    const principal = request.principal!;
    const { definition, instance, mayReadAll } = await readableInstance(deps, principal, params.definitionId, params.instanceId, { ownDecisionsOnly: mine });
    if (!mine && !mayReadAll) throw new ForbiddenError("Reviewers list their own decisions with decisions/filterByCurrentUser(on='reviewer').");
    if (params.stageId && !(await stagesOf(deps.db, instance.id)).some((stage) => stage.id === params.stageId)) throw new NotFoundError('Access review stage', params.stageId);
    const query = parseCollectionQuery(request.query as Record<string, unknown>, decisionShape);
    const page = await listDecisions(deps.db, params.stageId ? { stageId: params.stageId } : { instanceId: instance.id }, query, mine ? (principal.kind === 'user' ? principal.id : '') : undefined);
    const render = await decisionRenderer(deps.db, page.items, instance.resourceDisplayName, scopeOf(definition).kind);
    return collectionResponse(request, `${reviewsContext}('${definition.id}')/instances('${instance.id}')/decisions`, page, query, render);
  };
  // Each path declares exactly its own parameters: the OpenAPI document (and the portal's types) follow them.
  const decisionLists = [
    { path: `${instances}/:instanceId/decisions`, params: instanceParams },
    { path: `${instances}/:instanceId/stages/:stageId/decisions`, params: instanceParams.extend({ stageId: id }) },
  ];
  for (const { path, params } of decisionLists) {
    app.get(path, { schema: { tags, summary: 'List decisions (for those who read reviews)', params, querystring: collectionQuerystring } }, async (request) => listDecisionsFor(request, request.params as { definitionId: string; instanceId: string; stageId?: string }, false));
  }

  const oneDecision = async (principal: Principal, params: { definitionId: string; instanceId: string; id: string; stageId?: string | undefined }) => {
    const { definition, instance, mayReadAll } = await readableInstance(deps, principal, params.definitionId, params.instanceId);
    const decision = await findDecision(deps.db, params.id);
    if (!decision || decision.instanceId !== instance.id || (params.stageId && decision.stageId !== params.stageId)) throw new NotFoundError('Access review decision', params.id);
    if (!mayReadAll && !(principal.kind === 'user' && (await isReviewerOf(deps.db, decision, principal.id)))) throw new ForbiddenError('Only its reviewers, and those who manage reviews, can see this decision.');
    return { definition, instance, decision };
  };

  const oneDecisionPaths = [
    { path: `${instances}/:instanceId/decisions/:id`, params: instanceParams.extend({ id }) },
    { path: `${instances}/:instanceId/stages/:stageId/decisions/:id`, params: stageDecisionParams },
  ];
  for (const { path, params: pathParams } of oneDecisionPaths) {
    app.get(path, { schema: { tags, summary: "Get a decision, or filterByCurrentUser(on='reviewer')", params: pathParams, querystring: collectionQuerystring } }, async (request) => {
      const params = request.params as { definitionId: string; instanceId: string; stageId?: string; id: string };
      if (filterByCurrentUserOn(params.id, ['reviewer'] as const)) return listDecisionsFor(request, params, true);
      const { definition, instance, decision } = await oneDecision(request.principal!, params);
      const render = await decisionRenderer(deps.db, [decision], instance.resourceDisplayName, scopeOf(definition).kind);
      return entityResponse(request, `${reviewsContext}('${definition.id}')/instances('${instance.id}')/decisions`, render(decision));
    });
    app.patch(path, { schema: { tags, summary: 'Record a decision (reviewers only; it can change while the stage is open)', params: pathParams, body: decideBody } }, async (request, reply) => {
      const params = request.params as { definitionId: string; instanceId: string; stageId?: string; id: string };
      await requireAccess(deps.db, request.principal!, 'entitlements.browse');
      const instance = await findInstance(deps.db, params.instanceId);
      if (!instance || instance.definitionId !== params.definitionId) throw new NotFoundError('Access review instance', params.instanceId);
      if (params.stageId) {
        const decision = await findDecision(deps.db, params.id);
        if (decision && decision.stageId !== params.stageId) throw new NotFoundError('Access review decision', params.id);
      }
      await recordDecision(deps, actorOf(request), instance.id, params.id, { decision: request.body.decision, justification: request.body.justification?.trim() || null });
      return reply.status(204).send();
    });
  }

  app.get(`${instances}/:instanceId/stages`, { schema: { tags, summary: 'List the stages of an instance', params: instanceParams } }, async (request) => {
    const { definition, instance } = await readableInstance(deps, request.principal!, request.params.definitionId, request.params.instanceId);
    const stages = await stagesOf(deps.db, instance.id);
    return { '@odata.context': `${request.server.publicUrl}/v1.0/$metadata#${reviewsContext}('${definition.id}')/instances('${instance.id}')/stages`, value: stages.map((stage) => stageJson(stage, definition)) };
  });

  app.get(`${instances}/:instanceId/stages/:id`, { schema: { tags, summary: 'Get a stage of an instance', params: stageParams } }, async (request) => {
    const { definition, instance } = await readableInstance(deps, request.principal!, request.params.definitionId, request.params.instanceId);
    const stage = (await stagesOf(deps.db, instance.id)).find((candidate) => candidate.id === request.params.id);
    if (!stage) throw new NotFoundError('Access review stage', request.params.id);
    return entityResponse(request, `${reviewsContext}('${definition.id}')/instances('${instance.id}')/stages`, stageJson(stage, definition));
  });
};
