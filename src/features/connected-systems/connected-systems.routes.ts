import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NotFoundError, TargetSystemError } from '../../domain/errors.js';
import { actorOf } from '../../http/authentication.js';
import { idParams } from '../../http/odata/querystring-schemas.js';
import { baseUrl, entityResponse } from '../../http/responses.js';
import { requireAccess } from '../authorization/authorization.js';
import type { Deps } from '../deps.js';
import { connectedSystemJson } from './connected-system-json.js';
import { findConnectedSystem, listConnectedSystems } from './connected-systems.repo.js';
import { createConnectedSystemBody, discoverQuerystring, updateConnectedSystemBody } from './connected-systems.schemas.js';
import { createConnectedSystem, deleteConnectedSystem, updateConnectedSystem } from './manage-connected-systems.js';

/**
 * /tessera/connectedSystems: the targets Tessera delivers access into (Graph has no such API; its
 * resource environments are read-only). Governance administrators manage them; governance readers
 * see them, without secrets.
 */
const base = '/tessera/connectedSystems';
const context = 'tessera/connectedSystems';

export const connectedSystemsRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['tessera'];
  const existing = async (id: string) => {
    const system = await findConnectedSystem(deps.db, id);
    if (!system) throw new NotFoundError('Connected system', id);
    return system;
  };

  app.get(base, { schema: { tags, summary: 'List connected systems (secrets never shown)' } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'connectedSystems.read');
    return { '@odata.context': `${baseUrl(request)}/v1.0/$metadata#${context}`, value: (await listConnectedSystems(deps.db)).map(connectedSystemJson) };
  });

  app.post(base, { schema: { tags, summary: 'Add a connected system', body: createConnectedSystemBody } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'connectedSystems.manage');
    const system = await createConnectedSystem(deps, actorOf(request), request.body);
    return reply.status(201).send(entityResponse(request, context, connectedSystemJson(system)));
  });

  app.get(`${base}/:id`, { schema: { tags, summary: 'Get a connected system (secrets never shown)', params: idParams } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'connectedSystems.read');
    return entityResponse(request, context, connectedSystemJson(await existing(request.params.id)));
  });

  app.patch(`${base}/:id`, { schema: { tags, summary: 'Change a connected system: settings are merged, secrets replaced one by one', params: idParams, body: updateConnectedSystemBody } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'connectedSystems.manage');
    await updateConnectedSystem(deps, actorOf(request), request.params.id, request.body);
    return reply.status(204).send();
  });

  app.delete(`${base}/:id`, { schema: { tags, summary: 'Remove a connected system that no catalog holds resources of', params: idParams } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'connectedSystems.manage');
    await deleteConnectedSystem(deps, actorOf(request), request.params.id);
    return reply.status(204).send();
  });

  // Always 200: the answer is whether the system works, and if not, what is wrong.
  app.post(`${base}/:id/testConnection`, { schema: { tags, summary: 'Check that Tessera can reach the system and do its work there', params: idParams } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'connectedSystems.manage');
    await existing(request.params.id);
    const connector = deps.connectors.forEnvironment(request.params.id);
    if (!connector) return { succeeded: false, message: 'Tessera has no connector for this system in this process; it is built when Tessera starts.' };
    try {
      await connector.test?.();
      return { succeeded: true, message: null };
    } catch (error) {
      return { succeeded: false, message: error instanceof Error ? error.message : String(error) };
    }
  });

  app.get(`${base}/:id/resources`, { schema: { tags, summary: 'What the system offers to bring into catalogs, searched by the start of the name and paged', params: idParams, querystring: discoverQuerystring } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'connectedSystems.manage');
    const system = await existing(request.params.id);
    const connector = deps.connectors.forEnvironment(system.id)!;
    const { search, $top: top, $skiptoken: cursor } = request.query;
    const page = await connector.discover({ top, ...(search ? { search } : {}), ...(cursor ? { cursor } : {}) }).catch((error: unknown) => {
      throw new TargetSystemError(error instanceof Error ? error.message : String(error));
    });
    const next = page.nextCursor ? `${baseUrl(request)}/v1.0${base}/${system.id}/resources?$top=${top}${search ? `&search=${encodeURIComponent(search)}` : ''}&$skiptoken=${encodeURIComponent(page.nextCursor)}` : undefined;
    return { value: page.resources.map((resource) => ({ ...resource, originSystem: connector.originSystem })), ...(next ? { '@odata.nextLink': next } : {}) };
  });
};
