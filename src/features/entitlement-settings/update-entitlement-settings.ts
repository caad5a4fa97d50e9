import { modifiedProperties } from '../../domain/audit-entry.js';
import { settingsProblems, type EntitlementManagementSettings } from '../../domain/guest-lifecycle.js';
import type { Actor } from '../../domain/principal.js';
import { recordAudit } from '../audit/audit.repo.js';
import { entitlementAudit } from '../catalogs/catalog-audit.js';
import type { Deps } from '../deps.js';
import { entitlementSettingsId, lockEntitlementSettings, readEntitlementSettings, writeEntitlementSettings } from './entitlement-settings.repo.js';
import type { UpdateEntitlementSettingsInput } from './entitlement-settings.schemas.js';

const settingsProperties = ['externalUserLifecycleAction', 'durationUntilExternalUserDeletedAfterBlocked'] as const;

/** PATCH semantics: what is given replaces what was; the result is checked whole. */
export async function updateEntitlementSettings(deps: Deps, actor: Actor, changes: UpdateEntitlementSettingsInput): Promise<EntitlementManagementSettings> {
  const now = deps.clock();
  const iso = now.toISOString();
  return deps.db.transaction().execute(async (trx) => {
    await lockEntitlementSettings(trx, iso);
    const before = await readEntitlementSettings(trx);
    const after: EntitlementManagementSettings = {
      externalUserLifecycleAction: changes.externalUserLifecycleAction ?? before.externalUserLifecycleAction,
      durationUntilExternalUserDeletedAfterBlocked: changes.durationUntilExternalUserDeletedAfterBlocked ?? before.durationUntilExternalUserDeletedAfterBlocked,
    };
    settingsProblems(after).throwIfAny();
    const changed = modifiedProperties(before, after, settingsProperties);
    // A change of nothing leaves no audit entry (at most, the row now holds the defaults it stood for).
    if (changed.length === 0) return before;
    await writeEntitlementSettings(trx, after, iso);
    await recordAudit(
      trx,
      actor,
      now,
      entitlementAudit('Update entitlement management settings', 'Update', [{ id: entitlementSettingsId, displayName: 'Entitlement management settings', type: 'EntitlementManagementSettings', modifiedProperties: changed }]),
    );
    return after;
  });
}
