import { actorId } from '../../domain/actor-id.js';
import { resourceRemovalBlocker, type ResourceRequest } from '../../domain/catalog-resource.js';
import { ConflictError, ValidationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { packagesUsingResource } from '../access-package-resources/resource-role-scopes.repo.js';
import { recordAudit } from '../audit/audit.repo.js';
import { findCatalog } from '../catalogs/catalogs.repo.js';
import type { Deps } from '../deps.js';
import { findCatalogResource, findCatalogResourceByOrigin, lockResource, markResourceRemoved } from './catalog-resources.repo.js';
import type { ResourceReference } from './catalog-resources.schemas.js';
import { insertResourceRequest } from './resource-requests.repo.js';
import { resourceAudit } from './resource-audit.js';

/**
 * adminRemove: takes a resource out of a catalog, refused while a living access package still
 * hands out one of its roles (its assignments would lose access without anyone deciding so).
 */
export async function removeCatalogResource(deps: Deps, actor: Actor, catalogId: string, reference: ResourceReference): Promise<ResourceRequest> {
  if (!reference.id && !(reference.originId && reference.originSystem)) {
    throw new ValidationError('Name the resource to remove by its id (or by originSystem and originId).', 'resource.id');
  }
  const now = deps.clock();
  const iso = now.toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const catalog = await findCatalog(trx, catalogId);
    if (!catalog) throw new ValidationError(`The catalog '${catalogId}' does not exist.`, 'catalog.id');
    const resource = reference.id
      ? await findCatalogResource(trx, catalogId, reference.id)
      : await findCatalogResourceByOrigin(trx, catalogId, reference.originSystem!, reference.originId!);
    if (!resource) throw new ValidationError(`The resource '${reference.id ?? reference.originId}' is not in the catalog.`, reference.id ? 'resource.id' : 'resource.originId');
    await lockResource(trx, resource.id);
    if (!(await findCatalogResource(trx, catalogId, resource.id))) throw new ValidationError(`The resource '${resource.id}' is not in the catalog.`, 'resource.id');
    const blocker = resourceRemovalBlocker(await packagesUsingResource(trx, resource.id));
    if (blocker) throw new ConflictError(blocker, 'resource.id', 'Request_ResourceInUse');
    await markResourceRemoved(trx, resource.id, iso);
    const request = await insertResourceRequest(trx, { requestType: 'adminRemove', state: 'delivered', catalogId, resourceId: resource.id, requestorId: actorId(actor.principal), createdDateTime: iso });
    await recordAudit(trx, actor, now, resourceAudit('Remove resource from catalog', 'Delete', catalog, resource));
    return request;
  });
}
