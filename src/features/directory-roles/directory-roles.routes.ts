import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../domain/errors.js';
import { directoryRoleList } from '../../domain/roles.js';
import { actorOf } from '../../http/authentication.js';
import { parseCollectionQuery, type ResourceShape } from '../../http/odata/query-options.js';
import { collectionQuerystring, idParams } from '../../http/odata/querystring-schemas.js';
import { pageInMemory } from '../../http/odata/in-memory-page.js';
import { collectionResponse, entityResponse } from '../../http/responses.js';
import { requireAccess } from '../authorization/authorization.js';
import { findRoleAssignment, listRoleAssignments, type RoleAssignment } from '../authorization/role-assignments.repo.js';
import type { Deps } from '../deps.js';
import { graphBody, guid } from '../schema-helpers.js';
import { assignDirectoryRole, removeDirectoryRoleAssignment } from './assign-directory-role.js';

const assignmentShape: ResourceShape = {
  name: 'microsoft.graph.unifiedRoleAssignment',
  properties: ['id', 'roleDefinitionId', 'principalId', 'directoryScopeId', 'appScopeId', 'createdDateTime'],
  expandable: {},
};

const definitionShape: ResourceShape = { name: 'microsoft.graph.unifiedRoleDefinition', properties: ['id', 'templateId', 'displayName', 'isBuiltIn', 'isEnabled'], expandable: {} };

const createAssignmentBody = graphBody({ roleDefinitionId: guid, principalId: z.string().min(1).max(256), directoryScopeId: z.string().max(256).default('/') });

const assignmentJson = (assignment: RoleAssignment) => ({ '@odata.type': '#microsoft.graph.unifiedRoleAssignment', ...assignment });

export const directoryRolesRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['roleManagement'];
  const base = '/roleManagement/directory';

  app.get(`${base}/roleDefinitions`, { schema: { tags, summary: 'List the directory roles Tessera knows', querystring: collectionQuerystring } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'directory.read');
    const query = parseCollectionQuery(request.query, definitionShape);
    const definitions = directoryRoleList.map((role) => ({ id: role.id, templateId: role.id, displayName: role.displayName, isBuiltIn: true, isEnabled: true }));
    const page = pageInMemory(definitions, query, (definition) => definition.id, {
      id: (definition) => definition.id,
      templateId: (definition) => definition.templateId,
      displayName: (definition) => definition.displayName,
    });
    return collectionResponse(request, 'roleManagement/directory/roleDefinitions', page, query, (definition) => ({ ...definition }));
  });

  app.get(`${base}/roleAssignments`, { schema: { tags, summary: 'List directory role assignments', querystring: collectionQuerystring } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'directoryRoles.read');
    const query = parseCollectionQuery(request.query, assignmentShape);
    const page = await listRoleAssignments(deps.db, 'directory', query);
    return collectionResponse(request, 'roleManagement/directory/roleAssignments', page, query, assignmentJson);
  });

  app.post(`${base}/roleAssignments`, { schema: { tags, summary: 'Assign a directory role', body: createAssignmentBody } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'directoryRoles.manage');
    const assignment = await assignDirectoryRole(deps, actorOf(request), request.body);
    return reply.status(201).send(entityResponse(request, 'roleManagement/directory/roleAssignments', assignmentJson(assignment)));
  });

  app.get(`${base}/roleAssignments/:id`, { schema: { tags, summary: 'Get a directory role assignment', params: idParams } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'directoryRoles.read');
    const assignment = await findRoleAssignment(deps.db, 'directory', request.params.id);
    if (!assignment) throw new NotFoundError('Role assignment', request.params.id);
    return entityResponse(request, 'roleManagement/directory/roleAssignments', assignmentJson(assignment));
  });

  app.delete(`${base}/roleAssignments/:id`, { schema: { tags, summary: 'Remove a directory role assignment', params: idParams } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'directoryRoles.manage');
    await removeDirectoryRoleAssignment(deps, actorOf(request), request.params.id);
    return reply.status(204).send();
  });
};
