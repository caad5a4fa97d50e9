import type { HolderReconciliation } from '../../connectors/connector.js';
import type { AuditDraft, AuditTarget } from '../../domain/audit-entry.js';
import type { ConnectedSystem } from '../../domain/connected-system.js';
import { confirmedDrift, findDrift, grantsGivenMeanwhile, holdKey, holderOfGrant, type Drift, type DriftOutcome, type HeldRole, type ReconciledGrant } from '../../domain/reconciliation.js';
import { systemPrincipal, type Actor } from '../../domain/principal.js';
import { recordAudit } from '../audit/audit.repo.js';
import { enqueueRegrant } from '../assignments/regrant.js';
import { accessTargets } from '../assignments/role-delivery.js';
import type { Deps } from '../deps.js';
import { newTimeOrderedId } from '../time-ordered-ids.js';
import { beatRun, finishRun, formerHoldersOf, insertDrifts, markForRegrant, resourceRolesOf, standingGrantsOf, updateDriftOutcomes, type ReconciliationRun, type RunSummary } from './reconciliation.repo.js';

/**
 * One reconciliation run of one connected system, from its job: the system is read outside any
 * transaction (it may be slow or down) and compared with the grants.
 *
 * The grants are read before the system is listed and again after: drift seen only because a
 * delivery or revocation ran meanwhile is dropped (domain/reconciliation.ts, confirmedDrift).
 *
 * In correct mode a missing holder goes back to pending and to the regrant job, which delivers it
 * and records the outcome. An unexpected holder is removed here, in three steps, so that the audit
 * log never misses a removal: the drift is recorded first (outcome `removing`), then removed, then
 * its outcome written. After the removals the grants are read once more: an assignment that came to
 * give one of those holders the role while the run went on (its delivery perhaps just before the
 * removal) gets it delivered again.
 */
const parallelRemovals = 8;
/** Drift is recorded this many at a time, each batch one transaction with its audit entries. */
const recordBatch = 1_000;
const heartbeatMs = 15_000;
/** A run whose heartbeat is older than this was interrupted (its process died). */
const staleAfterMs = 2 * 60_000;

export const staleBefore = (now: Date) => new Date(now.getTime() - staleAfterMs).toISOString();
export const emptySummary = (): RunSummary => ({ resourceRolesChecked: 0, holdersFound: 0, unexpectedHolders: 0, missingHolders: 0, corrected: 0, correctionFailures: 0 });
export const reconciliationActor = (correlationId: string): Actor => ({ correlationId, principal: systemPrincipal('Reconciliation') });

type Recorded = Drift & { id: string; outcome: DriftOutcome; detail: string | null };

export async function runReconciliation(deps: Deps, system: ConnectedSystem, run: ReconciliationRun): Promise<void> {
  const summary = emptySummary();
  const actor = reconciliationActor(run.id);
  const heartbeat = setInterval(() => void beatRun(deps.db, run.id, deps.clock().toISOString()).catch(() => {}), heartbeatMs);
  try {
    const connector = deps.connectors.forEnvironment(system.id);
    const reconciliation = connector?.reconciliation;
    if (!connector || !reconciliation) throw new Error(`The ${system.kind} system '${system.displayName}' cannot be listed, so it cannot be reconciled.`);
    const holderKey = reconciliation.holderKey ?? ((holder: string) => holder);

    // Reached and allowed first: a system with nothing in catalogs yet must still not pass for reconciled while it is down.
    await connector.test?.();
    const grantsBefore = await standingGrantsOf(deps.db, system.id);
    const roles = await resourceRolesOf(deps.db, system.id);
    const held: HeldRole[] = [];
    for (const role of roles) held.push({ ...role, holders: await connector.listHolders(role.resourceOriginId, role.roleOriginId) });
    const grantsAfter = await standingGrantsOf(deps.db, system.id);

    const { holderOf, formerHolders } = await holdersOfUsers(deps, reconciliation, system.id, [...grantsBefore, ...grantsAfter], new Map(), true);
    const drift = confirmedDrift(findDrift({ held, grants: grantsBefore, holderOf, holderKey, formerHolders }), grantsAfter, holderOf, holderKey);
    summary.resourceRolesChecked = roles.length;
    summary.holdersFound = held.reduce((total, role) => total + role.holders.length, 0);
    summary.unexpectedHolders = drift.filter((item) => item.kind === 'unexpectedHolder').length;
    summary.missingHolders = drift.length - summary.unexpectedHolders;

    const recorded = await recordDrift(deps, system, run, drift, actor, summary);
    if (run.mode === 'correct') await removeUnexpected(deps, system, run, reconciliation, recorded, holderOf, actor, summary);
    await finish(deps, system, run, summary, null);
  } catch (error) {
    await finish(deps, system, run, summary, (error instanceof Error ? error.message : String(error)).slice(0, 1000));
  } finally {
    clearInterval(heartbeat);
  }
  deps.wakeJobs();
}

async function finish(deps: Deps, system: ConnectedSystem, run: ReconciliationRun, summary: RunSummary, error: string | null): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    await finishRun(trx, run.id, error ? 'failed' : 'succeeded', summary, error, now.toISOString());
    await recordAudit(trx, reconciliationActor(run.id), now, runAudit(system, run, summary, error));
  });
}

/**
 * The accounts users have there now, asked of the system only where no grant recorded the account
 * it reached (users of such grants), and where users whose access here ended had theirs (from their
 * grants' records, else asked): those only name who an unexpected holder is. `known` is not asked again.
 */
async function holdersOfUsers(deps: Deps, reconciliation: HolderReconciliation, environmentId: string, grants: readonly ReconciledGrant[], known: ReadonlyMap<string, string | null>, nameFormerHolders: boolean): Promise<{ holderOf: Map<string, string | null>; formerHolders: { userId: string; holder: string }[] }> {
  const holderOf = new Map(known);
  const formerHolders: { userId: string; holder: string }[] = [];
  const toAsk = new Set(grants.filter((grant) => grant.holder === null && !known.has(grant.userId)).map((grant) => grant.userId));
  if (nameFormerHolders) {
    for (const { userId, holder } of await formerHoldersOf(deps.db, environmentId, new Set(grants.map((grant) => grant.userId)))) {
      if (holder) formerHolders.push({ userId, holder });
      else toAsk.add(userId);
    }
  }
  if (toAsk.size > 0) {
    // A deleted user (no userPrincipalName left) has no account to look for.
    const targets = [...(await accessTargets(deps.db, [...toAsk])).values()].filter((target) => target.userPrincipalName !== '');
    for (const [userId, holder] of await reconciliation.holdersOf(targets)) holderOf.set(userId, holder);
  }
  return { holderOf, formerHolders };
}

/** Each drift with its audit entry; in correct mode a missing holder goes back to pending and is regranted, and an unexpected one is marked `removing`. */
async function recordDrift(deps: Deps, system: ConnectedSystem, run: ReconciliationRun, drift: readonly Drift[], actor: Actor, summary: RunSummary): Promise<Recorded[]> {
  const all: Recorded[] = [];
  for (let start = 0; start < drift.length; start += recordBatch) {
    const batch = drift.slice(start, start + recordBatch);
    const now = deps.clock();
    await deps.db.transaction().execute(async (trx) => {
      const missing = batch.filter((item): item is Extract<Drift, { kind: 'missingHolder' }> => item.kind === 'missingHolder');
      const regranted = new Set(run.mode === 'correct' ? await markForRegrant(trx, missing.map((item) => item.grantId)) : []);
      await enqueueRegrant(trx, [...regranted].map((id) => ({ id })), now);
      const recorded: Recorded[] = batch.map((item) => ({ ...item, id: newTimeOrderedId(now), ...outcomeOf(item, run, regranted) }));
      summary.corrected += recorded.filter((item) => item.outcome === 'regrantQueued').length;
      await insertDrifts(trx, run.id, recorded);
      await recordAudit(trx, actor, now, recorded.map((item) => driftAudit(system, run, item)));
      all.push(...recorded);
    });
  }
  return all;
}

function outcomeOf(item: Drift, run: ReconciliationRun, regranted: ReadonlySet<string>): { outcome: DriftOutcome; detail: string | null } {
  if (run.mode !== 'correct') return { outcome: 'reported', detail: null };
  if (item.kind === 'unexpectedHolder') return { outcome: 'removing', detail: null };
  return regranted.has(item.grantId) ? { outcome: 'regrantQueued', detail: null } : { outcome: 'reported', detail: 'The grant changed before it could be delivered again; its own delivery settles it.' };
}

async function removeUnexpected(deps: Deps, system: ConnectedSystem, run: ReconciliationRun, reconciliation: HolderReconciliation, recorded: readonly Recorded[], holderOf: Map<string, string | null>, actor: Actor, summary: RunSummary): Promise<void> {
  const removing = recorded.filter((item): item is Recorded & { kind: 'unexpectedHolder' } => item.kind === 'unexpectedHolder');
  if (removing.length === 0) return;
  const settled: Recorded[] = [];
  for (let start = 0; start < removing.length; start += parallelRemovals) {
    await Promise.all(
      removing.slice(start, start + parallelRemovals).map(async (item) => {
        try {
          await reconciliation.removeHolder(item.resourceOriginId, item.roleOriginId, item.holder);
          settled.push({ ...item, outcome: 'removed', detail: null });
        } catch (error) {
          settled.push({ ...item, outcome: 'correctionFailed', detail: (error instanceof Error ? error.message : String(error)).slice(0, 1000) });
        }
      }),
    );
  }
  const removed = settled.filter((item): item is Recorded & { kind: 'unexpectedHolder' } => item.kind === 'unexpectedHolder' && item.outcome === 'removed');
  const grantsNow = await standingGrantsOf(deps.db, system.id);
  const { holderOf: holderNow } = await holdersOfUsers(deps, reconciliation, system.id, grantsNow, holderOf, false);
  const holderKey = reconciliation.holderKey ?? ((holder: string) => holder);
  const givenMeanwhile = grantsGivenMeanwhile(removed, grantsNow, holderNow, holderKey);
  const regivenTo = new Map(givenMeanwhile.map((grant) => [holdKey(grant, holderOfGrant(grant, holderNow)!, holderKey), grant.userId]));
  for (const item of settled) {
    if (item.outcome === 'removed') summary.corrected += 1;
    else summary.correctionFailures += 1;
    const regiven = item.outcome === 'removed' && item.holder ? regivenTo.get(holdKey(item, item.holder, holderKey)) : undefined;
    if (regiven) item.detail = `An assignment came to give this access to user ${regiven} while the run went on; it is being delivered again.`;
  }
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    await markForRegrant(trx, givenMeanwhile.filter((grant) => grant.state === 'granted').map((grant) => grant.id));
    await enqueueRegrant(trx, givenMeanwhile, now);
    await updateDriftOutcomes(trx, settled);
    await recordAudit(trx, actor, now, settled.map((item) => removalAudit(system, run, item)));
  });
}

const systemTarget = (system: Pick<ConnectedSystem, 'id'> & { displayName: string | null }): AuditTarget => ({ id: system.id, displayName: system.displayName, type: 'ConnectedSystem', modifiedProperties: [] });

function driftDetails(run: ReconciliationRun, item: Recorded): AuditDraft['additionalDetails'] {
  return [
    { key: 'reconciliationRunId', value: run.id },
    { key: 'drift', value: item.kind },
    { key: 'resourceOriginId', value: item.resourceOriginId },
    { key: 'roleOriginId', value: item.roleOriginId },
    ...(item.holder ? [{ key: 'holder', value: item.holder }] : []),
    ...(item.kind === 'missingHolder' ? [{ key: 'accessPackageAssignmentId', value: item.assignmentId }] : []),
    { key: 'outcome', value: item.outcome },
    ...(item.detail ? [{ key: 'detail', value: item.detail }] : []),
  ];
}

const userTargets = (item: Recorded): AuditTarget[] => (item.userId ? [{ id: item.userId, displayName: null, type: 'User', modifiedProperties: [] }] : []);

function driftAudit(system: ConnectedSystem, run: ReconciliationRun, item: Recorded): AuditDraft {
  const activity = item.kind === 'unexpectedHolder' ? 'Access granted outside Tessera found' : item.outcome === 'regrantQueued' ? 'Deliver missing access again' : 'Access missing from connected system found';
  return { category: 'EntitlementManagement', activityDisplayName: activity, operationType: item.outcome === 'regrantQueued' ? 'Assign' : 'Update', targetResources: [systemTarget(system), ...userTargets(item)], additionalDetails: driftDetails(run, item), result: 'success', resultReason: null };
}

function removalAudit(system: ConnectedSystem, run: ReconciliationRun, item: Recorded): AuditDraft {
  const failed = item.outcome === 'correctionFailed';
  return {
    category: 'EntitlementManagement',
    activityDisplayName: 'Remove access granted outside Tessera',
    operationType: 'Unassign',
    targetResources: [systemTarget(system), ...userTargets(item)],
    additionalDetails: driftDetails(run, item),
    result: failed ? 'failure' : 'success',
    resultReason: failed ? item.detail : null,
  };
}

export function runAudit(system: Pick<ConnectedSystem, 'id'> & { displayName: string | null }, run: Pick<ReconciliationRun, 'id' | 'trigger' | 'mode'>, summary: RunSummary, error: string | null): AuditDraft {
  return {
    category: 'EntitlementManagement',
    activityDisplayName: 'Reconcile connected system',
    operationType: 'Update',
    targetResources: [systemTarget(system)],
    additionalDetails: [{ key: 'reconciliationRunId', value: run.id }, { key: 'trigger', value: run.trigger }, { key: 'mode', value: run.mode }, ...Object.entries(summary).map(([key, value]) => ({ key, value: String(value) }))],
    result: error ? 'failure' : 'success',
    resultReason: error,
  };
}
