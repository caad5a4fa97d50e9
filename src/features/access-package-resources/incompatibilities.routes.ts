import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AccessPackage, IncompatibilityKind } from '../../domain/access-package.js';
import { visibleCatalogs } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { actorOf } from '../../http/authentication.js';
import { applySelect, parseItemQuery, type ResourceShape } from '../../http/odata/query-options.js';
import { idParams, itemQuerystring } from '../../http/odata/querystring-schemas.js';
import { baseUrl } from '../../http/responses.js';
import { accessPackageJson, accessPackageLeafShape } from '../access-packages/access-package-json.js';
import { findAccessPackagesByIds } from '../access-packages/access-packages.repo.js';
import { requireAccess } from '../authorization/authorization.js';
import type { Deps } from '../deps.js';
import { groupJson, groupShape } from '../groups/group-json.js';
import { findGroupsByIds } from '../groups/groups.repo.js';
import { referenceBody, referencedId } from '../schema-helpers.js';
import { addIncompatibility, removeIncompatibility } from './incompatibilities.js';
import { incompatibleIdsOf, packageIdsIncompatibleWith } from './incompatibilities.repo.js';

const base = '/identityGovernance/entitlementManagement/accessPackages/:id';
const relations: { path: string; kind: IncompatibilityKind; collections: string[]; param: string }[] = [
  { path: 'incompatibleAccessPackages', kind: 'accessPackage', collections: ['accessPackages'], param: 'otherId' },
  { path: 'incompatibleGroups', kind: 'group', collections: ['groups', 'directoryObjects'], param: 'groupId' },
];

/**
 * An incompatibility may link packages of different catalogs (set up by someone who reads both);
 * a caller sees only the packages of catalogs they may read, as in every other package listing.
 */
async function readablePackages(deps: Deps, principal: Principal, ids: string[]): Promise<AccessPackage[]> {
  const visible = visibleCatalogs(principal);
  const packages = await findAccessPackagesByIds(deps.db, ids);
  return visible === 'all' ? packages : packages.filter((accessPackage) => visible.includes(accessPackage.catalogId));
}

/**
 * Separation of duties between packages and groups: Graph's incompatibleAccessPackages and
 * incompatibleGroups, read as lists and changed through $ref.
 */
export const incompatibilitiesRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['entitlementManagement'];

  const list = (shape: ResourceShape, load: (id: string, principal: Principal) => Promise<Record<string, unknown>[]>, contextPath: string) =>
    app.get(`${base}/${contextPath}`, { schema: { tags, summary: `List ${contextPath} of an access package`, params: idParams, querystring: itemQuerystring } }, async (request) => {
      await requireAccess(deps.db, request.principal!, 'accessPackages.read', { accessPackageId: request.params.id });
      const query = parseItemQuery(request.query, shape);
      const value = (await load(request.params.id, request.principal!)).map((json) => applySelect(json, query.select));
      return { '@odata.context': `${baseUrl(request)}/v1.0/$metadata#${shape === groupShape ? 'groups' : 'identityGovernance/entitlementManagement/accessPackages'}`, value };
    });

  list(accessPackageLeafShape, async (id, principal) => (await readablePackages(deps, principal, await incompatibleIdsOf(deps.db, id, 'accessPackage'))).map(accessPackageJson), 'incompatibleAccessPackages');
  list(groupShape, async (id) => (await findGroupsByIds(deps.db, await incompatibleIdsOf(deps.db, id, 'group'))).map(groupJson), 'incompatibleGroups');
  list(accessPackageLeafShape, async (id, principal) => (await readablePackages(deps, principal, await packageIdsIncompatibleWith(deps.db, id))).map(accessPackageJson), 'accessPackagesIncompatibleWith');

  for (const relation of relations) {
    app.post(`${base}/${relation.path}/$ref`, { schema: { tags, summary: `Add to ${relation.path}`, params: idParams, body: referenceBody } }, async (request, reply) => {
      await requireAccess(deps.db, request.principal!, 'accessPackages.manage', { accessPackageId: request.params.id });
      const otherId = referencedId(request.body['@odata.id'], relation.collections);
      // Linking a package is reading it (its name shows in the lists and in a 409): one the caller may not read is, to them, one that does not exist.
      if (relation.kind === 'accessPackage') await requireAccess(deps.db, request.principal!, 'accessPackages.read', { accessPackageId: otherId });
      await addIncompatibility(deps, actorOf(request), request.params.id, relation.kind, otherId);
      return reply.status(204).send();
    });

    const params = z.object({ id: z.string().min(1).max(256), [relation.param]: z.string().min(1).max(256) });
    app.delete(`${base}/${relation.path}/:${relation.param}/$ref`, { schema: { tags, summary: `Remove from ${relation.path}`, params } }, async (request, reply) => {
      const { id, [relation.param]: otherId } = request.params as Record<string, string>;
      await requireAccess(deps.db, request.principal!, 'accessPackages.manage', { accessPackageId: id! });
      await removeIncompatibility(deps, actorOf(request), id!, relation.kind, otherId!);
      return reply.status(204).send();
    });
  }
};
