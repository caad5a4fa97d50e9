import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../domain/errors.js';
import { actorOf } from '../../http/authentication.js';
import { pageInMemory } from '../../http/odata/in-memory-page.js';
import { parseCollectionQuery, parseItemQuery } from '../../http/odata/query-options.js';
import { collectionQuerystring, idParams, itemQuerystring } from '../../http/odata/querystring-schemas.js';
import { collectionResponse, entityResponse } from '../../http/responses.js';
import { requireAccess } from '../authorization/authorization.js';
import type { Deps } from '../deps.js';
import { referenceBody, referencedId } from '../schema-helpers.js';
import { userJson, userShape } from '../users/user-json.js';
import { findUser, findUsersByIds, listUsers, managerIdOf } from '../users/users.repo.js';
import { removeManager, setManager } from './set-manager.js';
import { addSponsor, removeSponsor } from './sponsors.js';
import { listSponsorIds } from './sponsors.repo.js';

const sponsorParams = z.object({ id: z.string().min(1).max(256), sponsorId: z.string().min(1).max(256) });

/** A user's manager, direct reports and sponsors: the relationships between people. */
export const userRelationshipsRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['users'];

  app.get('/users/:id/manager', { schema: { tags, summary: "Get a user's manager", params: idParams, querystring: itemQuerystring } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'directory.read');
    const query = parseItemQuery(request.query, userShape);
    const user = await findUser(deps.db, request.params.id);
    if (!user) throw new NotFoundError('User', request.params.id);
    const managerId = await managerIdOf(deps.db, user.id);
    const manager = managerId ? await findUser(deps.db, managerId) : undefined;
    if (!manager) throw new NotFoundError('Manager of user', request.params.id);
    return entityResponse(request, 'directoryObjects', userJson(manager), query.select);
  });

  app.put('/users/:id/manager/$ref', { schema: { tags, summary: "Set a user's manager", params: idParams, body: referenceBody } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'users.manage', { userId: request.params.id });
    await setManager(deps, actorOf(request), request.params.id, referencedId(request.body['@odata.id'], ['users', 'directoryObjects']));
    return reply.status(204).send();
  });

  app.delete('/users/:id/manager/$ref', { schema: { tags, summary: "Remove a user's manager", params: idParams } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'users.manage', { userId: request.params.id });
    await removeManager(deps, actorOf(request), request.params.id);
    return reply.status(204).send();
  });

  app.get('/users/:id/directReports', { schema: { tags, summary: "List a user's direct reports", params: idParams, querystring: collectionQuerystring } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'directory.read');
    const query = parseCollectionQuery(request.query, userShape);
    const user = await findUser(deps.db, request.params.id);
    if (!user) throw new NotFoundError('User', request.params.id);
    const page = await listUsers(deps.db, query, { managerId: user.id });
    return collectionResponse(request, 'directoryObjects', page, query, userJson);
  });

  app.get('/users/:id/sponsors', { schema: { tags, summary: "List a user's sponsors", params: idParams, querystring: collectionQuerystring } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'directory.read');
    const query = parseCollectionQuery(request.query, userShape);
    const user = await findUser(deps.db, request.params.id);
    if (!user) throw new NotFoundError('User', request.params.id);
    const sponsors = await findUsersByIds(deps.db, await listSponsorIds(deps.db, user.id));
    const page = pageInMemory(sponsors, query, (sponsor) => sponsor.id, { id: (s) => s.id, displayName: (s) => s.displayName, userPrincipalName: (s) => s.userPrincipalName, mail: (s) => s.mail });
    return collectionResponse(request, 'directoryObjects', page, query, userJson);
  });

  app.post('/users/:id/sponsors/$ref', { schema: { tags, summary: 'Add a sponsor', params: idParams, body: referenceBody } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'users.manage', { userId: request.params.id });
    await addSponsor(deps, actorOf(request), request.params.id, referencedId(request.body['@odata.id'], ['users', 'directoryObjects']));
    return reply.status(204).send();
  });

  app.delete('/users/:id/sponsors/:sponsorId/$ref', { schema: { tags, summary: 'Remove a sponsor', params: sponsorParams } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'users.manage', { userId: request.params.id });
    await removeSponsor(deps, actorOf(request), request.params.id, request.params.sponsorId);
    return reply.status(204).send();
  });
};
