import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NotFoundError } from '../../domain/errors.js';
import type { User } from '../../domain/user.js';
import { actorOf } from '../../http/authentication.js';
import { parseCollectionQuery, parseItemQuery, type ResourceShape } from '../../http/odata/query-options.js';
import { collectionQuerystring, idParams, itemQuerystring } from '../../http/odata/querystring-schemas.js';
import { collectionResponse, entityResponse } from '../../http/responses.js';
import { requireAccess } from '../authorization/authorization.js';
import type { Deps } from '../deps.js';
import { userJson, userShape } from './user-json.js';
import { createUser } from './create-user.js';
import { deleteUser } from './delete-user.js';
import { updateUser } from './update-user.js';
import { findUser, findUsersByIds, listUsers, managerIdsOf } from './users.repo.js';
import { createUserBody, updateUserBody } from './users.schemas.js';
import { userRelationshipsRoutes } from '../user-relationships/user-relationships.routes.js';

const userShapeWithManager: ResourceShape = { ...userShape, expandable: { manager: userShape } };

export const usersRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['users'];

  app.get('/users', { schema: { tags, summary: 'List users', querystring: collectionQuerystring } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'directory.read');
    const query = parseCollectionQuery(request.query, userShapeWithManager);
    const page = await listUsers(deps.db, query);
    const managers = await expandManagers(page.items, query.expand.some((item) => item.property === 'manager'));
    return collectionResponse(request, 'users', page, query, (user) => ({ ...userJson(user), ...managers(user) }));
  });

  app.post('/users', { schema: { tags, summary: 'Create a user', body: createUserBody } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'users.manage');
    const user = await createUser(deps, actorOf(request), request.body);
    return reply.status(201).send(entityResponse(request, 'users', userJson(user)));
  });

  // Graph's /me: the caller themselves. Open to guests too, who may not read the rest of the directory.
  app.get('/me', { schema: { tags, summary: 'Get the signed-in user', querystring: itemQuerystring } }, async (request) => {
    const principal = request.principal!;
    const query = parseItemQuery(request.query, userShape);
    const user = principal.kind === 'user' ? await findUser(deps.db, principal.id) : undefined;
    if (!user) throw new NotFoundError('User', 'me');
    return entityResponse(request, 'users', userJson(user), query.select);
  });

  app.get('/users/:id', { schema: { tags, summary: 'Get a user by id or userPrincipalName', params: idParams, querystring: itemQuerystring } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'directory.read');
    const query = parseItemQuery(request.query, userShapeWithManager);
    const user = await findUser(deps.db, request.params.id);
    if (!user) throw new NotFoundError('User', request.params.id);
    const managers = await expandManagers([user], query.expand.some((item) => item.property === 'manager'));
    return entityResponse(request, 'users', { ...userJson(user), ...managers(user) }, query.select, query.expand.map((e) => e.property));
  });

  app.patch('/users/:id', { schema: { tags, summary: 'Update a user', params: idParams, body: updateUserBody } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'users.manage', { userId: request.params.id });
    await updateUser(deps, actorOf(request), request.params.id, request.body);
    return reply.status(204).send();
  });

  app.delete('/users/:id', { schema: { tags, summary: 'Delete a user (kept for history)', params: idParams } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'users.manage', { userId: request.params.id });
    await deleteUser(deps, actorOf(request), request.params.id);
    return reply.status(204).send();
  });

  await app.register(userRelationshipsRoutes(deps));

  /** Loads the managers of a page of users in one query when $expand=manager asks for them. */
  async function expandManagers(users: User[], wanted: boolean): Promise<(user: User) => Record<string, unknown>> {
    if (!wanted) return () => ({});
    const managerIds = await managerIdsOf(deps.db, users.map((user) => user.id));
    const managers = new Map((await findUsersByIds(deps.db, [...managerIds.values()].filter((id): id is string => id !== null))).map((m) => [m.id, m]));
    return (user) => {
      const manager = managers.get(managerIds.get(user.id) ?? '');
      return { manager: manager ? userJson(manager) : null };
    };
  }
};
