import { userPropertyNames, type User } from '../../domain/user.js';
import type { ResourceShape } from '../../http/odata/query-options.js';

/** A user as the API shows it: Graph's shape, without what only history needs. */
export function userJson(user: User): Record<string, unknown> {
  const { deletedDateTime: _deleted, ...graph } = user;
  return { '@odata.type': '#microsoft.graph.user', ...graph };
}

export const userShape: ResourceShape = { name: 'microsoft.graph.user', properties: userPropertyNames, expandable: {} };
