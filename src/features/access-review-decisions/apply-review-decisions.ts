import type { Executor } from '../../db/database.js';
import type { AccessReviewDefinition } from '../../domain/access-review-definition.js';
import type { AccessReviewDecision, AccessReviewInstance, ApplyResult } from '../../domain/access-review-instance.js';
import { outcomeOf } from '../../domain/access-review-outcome.js';
import type { ReviewScope } from '../../domain/access-review-scope.js';
import { scopeOf } from '../../domain/access-review-definition.js';
import type { AuditDraft, AuditTarget } from '../../domain/audit-entry.js';
import { isDynamicGroup } from '../../domain/group.js';
import type { Actor } from '../../domain/principal.js';
import { findAccessPackage } from '../access-packages/access-packages.repo.js';
import { findDefinitionsByIds } from '../access-review-definitions/access-review-definitions.repo.js';
import { reviewAudit, reviewTarget } from '../access-review-definitions/manage-access-review-definitions.js';
import { details, packageTarget } from '../assignment-requests/lifecycle-audit.js';
import { planSystemRemovals } from '../assignment-requests/plan-request.js';
import { recordRemovals } from '../assignment-requests/submit-request.js';
import { targetsWithOpenRequest } from '../assignment-requests/assignment-requests.repo.js';
import { findAssignmentsByIds } from '../assignments/assignments.repo.js';
import { recordAudit } from '../audit/audit.repo.js';
import { holdRuleLockFor } from '../automatic-assignments/automatic-assignments.js';
import type { Deps } from '../deps.js';
import { holdRuleLock, memberOfChanged, reconcileUsers } from '../dynamic-groups/dynamic-membership.js';
import { endMembershipsOf } from '../group-memberships/memberships.repo.js';
import { actorId } from '../../domain/actor-id.js';
import { groupTarget, membershipAudit } from '../groups/group-audit.js';
import { findGroup } from '../groups/groups.repo.js';
import { newTimeOrderedId } from '../time-ordered-ids.js';
import { findUsersByIds, disableUsers } from '../users/users.repo.js';
import { currentDecisionsAfter, saveApplyResults } from './access-review-decisions.repo.js';
import { lockInstance, setInstanceStatus } from '../access-review-instances/access-review-instances.repo.js';
import { reviewsActor } from '../access-review-instances/start-review-instance.js';

/**
 * apply-access-review: carries out an ended instance's decisions. Denied access is removed — a
 * direct group membership is ended, a package assignment is taken back through a systemRemove
 * request (delivered like any other) — and what nobody decided follows the default decision when
 * one is enabled (domain/access-review-outcome.ts). Every removal is an audit entry naming the
 * review, its instance, the decision and who made it.
 *
 * A batch of decisions per transaction, each marked with its result: a run cut short picks up
 * where it stopped (decisions already applied are no longer 'New'), and 100,000 decisions never
 * make one transaction that holds the database for minutes.
 */
const batchSize = 1000;

export async function applyInstance(deps: Deps, instanceId: string): Promise<void> {
  const now = deps.clock();
  const instance = await lockedInstance(deps.db, instanceId);
  if (!instance || instance.status !== 'Applying') return;
  const [definition] = await findDefinitionsByIds(deps.db, [instance.definitionId]);
  if (!definition) return;
  const scope = scopeOf(definition);
  const actor = reviewsActor(instance.id);
  let after = '';
  const totals = { removed: 0, kept: 0, notApplied: 0 };
  for (;;) {
    // A unit of work (db/group-commit.ts): on SQLite the batch's audit entries, one or two per removal,
    // are chained and written together at its commit instead of one append each.
    const page = await deps.transact(async (trx) => {
      // Serializes batches with any other run of this job (a lease that ran out): a decision is applied once.
      await lockInstance(trx, instance.id);
      const page = await currentDecisionsAfter(trx, instance.id, after, batchSize);
      if (page.length === 0) return undefined;
      const results = await applyBatch(trx, actor, definition, instance, scope, page.filter((d) => d.applyResult === 'New'), now);
      for (const result of results) totals[result.applyResult === 'AppliedSuccessfully' && result.removed ? 'removed' : result.applyResult === 'AppliedSuccessfully' || result.applyResult === 'AppliedSuccessfullyButObjectNotFound' ? 'kept' : 'notApplied'] += 1;
      // Applied by whoever asked (applyDecisions), or by Access Reviews itself when it applies on its own.
      await saveApplyResults(trx, results, instance.appliedById ?? actorId(actor.principal), now.toISOString());
      return page[page.length - 1]!.id;
    });
    if (page === undefined) break;
    after = page;
  }
  await deps.db.transaction().execute(async (trx) => {
    await lockInstance(trx, instance.id);
    await setInstanceStatus(trx, instance.id, 'Applied', { applied_date_time: now.toISOString() });
    await recordAudit(trx, actor, now, reviewAudit('Access review decisions applied', 'Update', [reviewTarget(definition)], details({ instanceId: instance.id, removed: totals.removed, keptOrAlreadyGone: totals.kept, notApplied: totals.notApplied })));
  });
  deps.wakeJobs();
}

async function lockedInstance(db: Deps['db'], id: string): Promise<AccessReviewInstance | undefined> {
  return db.transaction().execute((trx) => lockInstance(trx, id));
}

type Result = { id: string; applyResult: ApplyResult; detail: string | null; removed: boolean };

async function applyBatch(trx: Executor, actor: Actor, definition: AccessReviewDefinition, instance: AccessReviewInstance, scope: ReviewScope, decisions: AccessReviewDecision[], now: Date): Promise<Result[]> {
  const results: Result[] = [];
  const removals: { decision: AccessReviewDecision; by: string }[] = [];
  for (const decision of decisions) {
    const outcome = outcomeOf(decision.decision, definition.settings, decision.recommendation);
    if (outcome.result === 'keep') results.push({ id: decision.id, applyResult: 'AppliedSuccessfully', detail: null, removed: false });
    else removals.push({ decision, by: outcome.by });
  }
  if (removals.length === 0) return results;
  const reviewers = new Map((await findUsersByIds(trx, removals.flatMap((r) => (r.decision.reviewedById ? [r.decision.reviewedById] : [])))).map((u) => [u.id, u]));
  const reviewDetails = (removal: { decision: AccessReviewDecision; by: string }) =>
    details({
      accessReviewId: definition.id,
      accessReviewDisplayName: definition.displayName,
      accessReviewInstanceId: instance.id,
      decision: removal.decision.decision,
      decidedBy: removal.by,
      reviewedById: removal.decision.reviewedById,
      reviewedBy: removal.decision.reviewedById ? (reviewers.get(removal.decision.reviewedById)?.userPrincipalName ?? removal.decision.reviewedById) : null,
      justification: removal.decision.justification,
    });
  const principalTarget = (d: AccessReviewDecision): AuditTarget => ({ id: d.principal.id, displayName: d.principal.displayName, type: 'User', userPrincipalName: d.principal.userPrincipalName, modifiedProperties: [] });
  const audits: AuditDraft[] = [];

  if (scope.kind === 'groupMembers') {
    await holdRuleLock(trx);
    const group = await findGroup(trx, scope.groupId);
    const direct = removals.filter((r) => r.decision.isDirectMember);
    for (const r of removals.filter((r) => !r.decision.isDirectMember)) results.push({ id: r.decision.id, applyResult: 'ApplyNotSupported', detail: 'A member through a nested group: remove them from that group (or review it).', removed: false });
    if (!group) {
      for (const r of direct) results.push({ id: r.decision.id, applyResult: 'AppliedSuccessfullyButObjectNotFound', detail: 'The group no longer exists.', removed: false });
    } else if (isDynamicGroup(group)) {
      for (const r of direct) results.push({ id: r.decision.id, applyResult: 'ApplyNotSupported', detail: "The group's members follow its membership rule.", removed: false });
    } else {
      const ids = direct.map((r) => r.decision.principal.id);
      const ended = new Set(await endMembershipsOf(trx, group.id, 'member', ids, actorId(actor.principal), `Denied in access review instance ${instance.id}`, now.toISOString()));
      for (const r of direct) {
        if (!ended.has(r.decision.principal.id)) {
          results.push({ id: r.decision.id, applyResult: 'AppliedSuccessfullyButObjectNotFound', detail: 'No longer a member.', removed: false });
          continue;
        }
        results.push({ id: r.decision.id, applyResult: 'AppliedSuccessfully', detail: null, removed: true });
        const membership = membershipAudit('remove', 'member', group, { type: 'user', id: r.decision.principal.id, displayName: r.decision.principal.displayName, userPrincipalName: r.decision.principal.userPrincipalName });
        audits.push({ ...membership, additionalDetails: reviewDetails(r) });
        audits.push(reviewAudit('Access removed by access review', 'Unassign', [principalTarget(r.decision), groupTarget(group), reviewTarget(definition)], reviewDetails(r)));
      }
      if (ended.size) await reconcileUsers(trx, [...ended], { correlationId: instance.id, now }, memberOfChanged);
    }
  } else {
    await holdRuleLockFor(trx, scope.accessPackageId);
    const accessPackage = await findAccessPackage(trx, scope.accessPackageId);
    const assignments = new Map((await findAssignmentsByIds(trx, removals.flatMap((r) => (r.decision.assignmentId ? [r.decision.assignmentId] : [])))).map((a) => [a.id, a]));
    const named = { id: scope.accessPackageId, displayName: accessPackage?.displayName ?? scope.accessPackageId };
    // One request at a time per user and package: someone giving up this access right now keeps their own request.
    const busy = await targetsWithOpenRequest(trx, scope.accessPackageId, removals.map((r) => r.decision.principal.id));
    const removable = removals.flatMap((r) => {
      const assignment = r.decision.assignmentId ? assignments.get(r.decision.assignmentId) : undefined;
      if (!assignment?.isActive) results.push({ id: r.decision.id, applyResult: 'AppliedSuccessfullyButObjectNotFound', detail: 'The assignment has already ended.', removed: false });
      else if (busy.has(assignment.targetId)) results.push({ id: r.decision.id, applyResult: 'AppliedWithUnknownFailure', detail: 'Another request for this access was under way; nothing was removed. Remove it by hand if it is still held.', removed: false });
      else return [{ removal: r, assignment }];
      return [];
    });
    const { plans, refused } = await planSystemRemovals(trx, removable.map((x) => x.assignment), () => newTimeOrderedId(now), `Removed by the access review '${definition.displayName}'.`, now);
    const requests = new Map((await recordRemovals(trx, actor, plans, now)).map((request) => [request.assignmentId!, request.id]));
    for (const { removal: r, assignment } of removable) {
      const requestId = requests.get(assignment.id);
      if (!requestId) {
        results.push({ id: r.decision.id, applyResult: 'AppliedWithUnknownFailure', detail: refused.get(assignment.id) ?? 'Not removed.', removed: false });
        continue;
      }
      // The request's id is in the audit entry; a detail of its own per decision would make saving the results a statement each.
      results.push({ id: r.decision.id, applyResult: 'AppliedSuccessfully', detail: 'Taken away by a systemRemove request.', removed: true });
      audits.push({ ...reviewAudit('Access removed by access review', 'Unassign', [principalTarget(r.decision), packageTarget(named), reviewTarget(definition)], [...reviewDetails(r), { key: 'assignmentId', value: assignment.id }, { key: 'requestId', value: requestId }]), correlationId: requestId });
    }
  }

  // Guests denied in a review of theirs can also be blocked from signing in (disableAndDeleteUserApplyAction).
  if (definition.settings.applyActions.includes('disableAndDeleteUserApplyAction')) {
    const removedGuests = removals.filter((r) => r.decision.principal.userType === 'Guest' && results.some((x) => x.id === r.decision.id && x.removed));
    const disabled = new Set(await disableUsers(trx, removedGuests.map((r) => r.decision.principal.id), now.toISOString()));
    for (const r of removedGuests.filter((r) => disabled.has(r.decision.principal.id))) {
      audits.push({ category: 'UserManagement', activityDisplayName: 'Disable account', operationType: 'Update', targetResources: [{ ...principalTarget(r.decision), modifiedProperties: [{ displayName: 'AccountEnabled', oldValue: '[true]', newValue: '[false]' }] }], additionalDetails: reviewDetails(r) });
    }
  }
  await recordAudit(trx, actor, now, audits);
  return results;
}

