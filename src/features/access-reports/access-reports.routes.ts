import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AccessReportRow } from '../../domain/access-report.js';
import { NotFoundError } from '../../domain/errors.js';
import type { CollectionQuery } from '../../http/odata/query-options.js';
import { collectionResponse } from '../../http/responses.js';
import { accessReportScope, requireAccess } from '../authorization/authorization.js';
import type { Deps } from '../deps.js';
import { accessReportCsv } from './access-report-csv.js';
import { accessReportPage, findReportResource, findReportUser, positionLength, type ReportScope, type ReportSubject } from './access-reports.repo.js';
import { decodeReportToken, encodeReportToken, parseReportOptions, reportParams, reportQuerystring, type ReportOptions } from './access-reports.schemas.js';

/**
 * Tessera's own endpoints (Graph has no such report): who has access to what, and why — for a
 * user, and for a catalog resource — as JSON pages or as one CSV file.
 */
const base = '/tessera/accessReports';
const context = 'Collection(tessera.accessReportRow)';

export const accessReportsRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['tessera'];

  app.get(
    `${base}/users/:id`,
    { schema: { tags, summary: 'The resource roles a user holds (or held) through access packages, with the request, approvals and policy behind each', params: reportParams, querystring: reportQuerystring } },
    async (request, reply) => {
      const principal = request.principal!;
      const options = parseReportOptions(request.query, request.headers.accept);
      const user = await findReportUser(deps.db, request.params.id);
      if (!user) throw new NotFoundError('User', request.params.id);
      await requireAccess(deps.db, principal, 'accessReports.read', { userId: user.id });
      const scope: ReportScope = { state: options.state, catalogIds: accessReportScope(principal, { userId: user.id }) };
      return sendReport(request, reply, options, { kind: 'user', userId: user.id }, scope, `user-${user.id}`);
    },
  );

  app.get(
    `${base}/resources/:id`,
    { schema: { tags, summary: 'Everyone holding (or who held) a role of a catalog resource through access packages, and why', params: reportParams, querystring: reportQuerystring } },
    async (request, reply) => {
      const principal = request.principal!;
      const options = parseReportOptions(request.query, request.headers.accept);
      // Unknown, or in a catalog whose assignments the caller may not read: 404 alike.
      await requireAccess(deps.db, principal, 'accessReports.read', { resourceId: request.params.id });
      const resource = await findReportResource(deps.db, request.params.id);
      if (!resource) throw new NotFoundError('Access package resource', request.params.id);
      const scope: ReportScope = { state: options.state, catalogIds: accessReportScope(principal, { resourceId: resource.id }) };
      return sendReport(request, reply, options, { kind: 'resource', resource }, scope, `resource-${resource.id}`);
    },
  );

  async function sendReport(request: FastifyRequest, reply: FastifyReply, options: ReportOptions, subject: ReportSubject, scope: ReportScope, name: string) {
    if (options.format === 'csv') {
      const day = deps.clock().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="access-report-${name.replace(/[^\w.-]/g, '_')}-${day}.csv"`)
        // Who holds what is sensitive: a downloaded report is not to be kept by caches on the way.
        .header('cache-control', 'no-store')
        .send(Readable.from(accessReportCsv(deps.db, subject, scope), { objectMode: false }));
    }
    const reportKey = `${name}/${options.state}`;
    const after = options.skipToken ? decodeReportToken(options.skipToken, reportKey, positionLength(subject.kind)) : undefined;
    const page = await accessReportPage(deps.db, subject, scope, after, options.top);
    const query: CollectionQuery = { orderBy: [], top: options.top, count: false, expand: [] };
    const items = { items: page.rows, ...(page.next ? { nextSkipToken: encodeReportToken(page.next, reportKey) } : {}) };
    return collectionResponse<AccessReportRow>(request, context, items, query, (row) => ({ ...row }));
  }
};
