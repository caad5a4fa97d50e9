import type { Executor } from '../../db/database.js';
import type { AssignmentPolicy } from '../../domain/assignment-policy.js';
import { policyReviewDefinition, type PolicyReviewSettings } from '../../domain/policy-review-settings.js';
import type { Actor } from '../../domain/principal.js';
import { ValidationProblems } from '../../domain/validation-problems.js';
import { ValidationError } from '../../domain/errors.js';
import { definitionOfPolicy } from './access-review-definitions.repo.js';
import { createDefinitionIn, deleteDefinitionIn, updateDefinitionIn } from './manage-access-review-definitions.js';

/**
 * Keeps the access review a policy's reviewSettings stand for in step with the policy, in the
 * transaction that saves (or deletes) it: made when reviews are turned on, changed with the
 * settings, ended when they are turned off or the policy goes. Its instances run as any review's.
 */
export async function syncPolicyReview(trx: Executor, actor: Actor, policy: AssignmentPolicy, now: Date): Promise<void> {
  const existing = await definitionOfPolicy(trx, policy.id);
  const problems = new ValidationProblems();
  const settings = policy.deletedDateTime ? null : (policy.reviewSettings as PolicyReviewSettings | null);
  const input = policyReviewDefinition(settings, { id: policy.id, accessPackageId: policy.accessPackageId, displayName: policy.displayName }, now, problems);
  problems.throwIfAny();
  if (!input) {
    if (existing) await deleteDefinitionIn(trx, actor, existing.id, now, { byPolicy: true });
    return;
  }
  // Without a start of its own, the series keeps the start it has: saving the policy again must not restart it.
  if (existing && !settings?.schedule?.startDateTime && !settings?.schedule?.recurrence?.range?.startDate) input.settings.recurrence.range.startDate = existing.settings.recurrence.range.startDate;
  try {
    if (existing) await updateDefinitionIn(trx, actor, existing.id, input, now, { byPolicy: true });
    else await createDefinitionIn(trx, actor, input, policy.id, now);
  } catch (error) {
    // A reviewer who does not exist is the policy's problem, named where the policy names it.
    if (error instanceof ValidationError) throw new ValidationError(error.message, 'reviewSettings', error.details.map((d) => ({ ...d, target: `reviewSettings.${d.target ?? ''}` })));
    throw error;
  }
}
