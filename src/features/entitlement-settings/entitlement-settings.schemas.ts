import { z } from 'zod';
import { graphBody } from '../schema-helpers.js';

export const externalUserLifecycleActions = ['none', 'blockSignIn', 'blockSignInAndDelete'] as const;

/** A PATCH of entitlementManagement/settings: either property, or both; the duration's rules are settingsProblems'. */
export const updateEntitlementSettingsBody = graphBody({
  externalUserLifecycleAction: z.enum(externalUserLifecycleActions).optional(),
  durationUntilExternalUserDeletedAfterBlocked: z.string().trim().min(1).max(64).optional(),
});

export type UpdateEntitlementSettingsInput = z.infer<typeof updateEntitlementSettingsBody>;
