import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { resolveCatalogRoleScope } from '../../domain/catalog-role-assignment.js';
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import type { Principal } from '../../domain/principal.js';
import { visibleCatalogs } from '../../domain/permissions.js';
import { catalogAppScopeId, catalogIdFromAppScope, catalogRoleList, catalogRoles, type RoleDefinition } from '../../domain/roles.js';
import { actorOf } from '../../http/authentication.js';
import { parseCollectionQuery, parseItemQuery, type ResourceShape } from '../../http/odata/query-options.js';
import { pageInMemory } from '../../http/odata/in-memory-page.js';
import { collectionQuerystring, idParams, itemQuerystring } from '../../http/odata/querystring-schemas.js';
import { collectionResponse, entityResponse } from '../../http/responses.js';
import { requireAccess } from '../authorization/authorization.js';
import { findRoleAssignment, listRoleAssignments, type RoleAssignment } from '../authorization/role-assignments.repo.js';
import type { Deps } from '../deps.js';
import { addCatalogRoleAssignment, endCatalogRoleAssignment } from './catalog-role-assignments.js';
import { createCatalogRoleAssignmentBody } from './catalog-roles.schemas.js';

const descriptions: Record<string, string> = {
  [catalogRoles.catalogOwner.id]: 'Edit and manage access packages and other resources in a catalog',
  [catalogRoles.catalogReader.id]: 'View access packages and other resources in a catalog',
  [catalogRoles.accessPackageManager.id]: 'Edit and manage all access packages within a catalog',
  [catalogRoles.accessPackageAssignmentManager.id]: 'Manage the assignments of all access packages within a catalog',
  [catalogRoles.catalogCreator.id]: 'Create catalogs, and manage the catalogs one creates',
};

const roleDefinitionProperties = ['id', 'displayName', 'description', 'isBuiltIn', 'isEnabled', 'templateId', 'version', 'rolePermissions'] as const;
const roleDefinitionShape: ResourceShape = { name: 'microsoft.graph.unifiedRoleDefinition', properties: roleDefinitionProperties, expandable: {} };
const roleAssignmentShape: ResourceShape = {
  name: 'microsoft.graph.unifiedRoleAssignment',
  properties: ['id', 'roleDefinitionId', 'principalId', 'directoryScopeId', 'appScopeId'],
  expandable: { roleDefinition: roleDefinitionShape },
};

function roleDefinitionJson(role: RoleDefinition): Record<string, unknown> {
  return { id: role.id, displayName: role.displayName, description: descriptions[role.id] ?? null, isBuiltIn: true, isEnabled: true, templateId: role.id, version: '1', rolePermissions: [] };
}

function roleAssignmentJson(assignment: RoleAssignment, expandRoleDefinition: boolean): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: assignment.id,
    roleDefinitionId: assignment.roleDefinitionId,
    principalId: assignment.principalId,
    directoryScopeId: assignment.directoryScopeId,
    appScopeId: assignment.appScopeId,
  };
  if (expandRoleDefinition) {
    const role = catalogRoleList.find((candidate) => candidate.id === assignment.roleDefinitionId);
    json.roleDefinition = role ? roleDefinitionJson(role) : null;
  }
  return json;
}

/** Reading or changing an assignment needs the same right over its scope: its catalog, or the tenant. */
async function requireOverScope(deps: Deps, principal: Principal, appScopeId: string | null, mode: 'read' | 'manage'): Promise<void> {
  const catalogId = catalogIdFromAppScope(appScopeId);
  if (catalogId) await requireAccess(deps.db, principal, mode === 'read' ? 'catalog.read' : 'catalog.manage', { catalogId });
  else await requireAccess(deps.db, principal, mode === 'read' ? 'directoryRoles.read' : 'tenantCatalogRoles.manage');
}

/**
 * An assignment in a scope the caller may not read (a catalog, or the tenant) is, to them, an
 * assignment that does not exist: reading or ending it answers 404, so its id leaks nothing.
 */
async function requireReadable(deps: Deps, principal: Principal, assignment: RoleAssignment): Promise<void> {
  try {
    await requireOverScope(deps, principal, assignment.appScopeId, 'read');
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ForbiddenError) throw new NotFoundError('Role assignment', assignment.id);
    throw error;
  }
}

const base = '/roleManagement/entitlementManagement';
const assignmentsContext = 'roleManagement/entitlementManagement/roleAssignments';

export const catalogRolesRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['entitlementManagement'];

  app.get(`${base}/roleDefinitions`, { schema: { tags, summary: 'List the entitlement-management roles', querystring: collectionQuerystring } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'directory.read');
    const query = parseCollectionQuery(request.query, roleDefinitionShape);
    // Scripts find a role by name ($filter=displayName eq 'Catalog owner'), as they do against Graph.
    // Unsorted, the roles keep Entra's order (Catalog owner first): their position is the paging key.
    const position = (role: RoleDefinition) => String(catalogRoleList.indexOf(role)).padStart(3, '0');
    const page = pageInMemory(catalogRoleList, query, position, {
      id: (role) => role.id,
      templateId: (role) => role.id,
      displayName: (role) => role.displayName,
    });
    return collectionResponse(request, 'roleManagement/entitlementManagement/roleDefinitions', page, query, roleDefinitionJson);
  });

  app.get(`${base}/roleDefinitions/:id`, { schema: { tags, summary: 'Get an entitlement-management role', params: idParams, querystring: itemQuerystring } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'directory.read');
    const query = parseItemQuery(request.query, roleDefinitionShape);
    const role = catalogRoleList.find((candidate) => candidate.id === request.params.id);
    if (!role) throw new NotFoundError('Role definition', request.params.id);
    return entityResponse(request, 'roleManagement/entitlementManagement/roleDefinitions', roleDefinitionJson(role), query.select);
  });

  app.get(`${base}/roleAssignments`, { schema: { tags, summary: 'List catalog role assignments the caller may read', querystring: collectionQuerystring } }, async (request) => {
    const query = parseCollectionQuery(request.query, roleAssignmentShape);
    const visible = visibleCatalogs(request.principal!);
    const page = await listRoleAssignments(deps.db, 'entitlementManagement', query, visible === 'all' ? undefined : visible.map(catalogAppScopeId));
    const expand = query.expand.some((item) => item.property === 'roleDefinition');
    return collectionResponse(request, assignmentsContext, page, query, (assignment) => roleAssignmentJson(assignment, expand));
  });

  app.post(`${base}/roleAssignments`, { schema: { tags, summary: 'Give a catalog role (or Catalog creator)', body: createCatalogRoleAssignmentBody } }, async (request, reply) => {
    const scope = resolveCatalogRoleScope(request.body);
    await requireOverScope(deps, request.principal!, scope.catalogId === null ? null : catalogAppScopeId(scope.catalogId), 'manage');
    const assignment = await addCatalogRoleAssignment(deps, actorOf(request), scope, request.body.principalId);
    return reply.status(201).send(entityResponse(request, assignmentsContext, roleAssignmentJson(assignment, false)));
  });

  app.get(`${base}/roleAssignments/:id`, { schema: { tags, summary: 'Get a catalog role assignment', params: idParams, querystring: itemQuerystring } }, async (request) => {
    const query = parseItemQuery(request.query, roleAssignmentShape);
    const assignment = await findRoleAssignment(deps.db, 'entitlementManagement', request.params.id);
    if (!assignment) throw new NotFoundError('Role assignment', request.params.id);
    await requireReadable(deps, request.principal!, assignment);
    const expand = query.expand.some((item) => item.property === 'roleDefinition');
    return entityResponse(request, assignmentsContext, roleAssignmentJson(assignment, expand), query.select, query.expand.map((item) => item.property));
  });

  app.delete(`${base}/roleAssignments/:id`, { schema: { tags, summary: 'End a catalog role assignment (kept for history)', params: idParams } }, async (request, reply) => {
    const assignment = await findRoleAssignment(deps.db, 'entitlementManagement', request.params.id);
    if (!assignment) throw new NotFoundError('Role assignment', request.params.id);
    await requireReadable(deps, request.principal!, assignment);
    await requireOverScope(deps, request.principal!, assignment.appScopeId, 'manage');
    await endCatalogRoleAssignment(deps, actorOf(request), assignment.id);
    return reply.status(204).send();
  });
};
