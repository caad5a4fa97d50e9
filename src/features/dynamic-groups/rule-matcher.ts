import type { Executor } from '../../db/database.js';
import { directGroupsOf } from '../group-memberships/memberships.repo.js';
import { livingUsersWithManagers } from '../users/users.repo.js';
import { compiledRule } from './compiled-rules.js';

/**
 * Whether one user matches membership rules, for policies whose allowed targets are a rule
 * (attributeRuleMembers): the user, manager and groups are read once, each rule is compiled once.
 * A rule that does not parse, or a user who is gone, matches nothing.
 */
export async function ruleMatcherOf(db: Executor, userId: string, now: Date): Promise<(membershipRule: string) => boolean> {
  const [person] = await livingUsersWithManagers(db, [userId]);
  if (!person) return () => false;
  const memberOf = (await directGroupsOf(db, [userId])).get(userId) ?? new Set<string>();
  const subject = { user: person.user, managerId: person.managerId, memberOf };
  return (membershipRule) => compiledRule(membershipRule)?.matches(subject, now) ?? false;
}
