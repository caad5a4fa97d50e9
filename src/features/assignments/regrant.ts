import type { Executor } from '../../db/database.js';
import type { RoleGrant } from '../../domain/assignment.js';
import { enqueueJobs } from '../../jobs/job-queue.repo.js';
import { jobKinds } from '../../jobs/job-kinds.js';
import { grantsGivingTheSame, setGrantStates } from './role-grants.repo.js';

/**
 * Closes the one race of shared access. Revocation skips a role another assignment still gives,
 * but that other assignment may have been granted in the instant between the check and the
 * revocation (its grant found the role present and did nothing, then the revocation removed it).
 * So after revoking, look again: any other grant of the same access goes back to pending, and a
 * job grants it anew. Granting is idempotent, so a needless regrant costs one call.
 */
export async function regrantWhereStillGiven(trx: Executor, revoked: readonly RoleGrant[], now: Date): Promise<void> {
  const others = await grantsGivingTheSame(trx, revoked);
  if (others.length === 0) return;
  await setGrantStates(trx, others.map((grant) => ({ id: grant.id, state: 'pendingGrant' as const })), now);
  await enqueueJobs(trx, [{ kind: jobKinds.regrantRoles, payload: { grantIds: others.map((grant) => grant.id) }, runAt: now }], now);
}
