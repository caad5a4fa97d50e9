import type { ConnectedSystemsTable, Executor } from '../../db/database.js';
import type { ConnectedSystem, ConnectedSystemKind } from '../../domain/connected-system.js';
import type { ReconciliationMode } from '../../domain/reconciliation.js';
import type { SecretBox } from './secret-box.js';
import { endpointSettings } from '../../domain/connected-system.js';

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

/**
 * Secrets are sealed for their row and for where they go (secret-box.ts): the context is the id, the
 * kind and the endpoint settings, so that a value moved to another row, or a row pointed at another
 * server by a write to the database (not through the API, which asks for the secrets again), does not open.
 */
const contextOf = (id: string, kind: ConnectedSystemKind, settings: Record<string, unknown>) => `connected-system:${id}:${kind}:${JSON.stringify(endpointSettings[kind].map((name) => settings[name] ?? null))}`;
const sealFor = (box: SecretBox, system: { id: string; kind: ConnectedSystemKind; settings: Record<string, unknown> }, secrets: Record<string, string>) => box.seal(JSON.stringify(secrets), contextOf(system.id, system.kind, system.settings));
function openFor(box: SecretBox, system: { id: string; kind: ConnectedSystemKind; settings: Record<string, unknown> }, stored: string): Record<string, string> {
  const text = box.open(stored, contextOf(system.id, system.kind, system.settings));
  try {
    return JSON.parse(text);
  } catch {
    // Never the text itself: it is a secret, and this message reaches responses and job errors.
    throw new Error('The stored secrets of a connected system are not readable; enter them again.');
  }
}

export async function insertConnectedSystem(db: Executor, box: SecretBox, system: ConnectedSystem, secrets: Record<string, string>): Promise<void> {
  await db
    .insertInto('connected_systems')
    .values({
      id: system.id,
      display_name: system.displayName,
      description: system.description,
      kind: system.kind,
      settings: JSON.stringify(system.settings),
      secrets: sealFor(box, system, secrets),
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

export async function replaceConnectedSystem(db: Executor, box: SecretBox, system: ConnectedSystem, secrets: Record<string, string> | undefined): Promise<void> {
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
      ...(secrets ? { secrets: sealFor(box, system, secrets), secret_names: JSON.stringify(Object.keys(secrets).sort()) } : {}),
    })
    .where('id', '=', system.id)
    .execute();
}

export async function markConnectedSystemDeleted(db: Executor, id: string, now: string): Promise<void> {
  await db.updateTable('connected_systems').set({ deleted_date_time: now, secrets: '{}', secret_names: '[]' }).where('id', '=', id).execute();
}

/** What building a connector needs, secrets included: for the registry only. */
export type ConnectorInputs = { id: string; kind: ConnectedSystemKind; settings: Record<string, unknown> } & ({ secrets: Record<string, string> } | { secrets: null; unreadable: string });

/** What building a connector needs, secrets included: for the registry only. Secrets that do not open (another key) say why instead. */
export async function connectorInputsOf(db: Executor, box: SecretBox, id?: string): Promise<ConnectorInputs[]> {
  let query = db.selectFrom('connected_systems').select(['id', 'kind', 'settings', 'secrets']).where('deleted_date_time', 'is', null);
  if (id !== undefined) query = query.where('id', '=', id);
  return (await query.execute()).map((row) => {
    const base = { id: row.id, kind: row.kind as ConnectedSystemKind, settings: JSON.parse(row.settings) };
    try {
      return { ...base, secrets: openFor(box, base, row.secrets) };
    } catch (error) {
      return { ...base, secrets: null, unreadable: (error as Error).message };
    }
  });
}

/** The secrets as stored, opened: for a change that replaces some of them and keeps the rest. */
export async function secretsOf(db: Executor, box: SecretBox, id: string): Promise<Record<string, string>> {
  const row = await db.selectFrom('connected_systems').select(['id', 'kind', 'settings', 'secrets']).where('id', '=', id).executeTakeFirst();
  return row ? openFor(box, { id, kind: row.kind as ConnectedSystemKind, settings: JSON.parse(row.settings) }, row.secrets) : {};
}

/** Seals secrets written before they were sealed (at start): from then on the database holds none in the clear. */
export async function sealPlainSecrets(db: Executor, box: SecretBox): Promise<number> {
  const rows = await db.selectFrom('connected_systems').select(['id', 'kind', 'settings', 'secrets']).where('deleted_date_time', 'is', null).execute();
  let sealed = 0;
  for (const row of rows) {
    if (box.isSealed(row.secrets)) continue;
    let secrets: Record<string, string>;
    try {
      secrets = JSON.parse(row.secrets);
    } catch {
      continue; // not readable either way: its connector will say so
    }
    await db.updateTable('connected_systems').set({ secrets: sealFor(box, { id: row.id, kind: row.kind as ConnectedSystemKind, settings: JSON.parse(row.settings) }, secrets) }).where('id', '=', row.id).execute();
    sealed += 1;
  }
  return sealed;
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
