import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NotFoundError } from '../../domain/errors.js';
import { actorOf } from '../../http/authentication.js';
import { parseCollectionQuery, parseItemQuery } from '../../http/odata/query-options.js';
import { collectionQuerystring, idParams, itemQuerystring } from '../../http/odata/querystring-schemas.js';
import { collectionResponse, entityResponse } from '../../http/responses.js';
import { requireAccess } from '../authorization/authorization.js';
import type { Deps } from '../deps.js';
import { createGroup } from './create-group.js';
import { deleteGroup } from './delete-group.js';
import { groupMembersRoutes } from '../group-memberships/group-members.routes.js';
import { findGroup, listGroups } from './groups.repo.js';
import { createGroupBody, updateGroupBody } from './groups.schemas.js';
import { groupJson, groupShape } from './group-json.js';
import { updateGroup } from './update-group.js';

export const groupsRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['groups'];

  app.get('/groups', { schema: { tags, summary: 'List groups', querystring: collectionQuerystring } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'directory.read');
    const query = parseCollectionQuery(request.query, groupShape);
    const page = await listGroups(deps.db, query);
    return collectionResponse(request, 'groups', page, query, groupJson);
  });

  app.post('/groups', { schema: { tags, summary: 'Create a group, optionally binding members and owners', body: createGroupBody } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'groups.manage');
    // A role-assignable group can hold directory roles, so only a Global Administrator creates one.
    if (request.body.isAssignableToRole) await requireAccess(deps.db, request.principal!, 'directoryRoles.manage');
    const group = await createGroup(deps, actorOf(request), request.body);
    return reply.status(201).send(entityResponse(request, 'groups', groupJson(group)));
  });

  app.get('/groups/:id', { schema: { tags, summary: 'Get a group', params: idParams, querystring: itemQuerystring } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'directory.read');
    const query = parseItemQuery(request.query, groupShape);
    const group = await findGroup(deps.db, request.params.id);
    if (!group) throw new NotFoundError('Group', request.params.id);
    return entityResponse(request, 'groups', groupJson(group), query.select);
  });

  app.patch('/groups/:id', { schema: { tags, summary: 'Update a group', params: idParams, body: updateGroupBody } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'groups.manage', { groupId: request.params.id });
    await updateGroup(deps, actorOf(request), request.params.id, request.body);
    return reply.status(204).send();
  });

  app.delete('/groups/:id', { schema: { tags, summary: 'Delete a group (kept for history)', params: idParams } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'groups.manage', { groupId: request.params.id });
    await deleteGroup(deps, actorOf(request), request.params.id);
    return reply.status(204).send();
  });

  await app.register(groupMembersRoutes(deps));
};
