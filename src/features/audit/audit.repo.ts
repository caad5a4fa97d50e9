import { sql } from 'kysely';
import { rowCount } from '../../db/dialect.js';
import type { QueryableProperties } from '../../db/collection-query.js';
import { runCollectionQuery, type Page } from '../../db/collection-query.js';
import { bulkInsert } from '../../db/bulk-insert.js';
import type { DirectoryAuditsTable, Executor } from '../../db/database.js';
import { deferToCommit, type DeferredAppend } from '../../db/group-commit.js';
import { preparedQuery, type Slots } from '../../db/prepared-query.js';
import {
  auditEntryHash,
  initiatedBy,
  loggedByServiceFor,
  type AuditDraft,
  type DirectoryAudit,
} from '../../domain/audit-entry.js';
import type { Actor } from '../../domain/principal.js';
import { maxTimeOrderedSequence, timeOrderedId } from '../../domain/time-ordered-id.js';
import type { CollectionQuery } from '../../http/odata/query-options.js';
import { randomNoise } from '../time-ordered-ids.js';

// Run by every change: prepared (db/prepared-query.ts).
const advanceChainHead = preparedQuery((db, slots: Slots<{ count: number }>) =>
  db.updateTable('audit_chain_head').set({ sequence: sql`sequence + ${slots.value('count')}` }).where('id', '=', 1).returning(['sequence', 'hash']),
);
const setChainHeadHash = preparedQuery((db, slots: Slots<{ hash: string }>) => db.updateTable('audit_chain_head').set({ hash: slots.value('hash') }).where('id', '=', 1));

/**
 * Appends entries to the audit log inside the caller's transaction, so an entry exists exactly
 * when the write it describes does. Entries are chained by hash; see verifyAuditChain. In a
 * transaction shared by several requests (db/group-commit.ts) the entries of all of them are
 * chained and written together just before it commits.
 */
export async function recordAudit(trx: Executor, actor: Actor, now: Date, drafts: AuditDraft | AuditDraft[]): Promise<void> {
  const list = Array.isArray(drafts) ? drafts : [drafts];
  if (list.length === 0) return;
  const call: AuditCall = { actor, now, drafts: list };
  if (deferToCommit(trx, auditAppend, call)) return;
  await appendAudits(trx, [call]);
}

type AuditCall = { actor: Actor; now: Date; drafts: AuditDraft[] };

const auditAppend: DeferredAppend<AuditCall> = { name: 'audit log', flush: appendAudits };

async function appendAudits(trx: Executor, calls: AuditCall[]): Promise<void> {
  const count = calls.reduce((total, call) => total + call.drafts.length, 0);
  // Bumping the head's sequence first takes its row lock (PostgreSQL) or the write lock (SQLite),
  // so two concurrent writers cannot both chain onto the same previous hash.
  const [head] = await advanceChainHead(trx, { count });
  if (!head) throw new Error('The audit chain head is missing: the database was not migrated.');
  let sequence = Number(head.sequence) - count;
  let previousHash = head.hash;
  const noise = randomNoise(6 * count); // pooled: a getrandom call per entry costs more than the insert
  const rows: DirectoryAuditsTable[] = [];
  for (const { actor, now, drafts } of calls) {
    const initiator = JSON.stringify(initiatedBy(actor)); // the same for every entry of the call
    for (const draft of drafts) {
      sequence += 1;
      const entry = toEntry(draft, actor, now, sequence, noise.subarray(6 * rows.length, 6 * rows.length + 6));
      const serialized = { initiatedBy: initiator, targetResources: JSON.stringify(entry.targetResources), additionalDetails: JSON.stringify(entry.additionalDetails) };
      const hash = auditEntryHash(previousHash, sequence, entry, serialized);
      rows.push({
        id: entry.id,
        sequence,
        activity_date_time: entry.activityDateTime,
        activity_display_name: entry.activityDisplayName,
        category: entry.category,
        operation_type: entry.operationType,
        result: entry.result,
        result_reason: entry.resultReason,
        correlation_id: entry.correlationId,
        logged_by_service: entry.loggedByService,
        initiated_by: serialized.initiatedBy,
        ...searchColumns(entry),
        target_resources: serialized.targetResources,
        additional_details: serialized.additionalDetails,
        previous_hash: previousHash,
        hash,
      });
      previousHash = hash;
    }
  }
  await bulkInsert(trx, 'directory_audits', rows);
  await setChainHeadHash(trx, { hash: previousHash });
}

/** Columns derived from an entry so that "who did it" and "what did it touch" are filters. */
function searchColumns(entry: DirectoryAudit) {
  return {
    initiated_by_user_id: entry.initiatedBy.user?.id ?? null,
    initiated_by_upn: entry.initiatedBy.user?.userPrincipalName ?? null,
    target_ids: ` ${entry.targetResources.map((target) => target.id).join(' ')} `,
  };
}

function toEntry(draft: AuditDraft, actor: Actor, now: Date, sequence: number, noise: Uint8Array): DirectoryAudit {
  return {
    // Time-ordered ids keep the primary-key index append-only, as the log itself is.
    id: timeOrderedId(now.getTime(), sequence % (maxTimeOrderedSequence + 1), noise),
    category: draft.category,
    correlationId: draft.correlationId ?? actor.correlationId,
    result: draft.result ?? 'success',
    resultReason: draft.resultReason ?? null,
    activityDisplayName: draft.activityDisplayName,
    activityDateTime: now.toISOString(),
    loggedByService: loggedByServiceFor(draft.category),
    operationType: draft.operationType,
    initiatedBy: initiatedBy(actor),
    targetResources: draft.targetResources,
    additionalDetails: draft.additionalDetails ?? [],
  };
}

type AuditRow = DirectoryAuditsTable;

function fromRow(row: AuditRow): DirectoryAudit {
  return {
    id: row.id,
    category: row.category as DirectoryAudit['category'],
    correlationId: row.correlation_id,
    result: row.result as DirectoryAudit['result'],
    resultReason: row.result_reason,
    activityDisplayName: row.activity_display_name,
    activityDateTime: row.activity_date_time,
    loggedByService: row.logged_by_service,
    operationType: row.operation_type,
    initiatedBy: JSON.parse(row.initiated_by),
    targetResources: JSON.parse(row.target_resources),
    additionalDetails: JSON.parse(row.additional_details),
  };
}

export const auditQueryableProperties: QueryableProperties = {
  id: { column: 'id', kind: 'caseSensitiveText' },
  activityDateTime: { column: 'activity_date_time', kind: 'dateTime', sortable: true },
  activityDisplayName: { column: 'activity_display_name', kind: 'text', sortable: true },
  category: { column: 'category', kind: 'text', sortable: true },
  correlationId: { column: 'correlation_id', kind: 'caseSensitiveText' },
  loggedByService: { column: 'logged_by_service', kind: 'text' },
  operationType: { column: 'operation_type', kind: 'text' },
  result: { column: 'result', kind: 'enum', values: ['success', 'failure', 'timeout', 'unknownFutureValue'] },
  'initiatedBy/user/id': { column: 'initiated_by_user_id', kind: 'caseSensitiveText' },
  'initiatedBy/user/userPrincipalName': { column: 'initiated_by_upn', kind: 'text' },
  'targetResources/id': { column: 'target_ids', kind: 'idList' },
};

export async function listAudits(db: Executor, query: CollectionQuery): Promise<Page<DirectoryAudit>> {
  // Newest first is what an auditor expects: keyset on the chain's sequence, so entries appended
  // while someone pages never shift a page. An explicit $orderby takes precedence.
  return runCollectionQuery<AuditRow, DirectoryAudit>(db.selectFrom('directory_audits').selectAll(), auditQueryableProperties, query, { column: 'sequence', direction: 'desc' }, fromRow);
}

export async function getAudit(db: Executor, id: string): Promise<DirectoryAudit | undefined> {
  const row = await db.selectFrom('directory_audits').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

/** Walks the chain in order and reports the first entry whose hash does not match. */
export async function verifyAuditChain(db: Executor): Promise<{ ok: true; entries: number } | { ok: false; sequence: number; reason: string }> {
  let previousHash = 'genesis';
  let expected = 1;
  let lastSequence = 0;
  for (;;) {
    const batch = await db.selectFrom('directory_audits').selectAll().where('sequence', '>', lastSequence).orderBy('sequence').limit(rowCount(1000)).execute();
    if (batch.length === 0) break;
    for (const row of batch) {
      const sequence = Number(row.sequence);
      if (sequence !== expected) return { ok: false, sequence: expected, reason: 'an entry is missing' };
      if (row.previous_hash !== previousHash) return { ok: false, sequence, reason: 'the link to the previous entry is broken' };
      const entry = fromRow(row);
      const stored = { initiatedBy: row.initiated_by, targetResources: row.target_resources, additionalDetails: row.additional_details };
      if (auditEntryHash(previousHash, sequence, entry, stored) !== row.hash) return { ok: false, sequence, reason: 'the entry was altered' };
      // The filter columns are derived from hashed content; a mismatch would hide the entry from filters.
      const derived = searchColumns(entry);
      if (row.target_ids !== derived.target_ids || row.initiated_by_user_id !== derived.initiated_by_user_id || row.initiated_by_upn !== derived.initiated_by_upn) {
        return { ok: false, sequence, reason: 'its search columns disagree with its content' };
      }
      previousHash = row.hash;
      expected += 1;
      lastSequence = sequence;
    }
  }
  const head = await db.selectFrom('audit_chain_head').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  if (Number(head.sequence) !== lastSequence || head.hash !== previousHash) return { ok: false, sequence: lastSequence, reason: 'entries after the last one were removed' };
  return { ok: true, entries: lastSequence };
}
