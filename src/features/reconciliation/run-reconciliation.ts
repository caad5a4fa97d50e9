import type { AccessTarget, HolderReconciliation } from '../../connectors/connector.js';
import type { AuditDraft, AuditTarget } from '../../domain/audit-entry.js';
import type { ConnectedSystem } from '../../domain/connected-system.js';
import { confirmedDrift, findDrift, type Drift, type DriftOutcome, type HeldRole, type ReconciledGrant } from '../../domain/reconciliation.js';
import { systemPrincipal, type Actor } from '../../domain/principal.js';
import { recordAudit } from '../audit/audit.repo.js';
import { enqueueRegrant } from '../assignments/regrant.js';
import { accessTargets } from '../assignments/role-delivery.js';
import type { Deps } from '../deps.js';
import { newTimeOrderedId } from '../time-ordered-ids.js';
import { finishRun, formerHoldersOf, markForRegrant, insertDrifts, markRunStarted, resourceRolesOf, standingGrantsOf, type ReconciliationRun, type RunSummary } from './reconciliation.repo.js';

/**
 * One reconciliation run of one connected system, from a job: the system is read outside any
 * transaction (it may be slow or down), compared with the grants, and the outcome written with its
 * audit entries. In correct mode an unexpected holder is removed there and then (a connector call,
 * from this job), and a missing one is handed to the regrant job, which records what it delivers.
 *
 * The grants are read before the system and again after it: drift seen only because a delivery or
 * revocation ran meanwhile is dropped (domain/reconciliation.ts, confirmedDrift). What remains is a
 * grant made and delivered in the instant between that second read and a removal; the next run
 * finds it missing and, in correct mode, delivers it again.
 */
const parallelRemovals = 8;
/** Drift is recorded this many at a time, each batch one transaction with its audit entries. */
const recordBatch = 1_000;

const reconciliationActor = (correlationId: string): Actor => ({ correlationId, principal: systemPrincipal('Reconciliation') });

export async function runReconciliation(deps: Deps, system: ConnectedSystem, run: ReconciliationRun): Promise<void> {
  const startedAt = deps.clock();
  await markRunStarted(deps.db, run.id, startedAt.toISOString());
  const summary: RunSummary = { resourceRolesChecked: 0, holdersFound: 0, unexpectedHolders: 0, missingHolders: 0, corrected: 0, correctionFailures: 0 };
  const actor = reconciliationActor(run.id);
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

    const holderOf = await holdersOfUsers(deps, reconciliation, system.id, [...grantsBefore, ...grantsAfter]);
    const drift = confirmedDrift(findDrift({ held, grants: grantsBefore, holderOf, holderKey }), grantsAfter, holderOf, holderKey);
    summary.resourceRolesChecked = roles.length;
    summary.holdersFound = held.reduce((total, role) => total + role.holders.length, 0);
    summary.unexpectedHolders = drift.filter((item) => item.kind === 'unexpectedHolder').length;
    summary.missingHolders = drift.length - summary.unexpectedHolders;

    const outcomes = run.mode === 'correct' ? await removeUnexpected(reconciliation, drift) : new Map<Drift, { outcome: DriftOutcome; detail: string | null }>();
    await recordDrift(deps, system, run, drift, outcomes, actor, summary);
    const finishedAt = deps.clock();
    await deps.db.transaction().execute(async (trx) => {
      await finishRun(trx, run.id, 'succeeded', summary, null, finishedAt.toISOString());
      await recordAudit(trx, actor, finishedAt, runAudit(system, run, summary, null));
    });
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    const finishedAt = deps.clock();
    await deps.db.transaction().execute(async (trx) => {
      await finishRun(trx, run.id, 'failed', summary, message, finishedAt.toISOString());
      await recordAudit(trx, actor, finishedAt, runAudit(system, run, summary, message));
    });
  }
  deps.wakeJobs();
}

/** Holder names of the grants' users, and of users whose access here ended (to name access that came back). */
async function holdersOfUsers(deps: Deps, reconciliation: HolderReconciliation, environmentId: string, grants: readonly ReconciledGrant[]): Promise<Map<string, string | null>> {
  const userIds = new Set(grants.map((grant) => grant.userId));
  const former = await formerHoldersOf(deps.db, environmentId, userIds);
  const targets: AccessTarget[] = [...(await accessTargets(deps.db, [...userIds, ...former])).values()];
  // A deleted user (no userPrincipalName left) has no account to look for.
  return reconciliation.holdersOf(targets.filter((target) => target.userPrincipalName !== ''));
}

async function removeUnexpected(reconciliation: HolderReconciliation, drift: readonly Drift[]): Promise<Map<Drift, { outcome: DriftOutcome; detail: string | null }>> {
  const outcomes = new Map<Drift, { outcome: DriftOutcome; detail: string | null }>();
  const unexpected = drift.filter((item): item is Extract<Drift, { kind: 'unexpectedHolder' }> => item.kind === 'unexpectedHolder');
  for (let start = 0; start < unexpected.length; start += parallelRemovals) {
    await Promise.all(
      unexpected.slice(start, start + parallelRemovals).map(async (item) => {
        try {
          await reconciliation.removeHolder(item.resourceOriginId, item.roleOriginId, item.holder);
          outcomes.set(item, { outcome: 'removed', detail: null });
        } catch (error) {
          outcomes.set(item, { outcome: 'correctionFailed', detail: (error instanceof Error ? error.message : String(error)).slice(0, 1000) });
        }
      }),
    );
  }
  return outcomes;
}

/** Each drift with what was done about it, its audit entry beside it; a missing holder in correct mode goes back to pending and is regranted. */
async function recordDrift(deps: Deps, system: ConnectedSystem, run: ReconciliationRun, drift: readonly Drift[], removals: Map<Drift, { outcome: DriftOutcome; detail: string | null }>, actor: Actor, summary: RunSummary): Promise<void> {
  for (let start = 0; start < drift.length; start += recordBatch) {
    const batch = drift.slice(start, start + recordBatch);
    const now = deps.clock();
    await deps.db.transaction().execute(async (trx) => {
      const missing = batch.filter((item): item is Extract<Drift, { kind: 'missingHolder' }> => item.kind === 'missingHolder');
      const regranted = new Set(run.mode === 'correct' ? await markForRegrant(trx, missing.map((item) => item.grantId)) : []);
      await enqueueRegrant(trx, [...regranted].map((id) => ({ id })), now);
      const recorded = batch.map((item) => {
        const { outcome, detail } =
          item.kind === 'unexpectedHolder'
            ? (removals.get(item) ?? { outcome: 'reported' as const, detail: null })
            : run.mode === 'correct'
              ? regranted.has(item.grantId)
                ? { outcome: 'regrantQueued' as const, detail: null }
                : { outcome: 'reported' as const, detail: 'The grant changed before it could be delivered again; its own delivery settles it.' }
              : { outcome: 'reported' as const, detail: null };
        return { ...item, id: newTimeOrderedId(now), outcome, detail };
      });
      for (const item of recorded) {
        if (item.outcome === 'removed' || item.outcome === 'regrantQueued') summary.corrected += 1;
        if (item.outcome === 'correctionFailed') summary.correctionFailures += 1;
      }
      await insertDrifts(trx, run.id, recorded);
      await recordAudit(trx, actor, now, recorded.map((item) => driftAudit(system, run, item)));
    });
  }
}

const systemTarget = (system: ConnectedSystem): AuditTarget => ({ id: system.id, displayName: system.displayName, type: 'ConnectedSystem', modifiedProperties: [] });

function driftAudit(system: ConnectedSystem, run: ReconciliationRun, item: Drift & { outcome: DriftOutcome; detail: string | null }): AuditDraft {
  const activity = item.kind === 'unexpectedHolder' ? (item.outcome === 'removed' ? 'Remove access granted outside Tessera' : 'Access granted outside Tessera found') : item.outcome === 'regrantQueued' ? 'Deliver missing access again' : 'Access missing from connected system found';
  return {
    category: 'EntitlementManagement',
    activityDisplayName: activity,
    operationType: item.outcome === 'removed' ? 'Unassign' : item.outcome === 'regrantQueued' ? 'Assign' : 'Update',
    targetResources: [systemTarget(system), ...(item.userId ? [{ id: item.userId, displayName: null, type: 'User', modifiedProperties: [] }] : [])],
    additionalDetails: [
      { key: 'reconciliationRunId', value: run.id },
      { key: 'drift', value: item.kind },
      { key: 'resourceOriginId', value: item.resourceOriginId },
      { key: 'roleOriginId', value: item.roleOriginId },
      ...(item.holder ? [{ key: 'holder', value: item.holder }] : []),
      ...(item.kind === 'missingHolder' ? [{ key: 'accessPackageAssignmentId', value: item.assignmentId }] : []),
      { key: 'outcome', value: item.outcome },
      ...(item.detail ? [{ key: 'detail', value: item.detail }] : []),
    ],
    result: item.outcome === 'correctionFailed' ? 'failure' : 'success',
    resultReason: item.outcome === 'correctionFailed' ? item.detail : null,
  };
}

function runAudit(system: ConnectedSystem, run: ReconciliationRun, summary: RunSummary, error: string | null): AuditDraft {
  return {
    category: 'EntitlementManagement',
    activityDisplayName: 'Reconcile connected system',
    operationType: 'Update',
    targetResources: [systemTarget(system)],
    additionalDetails: [
      { key: 'reconciliationRunId', value: run.id },
      { key: 'trigger', value: run.trigger },
      { key: 'mode', value: run.mode },
      ...Object.entries(summary).map(([key, value]) => ({ key, value: String(value) })),
    ],
    result: error ? 'failure' : 'success',
    resultReason: error,
  };
}
