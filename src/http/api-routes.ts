import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../features/deps.js';
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
};
