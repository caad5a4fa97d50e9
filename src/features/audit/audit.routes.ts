import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NotFoundError } from '../../domain/errors.js';
import type { DirectoryAudit } from '../../domain/audit-entry.js';
import { parseCollectionQuery, parseItemQuery, type ResourceShape } from '../../http/odata/query-options.js';
import { collectionQuerystring, idParams, itemQuerystring } from '../../http/odata/querystring-schemas.js';
import { collectionResponse, entityResponse } from '../../http/responses.js';
import { requireAccess } from '../authorization/authorization.js';
import type { Deps } from '../deps.js';
import { getAudit, listAudits } from './audit.repo.js';

const auditShape: ResourceShape = {
  name: 'microsoft.graph.directoryAudit',
  properties: ['id', 'category', 'correlationId', 'result', 'resultReason', 'activityDisplayName', 'activityDateTime', 'loggedByService', 'operationType', 'initiatedBy', 'targetResources', 'additionalDetails'],
  expandable: {},
};

const auditJson = (entry: DirectoryAudit): Record<string, unknown> => ({ ...entry });

/** The audit log is read-only through the API: there is no route that writes, changes or removes an entry. */
export const auditRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['auditLogs'];

  app.get('/auditLogs/directoryAudits', { schema: { tags, summary: 'List audit log entries, newest first', querystring: collectionQuerystring } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'auditLogs.read');
    const query = parseCollectionQuery(request.query, auditShape);
    const page = await listAudits(deps.db, query);
    return collectionResponse(request, 'auditLogs/directoryAudits', page, query, auditJson);
  });

  app.get('/auditLogs/directoryAudits/:id', { schema: { tags, summary: 'Get an audit log entry', params: idParams, querystring: itemQuerystring } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'auditLogs.read');
    const query = parseItemQuery(request.query, auditShape);
    const entry = await getAudit(deps.db, request.params.id);
    if (!entry) throw new NotFoundError('Audit entry', request.params.id);
    return entityResponse(request, 'auditLogs/directoryAudits', auditJson(entry), query.select);
  });
};
