import type { Executor } from '../../db/database.js';
import { compiledRule } from './compiled-rules.js';
import { ruleSubjectsOf } from './dynamic-membership.js';

/**
 * Whether one user matches membership rules, for policies whose allowed targets are a rule
 * (attributeRuleMembers): the user, manager and groups are read once, each rule is compiled once.
 * A rule that does not parse, or a user who is gone, matches nothing.
 */
export async function ruleMatcherOf(db: Executor, userId: string, now: Date): Promise<(membershipRule: string) => boolean> {
  const subject = (await ruleSubjectsOf(db, [userId], true)).get(userId);
  if (!subject) return () => false;
  return (membershipRule) => compiledRule(membershipRule)?.matches(subject, now) ?? false;
}
