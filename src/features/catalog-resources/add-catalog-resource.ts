import { onUniqueViolation } from '../../db/dialect.js';
import { actorId } from '../../domain/actor-id.js';
import { assertResourceAdmission, needsResourceOwnership, resourceAdmission, type CatalogResource, type ResourceRequest } from '../../domain/catalog-resource.js';
import { ConflictError, TargetSystemError, ValidationError } from '../../domain/errors.js';
import type { Actor, Principal } from '../../domain/principal.js';
import { recordAudit } from '../audit/audit.repo.js';
import { findCatalog, lockCatalog } from '../catalogs/catalogs.repo.js';
import type { Deps } from '../deps.js';
import { isGroupOwner } from '../group-memberships/memberships.repo.js';
import { findCatalogResourceByOrigin, insertResource } from './catalog-resources.repo.js';
import { defaultEnvironmentFor, findEnvironment } from './resource-environments.repo.js';
import { insertResourceRequest } from './resource-requests.repo.js';
import { resourceAudit } from './resource-audit.js';

const alreadyInCatalog = (originId: string) => new ConflictError(`The resource '${originId}' is already in the catalog.`, 'resource.originId');

/**
 * adminAdd: brings a resource of a connected system into a catalog. The connector describes it
 * (name, roles, scopes) before the transaction opens, since connectors are never called inside
 * one; then the resource, its roles and scopes, the request and the audit entry are written together.
 */
export async function addCatalogResource(deps: Deps, actor: Actor, catalogId: string, originSystem: string, originId: string, named?: { id?: string | undefined; originId?: string | undefined }): Promise<{ request: ResourceRequest; resource: CatalogResource }> {
  const environment = named?.id || named?.originId ? await findEnvironment(deps.db, originSystem, named) : await defaultEnvironmentFor(deps.db, originSystem);
  const connector = environment ? deps.connectors.forEnvironment(environment.id) : undefined;
  if (named && (named.id || named.originId) && !connector) throw new ValidationError(`No connected system '${named.id ?? named.originId}' offers resources of originSystem '${originSystem}'.`, 'resource.environment');
  if (!environment || !connector) throw new ValidationError(`No connected system offers resources of originSystem '${originSystem}'.`, 'resource.originSystem');
  if (!(await findCatalog(deps.db, catalogId))) throw new ValidationError(`The catalog '${catalogId}' does not exist.`, 'catalog.id');
  const described = await connector.describe(originId).catch((error: unknown) => {
    throw new TargetSystemError(error instanceof Error ? error.message : String(error));
  });
  if (!described) throw new ValidationError(`'${originId}' is not a resource of ${originSystem}.`, 'resource.originId');
  const owns = await ownsResource(deps, actor.principal, originSystem, originId);
  assertResourceAdmission(resourceAdmission(actor.principal, { catalogId, originSystem, grantsAdministrativeRoles: described.grantsAdministrativeRoles, ownsResource: owns }));

  const now = deps.clock();
  const iso = now.toISOString();
  // The partial unique index settles a race between two requests adding the same resource.
  return deps.db
    .transaction()
    .execute(async (trx) => {
      // Locked before it is read, as deletion does: no resource arrives in a catalog being deleted.
      await lockCatalog(trx, catalogId);
      const catalog = await findCatalog(trx, catalogId);
      if (!catalog) throw new ValidationError(`The catalog '${catalogId}' does not exist.`, 'catalog.id');
      if (await findCatalogResourceByOrigin(trx, catalogId, originSystem, described.originId)) throw alreadyInCatalog(originId);
      const resource = await insertResource(trx, catalogId, environment.id, originSystem, described, iso);
      const request = await insertResourceRequest(trx, { requestType: 'adminAdd', state: 'delivered', catalogId, resourceId: resource.id, requestorId: actorId(actor.principal), createdDateTime: iso });
      await recordAudit(trx, actor, now, resourceAudit('Add resource to catalog', 'Add', catalog, resource));
      return { request, resource };
    })
    .catch(onUniqueViolation(() => alreadyInCatalog(originId)));
}

/** Ownership matters only for callers who are not governance administrators; only then is it looked up. */
async function ownsResource(deps: Deps, principal: Principal, originSystem: string, originId: string): Promise<boolean | undefined> {
  if (!needsResourceOwnership(principal) || principal.kind !== 'user') return undefined;
  // Only the directory knows owners today; other systems' resources need an administrator.
  if (originSystem === 'AadGroup') return isGroupOwner(deps.db, originId, principal.id);
  return false;
}
