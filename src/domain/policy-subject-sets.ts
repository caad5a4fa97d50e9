import type { SubjectSet } from './assignment-policy.js';
import type { ValidationProblems } from './validation-problems.js';
import { RuleError } from '../rules/rule-error.js';
import { parseRule } from '../rules/rule-parser.js';

/**
 * Subject sets (Graph's subjectSet subtypes) as a policy names them: allowed targets, on-behalf
 * requestors, approvers. Which kinds are allowed depends on where the set appears; the checks
 * here are shared by every list.
 */
export const subjectKinds = {
  singleUser: 'singleUser',
  groupMembers: 'groupMembers',
  requestorManager: 'requestorManager',
  internalSponsors: 'internalSponsors',
  externalSponsors: 'externalSponsors',
  targetUserSponsors: 'targetUserSponsors',
  connectedOrganizationMembers: 'connectedOrganizationMembers',
  attributeRuleMembers: 'attributeRuleMembers',
} as const;

/** The most entries any one subject-set list of a policy may hold. */
export const maxSubjectSets = 25;

export function subjectKindOf(subject: SubjectSet): string {
  return subject['@odata.type'].replace('#microsoft.graph.', '');
}

export type SubjectRule = { kinds: readonly string[]; managerLevels?: readonly number[]; membershipRuleLength?: number };

/** Checks one list against what its place allows, and keeps of each entry only what is stored. */
export function checkedSubjects(list: readonly SubjectSet[], path: string, rule: SubjectRule, problems: ValidationProblems): SubjectSet[] {
  if (list.length > maxSubjectSets) problems.add(path, `${path} may list at most ${maxSubjectSets} entries; it has ${list.length}.`);
  const seen = new Set<string>();
  const kept: SubjectSet[] = [];
  list.forEach((subject, index) => {
    const at = `${path}[${index}]`;
    const kind = subjectKindOf(subject);
    if (!rule.kinds.includes(kind)) {
      problems.add(at, `${kind} cannot be used in ${path}; allowed here: ${rule.kinds.join(', ')}.`);
      return;
    }
    const normalized = normalizedSubject(subject, at, rule, problems);
    const key = JSON.stringify(normalized);
    if (seen.has(key)) problems.add(at, `${path} lists the same ${kind} twice.`);
    seen.add(key);
    kept.push(normalized);
  });
  return kept;
}

function normalizedSubject(subject: SubjectSet, at: string, rule: SubjectRule, problems: ValidationProblems): SubjectSet {
  switch (subject['@odata.type']) {
    // The description of a user or group is its display name, filled in when the policy is read.
    case '#microsoft.graph.singleUser':
      return { '@odata.type': subject['@odata.type'], userId: subject.userId };
    case '#microsoft.graph.groupMembers':
      return { '@odata.type': subject['@odata.type'], groupId: subject.groupId };
    case '#microsoft.graph.connectedOrganizationMembers':
      return { '@odata.type': subject['@odata.type'], connectedOrganizationId: subject.connectedOrganizationId };
    case '#microsoft.graph.requestorManager': {
      const levels = rule.managerLevels ?? [1];
      if (!levels.includes(subject.managerLevel)) {
        problems.add(`${at}.managerLevel`, `managerLevel must be ${levels.join(' or ')} here (1 = the direct manager, 2 = the manager's manager); it is ${subject.managerLevel}.`);
      }
      return { '@odata.type': subject['@odata.type'], managerLevel: subject.managerLevel };
    }
    case '#microsoft.graph.attributeRuleMembers': {
      const membershipRule = subject.membershipRule.trim();
      const limit = rule.membershipRuleLength ?? 0;
      if (membershipRule.length === 0 || membershipRule.length > limit) {
        problems.add(`${at}.membershipRule`, `membershipRule must be 1–${limit} characters; it has ${membershipRule.length}.`);
      } else {
        try {
          parseRule(membershipRule);
        } catch (error) {
          if (!(error instanceof RuleError)) throw error;
          problems.add(`${at}.membershipRule`, `The membership rule is not valid: ${error.message}.`);
        }
      }
      return { '@odata.type': subject['@odata.type'], membershipRule, description: subject.description ?? null };
    }
    default:
      return { '@odata.type': subject['@odata.type'] } as SubjectSet;
  }
}
