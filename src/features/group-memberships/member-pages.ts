import { groupPropertyNames } from '../../domain/group.js';
import { userPropertyNames } from '../../domain/user.js';
import { pageInMemory, type InMemoryPage } from '../../http/odata/in-memory-page.js';
import type { CollectionQuery, ResourceShape } from '../../http/odata/query-options.js';
import type { MemberRef } from './memberships.repo.js';

/** Relationship lists (members, owners, memberOf, transitiveMembers) hold users and groups alike. */
export const directoryObjectShape: ResourceShape = {
  name: 'microsoft.graph.directoryObject',
  properties: [...new Set<string>([...userPropertyNames, ...groupPropertyNames])],
  expandable: {},
};

/**
 * One page of a relationship list gathered in memory, as transitive members must be: keyset on
 * the member id, so a page boundary survives concurrent additions. $filter and $orderby are not
 * offered on these lists (a 400 says so).
 */
export function pageOfMembers(members: readonly MemberRef[], query: CollectionQuery): InMemoryPage<MemberRef> {
  return pageInMemory(members, query, (member) => member.memberId);
}
