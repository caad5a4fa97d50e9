import type { RoleGrantState } from './assignment.js';

/**
 * Reconciliation: what a connected system holds, compared with what Tessera's assignments say it
 * should. Drift runs both ways:
 * - an unexpected holder: the system gives the role to an account no assignment gives it to
 *   (added by hand, by an upstream sync, or access that expired and came back);
 * - a missing holder: an assignment's grant is recorded as delivered, but the account does not
 *   hold the role (removed by hand), or the user has no account there any more.
 * A grant on its way in or out (pending, failed and being retried) accounts for its holder either
 * way: the delivery or revocation under way settles it, and reporting it would be noise.
 */
export type ReconciledGrant = {
  id: string;
  assignmentId: string;
  userId: string;
  resourceOriginId: string;
  roleOriginId: string;
  state: RoleGrantState;
  /** The account it was delivered to, when recorded (older grants have none: their user's account now stands in). */
  holder: string | null;
};

/** The account a grant stands for: the one it reached, or else its user's account there now. */
export const holderOfGrant = (grant: ReconciledGrant, holderOf: ReadonlyMap<string, string | null>): string | null => grant.holder ?? holderOf.get(grant.userId) ?? null;

/** What the system holds for one resource role, as listHolders named the holders. */
export type HeldRole = { resourceOriginId: string; roleOriginId: string; holders: readonly string[] };

export type Drift =
  | { kind: 'unexpectedHolder'; resourceOriginId: string; roleOriginId: string; holder: string; userId: string | null }
  | { kind: 'missingHolder'; resourceOriginId: string; roleOriginId: string; holder: string | null; userId: string; grantId: string; assignmentId: string };

export type DriftInput = {
  held: readonly HeldRole[];
  /** The grants of the system's resources that still stand (revoked ones are left out by the caller). */
  grants: readonly ReconciledGrant[];
  /** Each user's holder name there now (users of grants with no recorded holder, and any other Tessera knows there), or null when they have no account there. */
  holderOf: ReadonlyMap<string, string | null>;
  /** The form two spellings of one holder share. */
  holderKey: (holder: string) => string;
  /** Accounts that grants of theirs reached before those ended: to name who an unexpected holder is (access that came back). */
  formerHolders?: readonly { userId: string; holder: string }[];
};

const roleKey = (resourceOriginId: string, roleOriginId: string) => `${resourceOriginId}\u0000${roleOriginId}`;

/** One account's hold on one resource role, with the account in the holders' shared form. */
export const holdKey = (role: { resourceOriginId: string; roleOriginId: string }, holder: string, holderKey: (holder: string) => string) => `${roleKey(role.resourceOriginId, role.roleOriginId)}\u0000${holderKey(holder)}`;

export function findDrift({ held, grants, holderOf, holderKey, formerHolders = [] }: DriftInput): Drift[] {
  const grantsOf = new Map<string, ReconciledGrant[]>();
  for (const grant of grants) {
    const key = roleKey(grant.resourceOriginId, grant.roleOriginId);
    const list = grantsOf.get(key);
    if (list) list.push(grant);
    else grantsOf.set(key, [grant]);
  }
  // Who a holder is, where Tessera knows them (their grants here, standing or ended): for the report.
  const userByHolder = new Map<string, string>();
  for (const { userId, holder } of formerHolders) userByHolder.set(holderKey(holder), userId);
  for (const [userId, holder] of holderOf) if (holder) userByHolder.set(holderKey(holder), userId);
  for (const grant of grants) if (grant.holder) userByHolder.set(holderKey(grant.holder), grant.userId);
  const drift: Drift[] = [];
  for (const role of held) {
    const standing = grantsOf.get(roleKey(role.resourceOriginId, role.roleOriginId)) ?? [];
    const userOfHolder = new Map<string, string>();
    for (const grant of standing) {
      const holder = holderOfGrant(grant, holderOf);
      if (holder) userOfHolder.set(holderKey(holder), grant.userId);
    }
    const heldKeys = new Set(role.holders.map(holderKey));
    for (const holder of role.holders) {
      if (userOfHolder.has(holderKey(holder))) continue;
      drift.push({ kind: 'unexpectedHolder', resourceOriginId: role.resourceOriginId, roleOriginId: role.roleOriginId, holder, userId: userByHolder.get(holderKey(holder)) ?? null });
    }
    for (const grant of standing) {
      if (grant.state !== 'granted') continue;
      const holder = holderOfGrant(grant, holderOf);
      if (holder !== null && heldKeys.has(holderKey(holder))) continue;
      drift.push({ kind: 'missingHolder', resourceOriginId: role.resourceOriginId, roleOriginId: role.roleOriginId, holder, userId: grant.userId, grantId: grant.id, assignmentId: grant.assignmentId });
    }
  }
  return drift;
}

/**
 * The drift still true after a second look at the grants (read again once the system was listed):
 * a grant delivered, revoked or created while the system was being read is not drift, only late.
 */
export function confirmedDrift(candidates: readonly Drift[], grantsNow: readonly ReconciledGrant[], holderOf: ReadonlyMap<string, string | null>, holderKey: (holder: string) => string): Drift[] {
  const stateOf = new Map(grantsNow.map((grant) => [grant.id, grant.state]));
  const accounted = new Set<string>();
  for (const grant of grantsNow) {
    const holder = holderOfGrant(grant, holderOf);
    if (holder) accounted.add(holdKey(grant, holder, holderKey));
  }
  return candidates.filter((drift) =>
    drift.kind === 'missingHolder'
      ? stateOf.get(drift.grantId) === 'granted'
      : !accounted.has(holdKey(drift, drift.holder, holderKey)),
  );
}

export type ReconciliationMode = 'reportOnly' | 'correct';
export const reconciliationModes: readonly ReconciliationMode[] = ['reportOnly', 'correct'];

/** What a run did about each drift; `removing` while the removal is under way (left so only by a run interrupted then). */
export type DriftOutcome = 'reported' | 'removing' | 'removed' | 'regrantQueued' | 'correctionFailed';

/**
 * After removing holders nobody gave the role to: the grants that give it to one of them now, made
 * while the run was going (their delivery may have come just before the removal). They are
 * delivered again, as a revocation does for access another assignment still gives.
 */
export function grantsGivenMeanwhile(removed: readonly { resourceOriginId: string; roleOriginId: string; holder: string }[], grantsNow: readonly ReconciledGrant[], holderOf: ReadonlyMap<string, string | null>, holderKey: (holder: string) => string): ReconciledGrant[] {
  const removedKeys = new Set(removed.map((item) => holdKey(item, item.holder, holderKey)));
  return grantsNow.filter((grant) => {
    if (grant.state !== 'granted' && grant.state !== 'pendingGrant') return false;
    const holder = holderOfGrant(grant, holderOf);
    return holder ? removedKeys.has(holdKey(grant, holder, holderKey)) : false;
  });
}
