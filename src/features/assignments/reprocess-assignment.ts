import { ValidationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { recordAudit } from '../audit/audit.repo.js';
import { assignmentTarget, lifecycleEntry } from '../assignment-requests/lifecycle-audit.js';
import type { Deps } from '../deps.js';
import { findAccessPackagesByIds } from '../access-packages/access-packages.repo.js';
import { findAssignment } from './assignments.repo.js';
import { enqueueRegrant } from './regrant.js';
import { grantsOfAssignments, setGrantStates } from './role-grants.repo.js';

/**
 * POST …/assignments/{id}/reprocess: grants every role of an active assignment again, to repair
 * access someone removed by hand in the target system. Granting is idempotent, so roles still
 * in place are untouched.
 */
export async function reprocessAssignment(deps: Deps, actor: Actor, assignmentId: string): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const assignment = await findAssignment(trx, assignmentId);
    if (!assignment?.isActive) throw new ValidationError('Only an active assignment can be reprocessed.', 'id');
    const grants = await grantsOfAssignments(trx, [assignment.id], ['granted', 'grantFailed', 'pendingGrant']);
    // What is granted stays granted (a revocation of the same role elsewhere still counts on it);
    // what failed is pending again.
    await setGrantStates(trx, grants.filter((grant) => grant.state === 'grantFailed').map((grant) => ({ id: grant.id, state: 'pendingGrant' as const })), now);
    await enqueueRegrant(trx, grants, now);
    await recordAudit(trx, actor, now, lifecycleEntry('Reprocess access package assignment', 'Update', [assignmentTarget(assignment, { id: assignment.accessPackageId, displayName: (await findAccessPackagesByIds(trx, [assignment.accessPackageId]))[0]?.displayName ?? assignment.accessPackageId })]));
  });
  deps.wakeJobs();
}
