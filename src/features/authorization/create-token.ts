import { addDuration, isValidDuration } from '../../domain/duration.js';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { recordAudit } from '../audit/audit.repo.js';
import type { Deps } from '../deps.js';
import { findUser } from '../users/users.repo.js';
import { hashToken, insertToken, newTokenSecret } from './access-tokens.repo.js';

/** Issues a bearer token for a user. The secret is returned once and only its hash is kept. */
export async function createAccessToken(deps: Deps, actor: Actor, input: { userPrincipalName: string; lifetime: string; description?: string }): Promise<{ token: string; expiresDateTime: string; userId: string }> {
  if (!isValidDuration(input.lifetime)) throw new ValidationError(`'${input.lifetime}' is not a positive ISO 8601 duration such as P30D or PT8H.`, 'expires');
  const now = deps.clock();
  const expires = addDuration(now, input.lifetime);
  const token = newTokenSecret();
  return deps.db.transaction().execute(async (trx) => {
    const user = await findUser(trx, input.userPrincipalName);
    if (!user) throw new NotFoundError('User', input.userPrincipalName);
    if (!user.accountEnabled) throw new ValidationError(`'${user.userPrincipalName}' is blocked from signing in.`, 'user');
    const id = await insertToken(trx, user.id, hashToken(token), now.toISOString(), expires.toISOString(), input.description ?? null);
    await recordAudit(trx, actor, now, {
      category: 'UserManagement',
      activityDisplayName: 'Create access token',
      operationType: 'Add',
      targetResources: [{ id: user.id, displayName: user.displayName, type: 'User', userPrincipalName: user.userPrincipalName, modifiedProperties: [] }],
      additionalDetails: [
        { key: 'tokenId', value: id },
        { key: 'expiresDateTime', value: expires.toISOString() },
      ],
    });
    return { token, expiresDateTime: expires.toISOString(), userId: user.id };
  });
}
