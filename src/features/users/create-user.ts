import { randomUUID } from 'node:crypto';
import { onUniqueViolation } from '../../db/dialect.js';
import { ConflictError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { buildUser, type User } from '../../domain/user.js';
import { recordAudit } from '../audit/audit.repo.js';
import type { Deps } from '../deps.js';
import { holdRuleLock, reconcileUsers } from '../dynamic-groups/dynamic-membership.js';
import type { CreateUserInput } from './users.schemas.js';
import { userAudit, userTarget } from './user-audit.js';
import { insertUsers, takenPrincipalNames } from './users.repo.js';

export const duplicatePrincipalName = () =>
  new ConflictError('Another object with the same value for property userPrincipalName already exists.', 'userPrincipalName');

export async function createUser(deps: Deps, actor: Actor, input: CreateUserInput): Promise<User> {
  const now = deps.clock();
  const user = buildUser(input, randomUUID(), now);
  await deps.db
    .transaction()
    .execute(async (trx) => {
      await holdRuleLock(trx);
      if ((await takenPrincipalNames(trx, [user.userPrincipalName])).size > 0) throw duplicatePrincipalName();
      await insertUsers(trx, [{ user, managerId: null }], now.toISOString());
      await recordAudit(trx, actor, now, userAudit('Add user', 'Add', [userTarget(user, null, user)]));
      await reconcileUsers(trx, [user.id], { correlationId: actor.correlationId, now });
    })
    .catch(onUniqueViolation(duplicatePrincipalName));
  // Rules may have asked for access (automatic assignment): its delivery starts now, not at the next poll.
  deps.wakeJobs();
  return user;
}
