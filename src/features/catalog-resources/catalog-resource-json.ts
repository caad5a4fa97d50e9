import type { Executor } from '../../db/database.js';
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
import { applySelect, type ResourceShape } from '../../http/odata/query-options.js';
import type { ExpandItem } from '../../http/odata/select-expand-parser.js';
import { catalogJson, catalogShape } from '../catalogs/catalog-json.js';
import { findCatalogsByIds } from '../catalogs/catalogs.repo.js';
import { findResourcesByIds } from './catalog-resources.repo.js';
import { findEnvironmentsByIds } from './resource-environments.repo.js';
import { rolesOfResources, scopesOfResources } from './resource-roles.repo.js';

/**
 * Catalog resources, their roles, scopes, environments and requests as the API shows them, here
 * rather than in the routes because access packages render the same roles and scopes.
 */
const leaf = (name: string, properties: readonly string[]): ResourceShape => ({ name: `microsoft.graph.${name}`, properties, expandable: {} });
const environmentShape = leaf('accessPackageResourceEnvironment', resourceEnvironmentPropertyNames);
const resourceLeafShape = leaf('accessPackageResource', resourcePropertyNames);
export const resourceShape: ResourceShape = {
  ...resourceLeafShape,
  expandable: { roles: leaf('accessPackageResourceRole', resourceRolePropertyNames), scopes: leaf('accessPackageResourceScope', resourceScopePropertyNames), environment: environmentShape },
};
export const roleShape: ResourceShape = { ...leaf('accessPackageResourceRole', resourceRolePropertyNames), expandable: { resource: resourceLeafShape } };
export const scopeShape: ResourceShape = { ...leaf('accessPackageResourceScope', resourceScopePropertyNames), expandable: { resource: resourceLeafShape } };
export const requestShape: ResourceShape = { ...leaf('accessPackageResourceRequest', resourceRequestPropertyNames), expandable: { resource: resourceShape, catalog: catalogShape } };

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
export async function withResources<T extends { resourceId: string }>(db: Executor, items: T[], toJson: (item: T) => Record<string, unknown>, expand: readonly ExpandItem[]) {
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

export async function renderRequests(db: Executor, requests: ResourceRequest[], expand: readonly ExpandItem[]): Promise<Record<string, unknown>[]> {
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
