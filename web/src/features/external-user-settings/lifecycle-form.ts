import type { EntitlementManagementSettings, ExternalUserLifecycleAction } from '../../api/graph';

/**
 * The external user lifecycle setting (Graph's entitlementManagementSettings) as a form: what
 * happens to a guest Tessera brought in once their last assignment ends, and after how many days
 * a blocked one is deleted. The wait is edited in whole days (`P14D`); one stored otherwise
 * (`P1M`, `PT12H`, set through the API) is kept as it is until days are entered.
 */
export type LifecycleForm = { action: ExternalUserLifecycleAction; days: number | ''; storedDuration: string };
export type LifecycleBody = { externalUserLifecycleAction: ExternalUserLifecycleAction; durationUntilExternalUserDeletedAfterBlocked?: string };

export const maxDaysBeforeDeletion = 365;

const wholeDays = (duration: string): number | '' => {
  const match = /^P(\d+)D$/.exec(duration);
  return match ? Number(match[1]) : '';
};

export const lifecycleFormFrom = (settings: EntitlementManagementSettings): LifecycleForm => ({
  action: settings.externalUserLifecycleAction,
  days: wholeDays(settings.durationUntilExternalUserDeletedAfterBlocked),
  storedDuration: settings.durationUntilExternalUserDeletedAfterBlocked,
});

/** A stored wait that is not whole days, kept while no days are entered. */
export const keptDuration = (form: LifecycleForm): string | null => (form.days === '' && wholeDays(form.storedDuration) === '' ? form.storedDuration : null);

/** The problems to fix before saving, keyed by the Graph property the server names. */
export function lifecycleFormErrors(form: LifecycleForm): Record<string, string> {
  if (form.action !== 'blockSignInAndDelete' || keptDuration(form)) return {};
  const { days } = form;
  if (days === '' || !Number.isInteger(days) || days < 1 || days > maxDaysBeforeDeletion) return { durationUntilExternalUserDeletedAfterBlocked: `Delete them 1 to ${maxDaysBeforeDeletion} days after their sign-in is blocked.` };
  return {};
}

/** The body of PATCH …/entitlementManagement/settings; the wait is sent only when guests are deleted. */
export function lifecycleBody(form: LifecycleForm): LifecycleBody {
  if (form.action !== 'blockSignInAndDelete') return { externalUserLifecycleAction: form.action };
  return { externalUserLifecycleAction: form.action, durationUntilExternalUserDeletedAfterBlocked: keptDuration(form) ?? `P${form.days}D` };
}
