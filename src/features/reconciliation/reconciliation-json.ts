import type { RecordedDrift, ReconciliationRun } from './reconciliation.repo.js';

/** A run as the API shows it (tessera.reconciliationRun). */
export function reconciliationRunJson(run: ReconciliationRun): Record<string, unknown> {
  const { connectedSystemId, ...shown } = run;
  return { ...shown, connectedSystem: { id: connectedSystemId } };
}

/** A drift as the API shows it (tessera.reconciliationDrift): what the system holds, or lacks, and what the run did. */
export function driftJson(drift: RecordedDrift): Record<string, unknown> {
  return {
    id: drift.id,
    kind: drift.kind,
    resource: { originId: drift.resourceOriginId },
    role: { originId: drift.roleOriginId },
    holder: drift.holder,
    user: drift.userId ? { id: drift.userId } : null,
    assignment: drift.kind === 'missingHolder' ? { id: drift.assignmentId } : null,
    outcome: drift.outcome,
    detail: drift.detail,
  };
}
