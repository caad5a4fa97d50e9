import type { ExpirationPattern } from './assignment-policy.js';

/**
 * An assignment (Graph: accessPackageAssignment): a target holding an access package under a
 * policy, for a time, and the delivery of each resource role the package grants.
 */
export type AssignmentState = 'delivering' | 'partiallyDelivered' | 'delivered' | 'expired' | 'deliveryFailed';

export type Assignment = {
  id: string;
  accessPackageId: string;
  catalogId: string;
  policyId: string | null;
  targetId: string;
  state: AssignmentState;
  /** Graph's finer status: Delivering, Delivered, Expired, Removed, … */
  status: string;
  startDateTime: string;
  endDateTime: string | null;
  expiration: ExpirationPattern;
  /** Until the assignment ends; one active assignment per target and package. */
  isActive: boolean;
  createdDateTime: string;
  modifiedDateTime: string;
  expiredDateTime: string | null;
  endedReason: string | null;
};

export type RoleGrantState = 'pendingGrant' | 'granted' | 'grantFailed' | 'pendingRevoke' | 'revoked' | 'revokeFailed';

/** One resource role an assignment delivers to its target, in one connected system. */
export type RoleGrant = {
  id: string;
  assignmentId: string;
  targetId: string;
  roleScopeId: string;
  resourceId: string;
  environmentId: string;
  resourceOriginId: string;
  roleOriginId: string;
  scopeOriginId: string;
  state: RoleGrantState;
  lastError: string | null;
  grantedDateTime: string | null;
  revokedDateTime: string | null;
  /** The account it was delivered to, as its system names it (a login, a DN, a SCIM id); null until delivered, and for the directory. */
  holder: string | null;
};

/**
 * Two grants stand for the same holding when they give the same role to the same user and reached
 * the same account there; a grant whose account is not known (pending, the directory, or from before
 * accounts were recorded) is taken to be at the user's one account. A user renamed between two
 * grants has two accounts, and taking one grant away must reach the first.
 */
export const sameHolding = (a: Pick<RoleGrant, 'environmentId' | 'resourceOriginId' | 'roleOriginId' | 'targetId' | 'holder'>, b: Pick<RoleGrant, 'environmentId' | 'resourceOriginId' | 'roleOriginId' | 'targetId' | 'holder'>) =>
  holdingKey(a) === holdingKey(b) && (a.holder === null || b.holder === null || a.holder === b.holder);

/** Grants that stand for the same access in the target system: held once, however many assignments give it. */
export const holdingKey = (grant: Pick<RoleGrant, 'environmentId' | 'resourceOriginId' | 'roleOriginId' | 'targetId'>) =>
  `${grant.environmentId}\u0000${grant.resourceOriginId}\u0000${grant.roleOriginId}\u0000${grant.targetId}`;

/** What an assignment's state is once each of its grants has been tried. */
export function deliveredState(grants: readonly Pick<RoleGrant, 'state'>[]): { state: AssignmentState; status: string } {
  const failed = grants.filter((grant) => grant.state === 'grantFailed').length;
  if (failed === 0) return { state: 'delivered', status: 'Delivered' };
  return failed < grants.length ? { state: 'partiallyDelivered', status: 'PartiallyDelivered' } : { state: 'deliveryFailed', status: 'DeliveryFailed' };
}

/** The days before its end at which a target hears that an assignment is about to expire, as Entra sends them. */
export const expiryReminderDays = [14, 1] as const;
