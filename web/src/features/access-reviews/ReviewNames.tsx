import { useQuery } from '@tanstack/react-query';
import type { AccessReviewQueryScope } from '../../api/graph';
import { groupName, packageName, userName } from './review-api';
import { describeReviewed, parseReviewer, parseScope } from './review-form';

/**
 * Names of what a definition refers to by id (its group or package, its reviewers), looked up
 * once per id and shared by every row that names it. Someone who may not read the object sees its
 * kind instead of its name.
 */
const lookups = { group: groupName, accessPackage: packageName, user: userName };
function useName(kind: keyof typeof lookups, id: string | null) {
  return useQuery({ queryKey: ['directory-name', kind, id], queryFn: () => lookups[kind](id!), enabled: id !== null, staleTime: 5 * 60_000, retry: false }).data ?? null;
}

/** "Members of IT Team", "Assignments of Production access". */
export function ReviewedName({ scope }: { scope: AccessReviewQueryScope }) {
  const parsed = parseScope(scope);
  const name = useName(parsed.kind === 'accessPackage' ? 'accessPackage' : 'group', parsed.kind === 'other' ? null : parsed.id);
  return <>{describeReviewed(scope, name)}</>;
}

/** One reviewer query, as people read it. */
export function ReviewerName({ reviewer }: { reviewer: AccessReviewQueryScope }) {
  const parsed = parseReviewer(reviewer);
  const user = useName('user', parsed.kind === 'user' ? parsed.id : null);
  const group = useName('group', parsed.kind === 'groupMembers' || parsed.kind === 'groupOwners' ? parsed.id : null);
  switch (parsed.kind) {
    case 'manager':
      return <>Each person's manager</>;
    case 'user':
      return <>{user ?? 'A person'}</>;
    case 'groupMembers':
      return <>Members of {group ?? 'a group'}</>;
    case 'groupOwners':
      return <>Owners of {group ?? 'the group'}</>;
    default:
      return <>{parsed.query}</>;
  }
}
