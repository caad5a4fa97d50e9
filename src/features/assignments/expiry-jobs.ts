import type { Executor } from '../../db/database.js';
import type { Assignment, RoleGrantState } from '../../domain/assignment.js';
import { policiesByIds } from '../assignment-policies/assignment-policies.repo.js';
import { addRequestIdsOf } from '../assignment-requests/assignment-requests.repo.js';
import type { ClaimedJob } from '../../jobs/job-queue.repo.js';
import { jobKinds, type AssignmentPayload, type ExpiryReminderPayload } from '../../jobs/job-kinds.js';
import type { JobHandler } from '../../jobs/job-worker.js';
import { findAccessPackagesByIds } from '../access-packages/access-packages.repo.js';
import { recordAudit } from '../audit/audit.repo.js';
import { assignmentTarget, details, lifecycleEntry, packageTarget, systemActor } from '../assignment-requests/lifecycle-audit.js';
import type { Deps } from '../deps.js';
import { enqueueNotifications } from '../notifications/notification.js';
import { endDueAssignments, findAssignmentsByIds } from './assignments.repo.js';
import { revokeRoles } from './role-delivery.js';
import { grantsOfAssignments, markForRevocation, setGrantStates } from './role-grants.repo.js';
import { regrantWhereStillGiven } from './regrant.js';
import { noteGuestAccessChanged } from '../guests/guest-lifecycle.js';

const revokeAttempts = 6;

/**
 * expire-assignment: ends assignments at their end time and takes their roles away. Jobs fall due
 * together (a cohort hired the same day), so a batch ends them all in one transaction, revokes in
 * one pass and records the outcome in another. An assignment extended since its job was written
 * is no longer due and is left alone.
 */
export function expireAssignmentsHandler(deps: Deps): JobHandler {
  return {
    kind: jobKinds.expireAssignment,
    maxAttempts: revokeAttempts + 2,
    async run(jobs: ClaimedJob[]) {
      const ids = jobs.map((job) => (job.payload as AssignmentPayload).assignmentId);
      const now = deps.clock();
      const grants = await deps.db.transaction().execute(async (trx) => {
        const ended = await endDueAssignments(trx, ids, now, 'Expired at the end of its schedule');
        const newlyPending = await markForRevocation(trx, ended.map((a) => a.id));
        // A retry finds its assignments already ended, and picks up what is still to be revoked.
        const endedNow = new Set(ended.map((a) => a.id));
        const leftOver = await grantsOfAssignments(trx, ids.filter((id) => !endedNow.has(id)), ['pendingRevoke']);
        if (ended.length > 0) {
          const packages = new Map((await findAccessPackagesByIds(trx, ended.map((a) => a.accessPackageId))).map((p) => [p.id, p]));
          const named = (id: string) => ({ id, displayName: packages.get(id)?.displayName ?? id });
          // Each expiry belongs to the story of the request that gave the access.
          const storyOf = await addRequestIdsOf(trx, ended.map((a) => a.id));
          const entries = ended.map((assignment) => ({
            ...lifecycleEntry('Remove access package assignment', 'Unassign', [assignmentTarget(assignment, named(assignment.accessPackageId)), packageTarget(named(assignment.accessPackageId))], details({ reason: 'expired', endDateTime: assignment.endDateTime, targetId: assignment.targetId })),
            ...(storyOf.has(assignment.id) ? { correlationId: storyOf.get(assignment.id)! } : {}),
          }));
          await recordAudit(trx, systemActor(`expiry-${now.toISOString()}`), now, entries);
          await noteGuestAccessChanged(trx, ended.map((assignment) => assignment.targetId), now);
          // One message per package and end time, to everyone whose access ended with it: a cohort
          // expiring together is a few mail jobs, not one per person.
          const cohorts = new Map<string, { accessPackageId: string; endDateTime: string | null; recipientIds: string[] }>();
          const silenced = await policiesWithoutMail(trx, ended);
          for (const assignment of ended) {
            if (assignment.policyId && silenced.has(assignment.policyId)) continue;
            const key = `${assignment.accessPackageId} ${assignment.endDateTime}`;
            const cohort = cohorts.get(key) ?? { accessPackageId: assignment.accessPackageId, endDateTime: assignment.endDateTime, recipientIds: [] };
            cohort.recipientIds.push(assignment.targetId);
            cohorts.set(key, cohort);
          }
          await enqueueNotifications(
            trx,
            now,
            [...cohorts.values()].map((cohort) => ({ template: 'assignmentExpired' as const, recipientIds: cohort.recipientIds, facts: { accessPackageId: cohort.accessPackageId, accessPackageDisplayName: named(cohort.accessPackageId).displayName, endDateTime: cohort.endDateTime } })),
          );
        }
        return [...newlyPending, ...leftOver];
      });

      const { outcome, revoked } = await revokeRoles(deps, grants);
      const lastAttempt = jobs.every((job) => job.attempts >= revokeAttempts);
      const failedGrants = grants.filter((grant) => outcome.get(grant.id));
      await deps.db.transaction().execute(async (trx) => {
        await setGrantStates(
          trx,
          grants.flatMap((grant): { id: string; state: RoleGrantState; error?: string }[] => {
            const error = outcome.get(grant.id);
            if (!error) return [{ id: grant.id, state: 'revoked' as const }];
            return lastAttempt ? [{ id: grant.id, state: 'revokeFailed' as const, error: error.message.slice(0, 1000) }] : [];
          }),
          now,
        );
        await regrantWhereStillGiven(trx, revoked, now);
      });
      deps.wakeJobs();
      if (failedGrants.length === 0 || lastAttempt) return new Map();
      const failedAssignments = new Set(failedGrants.map((grant) => grant.assignmentId));
      return new Map(jobs.filter((job) => failedAssignments.has((job.payload as AssignmentPayload).assignmentId)).map((job) => [job.id, outcome.get(failedGrants[0]!.id)!]));
    },
  };
}

/** expiry-reminder: 14 days and 1 day before an assignment ends, its holder hears of it. */
export function expiryReminderHandler(deps: Deps): JobHandler {
  return {
    kind: jobKinds.expiryReminder,
    maxAttempts: 5,
    async run(jobs: ClaimedJob[]) {
      const payloads = jobs.map((job) => job.payload as ExpiryReminderPayload);
      const assignments = new Map((await findAssignmentsByIds(deps.db, payloads.map((p) => p.assignmentId))).map((a) => [a.id, a]));
      const packages = new Map((await findAccessPackagesByIds(deps.db, [...assignments.values()].map((a) => a.accessPackageId))).map((p) => [p.id, p]));
      const silenced = await policiesWithoutMail(deps.db, [...assignments.values()]);
      const due = payloads.filter((payload) => {
        const assignment = assignments.get(payload.assignmentId);
        if (assignment?.policyId && silenced.has(assignment.policyId)) return false;
        // Extended or ended since: this reminder was for an end that no longer stands.
        return assignment?.isActive && assignment.endDateTime === payload.endDateTime;
      });
      const now = deps.clock();
      await deps.db.transaction().execute((trx) =>
        enqueueNotifications(
          trx,
          now,
          due.map((payload) => {
            const assignment = assignments.get(payload.assignmentId)!;
            return { template: 'assignmentExpiringSoon' as const, recipientIds: [assignment.targetId], facts: { accessPackageId: assignment.accessPackageId, accessPackageDisplayName: packages.get(assignment.accessPackageId)?.displayName ?? assignment.accessPackageId, assignmentId: assignment.id, endDateTime: assignment.endDateTime } };
          }),
        ),
      );
      deps.wakeJobs();
      return new Map();
    },
  };
}

/** Policies whose notification settings turn the holder's mail off. */
async function policiesWithoutMail(db: Executor, assignments: readonly Pick<Assignment, 'policyId'>[]): Promise<Set<string>> {
  const policies = await policiesByIds(db, [...new Set(assignments.flatMap((a) => (a.policyId ? [a.policyId] : [])))]);
  return new Set(policies.filter((policy) => policy.notificationSettings.isAssignmentNotificationDisabled).map((policy) => policy.id));
}
