import { NotFoundError, ValidationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import type { Deps } from '../deps.js';
import { findGroup } from '../groups/groups.repo.js';
import { processesRule, reconcileGroup } from './dynamic-membership.js';

/**
 * Applies a dynamic group's rule to the whole directory now, and says how many joined and left
 * (Entra offers no way to force it). Normally there is nothing to do: changes are applied as they
 * happen. It repairs what was changed behind Tessera's back, in the database itself.
 */
export async function reevaluateGroup(deps: Deps, actor: Actor, groupId: string): Promise<{ joined: number; left: number }> {
  const group = await findGroup(deps.db, groupId);
  if (!group) throw new NotFoundError('Group', groupId);
  if (!processesRule(group)) {
    throw new ValidationError(`Group '${group.displayName}' has no membership rule being processed: it is not dynamic, or its rule is paused.`, 'membershipRuleProcessingState');
  }
  const moved = await reconcileGroup(deps.db, group.id, { correlationId: actor.correlationId, now: deps.clock() });
  deps.wakeJobs();
  return moved;
}
