import type { ConnectedSystemsTable, Executor } from '../../db/database.js';
import type { ConnectedSystem, ConnectedSystemKind } from '../../domain/connected-system.js';
import type { ReconciliationMode } from '../../domain/reconciliation.js';

/** Connected systems. What the API shows never selects the secrets column; only connectorInputsOf reads it. */
type ShownRow = Omit<ConnectedSystemsTable, 'secrets' | 'secret_names' | 'deleted_date_time'> & { secrets_set: string };


function fromRow(row: ShownRow): ConnectedSystem {
  return {
    id: row.id,
    displayName: row.display_name,
    description: row.description,
    kind: row.kind as ConnectedSystemKind,
    settings: JSON.parse(row.settings),
    secretsSet: JSON.parse(row.secrets_set),
    reconciliation: { mode: row.reconciliation_mode as ReconciliationMode, intervalMinutes: row.reconciliation_interval_minutes, nextRunDateTime: row.next_reconciliation_date_time },
    createdDateTime: row.created_date_time,
    modifiedDateTime: row.modified_date_time,
  };
}

/** Which secrets are set is kept beside them (their names only), so that showing it never reads a secret. */
const living = (db: Executor) =>
  db
    .selectFrom('connected_systems')
    .select(['id', 'display_name', 'description', 'kind', 'settings', 'created_date_time', 'modified_date_time', 'reconciliation_mode', 'reconciliation_interval_minutes', 'next_reconciliation_date_time'])
    .select((eb) => eb.ref('secret_names').as('secrets_set'))
    .where('deleted_date_time', 'is', null);

export async function findConnectedSystem(db: Executor, id: string): Promise<ConnectedSystem | undefined> {
  const row = await living(db).where('id', '=', id).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

export async function listConnectedSystems(db: Executor): Promise<ConnectedSystem[]> {
  return (await living(db).orderBy('display_name').orderBy('id').execute()).map(fromRow);
}

export async function insertConnectedSystem(db: Executor, system: ConnectedSystem, secrets: Record<string, string>): Promise<void> {
  await db
    .insertInto('connected_systems')
    .values({
      id: system.id,
      display_name: system.displayName,
      description: system.description,
      kind: system.kind,
      settings: JSON.stringify(system.settings),
      secrets: JSON.stringify(secrets),
      secret_names: JSON.stringify(Object.keys(secrets).sort()),
      created_date_time: system.createdDateTime,
      modified_date_time: system.modifiedDateTime,
      deleted_date_time: null,
      reconciliation_mode: system.reconciliation.mode,
      reconciliation_interval_minutes: system.reconciliation.intervalMinutes,
      next_reconciliation_date_time: system.reconciliation.nextRunDateTime,
    })
    .execute();
}

export async function replaceConnectedSystem(db: Executor, system: ConnectedSystem, secrets: Record<string, string> | undefined): Promise<void> {
  await db
    .updateTable('connected_systems')
    .set({
      display_name: system.displayName,
      description: system.description,
      settings: JSON.stringify(system.settings),
      modified_date_time: system.modifiedDateTime,
      reconciliation_mode: system.reconciliation.mode,
      reconciliation_interval_minutes: system.reconciliation.intervalMinutes,
      next_reconciliation_date_time: system.reconciliation.nextRunDateTime,
      ...(secrets ? { secrets: JSON.stringify(secrets), secret_names: JSON.stringify(Object.keys(secrets).sort()) } : {}),
    })
    .where('id', '=', system.id)
    .execute();
}

export async function markConnectedSystemDeleted(db: Executor, id: string, now: string): Promise<void> {
  await db.updateTable('connected_systems').set({ deleted_date_time: now, secrets: '{}', secret_names: '[]' }).where('id', '=', id).execute();
}

/** What building a connector needs, secrets included: for the registry only. */
export async function connectorInputsOf(db: Executor, id?: string): Promise<{ id: string; kind: ConnectedSystemKind; settings: Record<string, unknown>; secrets: Record<string, string> }[]> {
  let query = db.selectFrom('connected_systems').select(['id', 'kind', 'settings', 'secrets']).where('deleted_date_time', 'is', null);
  if (id !== undefined) query = query.where('id', '=', id);
  return (await query.execute()).map((row) => ({ id: row.id, kind: row.kind as ConnectedSystemKind, settings: JSON.parse(row.settings), secrets: JSON.parse(row.secrets) }));
}


/**
 * Takes the system's row lock (PostgreSQL; SQLite's write lock is taken already) until the
 * transaction ends. Changes of a system and the start of its reconciliation runs take it: two
 * requests for a run at once would otherwise both find none under way, and a change read before a
 * scheduled run moved the next time would write the old time back.
 */
export async function lockConnectedSystem(trx: Executor, id: string): Promise<void> {
  await trx.updateTable('connected_systems').set((eb) => ({ id: eb.ref('id') })).where('id', '=', id).execute();
}
