import { ValidationProblems } from './validation-problems.js';
import { addDuration, isValidDuration } from './duration.js';

/**
 * What happens to a governed guest (an external user Tessera brought in for an assignment) when
 * their last assignment ends, by entitlementManagement/settings (Graph's
 * entitlementManagementSettings): nothing; their sign-in blocked at once; or blocked at once and
 * deleted after durationUntilExternalUserDeletedAfterBlocked — unless a new assignment arrives
 * first, which lifts the block. Deleting keeps the user for history with their personal data
 * removed.
 */
export type ExternalUserLifecycleAction = 'none' | 'blockSignIn' | 'blockSignInAndDelete';
export type EntitlementManagementSettings = { externalUserLifecycleAction: ExternalUserLifecycleAction; durationUntilExternalUserDeletedAfterBlocked: string };

/** Entra's defaults: block and delete, 30 days after blocking. */
export const defaultEntitlementManagementSettings: EntitlementManagementSettings = { externalUserLifecycleAction: 'blockSignInAndDelete', durationUntilExternalUserDeletedAfterBlocked: 'P30D' };

export type GuestLifecycleStep = { blockNow: boolean; deleteAt: Date | null };

/** When a governed guest's last assignment has just ended: block now? delete when? */
export function afterLastAssignmentEnded(settings: EntitlementManagementSettings, endedAt: Date): GuestLifecycleStep {
  switch (settings.externalUserLifecycleAction) {
    case 'none':
      return { blockNow: false, deleteAt: null };
    case 'blockSignIn':
      return { blockNow: true, deleteAt: null };
    case 'blockSignInAndDelete':
      return { blockNow: true, deleteAt: addDuration(endedAt, settings.durationUntilExternalUserDeletedAfterBlocked) };
  }
}

/**
 * At the time a deletion was scheduled for: delete only if the guest is still blocked by us, holds
 * no assignment and has none on the way (a request under way would give them one).
 */
export function mayDeleteGuest(guest: { blockedByLifecycle: boolean; activeAssignments: number; openRequests: number }): boolean {
  return guest.blockedByLifecycle && guest.activeAssignments === 0 && guest.openRequests === 0;
}

/** The settings' problems, under their Graph names (the longest wait is a year, as in Entra's portal). */
export function settingsProblems(settings: EntitlementManagementSettings): ValidationProblems {
  const problems = new ValidationProblems();
  const duration = settings.durationUntilExternalUserDeletedAfterBlocked;
  const reference = new Date('2000-01-01T00:00:00Z');
  if (!isValidDuration(duration) || addDuration(reference, duration).getTime() - reference.getTime() > 366 * 86_400_000) {
    problems.add('durationUntilExternalUserDeletedAfterBlocked', `durationUntilExternalUserDeletedAfterBlocked is a duration of at most a year, such as P30D; it is '${duration.slice(0, 40)}'.`);
  }
  return problems;
}
