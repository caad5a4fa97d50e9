import { randomUUID } from 'node:crypto';
import type { AuditDraft, AuditTarget } from '../../domain/audit-entry.js';
import { originSystemOf, type ConnectedSystem } from '../../domain/connected-system.js';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { recordAudit } from '../audit/audit.repo.js';
import { entitlementAudit } from '../catalogs/catalog-audit.js';
import type { Deps } from '../deps.js';
import { checked, endpointSettings, secretsSchemas, settingsSchemas, type CreateConnectedSystemInput, type UpdateConnectedSystemInput } from './connected-systems.schemas.js';
import { findConnectedSystem, insertConnectedSystem, lockConnectedSystem, markConnectedSystemDeleted, replaceConnectedSystem, secretsOf } from './connected-systems.repo.js';
import { refreshConnector } from './system-connectors.js';
import { enqueueScheduledRun, reconciliationSettingsOf } from '../reconciliation/reconciliation-schedule.js';

/**
 * Adding, changing and removing connected systems. Each is also a resource environment (same id),
 * where its resources live in catalogs. The audit entries name what changed in the settings, and
 * only the names of the secrets that changed.
 */
const target = (system: Pick<ConnectedSystem, 'id' | 'displayName'>, changed: string[] = []): AuditTarget => ({
  id: system.id,
  displayName: system.displayName,
  type: 'ConnectedSystem',
  modifiedProperties: changed.map((name) => ({ displayName: name, oldValue: null, newValue: null })),
});

export async function createConnectedSystem(deps: Deps, actor: Actor, input: CreateConnectedSystemInput): Promise<ConnectedSystem> {
  const settings = checked(settingsSchemas[input.kind], input.settings, 'settings');
  const secrets = checked(secretsSchemas[input.kind], input.secrets, 'secrets');
  const now = deps.clock();
  const iso = now.toISOString();
  const reconciliation = reconciliationSettingsOf({ kind: input.kind }, undefined, input.reconciliation, now);
  const system: ConnectedSystem = { id: randomUUID(), displayName: input.displayName, description: input.description ?? null, kind: input.kind, settings, secretsSet: Object.keys(secrets).sort(), reconciliation, createdDateTime: iso, modifiedDateTime: iso };
  const originSystem = originSystemOf[input.kind];
  await deps.db.transaction().execute(async (trx) => {
    // The first system of its kind is where resources of its originSystem go unless a request names another.
    const hasDefault = await trx.selectFrom('resource_environments').select('id').where('origin_system', '=', originSystem).where('is_default_environment', '=', 1).executeTakeFirst();
    await trx
      .insertInto('resource_environments')
      .values({ id: system.id, display_name: system.displayName, description: system.description, origin_system: originSystem, origin_id: system.id, connector_kind: system.kind, is_default_environment: hasDefault ? 0 : 1, created_date_time: iso, modified_date_time: iso })
      .execute();
    await insertConnectedSystem(trx, deps.secrets, system, secrets);
    await enqueueScheduledRun(trx, system.id, undefined, reconciliation, now);
    await recordAudit(trx, actor, now, audit('Add connected system', 'Add', target(system, ['displayName', 'kind', ...Object.keys(settings).map((key) => `settings.${key}`), ...system.secretsSet.map((key) => `secrets.${key}`), ...(input.reconciliation ? ['reconciliation'] : [])])));
  });
  await refreshConnector(deps, system.id);
  return system;
}

export async function updateConnectedSystem(deps: Deps, actor: Actor, id: string, input: UpdateConnectedSystemInput): Promise<void> {
  const now = deps.clock();
  let rebuild = false;
  await deps.db.transaction().execute(async (trx) => {
    await lockConnectedSystem(trx, id);
    const before = await findConnectedSystem(trx, id);
    if (!before) throw new NotFoundError('Connected system', id);
    const settings = input.settings ? checked(settingsSchemas[before.kind], { ...before.settings, ...input.settings }, 'settings') : before.settings;
    const moved = endpointSettings[before.kind].filter((key) => JSON.stringify(settings[key]) !== JSON.stringify(before.settings[key]));
    const missing = before.secretsSet.filter((name) => input.secrets?.[name] === undefined);
    if (moved.length > 0 && missing.length > 0) {
      throw new ValidationError(`Changing ${moved.map((key) => `settings.${key}`).join(', ')} needs the secrets again (${missing.map((name) => `secrets.${name}`).join(', ')}): the stored ones are never sent anywhere new.`, `secrets.${missing[0]}`);
    }
    // Secrets are replaced one by one: a PATCH of the password leaves the others as they are.
    const secrets = input.secrets ? checked(secretsSchemas[before.kind], { ...(await keptSecrets(trx, deps, before, input.secrets)), ...input.secrets }, 'secrets') : undefined;
    const reconciliation = reconciliationSettingsOf(before, before.reconciliation, input.reconciliation, now);
    const after: ConnectedSystem = { ...before, displayName: input.displayName ?? before.displayName, description: input.description === undefined ? before.description : input.description, settings, secretsSet: secrets ? Object.keys(secrets).sort() : before.secretsSet, reconciliation, modifiedDateTime: now.toISOString() };
    const changed = [
      ...(after.displayName !== before.displayName ? ['displayName'] : []),
      ...(after.description !== before.description ? ['description'] : []),
      ...(['mode', 'intervalMinutes'] as const).filter((key) => reconciliation[key] !== before.reconciliation[key]).map((key) => `reconciliation.${key}`),
      ...Object.keys(settings).filter((key) => JSON.stringify(settings[key]) !== JSON.stringify(before.settings[key])).map((key) => `settings.${key}`),
      ...Object.keys(input.secrets ?? {}).map((key) => `secrets.${key}`),
    ];
    if (changed.length === 0) return;
    await replaceConnectedSystem(trx, deps.secrets, after, secrets);
    await enqueueScheduledRun(trx, id, before.reconciliation, reconciliation, now);
    await trx.updateTable('resource_environments').set({ display_name: after.displayName, description: after.description, modified_date_time: after.modifiedDateTime }).where('id', '=', id).execute();
    await recordAudit(trx, actor, now, audit('Update connected system', 'Update', target(after, changed)));
    rebuild = changed.some((name) => name.startsWith('settings.') || name.startsWith('secrets.'));
  });
  // A new name or description leaves the connector (and the calls it is making) as it is.
  if (rebuild) await refreshConnector(deps, id);
}

/** Refused while a catalog holds one of its resources: their assignments still need the system to take access away. */
export async function deleteConnectedSystem(deps: Deps, actor: Actor, id: string): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const system = await findConnectedSystem(trx, id);
    if (!system) throw new NotFoundError('Connected system', id);
    const inUse = await trx.selectFrom('resources').select('id').where('environment_id', '=', id).where('removed_date_time', 'is', null).executeTakeFirst();
    if (inUse) throw new ConflictError(`The connected system '${system.displayName}' still has resources in catalogs; remove them from the catalogs first.`, 'id', 'ConnectedSystemInUse');
    // Access still held there, or on its way out, needs the connector to be taken away.
    const held = await trx.selectFrom('assignment_role_grants').select('id').where('environment_id', '=', id).where('state', 'in', ['granted', 'pendingGrant', 'pendingRevoke', 'revokeFailed']).executeTakeFirst();
    if (held) throw new ConflictError(`The connected system '${system.displayName}' still holds access that assignments gave; wait for it to be taken away first.`, 'id', 'ConnectedSystemInUse');
    await markConnectedSystemDeleted(trx, id, now.toISOString());
    await trx.updateTable('resource_environments').set({ is_default_environment: 0, modified_date_time: now.toISOString() }).where('id', '=', id).execute();
    await recordAudit(trx, actor, now, audit('Delete connected system', 'Delete', target(system)));
  });
  await refreshConnector(deps, id);
}

/** The stored secrets a change does not replace; when they no longer open (another key), the change must give them all again. */
async function keptSecrets(trx: Parameters<typeof secretsOf>[0], deps: Deps, before: ConnectedSystem, given: Record<string, unknown>): Promise<Record<string, string>> {
  const kept = before.secretsSet.filter((name) => given[name] === undefined);
  if (kept.length === 0) return {};
  try {
    return await secretsOf(trx, deps.secrets, before.id);
  } catch (error) {
    throw new ValidationError(`${(error as Error).message} Give every secret again (${kept.map((name) => `secrets.${name}`).join(', ')}).`, `secrets.${kept[0]}`);
  }
}

const audit = (activity: string, operation: AuditDraft['operationType'], resource: AuditTarget): AuditDraft => entitlementAudit(activity, operation, [resource]);
