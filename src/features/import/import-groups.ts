import { refreshPlannerStatistics } from '../../db/dialect.js';
import { randomUUID } from 'node:crypto';
import { actorId } from '../../domain/actor-id.js';
import type { AuditDraft } from '../../domain/audit-entry.js';
import { ValidationError } from '../../domain/errors.js';
import type { Group } from '../../domain/group.js';
import { buildGroup } from '../../domain/group-changes.js';
import type { Actor } from '../../domain/principal.js';
import { recordAudit } from '../audit/audit.repo.js';
import type { Deps } from '../deps.js';
import { enqueueGroupReconciliation } from '../dynamic-groups/dynamic-group-jobs.js';
import { holdRuleLock, memberOfChanged, processesRule, reconcileUsers } from '../dynamic-groups/dynamic-membership.js';
import { byLine, failuresFromIssues, ImportInterruptedError, inBatches, type ImportFailure, type ImportOptions, type ImportResult, type ImportRow } from './import-rows.js';
import { usersByPrincipalNames, type UserReference } from './user-import.repo.js';
import { groupImportRow, type GroupImportRow } from './group-import.schemas.js';
import { groupAudit, groupTarget, membershipAudit } from '../groups/group-audit.js';
import { insertGroups } from '../groups/groups.repo.js';
import { openMembership, type Relationship } from '../group-memberships/memberships.repo.js';

/** Groups written per transaction; each brings its memberships, so fewer than importUsers writes. */
const batchSize = 500;

type NewGroup = { line: number; group: Group; members: UserReference[]; owners: UserReference[] };

/**
 * Bulk-creates groups from a file's rows, with their members and owners named by
 * userPrincipalName. A row with any problem (a bad field, a member who is not a user in the
 * directory) is reported and writes nothing; the good rows are created in batches, each group with
 * its memberships and their audit entries in the same transaction.
 */
export async function importGroups(deps: Deps, actor: Actor, rows: readonly ImportRow[], options: ImportOptions = {}): Promise<ImportResult> {
  const now = deps.clock();
  const failures: ImportFailure[] = [];
  const valid: { line: number; row: GroupImportRow }[] = [];
  for (const { line, fields } of rows) {
    const parsed = groupImportRow.safeParse(fields);
    if (parsed.success) valid.push({ line, row: parsed.data });
    else failures.push(...failuresFromIssues(line, parsed.error.issues, fields, 'group'));
  }
  let done = rows.length - valid.length;
  options.onProgress?.(done, rows.length);

  // Every member and owner of the file in one pass, in chunks, instead of a lookup per name.
  const users = await usersByPrincipalNames(deps.db, valid.flatMap(({ row }) => [...(row.members ?? []), ...(row.owners ?? [])]));
  const creating: NewGroup[] = [];
  for (const { line, row } of valid) {
    const planned = planGroup(line, row, users, now);
    if ('failures' in planned) failures.push(...planned.failures);
    else creating.push(planned);
  }
  done += valid.length - creating.length;

  const iso = now.toISOString();
  let created = 0;
  let lastCommittedLine: number | null = null;
  for (const batch of inBatches(creating, batchSize)) {
    try {
      await insertBatch(deps, actor, now, iso, batch);
    } catch (error) {
      throw new ImportInterruptedError(created, lastCommittedLine, byLine(failures), { cause: error });
    }
    created += batch.length;
    lastCommittedLine = batch.at(-1)!.line;
    done += batch.length;
    options.onProgress?.(done, rows.length);
  }
  if (created > 0) await refreshPlannerStatistics(deps.db, deps.dialect, ['groups', 'group_memberships', 'directory_audits']);
  return { created, failed: byLine(failures) };
}

/** One batch of groups with their memberships and every audit entry, in one transaction. */
async function insertBatch(deps: Deps, actor: Actor, now: Date, iso: string, batch: NewGroup[]): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await holdRuleLock(trx);
    await insertGroups(trx, batch.map(({ group }) => group), iso);
    const audits: AuditDraft[] = [];
    const joined: string[] = [];
    for (const { group, members, owners } of batch) {
      audits.push(groupAudit('Add group', 'Add', [groupTarget(group, null, group)]));
      for (const [relationship, people] of [['member', members], ['owner', owners]] as [Relationship, UserReference[]][]) {
        for (const person of people) {
          await openMembership(trx, { groupId: group.id, memberId: person.id, memberType: 'user', relationship }, actorId(actor.principal), iso);
          audits.push(membershipAudit('add', relationship, group, { type: 'user', ...person }));
          if (relationship === 'member') joined.push(person.id);
        }
      }
    }
    await recordAudit(trx, actor, now, audits);
    // Imported dynamic groups are filled by their rule; memberships imported may move users of memberOf rules.
    for (const { group } of batch) if (processesRule(group)) await enqueueGroupReconciliation(trx, group.id, actor.correlationId, now);
    await reconcileUsers(trx, joined, { correlationId: actor.correlationId, now }, memberOfChanged);
  });
  deps.wakeJobs();
}

function planGroup(line: number, row: GroupImportRow, users: Map<string, UserReference>, now: Date): NewGroup | { failures: ImportFailure[] } {
  const failures: ImportFailure[] = [];
  const resolve = (field: 'members' | 'owners', names: readonly string[] = []): UserReference[] => {
    const found = new Map<string, UserReference>();
    for (const name of names) {
      const user = users.get(name.toLowerCase());
      if (user) found.set(user.id, user);
      else failures.push({ line, field, message: `'${name}' is not a user in the directory` });
    }
    return [...found.values()];
  };
  const { members: memberNames, owners: ownerNames, ...fields } = row;
  const members = resolve('members', memberNames);
  const owners = resolve('owners', ownerNames);
  let group: Group;
  try {
    group = buildGroup(fields, randomUUID(), now);
  } catch (error) {
    // The schema already holds the row to the same rules; this keeps the two from drifting apart.
    if (!(error instanceof ValidationError)) throw error;
    return { failures: [...failures, { line, field: error.target ?? '(row)', message: error.message }] };
  }
  return failures.length > 0 ? { failures } : { line, group, members, owners };
}
