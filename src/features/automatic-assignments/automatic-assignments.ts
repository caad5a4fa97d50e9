import type { Kysely } from 'kysely';
import type { Database, Executor } from '../../db/database.js';
import { addDuration } from '../../domain/duration.js';
import type { AssignmentPolicy } from '../../domain/assignment-policy.js';
import { DomainError } from '../../domain/errors.js';
import { systemPrincipal, type Actor } from '../../domain/principal.js';
import { enqueueJobs } from '../../jobs/job-queue.repo.js';
import { jobKinds, type AutomaticRemovalPayload, type AutomaticTargetPayload } from '../../jobs/job-kinds.js';
import type { CompiledRule } from '../../rules/rule-compiler.js';
import type { RuleSubject } from '../../rules/rule-properties.js';
import { automaticPolicies, findPolicy, hasAutomaticPolicy } from '../assignment-policies/assignment-policies.repo.js';
import { lifecycleActor } from '../assignment-requests/lifecycle-audit.js';
import { openRequestFor } from '../assignment-requests/assignment-requests.repo.js';
import { planSystemRequest } from '../assignment-requests/plan-request.js';
import { recordRequest } from '../assignment-requests/submit-request.js';
import { activeAssignmentFor, activeAssignmentsUnder, activeHoldersOf, findAssignment } from '../assignments/assignments.repo.js';
import { applyInRuleBatches, evaluateDirectory, holdRuleLock, ruleSubjectsOf, type Cause } from '../dynamic-groups/dynamic-membership.js';
import { compiledRule } from '../dynamic-groups/compiled-rules.js';
import { ensureClockTick } from '../dynamic-groups/clock-rules.js';
import { newTimeOrderedId } from '../time-ordered-ids.js';
import { pendingRemovalOf, postponeWaiting, startWaiting, stopWaiting } from './pending-removals.repo.js';

/**
 * Automatic assignment policies: their package goes to every user their rule matches, and (with
 * removeAccessWhenTargetLeavesAllowedTargets) is taken back from whoever stops matching, after the
 * grace period. Each is a systemAdd or systemRemove request through the same lifecycle as any other
 * (delivery job, audit trail), made in the transaction of the change that caused it.
 */

export type RulePolicy = { policy: AssignmentPolicy; rule: CompiledRule };

const systemActor = (correlationId: string): Actor => ({ correlationId, principal: systemPrincipal('Entitlement Management') });

/** The automatic policies with their compiled rules (a policy whose rule does not parse is skipped). */
export async function automaticRules(db: Executor): Promise<RulePolicy[]> {
  return (await automaticPolicies(db)).flatMap((policy) => {
    const target = policy.specificAllowedTargets.find((set) => set['@odata.type'] === '#microsoft.graph.attributeRuleMembers');
    const rule = target && 'membershipRule' in target ? compiledRule(target.membershipRule) : undefined;
    return rule ? [{ policy, rule }] : [];
  });
}

/** Tests these users against these automatic policies (dynamic-membership.ts picks the ones a change can affect). */
export async function settleUsers(trx: Executor, policies: readonly RulePolicy[], subjects: readonly RuleSubject[], cause: Cause): Promise<void> {
  for (const { policy, rule } of policies) {
    for (const subject of subjects) await settle(trx, policy, subject.user.id, rule.matches(subject, cause.now), cause);
  }
}

/**
 * One user under one automatic policy: assigned when the rule matches and nothing is assigned or
 * asked for yet; when it does not, the assignment this policy made is removed now or at the end of
 * the grace period. A user the package cannot go to (an incompatible package held) is left out.
 */
export async function settle(trx: Executor, policy: AssignmentPolicy, userId: string, matches: boolean, cause: Cause): Promise<void> {
  const settings = policy.automaticRequestSettings!;
  const assignment = await activeAssignmentFor(trx, userId, policy.accessPackageId);
  if (matches) {
    // Back inside before the grace period ended: the assignment stays.
    if (assignment?.policyId === policy.id && settings.gracePeriodBeforeAccessRemoval) await stopWaiting(trx, assignment.id);
    if (assignment || (await openRequestFor(trx, userId, policy.accessPackageId))) return;
    await submitSystem(trx, { kind: 'add', accessPackageId: policy.accessPackageId, policyId: policy.id, targetId: userId }, cause);
    return;
  }
  if (!assignment || assignment.policyId !== policy.id || !settings.removeAccessWhenTargetLeavesAllowedTargets) return;
  if (await openRequestFor(trx, userId, policy.accessPackageId)) return;
  const grace = settings.gracePeriodBeforeAccessRemoval;
  if (!grace) {
    await submitSystem(trx, { kind: 'remove', assignmentId: assignment.id }, cause);
    return;
  }
  // The grace period runs from the first time the user was found outside; a later change does not restart it.
  const due = addDuration(cause.now, grace);
  if (!(await startWaiting(trx, { assignmentId: assignment.id, policyId: policy.id, leftDateTime: cause.now.toISOString(), dueDateTime: due.toISOString() }, cause.now))) return;
  const payload: AutomaticRemovalPayload = { policyId: policy.id, assignmentId: assignment.id, correlationId: cause.correlationId, dueDateTime: due.toISOString() };
  await enqueueJobs(trx, [{ kind: jobKinds.automaticRemoval, payload, runAt: due }], cause.now);
}

/**
 * Taken by whoever opens a request for a package (a submit, a reprocess) before checking for an
 * open one: for a package with an automatic policy, the rule lock. Settling checks for an open
 * request and inserts its own under that lock, so on PostgreSQL the two never cross (they would
 * otherwise deadlock: each waiting on the other's request row or audit chain head).
 */
export async function holdRuleLockFor(trx: Executor, accessPackageId: string): Promise<void> {
  if (await hasAutomaticPolicy(trx, accessPackageId)) await holdRuleLock(trx);
}

/**
 * A new or changed automatic policy meets the whole directory: everyone its rule matches who holds
 * nothing is assigned, and whoever holds an assignment it made and no longer matches loses it
 * (after the grace period). As for a dynamic group (reconcileGroup), the directory is read outside
 * any transaction and the users to settle are settled a batch at a time, each batch under the rule
 * lock and tested again as they are then; the pass stops if the policy changed meanwhile (its
 * change asked for a pass of its own).
 */
export async function reconcilePolicy(db: Kysely<Database>, policyId: string, cause: Cause): Promise<void> {
  const found = await automaticRuleOf(db, policyId);
  if (!found) return;
  const { policy, rule } = found;
  const holders = await activeHoldersOf(db, policy.accessPackageId);
  const { matching } = await evaluateDirectory(db, rule, holders, cause.now);
  const leaving = (await activeAssignmentsUnder(db, policy.id)).filter((assignment) => !matching.has(assignment.targetId)).map((assignment) => assignment.targetId);
  const candidates = [...new Set([...[...matching].filter((id) => !holders.has(id)), ...leaving])];
  const version = policyVersion(found);
  await applyInRuleBatches(db, candidates, async (trx, batch) => {
    const now = await automaticRuleOf(trx, policyId);
    if (!now || policyVersion(now) !== version) return false;
    const subjects = await ruleSubjectsOf(trx, batch, rule.reads.has('memberOf'));
    for (const id of batch) {
      const subject = subjects.get(id);
      await settle(trx, now.policy, id, subject !== undefined && rule.matches(subject, cause.now), cause);
    }
    return true;
  });
  if (rule.readsClock) await ensureClockTick(db, cause.now);
}

async function automaticRuleOf(db: Executor, policyId: string): Promise<RulePolicy | undefined> {
  return (await automaticRules(db)).find(({ policy }) => policy.id === policyId);
}

/** What a pass depends on: the rule and the automatic settings. */
const policyVersion = ({ policy, rule }: RulePolicy) => JSON.stringify([rule.source, policy.automaticRequestSettings]);

/** At the end of a grace period: removes the assignment if its user still does not match the policy's rule. */
export async function removeIfStillOutside(trx: Executor, payload: AutomaticRemovalPayload, matchesNow: (userId: string, rule: CompiledRule) => Promise<boolean>, now: Date): Promise<void> {
  await holdRuleLock(trx);
  // The wait this job was written for (jobs written before waits were recorded carry no due time):
  // ended when the user came back, or replaced by a later one with a job of its own.
  if (payload.dueDateTime !== undefined && (await pendingRemovalOf(trx, payload.assignmentId))?.dueDateTime !== payload.dueDateTime) return;
  const policy = await findPolicy(trx, payload.policyId);
  const assignment = await findAssignment(trx, payload.assignmentId);
  const settings = policy?.automaticRequestSettings;
  const applies = policy && assignment?.isActive && assignment.policyId === policy.id && settings?.requestAccessForAllowedTargets && settings.removeAccessWhenTargetLeavesAllowedTargets;
  const rule = applies ? (await automaticRules(trx)).find((candidate) => candidate.policy.id === policy.id)?.rule : undefined;
  if (!applies || (rule && (await matchesNow(assignment.targetId, rule)))) {
    await stopWaiting(trx, payload.assignmentId);
    return;
  }
  // A request for this access is under way (an extension, say): the removal waits for it to end.
  if (await openRequestFor(trx, assignment.targetId, assignment.accessPackageId)) {
    await waitLonger(trx, payload, addDuration(now, 'PT1H'), now);
    return;
  }
  await stopWaiting(trx, payload.assignmentId);
  await submitSystem(trx, { kind: 'remove', assignmentId: assignment.id }, { correlationId: payload.correlationId, now });
}

async function waitLonger(trx: Executor, payload: AutomaticRemovalPayload, due: Date, now: Date): Promise<void> {
  await postponeWaiting(trx, payload.assignmentId, due.toISOString());
  await enqueueJobs(trx, [{ kind: jobKinds.automaticRemoval, payload: { ...payload, dueDateTime: due.toISOString() } satisfies AutomaticRemovalPayload, runAt: due }], now);
}

/**
 * Tests users again against the automatic policies of a package, once a system request for them
 * has finished: while a systemRemove was being delivered they may have come back (settle leaves a
 * user with an open request alone), or while a systemAdd was, left. A batch at once: a policy's
 * first pass finishes thousands of requests together.
 */
export async function settleTargets(trx: Executor, payloads: readonly AutomaticTargetPayload[], now: Date): Promise<void> {
  if (payloads.length === 0) return;
  await holdRuleLock(trx);
  const rules = await automaticRules(trx);
  const concerned = payloads.filter((payload) => rules.some(({ policy }) => policy.accessPackageId === payload.accessPackageId));
  if (concerned.length === 0) return;
  const subjects = await ruleSubjectsOf(trx, concerned.map((payload) => payload.userId), rules.some(({ rule }) => rule.reads.has('memberOf')));
  for (const payload of concerned) {
    const subject = subjects.get(payload.userId);
    const cause = { correlationId: payload.correlationId, now };
    for (const { policy, rule } of rules) {
      if (policy.accessPackageId === payload.accessPackageId) await settle(trx, policy, payload.userId, subject !== undefined && rule.matches(subject, now), cause);
    }
  }
}

/** Asks for settleTargets once these system requests are finished, in the transaction that finishes them. */
export async function enqueueTargetSettlement(trx: Executor, finished: readonly { targetId: string; accessPackageId: string; id: string }[], now: Date): Promise<void> {
  const jobs = finished.map((request) => ({ kind: jobKinds.settleAutomaticTarget, payload: { userId: request.targetId, accessPackageId: request.accessPackageId, correlationId: request.id } satisfies AutomaticTargetPayload, runAt: now }));
  await enqueueJobs(trx, jobs, now);
}

async function submitSystem(trx: Executor, change: Parameters<typeof planSystemRequest>[2], cause: Cause): Promise<void> {
  const id = newTimeOrderedId(cause.now);
  const actor = systemActor(cause.correlationId);
  let plan;
  try {
    plan = await planSystemRequest(trx, actor, change, id, cause.now);
  } catch (error) {
    // The checks of any request refused it (separation of duties, a failed earlier assignment):
    // this user is not given the package, and the change that caused it goes through.
    if (error instanceof DomainError) return;
    throw error;
  }
  // No other request for this user and package can be opened meanwhile: whoever opens one for a
  // package with an automatic policy takes the rule lock first (holdRuleLockFor), as settle did.
  await recordRequest(trx, lifecycleActor(actor, id), plan, cause.now);
}
