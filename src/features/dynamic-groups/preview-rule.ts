import { NotFoundError } from '../../domain/errors.js';
import { compileRule, type CompiledRule } from '../../rules/rule-compiler.js';
import { checkMembershipRule } from '../../domain/group-changes.js';
import type { Deps } from '../deps.js';
import type { MemberSubject } from '../groups/group-audit.js';
import { findGroup } from '../groups/groups.repo.js';
import { userMembersOf } from '../group-memberships/memberships.repo.js';
import { findUsersByIds } from '../users/users.repo.js';
import { evaluateDirectory } from './dynamic-membership.js';

export type RulePreview = { matchingCount: number; joining: MemberSubject[]; leaving: MemberSubject[] };

/**
 * What a rule would do before it is saved (Entra has no such thing): every living user it matches,
 * and against a group's current members, who would join and who would leave. Nothing is written.
 */
export async function previewRule(deps: Deps, membershipRule: string, groupId: string | undefined): Promise<RulePreview> {
  const rule = compileOrRefuse(membershipRule);
  let current: string[] = [];
  if (groupId !== undefined) {
    const group = await findGroup(deps.db, groupId);
    if (!group) throw new NotFoundError('Group', groupId);
    current = await userMembersOf(deps.db, group.id);
  }
  const { matching, joining } = await evaluateDirectory(deps.db, rule, new Set(current), deps.clock());
  const leavingIds = current.filter((id) => !matching.has(id));
  const leaving = (await findUsersByIds(deps.db, leavingIds)).map((user): MemberSubject => ({ type: 'user', id: user.id, displayName: user.displayName, userPrincipalName: user.userPrincipalName }));
  const byName = (a: MemberSubject, b: MemberSubject) => (a.displayName ?? '').localeCompare(b.displayName ?? '') || a.id.localeCompare(b.id);
  return { matchingCount: matching.size, joining: joining.sort(byName), leaving: leaving.sort(byName) };
}

function compileOrRefuse(membershipRule: string): CompiledRule {
  checkMembershipRule(membershipRule, 'membershipRule');
  return compileRule(membershipRule);
}
