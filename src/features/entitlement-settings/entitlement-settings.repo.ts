import type { Executor } from '../../db/database.js';
import { defaultEntitlementManagementSettings, type EntitlementManagementSettings } from '../../domain/guest-lifecycle.js';

// The settings are one row; until someone changes them, Entra's defaults apply.
export const entitlementSettingsId = 'settings';

export async function readEntitlementSettings(db: Executor): Promise<EntitlementManagementSettings> {
  const row = await db.selectFrom('entitlement_management_settings').selectAll().where('id', '=', entitlementSettingsId).executeTakeFirst();
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
    .values({ id: entitlementSettingsId, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

/**
 * Takes the settings row's lock for the rest of the transaction, writing Entra's defaults first if
 * nobody has changed the settings yet: two PATCHes of different properties then take turns, and
 * neither writes back what it read before the other committed.
 */
export async function lockEntitlementSettings(db: Executor, now: string): Promise<void> {
  const { externalUserLifecycleAction, durationUntilExternalUserDeletedAfterBlocked } = defaultEntitlementManagementSettings;
  await db
    .insertInto('entitlement_management_settings')
    .values({ id: entitlementSettingsId, external_user_lifecycle_action: externalUserLifecycleAction, duration_until_external_user_deleted_after_blocked: durationUntilExternalUserDeletedAfterBlocked, modified_date_time: now })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await db.updateTable('entitlement_management_settings').set((eb) => ({ modified_date_time: eb.ref('modified_date_time') })).where('id', '=', entitlementSettingsId).execute();
}
