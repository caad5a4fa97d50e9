import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NotFoundError } from '../../domain/errors.js';
import { actorOf } from '../../http/authentication.js';
import { idParams } from '../../http/odata/querystring-schemas.js';
import { baseUrl, entityResponse } from '../../http/responses.js';
import { requireAccess } from '../authorization/authorization.js';
import { findConnectedSystem } from '../connected-systems/connected-systems.repo.js';
import type { Deps } from '../deps.js';
import { driftJson, reconciliationRunJson } from './reconciliation-json.js';
import { findRun, listDrifts, listRuns } from './reconciliation.repo.js';
import { driftsQuerystring, reconcileBody, runParams, runsQuerystring } from './reconciliation.schemas.js';
import { requestReconciliation } from './reconciliation-jobs.js';

/**
 * Reconciliation of a connected system: start a run (202: a job does it), follow its runs, read the
 * drift each found. Administrators start runs; governance readers see them.
 */
const base = '/tessera/connectedSystems';

export const reconciliationRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['tessera'];
  const context = (systemId: string) => `tessera/connectedSystems('${systemId}')/reconciliations`;
  const existingSystem = async (id: string) => {
    if (!(await findConnectedSystem(deps.db, id))) throw new NotFoundError('Connected system', id);
  };
  const existingRun = async (systemId: string, runId: string) => {
    await existingSystem(systemId);
    const run = await findRun(deps.db, systemId, runId);
    if (!run) throw new NotFoundError('Reconciliation run', runId);
    return run;
  };

  app.post(`${base}/:id/reconcile`, { schema: { tags, summary: "Compare what the system holds with Tessera's assignments, now; in correct mode, put it right", params: idParams, body: reconcileBody } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'connectedSystems.manage');
    const run = await requestReconciliation(deps, actorOf(request), request.params.id, request.body?.mode);
    const location = `${baseUrl(request)}/v1.0${base}/${run.connectedSystemId}/reconciliations/${run.id}`;
    return reply.status(202).header('location', location).send(entityResponse(request, context(run.connectedSystemId), reconciliationRunJson(run)));
  });

  app.get(`${base}/:id/reconciliations`, { schema: { tags, summary: 'The reconciliation runs of a system, newest first, paged', params: idParams, querystring: runsQuerystring } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'connectedSystems.read');
    await existingSystem(request.params.id);
    const { $top: top, $skiptoken: before } = request.query;
    const runs = await listRuns(deps.db, request.params.id, top + 1, before);
    const page = runs.slice(0, top);
    const next = runs.length > top ? `${baseUrl(request)}/v1.0${base}/${request.params.id}/reconciliations?$top=${top}&$skiptoken=${page.at(-1)!.id}` : undefined;
    return { '@odata.context': `${baseUrl(request)}/v1.0/$metadata#${context(request.params.id)}`, value: page.map(reconciliationRunJson), ...(next ? { '@odata.nextLink': next } : {}) };
  });

  app.get(`${base}/:id/reconciliations/:runId`, { schema: { tags, summary: 'One reconciliation run: its state and what it found', params: runParams } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'connectedSystems.read');
    return entityResponse(request, context(request.params.id), reconciliationRunJson(await existingRun(request.params.id, request.params.runId)));
  });

  app.get(`${base}/:id/reconciliations/:runId/drifts`, { schema: { tags, summary: 'The drift a run found, and what it did about each, paged', params: runParams, querystring: driftsQuerystring } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'connectedSystems.read');
    const run = await existingRun(request.params.id, request.params.runId);
    const { $top: top, $skiptoken: after } = request.query;
    const drifts = await listDrifts(deps.db, run.id, top + 1, after);
    const page = drifts.slice(0, top);
    const next = drifts.length > top ? `${baseUrl(request)}/v1.0${base}/${run.connectedSystemId}/reconciliations/${run.id}/drifts?$top=${top}&$skiptoken=${encodeURIComponent(page.at(-1)!.id)}` : undefined;
    return { '@odata.context': `${baseUrl(request)}/v1.0/$metadata#${context(request.params.id)}('${run.id}')/drifts`, value: page.map(driftJson), ...(next ? { '@odata.nextLink': next } : {}) };
  });
};
