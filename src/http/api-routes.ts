import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../features/deps.js';
import { usersRoutes } from '../features/users/users.routes.js';

/** Every feature's routes, mounted under /v1.0 behind authentication. */
export const apiRoutes = (deps: Deps): FastifyPluginAsyncZod => async (api) => {
  await api.register(usersRoutes(deps));
};
