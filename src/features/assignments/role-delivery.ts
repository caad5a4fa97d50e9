import type { AccessTarget } from '../../connectors/connector.js';
import type { Executor } from '../../db/database.js';
import { holdingKey, type RoleGrant } from '../../domain/assignment.js';
import type { Deps } from '../deps.js';
import { findUsersByIds } from '../users/users.repo.js';
import { holdingsStillGiven } from './role-grants.repo.js';

/**
 * Carrying grants out in the connected systems. Never called inside a transaction: a target
 * system may be slow or down, and a transaction must not wait on it. Connectors are idempotent,
 * so a grant tried again after a crash is harmless.
 */
export type GrantOutcome = Map<string, Error | null>;

/** How many connector calls run at once: enough to overlap network waits, few enough to be polite. */
const parallelCalls = 8;

export async function accessTargets(db: Executor, userIds: readonly string[]): Promise<Map<string, AccessTarget>> {
  const users = await findUsersByIds(db, userIds);
  const targets = new Map(users.map((user) => [user.id, { userId: user.id, userPrincipalName: user.userPrincipalName, mail: user.mail }]));
  // A deleted user is still someone access must be taken from; the connector finds them by id.
  for (const id of userIds) if (!targets.has(id)) targets.set(id, { userId: id, userPrincipalName: '', mail: null });
  return targets;
}

export async function grantRoles(deps: Deps, grants: readonly RoleGrant[]): Promise<GrantOutcome> {
  const targets = await accessTargets(deps.db, [...new Set(grants.map((grant) => grant.targetId))]);
  return callEach(grants, async (grant) => {
    const connector = deps.connectors.forEnvironment(grant.environmentId);
    if (!connector) throw new Error(`No connector is configured for the resource environment '${grant.environmentId}'.`);
    await connector.grant({ resourceOriginId: grant.resourceOriginId, roleOriginId: grant.roleOriginId, scopeOriginId: grant.scopeOriginId, target: targets.get(grant.targetId)! });
  });
}

/**
 * Takes grants away, except where another assignment still gives the same access: a role held
 * through two assignments stays until the last one goes. Returns the outcome per grant and the
 * grants actually revoked in the target system (the caller re-checks those afterwards).
 */
export async function revokeRoles(deps: Deps, grants: readonly RoleGrant[]): Promise<{ outcome: GrantOutcome; revoked: RoleGrant[] }> {
  const stillGiven = await holdingsStillGiven(deps.db, grants);
  const toRevoke = grants.filter((grant) => !stillGiven.has(holdingKey(grant)));
  const targets = await accessTargets(deps.db, [...new Set(toRevoke.map((grant) => grant.targetId))]);
  const outcome = await callEach(toRevoke, async (grant) => {
    const connector = deps.connectors.forEnvironment(grant.environmentId);
    if (!connector) throw new Error(`No connector is configured for the resource environment '${grant.environmentId}'.`);
    await connector.revoke({ resourceOriginId: grant.resourceOriginId, roleOriginId: grant.roleOriginId, scopeOriginId: grant.scopeOriginId, target: targets.get(grant.targetId)! });
  });
  for (const grant of grants) if (!outcome.has(grant.id)) outcome.set(grant.id, null);
  return { outcome, revoked: toRevoke.filter((grant) => outcome.get(grant.id) === null) };
}

async function callEach(grants: readonly RoleGrant[], call: (grant: RoleGrant) => Promise<void>): Promise<GrantOutcome> {
  const outcome: GrantOutcome = new Map();
  let next = 0;
  const worker = async () => {
    while (next < grants.length) {
      const grant = grants[next++]!;
      try {
        await call(grant);
        outcome.set(grant.id, null);
      } catch (error) {
        outcome.set(grant.id, error instanceof Error ? error : new Error(String(error)));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallelCalls, grants.length) }, worker));
  return outcome;
}
