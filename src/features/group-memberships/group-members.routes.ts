import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../domain/errors.js';
import { actorOf } from '../../http/authentication.js';
import { parseCollectionQuery, type CollectionQuery } from '../../http/odata/query-options.js';
import type { Page } from '../../db/collection-query.js';
import { collectionQuerystring, idParams } from '../../http/odata/querystring-schemas.js';
import { collectionResponse } from '../../http/responses.js';
import { requireAccess } from '../authorization/authorization.js';
import type { Deps } from '../deps.js';
import { referenceBody } from '../schema-helpers.js';
import { userJson } from '../users/user-json.js';
import { findUser } from '../users/users.repo.js';
import { addGroupMember } from './add-group-member.js';
import { loadDirectoryObjects, parseObjectReference, type DirectoryObject } from './directory-objects.js';
import { findGroup } from '../groups/groups.repo.js';
import { groupJson } from '../groups/group-json.js';
import { directoryObjectShape, pageOfMembers } from './member-pages.js';
import { pageOfRelationship, transitiveMembersOf, type MemberRef, type Relationship, maxGroupNestingDepth } from './memberships.repo.js';
import { removeGroupMember } from './remove-group-member.js';

const key = z.string().min(1).max(256);

export function directoryObjectJson(object: DirectoryObject): Record<string, unknown> {
  return object.type === 'user' ? userJson(object.user) : groupJson(object.group);
}

export const groupMembersRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['groups'];
  const relationships: [Relationship, string, string][] = [['member', 'members', 'memberId'], ['owner', 'owners', 'ownerId']];

  /** Answers one page of a relationship list, loading only that page's objects. */
  async function listing(request: FastifyRequest, page: (query: CollectionQuery) => Promise<Page<MemberRef>> | Page<MemberRef>) {
    const query = parseCollectionQuery(request.query as Record<string, unknown>, directoryObjectShape);
    const refs = await page(query);
    const items = await loadDirectoryObjects(deps.db, refs.items);
    return collectionResponse(request, 'directoryObjects', { ...refs, items }, query, directoryObjectJson);
  }

  async function livingGroupId(id: string): Promise<string> {
    const group = await findGroup(deps.db, id);
    if (!group) throw new NotFoundError('Group', id);
    return group.id;
  }

  for (const [relationship, segment, idName] of relationships) {
    app.get(`/groups/:id/${segment}`, { schema: { tags, summary: `List a group's ${segment}`, params: idParams, querystring: collectionQuerystring } }, async (request) => {
      await requireAccess(deps.db, request.principal!, 'directory.read');
      const groupId = await livingGroupId(request.params.id);
      return listing(request, (query) => pageOfRelationship(deps.db, { groupId }, relationship, query));
    });

    app.post(`/groups/:id/${segment}/$ref`, { schema: { tags, summary: `Add to a group's ${segment}`, params: idParams, body: referenceBody } }, async (request, reply) => {
      await requireAccess(deps.db, request.principal!, 'group.members.manage', { groupId: request.params.id });
      await addGroupMember(deps, actorOf(request), request.params.id, relationship, parseObjectReference(request.body['@odata.id']));
      return reply.status(204).send();
    });

    const params = z.object({ id: key, [idName]: key });
    app.delete(`/groups/:id/${segment}/:${idName}/$ref`, { schema: { tags, summary: `Remove from a group's ${segment}`, params } }, async (request, reply) => {
      const { id, [idName]: memberId } = request.params as Record<string, string>;
      await requireAccess(deps.db, request.principal!, 'group.members.manage', { groupId: id! });
      await removeGroupMember(deps, actorOf(request), id!, relationship, memberId!);
      return reply.status(204).send();
    });
  }

  // Graph's OData casts narrow the flat list to one type: …/transitiveMembers/microsoft.graph.user.
  for (const cast of [undefined, 'user', 'group'] as const) {
    const url = `/groups/:id/transitiveMembers${cast ? `/microsoft.graph.${cast}` : ''}`;
    app.get(url, { schema: { tags, summary: `List a group's members, through nested groups${cast ? ` (${cast}s only)` : ''}`, params: idParams, querystring: collectionQuerystring } }, async (request) => {
      await requireAccess(deps.db, request.principal!, 'directory.read');
      const groupId = await livingGroupId(request.params.id);
      const members = await transitiveMembersOf(deps.db, groupId, maxGroupNestingDepth, cast ? [cast] : ['user', 'group']);
      // A loop that slipped in (imported data) must not list the group as its own member.
      return listing(request, (query) => pageOfMembers(members.filter((member) => member.memberId !== groupId), query));
    });
  }

  app.get('/users/:id/memberOf', { schema: { tags, summary: 'List the groups a user is a direct member of', params: idParams, querystring: collectionQuerystring } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'directory.read');
    const user = await findUser(deps.db, request.params.id);
    if (!user) throw new NotFoundError('User', request.params.id);
    return listing(request, (query) => pageOfRelationship(deps.db, { memberId: user.id }, 'member', query));
  });
};
