import type { AccessTarget, Connector, GrantReceipt, RoleGrant as ConnectorGrant } from '../../connectors/connector.js';
import type { Executor } from '../../db/database.js';
import { sameHolding, type RoleGrant } from '../../domain/assignment.js';
import type { Deps } from '../deps.js';
import { contactsOf } from '../users/users.repo.js';
import { grantsGivingTheSame, grantsStillGiven, recordHolders } from './role-grants.repo.js';

/**
 * Carrying grants out in the connected systems. Never called inside a transaction: a target
 * system may be slow or down, and a transaction must not wait on it. Connectors are idempotent,
 * so a grant tried again after a crash is harmless.
 */
export type GrantOutcome = Map<string, Error | null>;

/** How many connector calls run at once: enough to overlap network waits, few enough to be polite. */
const parallelCalls = 8;

export async function accessTargets(db: Executor, userIds: readonly string[]): Promise<Map<string, AccessTarget>> {
  const targets = new Map((await contactsOf(db, userIds)).map((user) => [user.id, { userId: user.id, userPrincipalName: user.userPrincipalName, mail: user.mail }]));
  // A deleted user is still someone access must be taken from; the connector finds them by id.
  for (const id of userIds) if (!targets.has(id)) targets.set(id, { userId: id, userPrincipalName: '', mail: null });
  return targets;
}

/** How each target system will find the users of these grants: by id, or by their contact details. */
async function targetsFor(deps: Deps, grants: readonly RoleGrant[]): Promise<Map<string, AccessTarget>> {
  const needContacts = grants.filter((grant) => !deps.connectors.forEnvironment(grant.environmentId)?.identifiesUsersById);
  const targets = await accessTargets(deps.db, [...new Set(needContacts.map((grant) => grant.targetId))]);
  for (const grant of grants) if (!targets.has(grant.targetId)) targets.set(grant.targetId, { userId: grant.targetId, userPrincipalName: '', mail: null });
  return targets;
}

export async function grantRoles(deps: Deps, grants: readonly RoleGrant[]): Promise<GrantOutcome> {
  const targets = await targetsFor(deps, grants);
  return carryOut(deps, grants, targets, 'grant');
}

/**
 * Takes grants away, except where another assignment still gives the same access: a role held
 * through two assignments stays until the last one goes. `grantedNow` names the grants the
 * caller's batch has just carried out (their new state not yet written). Returns the outcome per
 * grant and the grants actually revoked in the target system (the caller re-checks those afterwards).
 */
export async function revokeRoles(deps: Deps, grants: readonly RoleGrant[], grantedNow: ReadonlySet<string> = new Set()): Promise<{ outcome: GrantOutcome; revoked: RoleGrant[] }> {
  const stillGiven = await grantsStillGiven(deps.db, grants, grantedNow);
  const toRevoke = grants.filter((grant) => !stillGiven.has(grant.id));
  const outcome = await carryOut(deps, toRevoke, await targetsFor(deps, toRevoke), 'revoke');
  for (const grant of grants) if (!outcome.has(grant.id)) outcome.set(grant.id, null);
  return { outcome, revoked: toRevoke.filter((grant) => outcome.get(grant.id) === null) };
}

/**
 * Per connected system: all at once where its connector can (grantAll / revokeAll), else — or when
 * the bulk call fails, to learn which grant is at fault — one call per grant.
 */
async function carryOut(deps: Deps, grants: readonly RoleGrant[], targets: Map<string, AccessTarget>, action: 'grant' | 'revoke'): Promise<GrantOutcome> {
  const outcome: GrantOutcome = new Map();
  const byEnvironment = new Map<string, RoleGrant[]>();
  for (const grant of grants) {
    const list = byEnvironment.get(grant.environmentId);
    if (list) list.push(grant);
    else byEnvironment.set(grant.environmentId, [grant]);
  }
  for (const [environmentId, list] of byEnvironment) {
    const connector = deps.connectors.forEnvironment(environmentId);
    if (!connector) {
      for (const grant of list) outcome.set(grant.id, new Error(`No connector is configured for the resource environment '${environmentId}'.`));
      continue;
    }
    // A revocation goes to the account the grant reached, whatever the user is called now.
    const toConnector = (grant: RoleGrant): ConnectorGrant => ({ resourceOriginId: grant.resourceOriginId, roleOriginId: grant.roleOriginId, scopeOriginId: grant.scopeOriginId, target: targets.get(grant.targetId)!, ...(action === 'revoke' && grant.holder ? { holder: grant.holder } : {}) });
    const bulk = action === 'grant' ? connector.grantAll?.bind(connector) : connector.revokeAll?.bind(connector);
    if (bulk && list.length > 1) {
      try {
        await bulk(list.map(toConnector));
        for (const grant of list) outcome.set(grant.id, null);
        continue;
      } catch {
        // fall through: one by one tells which grant fails and lets the others succeed
      }
    }
    const holders = new Map<string, string>();
    const single = await callEach(list, (grant) => (action === 'grant' ? connector.grant(toConnector(grant)) : connector.revoke(toConnector(grant))), holders);
    for (const [id, result] of single) outcome.set(id, result);
    await recordHolders(deps.db, holders);
    if (action === 'grant') await takeFromFormerAccounts(deps, connector, list, holders, toConnector);
  }
  return outcome;
}

/**
 * A grant delivered again (a regrant, a reprocess) that reached another account than before (its
 * user was renamed meanwhile): the former account loses the role, unless another grant still gives
 * it there. Best effort: one left behind is drift that the next reconciliation reports.
 */
async function takeFromFormerAccounts(deps: Deps, connector: Connector, grants: readonly RoleGrant[], holders: ReadonlyMap<string, string>, toConnector: (grant: RoleGrant) => ConnectorGrant): Promise<void> {
  const moved = grants.filter((grant) => grant.holder !== null && holders.has(grant.id) && holders.get(grant.id) !== grant.holder);
  if (moved.length === 0) return;
  const others = await grantsGivingTheSame(deps.db, moved);
  for (const grant of moved) {
    if (others.some((other) => sameHolding(grant, other))) continue;
    await connector.revoke({ ...toConnector(grant), holder: grant.holder! }).catch(() => {});
  }
}

async function callEach(grants: readonly RoleGrant[], call: (grant: RoleGrant) => Promise<GrantReceipt | void>, holders: Map<string, string>): Promise<GrantOutcome> {
  const outcome: GrantOutcome = new Map();
  let next = 0;
  const worker = async () => {
    while (next < grants.length) {
      const grant = grants[next++]!;
      try {
        const receipt = await call(grant);
        if (receipt) holders.set(grant.id, receipt.holder);
        outcome.set(grant.id, null);
      } catch (error) {
        outcome.set(grant.id, error instanceof Error ? error : new Error(String(error)));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallelCalls, grants.length) }, worker));
  return outcome;
}
