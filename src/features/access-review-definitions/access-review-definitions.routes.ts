import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { scopeOf, type AccessReviewDefinition } from '../../domain/access-review-definition.js';
import { parseReviewScope } from '../../domain/access-review-scope.js';
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import { visibleAccessReviews } from '../../domain/permissions.js';
import { occurrenceStart } from '../../domain/access-review-recurrence.js';
import type { Principal } from '../../domain/principal.js';
import { actorOf } from '../../http/authentication.js';
import { filterByCurrentUserOn } from '../../http/odata/function-call.js';
import { parseCollectionQuery, type ResourceShape } from '../../http/odata/query-options.js';
import { collectionQuerystring, idParams } from '../../http/odata/querystring-schemas.js';
import { collectionResponse, entityResponse } from '../../http/responses.js';
import type { Executor } from '../../db/database.js';
import { latestInstanceStatus } from '../access-review-instances/access-review-instances.repo.js';
import { requireAccess } from '../authorization/authorization.js';
import type { Action } from '../../domain/permissions.js';
import type { Deps } from '../deps.js';
import { findUsersByIds } from '../users/users.repo.js';
import { definitionInputOf, definitionJson, type DefinitionStatus } from './access-review-definition-json.js';
import { findDefinition, listDefinitions } from './access-review-definitions.repo.js';
import { createDefinitionBody, updateDefinitionBody } from './access-review-definitions.schemas.js';
import { createDefinition, deleteDefinition, updateDefinition } from './manage-access-review-definitions.js';

export const reviewsBase = '/identityGovernance/accessReviews/definitions';
export const reviewsContext = 'identityGovernance/accessReviews/definitions';
const definitionProperties = ['id', 'displayName', 'createdDateTime', 'lastModifiedDateTime', 'status', 'descriptionForAdmins', 'descriptionForReviewers', 'createdBy', 'scope', 'instanceEnumerationScope', 'reviewers', 'fallbackReviewers', 'backupReviewers', 'additionalNotificationRecipients', 'settings', 'stageSettings'];
const definitionShape: ResourceShape = { name: 'microsoft.graph.accessReviewScheduleDefinition', properties: definitionProperties, expandable: {} };

/** A definition, after checking that the caller may read (or manage) reviews of what it reviews. */
export async function definitionFor(deps: Deps, principal: Principal, id: string, action: Action): Promise<AccessReviewDefinition> {
  const definition = await findDefinition(deps.db, id);
  if (!definition) throw new NotFoundError('Access review definition', id);
  await requireAccess(deps.db, principal, action, { reviewScope: scopeOf(definition) });
  return definition;
}

/** NotStarted before its first instance; Completed when no instance runs and none is to come. */
async function renderDefinitions(db: Executor, definitions: readonly AccessReviewDefinition[]): Promise<Map<string, Record<string, unknown>>> {
  const latest = await latestInstanceStatus(db, definitions.map((d) => d.id));
  const creators = new Map((await findUsersByIds(db, definitions.flatMap((d) => (d.createdById ? [d.createdById] : [])))).map((u) => [u.id, u]));
  return new Map(
    definitions.map((definition) => {
      const more = occurrenceStart(definition.settings.recurrence, definition.instancesStarted) !== null;
      const last = latest.get(definition.id);
      const status: DefinitionStatus = definition.instancesStarted === 0 ? 'NotStarted' : more || last === 'InProgress' || last === 'Applying' ? 'InProgress' : 'Completed';
      return [definition.id, definitionJson(definition, status, definition.createdById ? creators.get(definition.createdById) : undefined)];
    }),
  );
}

export const accessReviewDefinitionsRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['accessReviews'];

  app.get(reviewsBase, { schema: { tags, summary: 'List access review definitions', querystring: collectionQuerystring } }, async (request) => {
    const visible = visibleAccessReviews(request.principal!);
    if (!visible.groups && visible.catalogs !== 'all' && visible.catalogs.length === 0) throw new ForbiddenError();
    const query = parseCollectionQuery(request.query, definitionShape);
    const page = await listDefinitions(deps.db, query, { visible });
    const rendered = await renderDefinitions(deps.db, page.items);
    return collectionResponse(request, reviewsContext, page, query, (item) => rendered.get(item.id)!);
  });

  app.post(reviewsBase, { schema: { tags, summary: 'Create an access review definition', body: createDefinitionBody } }, async (request, reply) => {
    const input = definitionInputOf(request.body);
    // A scope that does not parse is the use case's 400; authorization needs only one that does.
    const scope = parseReviewScope(input.scope);
    await requireAccess(deps.db, request.principal!, 'accessReviews.manage', typeof scope === 'string' ? {} : { reviewScope: scope });
    const definition = await createDefinition(deps, actorOf(request), input);
    return reply.status(201).send(entityResponse(request, reviewsContext, (await renderDefinitions(deps.db, [definition])).get(definition.id)!));
  });

  app.get(`${reviewsBase}/:id`, { schema: { tags, summary: "Get an access review definition, or filterByCurrentUser(on='reviewer')", params: idParams, querystring: collectionQuerystring } }, async (request) => {
    const principal = request.principal!;
    if (filterByCurrentUserOn(request.params.id, ['reviewer'] as const)) {
      await requireAccess(deps.db, principal, 'entitlements.browse');
      const query = parseCollectionQuery(request.query, definitionShape);
      const page = await listDefinitions(deps.db, query, { reviewerId: principal.kind === 'user' ? principal.id : '' });
      const rendered = await renderDefinitions(deps.db, page.items);
      return collectionResponse(request, reviewsContext, page, query, (item) => rendered.get(item.id)!);
    }
    const definition = await definitionFor(deps, principal, request.params.id, 'accessReviews.read');
    return entityResponse(request, reviewsContext, (await renderDefinitions(deps.db, [definition])).get(definition.id)!);
  });

  app.put(`${reviewsBase}/:id`, { schema: { tags, summary: 'Update an access review definition (the next instance starts with the change)', params: idParams, body: updateDefinitionBody } }, async (request, reply) => {
    await definitionFor(deps, request.principal!, request.params.id, 'accessReviews.manage');
    await updateDefinition(deps, actorOf(request), request.params.id, definitionInputOf(request.body));
    return reply.status(204).send();
  });

  app.delete(`${reviewsBase}/:id`, { schema: { tags, summary: 'Delete an access review definition (its instances stay, as history)', params: idParams } }, async (request, reply) => {
    await definitionFor(deps, request.principal!, request.params.id, 'accessReviews.manage');
    await deleteDefinition(deps, actorOf(request), request.params.id);
    return reply.status(204).send();
  });
};

