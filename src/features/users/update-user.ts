import { onUniqueViolation } from '../../db/dialect.js';
import { NotFoundError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { applyUserChanges, type User } from '../../domain/user.js';
import { recordAudit } from '../audit/audit.repo.js';
import type { Deps } from '../deps.js';
import { changedRuleSources, holdRuleLock, reconcileUsers } from '../dynamic-groups/dynamic-membership.js';
import { duplicatePrincipalName } from './create-user.js';
import { userAudit, userTarget } from './user-audit.js';
import { findUser, replaceUser, takenPrincipalNames } from './users.repo.js';
import type { UpdateUserInput } from './users.schemas.js';

export async function updateUser(deps: Deps, actor: Actor, idOrPrincipalName: string, changes: UpdateUserInput): Promise<User> {
  const now = deps.clock();
  const updated = await deps.db
    .transaction()
    .execute(async (trx) => {
      await holdRuleLock(trx);
      const before = await findUser(trx, idOrPrincipalName);
      if (!before) throw new NotFoundError('User', idOrPrincipalName);
      const after = applyUserChanges(before, changes);
      const renamed = after.userPrincipalName.toLowerCase() !== before.userPrincipalName.toLowerCase();
      if (renamed && (await takenPrincipalNames(trx, [after.userPrincipalName])).size > 0) throw duplicatePrincipalName();
      const target = userTarget(after, before, after);
      // An update that changes nothing writes nothing, not even an audit entry.
      if (target.modifiedProperties.length === 0) return before;
      await replaceUser(trx, after, now.toISOString());
      await recordAudit(trx, actor, now, userAudit('Update user', 'Update', [target]));
      await reconcileUsers(trx, [after.id], { correlationId: actor.correlationId, now }, changedRuleSources(before, after));
      return after;
    })
    .catch(onUniqueViolation(duplicatePrincipalName));
  // Rules may have asked for access (automatic assignment): its delivery starts now, not at the next poll.
  deps.wakeJobs();
  return updated;
}
