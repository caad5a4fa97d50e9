import { actorId } from '../../domain/actor-id.js';
import type { AuditDraft } from '../../domain/audit-entry.js';
import { isDynamicGroup, type Group } from '../../domain/group.js';
import { systemPrincipal, type Actor } from '../../domain/principal.js';
import { extensionAttributeNames, type User } from '../../domain/user.js';
import type { Kysely } from 'kysely';
import type { Database, Executor } from '../../db/database.js';
import { takeNamedLock } from '../../db/named-lock.js';
import type { RuleSubject } from '../../rules/rule-properties.js';
import type { CompiledRule } from '../../rules/rule-compiler.js';
import { recordAudit } from '../audit/audit.repo.js';
import { membershipAudit, type MemberSubject } from '../groups/group-audit.js';
import { activeDynamicGroups, findGroup } from '../groups/groups.repo.js';
import { closeMemberships, directGroupsOf, openMissingMemberships, userMembersOf, userMembershipsAmong } from '../group-memberships/memberships.repo.js';
import { livingUsersAfter, livingUsersWithManagers } from '../users/users.repo.js';
import { compiledRule } from './compiled-rules.js';
import { ensureClockTick } from './clock-rules.js';
import { automaticRules, settleUsers } from '../automatic-assignments/automatic-assignments.js';

/**
 * Keeps the members of dynamic groups equal to the users their rules match. A change to users is
 * reconciled in the transaction that makes it (`reconcileUsers`), against the rules that read what
 * changed; a new or changed rule is reconciled against the whole directory (`reconcileGroup`, run
 * by a job). Every membership the rules open or close is an audit entry naming the rule. Both take
 * the 'dynamic-membership' lock before reading who is a member, so that on PostgreSQL two of them
 * never decide on the same membership at once (SQLite's writes take turns anyway).
 */
export type Cause = { correlationId: string; now: Date };

const ruleActor = (cause: Cause): Actor => ({ correlationId: cause.correlationId, principal: systemPrincipal('Dynamic membership') });
const noGroups: ReadonlySet<string> = new Set();
/** Rules that read memberOf can move users that other rules just moved; this bounds the chain. */
const maxCascade = 8;
const pageSize = 2000;

type RuleGroup = { group: Group; rule: CompiledRule };

/**
 * Taken by every change that may move members, before it writes anything else: its audit entries
 * take the audit chain's head, a lock too, and on PostgreSQL taking the two in one order
 * everywhere rules out deadlocks between a user's change and a rule's job. (Writes already take
 * turns on the chain head, so this costs no concurrency; on SQLite it is a no-op write.)
 */
export async function holdRuleLock(trx: Executor): Promise<void> {
  await takeNamedLock(trx, 'dynamic-membership');
}

/** The processed dynamic groups with their compiled rules (a stored rule that no longer parses is skipped). */
export async function activeRules(db: Executor): Promise<RuleGroup[]> {
  const groups = await activeDynamicGroups(db);
  return groups.flatMap((group) => {
    const rule = compiledRule(group.membershipRule!);
    return rule ? [{ group, rule }] : [];
  });
}

/**
 * Tests these users against every processed rule (or, given `changed`, against the rules that read
 * one of those properties: `department`, `manager`, `memberOf`, …) and moves them in or out.
 */
export async function reconcileUsers(trx: Executor, userIds: readonly string[], cause: Cause, changed?: ReadonlySet<string>, depth = 0): Promise<void> {
  if (userIds.length === 0) return;
  // Before the rules are read: a rule changed meanwhile is then either seen here or applied by its job after this commits.
  await holdRuleLock(trx);
  const affected = <T extends { rule: CompiledRule }>(all: T[]) => (changed ? all.filter(({ rule }) => [...rule.reads].some((read) => changed.has(read))) : all);
  const all = await activeRules(trx);
  const allAutomatic = await automaticRules(trx);
  const rules = affected(all);
  const automatic = affected(allAutomatic);
  if (rules.length === 0 && automatic.length === 0) return;
  const subjects = [...(await ruleSubjectsOf(trx, userIds, [...rules, ...automatic].some(({ rule }) => rule.reads.has('memberOf')))).values()];
  if (subjects.length === 0) return;
  const ids = subjects.map((subject) => subject.user.id);
  const current = await userMembershipsAmong(trx, rules.map(({ group }) => group.id), ids);
  const moved = new Set<string>();
  for (const { group, rule } of rules) {
    const members = current.get(group.id) ?? noGroups;
    const joining: User[] = [];
    const leaving: User[] = [];
    for (const subject of subjects) {
      const matches = rule.matches(subject, cause.now);
      if (matches && !members.has(subject.user.id)) joining.push(subject.user);
      else if (!matches && members.has(subject.user.id)) leaving.push(subject.user);
    }
    await applyMoves(trx, group, rule, joining.map(asMember), leaving.map(asMember), cause);
    for (const user of [...joining, ...leaving]) moved.add(user.id);
  }
  // Automatic assignment policies follow their rules the same way (systemAdd / systemRemove requests).
  await settleUsers(trx, automatic, subjects, cause);
  await cascade(trx, [...all, ...allAutomatic], moved, cause, depth);
}

/**
 * Tests every living user against the group's rule and makes its members those it matches. The
 * directory is read first, outside any transaction (seconds, at a million users); the moves are
 * then applied a batch at a time, each in a short transaction that takes the rule lock and tests
 * its users again, so that a rule meeting the whole directory never holds up everyone else's
 * writes. A user changed meanwhile is right either way: their own change was tested against the
 * rule as stored, and the batch tests them as they are now. Stops when the rule changed, was
 * paused or the group deleted meanwhile (a changed rule has a pass of its own).
 */
export async function reconcileGroup(db: Kysely<Database>, groupId: string, cause: Cause): Promise<{ joined: number; left: number }> {
  const group = await findGroup(db, groupId);
  const rule = group ? ruleOf(group) : undefined;
  if (!group || !rule) return { joined: 0, left: 0 };
  const current = new Set(await userMembersOf(db, group.id));
  const { matching } = await evaluateDirectory(db, rule, current, cause.now);
  const candidates = [...[...matching].filter((id) => !current.has(id)), ...[...current].filter((id) => !matching.has(id))];
  const total = { joined: 0, left: 0 };
  await applyInRuleBatches(db, candidates, async (trx, batch) => {
    const now = await findGroup(trx, groupId);
    if (!now || ruleOf(now)?.source !== rule.source) return false;
    const moved = await moveMembers(trx, now, rule, batch, cause);
    total.joined += moved.joined;
    total.left += moved.left;
    return true;
  });
  if (rule.readsClock) await ensureClockTick(db, cause.now);
  return total;
}

/** How many users one transaction of a whole-directory pass moves at most. */
export const applyBatch = 500;

/**
 * Applies a whole-directory pass to these users a batch at a time, each batch a short transaction
 * under the rule lock; `apply` answers false when the rule changed meanwhile, which ends the pass.
 */
export async function applyInRuleBatches(db: Kysely<Database>, userIds: readonly string[], apply: (trx: Executor, batch: readonly string[]) => Promise<boolean>): Promise<void> {
  for (let start = 0; start < userIds.length; start += applyBatch) {
    const goOn = await db.transaction().execute(async (trx) => {
      await holdRuleLock(trx);
      return apply(trx, userIds.slice(start, start + applyBatch));
    });
    if (!goOn) return;
  }
}

/** The group's rule, compiled, if it is a dynamic group whose rule is processed. */
function ruleOf(group: Group): CompiledRule | undefined {
  return processesRule(group) ? compiledRule(group.membershipRule!) : undefined;
}

/** Tests these users (living or not) against one group's rule as they are now, and moves them. */
async function moveMembers(trx: Executor, group: Group, rule: CompiledRule, userIds: readonly string[], cause: Cause): Promise<{ joined: number; left: number }> {
  const subjects = await ruleSubjectsOf(trx, userIds, rule.reads.has('memberOf'));
  const members = (await userMembershipsAmong(trx, [group.id], userIds)).get(group.id) ?? noGroups;
  const joining: MemberSubject[] = [];
  const leaving: MemberSubject[] = [];
  for (const id of userIds) {
    const subject = subjects.get(id);
    const matches = subject !== undefined && rule.matches(subject, cause.now);
    if (matches && !members.has(id)) joining.push(asMember(subject.user));
    // A user deleted meanwhile leaves too; the audit entry names them by id.
    else if (!matches && members.has(id)) leaving.push(subject ? asMember(subject.user) : { type: 'user', id, displayName: null });
  }
  await applyMoves(trx, group, rule, joining, leaving, cause);
  await cascade(trx, [...(await activeRules(trx)), ...(await automaticRules(trx))], new Set([...joining, ...leaving].map((member) => member.id)), cause, 0);
  return { joined: joining.length, left: leaving.length };
}

/** These users, if living, as rules see them: with their manager and (when a rule reads it) their direct groups. */
export async function ruleSubjectsOf(db: Executor, userIds: readonly string[], withMemberOf: boolean): Promise<Map<string, RuleSubject>> {
  const people = await livingUsersWithManagers(db, userIds);
  const groupsOf = withMemberOf ? await directGroupsOf(db, people.map(({ user }) => user.id)) : undefined;
  return new Map(people.map(({ user, managerId }) => [user.id, { user, managerId, memberOf: groupsOf?.get(user.id) ?? noGroups }]));
}

/**
 * The living users a rule matches, and among them those not in `members`: the whole directory, a
 * page at a time (what a preview shows and what a reconciliation applies).
 */
export async function evaluateDirectory(db: Executor, rule: CompiledRule, members: ReadonlySet<string>, now: Date): Promise<{ matching: Set<string>; joining: MemberSubject[] }> {
  const matching = new Set<string>();
  const joining: MemberSubject[] = [];
  for (let after: string | null = null; ; ) {
    const page = await livingUsersAfter(db, after, pageSize);
    if (page.length === 0) break;
    const groupsOf = rule.reads.has('memberOf') ? await directGroupsOf(db, page.map(({ user }) => user.id)) : undefined;
    for (const { user, managerId } of page) {
      if (!rule.matches({ user, managerId, memberOf: groupsOf?.get(user.id) ?? noGroups }, now)) continue;
      matching.add(user.id);
      if (!members.has(user.id)) joining.push(asMember(user));
    }
    after = page.at(-1)!.user.id;
  }
  return { matching, joining };
}

async function cascade(trx: Executor, rules: readonly { rule: CompiledRule }[], moved: ReadonlySet<string>, cause: Cause, depth: number): Promise<void> {
  if (moved.size === 0 || depth >= maxCascade || !rules.some(({ rule }) => rule.reads.has('memberOf'))) return;
  await reconcileUsers(trx, [...moved], cause, new Set(['memberOf']), depth + 1);
}

async function applyMoves(trx: Executor, group: Group, rule: CompiledRule, joining: readonly MemberSubject[], leaving: readonly MemberSubject[], cause: Cause): Promise<void> {
  if (joining.length === 0 && leaving.length === 0) return;
  const actor = ruleActor(cause);
  const by = actorId(actor.principal);
  const at = cause.now.toISOString();
  await openMissingMemberships(trx, group.id, 'member', joining.map((member) => member.id), by, at);
  await closeMemberships(trx, group.id, 'member', leaving.map((member) => member.id), by, 'The user no longer matches the membership rule.', at);
  const because = [{ key: 'membershipRule', value: rule.source }];
  const audits: AuditDraft[] = [
    ...joining.map((member) => ({ ...membershipAudit('add', 'member', group, member), additionalDetails: because })),
    ...leaving.map((member) => ({ ...membershipAudit('remove', 'member', group, member), additionalDetails: because })),
  ];
  await recordAudit(trx, actor, cause.now, audits);
}

const asMember = (user: Pick<User, 'id' | 'displayName' | 'userPrincipalName'>): MemberSubject => ({ type: 'user', id: user.id, displayName: user.displayName, userPrincipalName: user.userPrincipalName });

/** A dynamic group whose rule is applied (not paused). */
export function processesRule(group: Group): boolean {
  return isDynamicGroup(group) && group.membershipRuleProcessingState === 'On' && Boolean(group.membershipRule);
}

/** The properties rules can read that differ between two versions of a user, named as CompiledRule.reads names them. */
export function changedRuleSources(before: User, after: User): Set<string> {
  const changed = new Set<string>();
  for (const key of Object.keys(after) as (keyof User)[]) {
    if (key === 'onPremisesExtensionAttributes') {
      for (const name of extensionAttributeNames) {
        if (before.onPremisesExtensionAttributes[name] !== after.onPremisesExtensionAttributes[name]) changed.add(`onPremisesExtensionAttributes.${name}`);
      }
    } else if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changed.add(key);
    }
  }
  return changed;
}

/** What a change to group memberships or managers can move: rules reading memberOf, and Direct Reports. */
export const memberOfChanged: ReadonlySet<string> = new Set(['memberOf']);
export const managerChanged: ReadonlySet<string> = new Set(['manager']);
