import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AssignmentPolicy } from '../../domain/assignment-policy.js';
import { NotFoundError } from '../../domain/errors.js';
import { visibleCatalogs } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { actorOf } from '../../http/authentication.js';
import { parseCollectionQuery, parseItemQuery } from '../../http/odata/query-options.js';
import { collectionQuerystring, idParams, itemQuerystring } from '../../http/odata/querystring-schemas.js';
import { collectionResponse, entityResponse } from '../../http/responses.js';
import { requireAccess } from '../authorization/authorization.js';
import { catalogIdOfAccessPackage } from '../authorization/authorization.repo.js';
import type { Deps } from '../deps.js';
import { policyShape, renderPolicies } from './assignment-policy-json.js';
import { findPolicy, listPolicies } from './assignment-policies.repo.js';
import { createPolicyBody, replacePolicyBody, updatePolicyBody } from './assignment-policies.schemas.js';
import { createAssignmentPolicy } from './create-assignment-policy.js';
import { deleteAssignmentPolicy } from './delete-assignment-policy.js';
import { updateAssignmentPolicy } from './update-assignment-policy.js';

const base = '/identityGovernance/entitlementManagement/assignmentPolicies';
const context = 'identityGovernance/entitlementManagement/assignmentPolicies';

export const assignmentPoliciesRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['entitlementManagement'];

  /** One policy as the API shows it, honouring $select and $expand when given. */
  const entity = async (request: FastifyRequest, policy: AssignmentPolicy, query = parseItemQuery({}, policyShape)) => {
    const rendered = await renderPolicies(deps.db, [policy], query.expand);
    return entityResponse(request, context, rendered.get(policy.id)!, query.select, query.expand.map((e) => e.property));
  };

  app.get(base, { schema: { tags, summary: 'List assignment policies in the catalogs the caller may read', querystring: collectionQuerystring } }, async (request) => {
    // Anyone signed in may ask; they see the policies of the catalogs they may read.
    await requireAccess(deps.db, request.principal!, 'entitlements.browse');
    const query = parseCollectionQuery(request.query, policyShape);
    const page = await listPolicies(deps.db, query, visibleCatalogs(request.principal!));
    const rendered = await renderPolicies(deps.db, page.items, query.expand);
    return collectionResponse(request, context, page, query, (policy) => rendered.get(policy.id)!);
  });

  app.get('/identityGovernance/entitlementManagement/accessPackages/:id/assignmentPolicies', { schema: { tags, summary: "List an access package's assignment policies", params: idParams, querystring: collectionQuerystring } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'accessPackages.read', { accessPackageId: request.params.id });
    const query = parseCollectionQuery(request.query, policyShape);
    const page = await listPolicies(deps.db, query, 'all', request.params.id);
    const rendered = await renderPolicies(deps.db, page.items, query.expand);
    return collectionResponse(request, context, page, query, (policy) => rendered.get(policy.id)!);
  });

  app.post(base, { schema: { tags, summary: 'Create an assignment policy for an access package', body: createPolicyBody } }, async (request, reply) => {
    await requireWriteOnPackage(deps, request.principal!, request.body.accessPackage.id);
    const policy = await createAssignmentPolicy(deps, actorOf(request), request.body);
    return reply.status(201).send(await entity(request, policy));
  });

  app.get(`${base}/:id`, { schema: { tags, summary: 'Get an assignment policy', params: idParams, querystring: itemQuerystring } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'accessPackages.read', { policyId: request.params.id });
    const query = parseItemQuery(request.query, policyShape);
    const policy = await findPolicy(deps.db, request.params.id);
    if (!policy) throw new NotFoundError('Access package assignment policy', request.params.id);
    return entity(request, policy, query);
  });

  app.put(`${base}/:id`, { schema: { tags, summary: 'Replace an assignment policy (Graph’s update)', params: idParams, body: replacePolicyBody } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'policies.manage', { policyId: request.params.id });
    const policy = await updateAssignmentPolicy(deps, actorOf(request), request.params.id, { kind: 'replace', body: request.body });
    return entity(request, policy);
  });

  app.patch(`${base}/:id`, { schema: { tags, summary: 'Change some properties of an assignment policy (Tessera’s convenience)', params: idParams, body: updatePolicyBody } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'policies.manage', { policyId: request.params.id });
    await updateAssignmentPolicy(deps, actorOf(request), request.params.id, { kind: 'merge', body: request.body });
    return reply.status(204).send();
  });

  app.delete(`${base}/:id`, { schema: { tags, summary: 'Delete an assignment policy (kept for history)', params: idParams } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'policies.manage', { policyId: request.params.id });
    await deleteAssignmentPolicy(deps, actorOf(request), request.params.id);
    return reply.status(204).send();
  });
};

/**
 * Creating a policy needs policies.manage in the package's catalog. For a package that does not
 * exist there is no catalog: only those who manage every catalog get past this, and then hear
 * that the package does not exist (400, it is named in the body); others get 403 and learn nothing.
 */
async function requireWriteOnPackage(deps: Deps, principal: Principal, accessPackageId: string): Promise<void> {
  const catalogId = await catalogIdOfAccessPackage(deps.db, accessPackageId);
  await requireAccess(deps.db, principal, 'policies.manage', catalogId ? { catalogId } : {});
}
