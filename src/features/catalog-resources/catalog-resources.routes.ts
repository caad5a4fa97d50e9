import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  resourceEnvironmentPropertyNames,
  resourcePropertyNames,
  resourceRequestPropertyNames,
  resourceRolePropertyNames,
  resourceScopePropertyNames,
  type CatalogResource,
  type ResourceEnvironment,
  type ResourceRequest,
  type ResourceRole,
  type ResourceScope,
} from '../../domain/catalog-resource.js';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import { visibleCatalogs } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import type { Executor } from '../../db/database.js';
import { actorOf } from '../../http/authentication.js';
import { applySelect, parseCollectionQuery, parseItemQuery, type ResourceShape } from '../../http/odata/query-options.js';
import { collectionQuerystring, idParams, itemQuerystring } from '../../http/odata/querystring-schemas.js';
import type { ExpandItem } from '../../http/odata/select-expand-parser.js';
import { collectionResponse, entityResponse } from '../../http/responses.js';
import { requireAccess } from '../authorization/authorization.js';
import { catalogJson, catalogShape } from '../catalogs/catalogs.routes.js';
import { findCatalog, findCatalogsByIds } from '../catalogs/catalogs.repo.js';
import type { Deps } from '../deps.js';
import { addCatalogResource } from './add-catalog-resource.js';
import {
  findCatalogResource,
  findResourcesByIds,
  listCatalogResourceRoles,
  listCatalogResourceScopes,
  listCatalogResources,
  rolesOfResources,
  scopesOfResources,
} from './catalog-resources.repo.js';
import { createResourceRequestBody } from './catalog-resources.schemas.js';
import { removeCatalogResource } from './remove-catalog-resource.js';
import { findEnvironmentsByIds } from './resource-environments.repo.js';
import { listResourceRequests } from './resource-requests.repo.js';

const leaf = (name: string, properties: readonly string[]): ResourceShape => ({ name: `microsoft.graph.${name}`, properties, expandable: {} });
const environmentShape = leaf('accessPackageResourceEnvironment', resourceEnvironmentPropertyNames);
const resourceLeafShape = leaf('accessPackageResource', resourcePropertyNames);
export const resourceShape: ResourceShape = {
  ...resourceLeafShape,
  expandable: { roles: leaf('accessPackageResourceRole', resourceRolePropertyNames), scopes: leaf('accessPackageResourceScope', resourceScopePropertyNames), environment: environmentShape },
};
export const roleShape: ResourceShape = { ...leaf('accessPackageResourceRole', resourceRolePropertyNames), expandable: { resource: resourceLeafShape } };
export const scopeShape: ResourceShape = { ...leaf('accessPackageResourceScope', resourceScopePropertyNames), expandable: { resource: resourceLeafShape } };
const requestShape: ResourceShape = { ...leaf('accessPackageResourceRequest', resourceRequestPropertyNames), expandable: { resource: resourceShape, catalog: catalogShape } };

export function resourceJson(resource: CatalogResource): Record<string, unknown> {
  const { id, displayName, description, originId, originSystem, createdDateTime, modifiedDateTime } = resource;
  return { id, displayName, description, originId, originSystem, createdDateTime, modifiedDateTime };
}

export function roleJson(role: ResourceRole): Record<string, unknown> {
  const { id, displayName, description, originId, originSystem } = role;
  return { id, displayName, description, originId, originSystem };
}

export function scopeJson(scope: ResourceScope): Record<string, unknown> {
  return { ...roleJson(scope), isRootScope: scope.isRootScope };
}

function environmentJson(environment: ResourceEnvironment): Record<string, unknown> {
  return { ...environment };
}

function requestJson(request: ResourceRequest): Record<string, unknown> {
  return { id: request.id, requestType: request.requestType, state: request.state, createdDateTime: request.createdDateTime };
}

export const expanded = (expand: readonly ExpandItem[] | undefined, property: string) => expand?.find((item) => item.property === property);

/** Renders resources with what $expand asks for (roles, scopes, environment), each loaded in one query. */
export async function renderResources(db: Executor, resources: CatalogResource[], expand: readonly ExpandItem[] | undefined): Promise<Map<string, Record<string, unknown>>> {
  const ids = resources.map((resource) => resource.id);
  const [rolesItem, scopesItem, environmentItem] = [expanded(expand, 'roles'), expanded(expand, 'scopes'), expanded(expand, 'environment')];
  const roles = rolesItem ? await rolesOfResources(db, ids) : [];
  const scopes = scopesItem ? await scopesOfResources(db, ids) : [];
  const environments = environmentItem ? new Map((await findEnvironmentsByIds(db, resources.map((r) => r.environmentId))).map((e) => [e.id, e])) : new Map();
  const rendered = new Map<string, Record<string, unknown>>();
  for (const resource of resources) {
    const json = resourceJson(resource);
    if (rolesItem) json.roles = roles.filter((role) => role.resourceId === resource.id).map((role) => applySelect(roleJson(role), rolesItem.select));
    if (scopesItem) json.scopes = scopes.filter((scope) => scope.resourceId === resource.id).map((scope) => applySelect(scopeJson(scope), scopesItem.select));
    if (environmentItem) {
      const environment = environments.get(resource.environmentId);
      json.environment = environment ? applySelect(environmentJson(environment), environmentItem.select) : null;
    }
    rendered.set(resource.id, json);
  }
  return rendered;
}

/** Roles or scopes, with their resource when $expand=resource asks for it. */
async function withResources<T extends { resourceId: string }>(db: Executor, items: T[], toJson: (item: T) => Record<string, unknown>, expand: readonly ExpandItem[]) {
  const resourceItem = expanded(expand, 'resource');
  const resources = resourceItem ? new Map((await findResourcesByIds(db, items.map((item) => item.resourceId))).map((r) => [r.id, r])) : new Map<string, CatalogResource>();
  return (item: T) => {
    const json = toJson(item);
    if (resourceItem) {
      const resource = resources.get(item.resourceId);
      json.resource = resource ? applySelect(resourceJson(resource), resourceItem.select) : null;
    }
    return json;
  };
}

const catalogBase = '/identityGovernance/entitlementManagement/catalogs/:id';
const resourceParams = z.object({ id: z.string().min(1).max(256), resourceId: z.string().min(1).max(256) });
const context = (catalogId: string, path: string) => `identityGovernance/entitlementManagement/catalogs('${catalogId}')/${path}`;

export const catalogResourcesRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['entitlementManagement'];

  async function readableCatalog(principal: Principal, catalogId: string) {
    await requireAccess(deps.db, principal, 'catalog.read', { catalogId });
    const catalog = await findCatalog(deps.db, catalogId);
    if (!catalog) throw new NotFoundError('Catalog', catalogId);
    return catalog;
  }

  app.post('/identityGovernance/entitlementManagement/resourceRequests', { schema: { tags, summary: 'Add a resource to a catalog, or remove one', body: createResourceRequestBody, querystring: itemQuerystring } }, async (request, reply) => {
    const query = parseItemQuery(request.query, requestShape);
    const { requestType, resource, catalog } = request.body;
    await requireAccess(deps.db, request.principal!, 'catalog.manage', { catalogId: catalog.id });
    let created: ResourceRequest;
    if (requestType === 'adminAdd') {
      if (!resource.originId) throw new ValidationError('resource.originId is required to add a resource.', 'resource.originId');
      if (!resource.originSystem) throw new ValidationError('resource.originSystem is required to add a resource.', 'resource.originSystem');
      created = (await addCatalogResource(deps, actorOf(request), catalog.id, resource.originSystem, resource.originId)).request;
    } else if (requestType === 'adminRemove') {
      created = await removeCatalogResource(deps, actorOf(request), catalog.id, resource);
    } else {
      throw new ValidationError(`requestType '${requestType}' is not supported; use adminAdd or adminRemove.`, 'requestType');
    }
    const [json] = await renderRequests(deps.db, [created], query.expand);
    return reply.status(201).send(entityResponse(request, 'identityGovernance/entitlementManagement/resourceRequests', json!, query.select, query.expand.map((e) => e.property)));
  });

  app.get('/identityGovernance/entitlementManagement/resourceRequests', { schema: { tags, summary: 'List resource requests of the catalogs the caller may read', querystring: collectionQuerystring } }, async (request) => {
    const query = parseCollectionQuery(request.query, requestShape);
    const page = await listResourceRequests(deps.db, query, visibleCatalogs(request.principal!));
    const rendered = await renderRequests(deps.db, page.items, query.expand);
    return collectionResponse(request, 'identityGovernance/entitlementManagement/resourceRequests', { ...page, items: rendered }, query, (json) => json);
  });

  app.get(`${catalogBase}/resources`, { schema: { tags, summary: "List a catalog's resources", params: idParams, querystring: collectionQuerystring } }, async (request) => {
    const catalog = await readableCatalog(request.principal!, request.params.id);
    const query = parseCollectionQuery(request.query, resourceShape);
    const page = await listCatalogResources(deps.db, catalog.id, query);
    const rendered = await renderResources(deps.db, page.items, query.expand);
    return collectionResponse(request, context(catalog.id, 'resources'), page, query, (resource) => rendered.get(resource.id)!);
  });

  app.get(`${catalogBase}/resources/:resourceId`, { schema: { tags, summary: 'Get a resource of a catalog', params: resourceParams, querystring: itemQuerystring } }, async (request) => {
    const catalog = await readableCatalog(request.principal!, request.params.id);
    const query = parseItemQuery(request.query, resourceShape);
    const resource = await findCatalogResource(deps.db, catalog.id, request.params.resourceId);
    if (!resource) throw new NotFoundError('Resource', request.params.resourceId);
    const rendered = await renderResources(deps.db, [resource], query.expand);
    return entityResponse(request, context(catalog.id, 'resources'), rendered.get(resource.id)!, query.select, query.expand.map((e) => e.property));
  });

  for (const kind of ['roles', 'scopes'] as const) {
    app.get(`${catalogBase}/resources/:resourceId/${kind}`, { schema: { tags, summary: `List the ${kind} of a catalog's resource`, params: resourceParams, querystring: collectionQuerystring } }, async (request) => {
      const catalog = await readableCatalog(request.principal!, request.params.id);
      const resource = await findCatalogResource(deps.db, catalog.id, request.params.resourceId);
      if (!resource) throw new NotFoundError('Resource', request.params.resourceId);
      return kind === 'roles' ? listRoles(request, catalog.id, resource.id) : listScopes(request, catalog.id, resource.id);
    });
  }

  app.get(`${catalogBase}/resourceRoles`, { schema: { tags, summary: 'List the roles of the resources in a catalog', params: idParams, querystring: collectionQuerystring } }, async (request) => {
    const catalog = await readableCatalog(request.principal!, request.params.id);
    return listRoles(request, catalog.id);
  });

  app.get(`${catalogBase}/resourceScopes`, { schema: { tags, summary: 'List the scopes of the resources in a catalog', params: idParams, querystring: collectionQuerystring } }, async (request) => {
    const catalog = await readableCatalog(request.principal!, request.params.id);
    return listScopes(request, catalog.id);
  });

  async function listRoles(request: FastifyRequest, catalogId: string, resourceId?: string) {
    const query = parseCollectionQuery(request.query as Record<string, unknown>, roleShape);
    const page = await listCatalogResourceRoles(deps.db, catalogId, query, resourceId);
    return collectionResponse(request, context(catalogId, 'resourceRoles'), page, query, await withResources(deps.db, page.items, roleJson, query.expand));
  }

  async function listScopes(request: FastifyRequest, catalogId: string, resourceId?: string) {
    const query = parseCollectionQuery(request.query as Record<string, unknown>, scopeShape);
    const page = await listCatalogResourceScopes(deps.db, catalogId, query, resourceId);
    return collectionResponse(request, context(catalogId, 'resourceScopes'), page, query, await withResources(deps.db, page.items, scopeJson, query.expand));
  }
};

async function renderRequests(db: Executor, requests: ResourceRequest[], expand: readonly ExpandItem[]): Promise<Record<string, unknown>[]> {
  const resourceItem = expanded(expand, 'resource');
  const catalogItem = expanded(expand, 'catalog');
  const resources = resourceItem ? await renderResources(db, await findResourcesByIds(db, requests.map((r) => r.resourceId)), resourceItem.expand) : new Map();
  const catalogs = catalogItem ? new Map((await findCatalogsByIds(db, requests.map((r) => r.catalogId))).map((c) => [c.id, c])) : new Map();
  return requests.map((request) => {
    const json = requestJson(request);
    if (resourceItem) json.resource = resources.has(request.resourceId) ? applySelect(resources.get(request.resourceId)!, resourceItem.select, resourceItem.expand?.map((e) => e.property)) : null;
    if (catalogItem) json.catalog = catalogs.has(request.catalogId) ? applySelect(catalogJson(catalogs.get(request.catalogId)!), catalogItem.select) : null;
    return json;
  });
}
