import type { Executor } from '../../db/database.js';
import { defaultEntitlementManagementSettings, type EntitlementManagementSettings } from '../../domain/guest-lifecycle.js';

// The settings are one row; until someone changes them, Entra's defaults apply.
const settingsId = 'settings';

export async function readEntitlementSettings(db: Executor): Promise<EntitlementManagementSettings> {
  const row = await db.selectFrom('entitlement_management_settings').selectAll().where('id', '=', settingsId).executeTakeFirst();
  if (!row) return defaultEntitlementManagementSettings;
  return {
    externalUserLifecycleAction: row.external_user_lifecycle_action as EntitlementManagementSettings['externalUserLifecycleAction'],
    durationUntilExternalUserDeletedAfterBlocked: row.duration_until_external_user_deleted_after_blocked,
  };
}

export async function writeEntitlementSettings(db: Executor, settings: EntitlementManagementSettings, now: string): Promise<void> {
  const values = {
    external_user_lifecycle_action: settings.externalUserLifecycleAction,
    duration_until_external_user_deleted_after_blocked: settings.durationUntilExternalUserDeletedAfterBlocked,
    modified_date_time: now,
  };
  await db
    .insertInto('entitlement_management_settings')
    .values({ id: settingsId, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}
