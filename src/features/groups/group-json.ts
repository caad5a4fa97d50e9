import { groupPropertyNames, type Group } from '../../domain/group.js';
import type { ResourceShape } from '../../http/odata/query-options.js';

/** A group as the API shows it: Graph's shape, without what only history needs. */
export function groupJson(group: Group): Record<string, unknown> {
  const { deletedDateTime: _deleted, ...graph } = group;
  return { '@odata.type': '#microsoft.graph.group', ...graph };
}

export const groupShape: ResourceShape = { name: 'microsoft.graph.group', properties: groupPropertyNames, expandable: {} };
