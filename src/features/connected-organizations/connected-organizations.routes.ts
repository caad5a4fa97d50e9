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
import { objectId, objectName, type DirectoryObject } from '../group-memberships/directory-objects.js';
import { groupJson } from '../groups/group-json.js';
import { directoryObjectShape } from '../group-memberships/member-pages.js';
import { referenceBody } from '../schema-helpers.js';
import { userJson } from '../users/user-json.js';
import { connectedOrganizationJson, connectedOrganizationShape } from './connected-organization-json.js';
import { findConnectedOrganization, listConnectedOrganizations, type SponsorKind } from './connected-organizations.repo.js';
import { createConnectedOrganizationBody, updateConnectedOrganizationBody } from './connected-organizations.schemas.js';
import { createConnectedOrganization, deleteConnectedOrganization, updateConnectedOrganization } from './manage-connected-organizations.js';
import { addOrganizationSponsor, removeOrganizationSponsor, sponsorProperty, sponsorsOf } from './organization-sponsors.js';

const base = '/identityGovernance/entitlementManagement/connectedOrganizations';
const context = 'identityGovernance/entitlementManagement/connectedOrganizations';
// Sponsors are directoryObjects: users answer as users, groups as groups.
const sponsorJson = (sponsor: DirectoryObject) => (sponsor.type === 'user' ? userJson(sponsor.user) : groupJson(sponsor.group));
const sponsorParams = z.object({ id: z.string().min(1).max(256), sponsorId: z.string().min(1).max(256) });

/** Connected organizations: the partners whose people may request access, and their sponsors. */
export const connectedOrganizationsRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['entitlementManagement'];

  app.get(base, { schema: { tags, summary: 'List connected organizations', querystring: collectionQuerystring } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'connectedOrganizations.read');
    const query = parseCollectionQuery(request.query, connectedOrganizationShape);
    const page = await listConnectedOrganizations(deps.db, query);
    return collectionResponse(request, context, page, query, connectedOrganizationJson);
  });

  app.post(base, { schema: { tags, summary: 'Create a connected organization', body: createConnectedOrganizationBody } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'connectedOrganizations.manage');
    const organization = await createConnectedOrganization(deps, actorOf(request), request.body);
    return reply.status(201).send(entityResponse(request, context, connectedOrganizationJson(organization)));
  });

  app.get(`${base}/:id`, { schema: { tags, summary: 'Get a connected organization', params: idParams, querystring: itemQuerystring } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'connectedOrganizations.read');
    const query = parseItemQuery(request.query, connectedOrganizationShape);
    const organization = await findConnectedOrganization(deps.db, request.params.id);
    if (!organization) throw new NotFoundError('Connected organization', request.params.id);
    return entityResponse(request, context, connectedOrganizationJson(organization), query.select);
  });

  app.patch(`${base}/:id`, { schema: { tags, summary: 'Update a connected organization', params: idParams, body: updateConnectedOrganizationBody } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'connectedOrganizations.manage');
    await updateConnectedOrganization(deps, actorOf(request), request.params.id, request.body);
    return reply.status(204).send();
  });

  app.delete(`${base}/:id`, { schema: { tags, summary: 'Delete a connected organization no policy names (kept for history)', params: idParams } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'connectedOrganizations.manage');
    await deleteConnectedOrganization(deps, actorOf(request), request.params.id);
    return reply.status(204).send();
  });

  for (const kind of ['internal', 'external'] as SponsorKind[]) {
    const segment = sponsorProperty(kind);

    app.get(`${base}/:id/${segment}`, { schema: { tags, summary: `List a connected organization's ${segment}`, params: idParams, querystring: collectionQuerystring } }, async (request) => {
      await requireAccess(deps.db, request.principal!, 'connectedOrganizations.read');
      const query = parseCollectionQuery(request.query, directoryObjectShape);
      const sponsors = await sponsorsOf(deps.db, request.params.id, kind);
      const page = pageInMemory(sponsors, query, objectId, { id: objectId, displayName: objectName });
      return collectionResponse(request, 'directoryObjects', page, query, sponsorJson);
    });

    app.post(`${base}/:id/${segment}/$ref`, { schema: { tags, summary: `Add a user or group to a connected organization's ${segment}`, params: idParams, body: referenceBody } }, async (request, reply) => {
      await requireAccess(deps.db, request.principal!, 'connectedOrganizations.manage');
      await addOrganizationSponsor(deps, actorOf(request), request.params.id, kind, request.body['@odata.id']);
      return reply.status(204).send();
    });

    app.delete(`${base}/:id/${segment}/:sponsorId/$ref`, { schema: { tags, summary: `Remove a user or group from a connected organization's ${segment}`, params: sponsorParams } }, async (request, reply) => {
      await requireAccess(deps.db, request.principal!, 'connectedOrganizations.manage');
      await removeOrganizationSponsor(deps, actorOf(request), request.params.id, kind, request.params.sponsorId);
      return reply.status(204).send();
    });
  }
};
