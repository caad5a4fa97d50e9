import type { ResourceRequest } from '../../domain/catalog-resource.js';
import { ValidationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import type { Deps } from '../deps.js';
import { addCatalogResource } from './add-catalog-resource.js';
import type { CreateResourceRequestInput } from './catalog-resources.schemas.js';
import { removeCatalogResource } from './remove-catalog-resource.js';

/**
 * Graph's one endpoint for curating a catalog (POST resourceRequests) carries several actions in
 * its requestType. Administrators add and remove directly; the user* and system* types belong to
 * flows Tessera does not offer yet, and are refused rather than silently treated as admin ones.
 */
export async function requestCatalogResource(deps: Deps, actor: Actor, input: CreateResourceRequestInput): Promise<ResourceRequest> {
  const { requestType, resource, catalog } = input;
  switch (requestType) {
    case 'adminAdd': {
      if (!resource.originId) throw new ValidationError('resource.originId is required to add a resource.', 'resource.originId');
      if (!resource.originSystem) throw new ValidationError('resource.originSystem is required to add a resource.', 'resource.originSystem');
      return (await addCatalogResource(deps, actor, catalog.id, resource.originSystem, resource.originId, resource.environment)).request;
    }
    case 'adminRemove':
      return removeCatalogResource(deps, actor, catalog.id, resource);
    default:
      throw new ValidationError(`requestType '${requestType}' is not supported; use adminAdd or adminRemove.`, 'requestType');
  }
}
