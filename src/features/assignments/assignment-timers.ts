import type { Executor } from '../../db/database.js';
import { expiryReminderDays, type Assignment } from '../../domain/assignment.js';
import { enqueueJobs, type NewJob } from '../../jobs/job-queue.repo.js';
import { jobKinds, type AssignmentPayload, type ExpiryReminderPayload } from '../../jobs/job-kinds.js';

const dayMs = 24 * 3600_000;

/**
 * Writes the jobs that end an assignment on time and warn its holder before: at its end, and 14
 * days and 1 day before it (those still ahead). Called whenever an assignment gets an end, in the
 * same transaction; jobs written for an earlier end find the assignment changed and do nothing.
 */
export async function scheduleAssignmentEnd(trx: Executor, assignments: readonly Pick<Assignment, 'id' | 'endDateTime'>[], now: Date): Promise<void> {
  const jobs: NewJob[] = [];
  for (const assignment of assignments) {
    if (!assignment.endDateTime) continue;
    const end = new Date(assignment.endDateTime);
    jobs.push({ kind: jobKinds.expireAssignment, payload: { assignmentId: assignment.id } satisfies AssignmentPayload, runAt: end });
    for (const daysBefore of expiryReminderDays) {
      const at = new Date(end.getTime() - daysBefore * dayMs);
      if (at.getTime() > now.getTime()) {
        jobs.push({ kind: jobKinds.expiryReminder, payload: { assignmentId: assignment.id, endDateTime: assignment.endDateTime, daysBefore } satisfies ExpiryReminderPayload, runAt: at });
      }
    }
  }
  await enqueueJobs(trx, jobs, now);
}
