import { ValidationError } from '../../domain/errors.js';
import { groupPropertyNames, type Group } from '../../domain/group.js';
import { userPropertyNames } from '../../domain/user.js';
import type { Page } from '../../db/collection-query.js';
import type { CollectionQuery, ResourceShape } from '../../http/odata/query-options.js';
import type { MemberRef } from './memberships.repo.js';

/**
 * Paging over relationship lists (members, owners, memberOf) that are gathered in memory, as
 * transitive members must be. Keyset on the member id, so a page boundary survives concurrent
 * additions; the token is opaque to clients but not secret.
 */
export const directoryObjectShape: ResourceShape = {
  name: 'microsoft.graph.directoryObject',
  properties: [...new Set<string>([...userPropertyNames, ...groupPropertyNames])],
  expandable: {},
};

export function groupJson(group: Group): Record<string, unknown> {
  const { deletedDateTime: _deleted, ...graph } = group;
  return { '@odata.type': '#microsoft.graph.group', ...graph };
}

export function pageOfMembers(members: readonly MemberRef[], query: CollectionQuery): Page<MemberRef> {
  if (query.filter) throw new ValidationError('$filter is not supported on this relationship.', '$filter');
  if (query.orderBy.length > 0) throw new ValidationError('$orderby is not supported on this relationship.', '$orderby');
  const sorted = [...members].sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  const after = query.skipToken === undefined ? undefined : decodeToken(query.skipToken);
  const remaining = after === undefined ? sorted : sorted.filter((member) => member.memberId > after);
  const page: Page<MemberRef> = { items: remaining.slice(0, query.top) };
  if (remaining.length > query.top) page.nextSkipToken = Buffer.from(JSON.stringify({ after: page.items.at(-1)!.memberId })).toString('base64url');
  if (query.count) page.count = sorted.length;
  return page;
}

function decodeToken(token: string): string {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    const after = (decoded as { after?: unknown } | null)?.after;
    if (typeof after === 'string') return after;
  } catch {
    // fall through to the one error below
  }
  throw new ValidationError('The $skiptoken is not valid for this query; follow @odata.nextLink as returned.', '$skiptoken');
}
