import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policyAppliesTo, requestRequirements } from '../../domain/assignment-policy-rules.js';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import { parseCollectionQuery } from '../../http/odata/query-options.js';
import { collectionQuerystring, idParams } from '../../http/odata/querystring-schemas.js';
import { baseUrl, collectionResponse } from '../../http/responses.js';
import { accessPackageShape, renderAccessPackages } from '../access-packages/access-package-json.js';
import { findAccessPackage, listAccessPackagesAmong } from '../access-packages/access-packages.repo.js';
import { requireAccess } from '../authorization/authorization.js';
import type { Deps } from '../deps.js';
import { policiesApplyingTo, policySubjectOf } from './applicable-policies.js';
import { requestablePolicies } from './assignment-policies.repo.js';

/**
 * What the signed-in user may request: the packages (filterByCurrentUser) and, for one package,
 * what each policy that lets them ask requires (getApplicablePolicyRequirements). Any signed-in
 * user may ask; no catalog role is needed. A hidden package is left out of the list but answers
 * its requirements to whoever may request it: that is how a direct link to it works.
 */
const packages = '/identityGovernance/entitlementManagement/accessPackages';
export const requestablePackagesRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['entitlementManagement'];

  app.post(`${packages}/:id/getApplicablePolicyRequirements`, { schema: { tags, summary: 'What requesting this access package requires of the caller, per applicable policy', params: idParams } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'entitlements.browse');
    const accessPackage = await findAccessPackage(deps.db, request.params.id);
    if (!accessPackage) throw new NotFoundError('Access package', request.params.id);
    const policies = await policiesApplyingTo(deps.db, request.principal!, accessPackage, deps.clock());
    return {
      '@odata.context': `${baseUrl(request)}/v1.0/$metadata#Collection(microsoft.graph.accessPackageAssignmentRequestRequirements)`,
      value: policies.map(requestRequirements),
    };
  });

  // Graph's function call syntax, filterByCurrentUser(on='allowedRequestor'), is one path segment.
  app.get(`${packages}/filterByCurrentUser:call`, { schema: { tags, summary: 'Access packages the caller may request', params: z.object({ call: z.string().max(200) }), querystring: collectionQuerystring } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'entitlements.browse');
    const on = /^\(on='([^']*)'\)$/.exec(request.params.call)?.[1];
    if (on !== 'allowedRequestor') {
      throw new ValidationError(`filterByCurrentUser on access packages takes on='allowedRequestor'; '${(on ?? request.params.call).slice(0, 60)}' is not supported.`, 'on');
    }
    const query = parseCollectionQuery(request.query, accessPackageShape);
    const subject = await policySubjectOf(deps.db, request.principal!, deps.clock());
    const ids = subject ? [...new Set((await requestablePolicies(deps.db)).filter((policy) => policyAppliesTo(policy, subject)).map((policy) => policy.accessPackageId))] : [];
    const page = await listAccessPackagesAmong(deps.db, query, ids);
    const rendered = await renderAccessPackages(deps.db, page.items, query.expand);
    return collectionResponse(request, 'identityGovernance/entitlementManagement/accessPackages', page, query, (accessPackage) => rendered.get(accessPackage.id)!);
  });
};
