import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../features/deps.js';
import { incompatibilitiesRoutes } from '../features/access-package-resources/incompatibilities.routes.js';
import { resourceRoleScopesRoutes } from '../features/access-package-resources/resource-role-scopes.routes.js';
import { accessPackagesRoutes } from '../features/access-packages/access-packages.routes.js';
import { accessReportsRoutes } from '../features/access-reports/access-reports.routes.js';
import { assignmentPoliciesRoutes } from '../features/assignment-policies/assignment-policies.routes.js';
import { requestablePackagesRoutes } from '../features/assignment-policies/requestable-packages.routes.js';
import { approvalsRoutes } from '../features/approvals/approvals.routes.js';
import { assignmentRequestsRoutes } from '../features/assignment-requests/assignment-requests.routes.js';
import { assignmentsRoutes } from '../features/assignments/assignments.routes.js';
import { catalogResourcesRoutes } from '../features/catalog-resources/catalog-resources.routes.js';
import { catalogRolesRoutes } from '../features/catalog-roles/catalog-roles.routes.js';
import { catalogsRoutes } from '../features/catalogs/catalogs.routes.js';
import { auditRoutes } from '../features/audit/audit.routes.js';
import { directoryRolesRoutes } from '../features/directory-roles/directory-roles.routes.js';
import { groupsRoutes } from '../features/groups/groups.routes.js';
import { usersRoutes } from '../features/users/users.routes.js';

/** Every feature's routes, mounted under /v1.0 behind authentication. */
export const apiRoutes = (deps: Deps): FastifyPluginAsyncZod => async (api) => {
  await api.register(usersRoutes(deps));
  await api.register(groupsRoutes(deps));
  await api.register(auditRoutes(deps));
  await api.register(directoryRolesRoutes(deps));
  await api.register(catalogsRoutes(deps));
  await api.register(catalogRolesRoutes(deps));
  await api.register(catalogResourcesRoutes(deps));
  await api.register(accessPackagesRoutes(deps));
  await api.register(resourceRoleScopesRoutes(deps));
  await api.register(incompatibilitiesRoutes(deps));
  await api.register(assignmentPoliciesRoutes(deps));
  await api.register(requestablePackagesRoutes(deps));
  await api.register(assignmentRequestsRoutes(deps));
  await api.register(approvalsRoutes(deps));
  await api.register(assignmentsRoutes(deps));
  await api.register(accessReportsRoutes(deps));
};
