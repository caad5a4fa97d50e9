import type { Executor } from '../../db/database.js';
import { ValidationError } from '../../domain/errors.js';
import { isDynamicGroup, type Group } from '../../domain/group.js';
import { dynamicGroupsWithRules } from '../groups/groups.repo.js';
import { compiledRule } from './compiled-rules.js';

/**
 * Refuses a rule that reads, directly or through other groups' rules, the membership of its own
 * group (`user.memberOf -any (group.objectId -in [<this group>])`): each move would undo itself, or
 * two groups would move each other's members back and forth. Paused rules count too, since they
 * may be switched back on. Called under the rule lock, so two saves cannot each close half a loop.
 */
export async function refuseRuleLoop(trx: Executor, group: Group): Promise<void> {
  if (!isDynamicGroup(group) || !group.membershipRule) return;
  const rule = compiledRule(group.membershipRule);
  if (!rule || rule.memberOfGroups.size === 0) return;
  const self = group.id.toLowerCase();
  const others = new Map<string, { displayName: string; reads: ReadonlySet<string> }>();
  for (const other of await dynamicGroupsWithRules(trx)) {
    const reads = compiledRule(other.membershipRule!)?.memberOfGroups;
    if (other.id.toLowerCase() !== self && reads?.size) others.set(other.id.toLowerCase(), { displayName: other.displayName, reads });
  }
  if (rule.memberOfGroups.has(self)) throw loop(`The membership rule reads the membership of its own group '${group.displayName}': whoever it moved in or out would move back.`);
  // Depth first from each group the rule names, along the groups their rules name.
  for (const start of rule.memberOfGroups) {
    const seen = new Set<string>();
    const path: string[] = [];
    const reaches = (id: string): boolean => {
      if (id === self) return true;
      if (seen.has(id)) return false;
      seen.add(id);
      const next = others.get(id);
      if (!next) return false;
      path.push(next.displayName);
      if ([...next.reads].some(reaches)) return true;
      path.pop();
      return false;
    };
    if (reaches(start)) {
      throw loop(`The membership rule reads the membership of ${path.map((name) => `'${name}'`).join(', whose rule reads that of ')}, whose rule reads that of this group: the rules would move each other's members back and forth.`);
    }
  }
}

const loop = (message: string) => new ValidationError(message, 'membershipRule');
