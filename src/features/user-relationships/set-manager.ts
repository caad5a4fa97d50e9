import { takeNamedLock } from '../../db/named-lock.js';
import { ValidationError, NotFoundError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { createsManagerCycle } from '../../domain/user.js';
import { recordAudit } from '../audit/audit.repo.js';
import type { Deps } from '../deps.js';
import { managerChanged, reconcileUsers } from '../dynamic-groups/dynamic-membership.js';
import { userAudit } from '../users/user-audit.js';
import { findUser, managerChain, managerIdOf, setManagerId } from '../users/users.repo.js';

export async function setManager(deps: Deps, actor: Actor, userIdOrName: string, managerId: string): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    // Two concurrent changes could each see no loop and together close one: take turns.
    await takeNamedLock(trx, 'manager-chain');
    const user = await findUser(trx, userIdOrName);
    if (!user) throw new NotFoundError('User', userIdOrName);
    const manager = await findUser(trx, managerId);
    if (!manager) throw new ValidationError(`The manager '${managerId}' is not a user in the directory.`, '@odata.id');
    if (createsManagerCycle(user.id, await managerChain(trx, manager.id))) {
      throw new ValidationError(`'${manager.displayName}' cannot be the manager of '${user.displayName}': the chain of managers would loop.`, '@odata.id');
    }
    const previous = await managerIdOf(trx, user.id);
    if (previous === manager.id) return;
    await setManagerId(trx, user.id, manager.id, now.toISOString());
    await reconcileUsers(trx, [user.id], { correlationId: actor.correlationId, now }, managerChanged);
    await recordAudit(
      trx,
      actor,
      now,
      userAudit('Set user manager', 'Update', [
        { id: user.id, displayName: user.displayName, type: 'User', userPrincipalName: user.userPrincipalName, modifiedProperties: [{ displayName: 'manager', oldValue: JSON.stringify(previous), newValue: JSON.stringify(manager.id) }] },
        { id: manager.id, displayName: manager.displayName, type: 'User', userPrincipalName: manager.userPrincipalName, modifiedProperties: [] },
      ]),
    );
  });
  // Rules may have asked for access (automatic assignment): its delivery starts now, not at the next poll.
  deps.wakeJobs();
}

export async function removeManager(deps: Deps, actor: Actor, userIdOrName: string): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const user = await findUser(trx, userIdOrName);
    if (!user) throw new NotFoundError('User', userIdOrName);
    const previous = await managerIdOf(trx, user.id);
    if (!previous) throw new NotFoundError('Manager of user', userIdOrName);
    await setManagerId(trx, user.id, null, now.toISOString());
    await reconcileUsers(trx, [user.id], { correlationId: actor.correlationId, now }, managerChanged);
    await recordAudit(
      trx,
      actor,
      now,
      userAudit('Remove user manager', 'Update', [
        { id: user.id, displayName: user.displayName, type: 'User', userPrincipalName: user.userPrincipalName, modifiedProperties: [{ displayName: 'manager', oldValue: JSON.stringify(previous), newValue: null }] },
      ]),
    );
  });
  // Rules may have asked for access (automatic assignment): its delivery starts now, not at the next poll.
  deps.wakeJobs();
}
