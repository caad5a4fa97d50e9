import { randomBytes } from 'node:crypto';
import { isUniqueViolation, refreshPlannerStatistics } from '../../db/dialect.js';
import type { Actor } from '../../domain/principal.js';
import { timeOrderedId } from '../../domain/time-ordered-id.js';
import type { AuditDraft } from '../../domain/audit-entry.js';
import { buildUser, extensionAttributeNames, type User } from '../../domain/user.js';
import { recordAudit } from '../audit/audit.repo.js';
import type { Deps } from '../deps.js';
import { byLine, failuresFromIssues, ImportInterruptedError, inBatches, type CsvColumns, type ImportFailure, type ImportOptions, type ImportResult, type ImportRow } from './import-rows.js';
import { planManagers, type UserCandidate } from './import-managers.js';
import { userAudit, userTarget } from '../users/user-audit.js';
import { insertUsers, takenPrincipalNames } from '../users/users.repo.js';
import { holdRuleLock, reconcileUsers } from '../dynamic-groups/dynamic-membership.js';
import { createUserBody } from '../users/users.schemas.js';

/** The columns of a users CSV: Graph property names, plus `manager` (the manager's userPrincipalName). */
export const userCsvColumns: CsvColumns = {
  known: [
    ...Object.keys(createUserBody.out.shape).filter((name) => name !== 'onPremisesExtensionAttributes'),
    ...extensionAttributeNames.map((name) => `onPremisesExtensionAttributes.${name}`),
    'manager',
  ],
  lists: ['otherMails', 'proxyAddresses'],
  booleans: ['accountEnabled'],
};

/**
 * Users written per transaction. Each commit rewrites the index pages the batch touched, so larger
 * batches write less in all (measured: 5,000 beat 2,000 by 10–20% at 100,000 rows); each still
 * holds the write lock well under a second, far below the busy timeout of other writers.
 */
const batchSize = 5000;
const duplicateOfExisting = 'Another object with the same value for property userPrincipalName already exists.';

type NewUser = { line: number; user: User; managerId: string | null };

/**
 * Bulk-creates users from a file's rows. Every row is checked as POST /users checks its body; a bad
 * row is reported and writes nothing, the good ones are created in batches, each batch with one
 * 'Add user' audit entry per user in the same transaction. A row may name as manager a row later
 * in the file: managers are resolved over the whole file first (see planManagers).
 */
export async function importUsers(deps: Deps, actor: Actor, rows: readonly ImportRow[], options: ImportOptions = {}): Promise<ImportResult> {
  const now = deps.clock();
  const noun = options.rowNoun ?? 'line';
  const { candidates, failures, lineByName } = validateRows(rows, noun);
  let done = rows.length - candidates.length;
  options.onProgress?.(done, rows.length);

  // One pass over the existing names, in chunks, instead of a lookup per row.
  const taken = await takenPrincipalNames(deps.db, candidates.map((candidate) => candidate.input.userPrincipalName));
  const creating = candidates.filter((candidate) => {
    const free = !taken.has(candidate.input.userPrincipalName.toLowerCase());
    if (!free) failures.push({ line: candidate.line, field: 'userPrincipalName', message: duplicateOfExisting });
    return free;
  });
  done += candidates.length - creating.length;

  const planned = await planManagers(deps.db, creating, lineByName, noun, failures);
  done += creating.length - planned.length;
  // Ids ascend in the order the rows are written, which keeps index inserts local (see timeOrderedId).
  const noise = randomBytes(6 * planned.length);
  const idOf = new Map<UserCandidate, string>();
  const newUsers: NewUser[] = planned.map(({ candidate, manager }, index) => {
    const user = buildUser(candidate.input, timeOrderedId(now.getTime(), index, noise.subarray(6 * index, 6 * index + 6)), now);
    idOf.set(candidate, user.id);
    const managerId = manager === null ? null : 'row' in manager ? idOf.get(manager.row)! : manager.existing.id;
    return { line: candidate.line, user, managerId };
  });

  const context: BatchContext = { deps, actor, now, failures, noun, dropped: new Map() };
  let created = 0;
  let lastCommittedLine: number | null = null;
  for (const batch of inBatches(newUsers, batchSize)) {
    try {
      created += await insertBatch(context, batch);
      // The batch may have asked for access (automatic assignment policies): deliver it now.
      deps.wakeJobs();
    } catch (error) {
      throw new ImportInterruptedError(created, lastCommittedLine, byLine(failures), { cause: error });
    }
    lastCommittedLine = batch.at(-1)!.line;
    done += batch.length;
    options.onProgress?.(done, rows.length);
  }
  if (created > 0) await refreshPlannerStatistics(deps.db, deps.dialect, ['users', 'directory_audits']);
  return { created, failed: byLine(failures) };
}

/** Checks every row; `lineByName` also knows rows that failed, to say why a manager is missing. */
function validateRows(rows: readonly ImportRow[], noun: string): { candidates: UserCandidate[]; failures: ImportFailure[]; lineByName: Map<string, number> } {
  const candidates: UserCandidate[] = [];
  const failures: ImportFailure[] = [];
  const lineByName = new Map<string, number>();
  const lineOfName = new Map<string, number>();
  for (const row of rows) {
    if (typeof row.fields !== 'object' || row.fields === null || Array.isArray(row.fields)) {
      failures.push({ line: row.line, field: '(row)', message: "must be an object with the user's properties" });
      continue;
    }
    // The API sets managers through …/manager/$ref, so the body schema has no manager; an import row may.
    const { manager, ...fields } = row.fields as Record<string, unknown>;
    if (typeof fields.userPrincipalName === 'string') {
      const name = fields.userPrincipalName.trim().toLowerCase();
      if (!lineByName.has(name)) lineByName.set(name, row.line);
    }
    const parsed = createUserBody.safeParse(fields);
    const rowFailures = parsed.success ? [] : failuresFromIssues(row.line, parsed.error.issues, fields, 'user');
    if (manager !== undefined && manager !== null && typeof manager !== 'string') {
      rowFailures.push({ line: row.line, field: 'manager', message: "must be the manager's userPrincipalName" });
    }
    if (!parsed.success || rowFailures.length > 0) {
      failures.push(...rowFailures);
      continue;
    }
    const key = parsed.data.userPrincipalName.toLowerCase();
    const earlier = lineOfName.get(key);
    if (earlier !== undefined) {
      failures.push({ line: row.line, field: 'userPrincipalName', message: `'${parsed.data.userPrincipalName}' is already in this file (${noun} ${earlier})` });
      continue;
    }
    lineOfName.set(key, row.line);
    const managerName = typeof manager === 'string' && manager.trim() !== '' ? manager.trim() : undefined;
    candidates.push({ line: row.line, input: parsed.data, managerName });
  }
  return { candidates, failures, lineByName };
}

type BatchContext = { deps: Deps; actor: Actor; now: Date; failures: ImportFailure[]; noun: string; dropped: Map<string, NewUser> };

/**
 * Writes one batch and returns how many users it created. Names were checked before, but another
 * writer may take one meanwhile: then the batch is retried without the names now taken, which
 * become failures like any other duplicate, and so do the rows they would have managed.
 */
async function insertBatch(context: BatchContext, batch: NewUser[]): Promise<number> {
  const { deps, actor, now, failures, dropped } = context;
  let pending = withoutDroppedManagers(context, batch);
  for (let attempt = 1; ; attempt += 1) {
    try {
      await deps.db.transaction().execute(async (trx) => {
        await holdRuleLock(trx);
        if (attempt > 1) {
          const taken = await takenPrincipalNames(trx, pending.map(({ user }) => user.userPrincipalName));
          for (const row of pending.filter(({ user }) => taken.has(user.userPrincipalName.toLowerCase()))) {
            failures.push({ line: row.line, field: 'userPrincipalName', message: duplicateOfExisting });
            dropped.set(row.user.id, row);
          }
          pending = withoutDroppedManagers(context, pending.filter(({ user }) => !dropped.has(user.id)));
        }
        await insertUsers(trx, pending, now.toISOString());
        await recordAudit(trx, actor, now, pending.map(addUserAudit));
        await reconcileUsers(trx, pending.map(({ user }) => user.id), { correlationId: actor.correlationId, now });
      });
      return pending.length;
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}

/** Rows come managers first, so one pass in order also drops the reports of a dropped report. */
function withoutDroppedManagers(context: BatchContext, rows: NewUser[]): NewUser[] {
  if (context.dropped.size === 0) return rows;
  return rows.filter((row) => {
    const manager = row.managerId === null ? undefined : context.dropped.get(row.managerId);
    if (!manager) return true;
    context.failures.push({ line: row.line, field: 'manager', message: `'${manager.user.userPrincipalName}' (${context.noun} ${manager.line}) was not imported` });
    context.dropped.set(row.user.id, row);
    return false;
  });
}

/** 'Add user' as POST /users records it (the properties the row gave a value), and the manager. */
function addUserAudit({ user, managerId }: NewUser): AuditDraft {
  const target = userTarget(user, null, user);
  if (managerId !== null) target.modifiedProperties.push({ displayName: 'manager', oldValue: null, newValue: JSON.stringify(managerId) });
  return userAudit('Add user', 'Add', [target]);
}
