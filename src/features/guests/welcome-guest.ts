import { randomUUID } from 'node:crypto';
import type { Executor } from '../../db/database.js';
import { actorId } from '../../domain/actor-id.js';
import { emailDomain, proposedOrganizationFor, type ConnectedOrganization } from '../../domain/connected-organization.js';
import type { Actor } from '../../domain/principal.js';
import type { User } from '../../domain/user.js';
import { recordAudit } from '../audit/audit.repo.js';
import { entitlementAudit } from '../catalogs/catalog-audit.js';
import { organizationTarget } from '../connected-organizations/connected-organization-audit.js';
import { connectedOrganizationOfEmail, insertConnectedOrganization, listSponsors } from '../connected-organizations/connected-organizations.repo.js';
import { reconcileUsers } from '../dynamic-groups/dynamic-membership.js';
import { listSponsorIds, openSponsorship } from '../user-relationships/sponsors.repo.js';
import { userAudit, userTarget } from '../users/user-audit.js';
import { enableUsers, findUsersByIds } from '../users/users.repo.js';
import { approverIdsOfRequestsFor } from '../approvals/approvals.repo.js';
import { assignerIdsOf } from '../assignment-requests/assignment-requests.repo.js';
import { holdsAssignmentUnderScope } from '../assignments/assignments.repo.js';
import { clearGuestBlocks, setGuestOrganization, type GovernedGuest } from './governed-guests.repo.js';

/** The most sponsors recorded on a guest when they are let in. */
const maxSponsors = 10;

/**
 * A governed guest who holds access: let back in if the lifecycle had blocked them, tied to their
 * connected organization (proposing one for an unknown domain that a policy for all external users
 * let in), and given sponsors if they have none — the people who approved them, else their
 * organization's internal sponsors, else whoever assigned them.
 */
export async function welcomeGuest(trx: Executor, actor: Actor, guest: GovernedGuest, user: User, now: Date): Promise<void> {
  const iso = now.toISOString();
  if (guest.blockedDateTime) {
    await enableUsers(trx, [user.id], iso);
    await clearGuestBlocks(trx, [user.id]);
    await recordAudit(trx, actor, now, { ...userAudit('Unblock external user', 'Update', [userTarget(user, user, { ...user, accountEnabled: true })]), additionalDetails: [{ key: 'reason', value: 'They were given access again.' }] });
    await reconcileUsers(trx, [user.id], { correlationId: actor.correlationId, now });
  }
  const organization = guest.connectedOrganizationId ? null : await organizationFor(trx, actor, guest, now);
  if (organization) await setGuestOrganization(trx, [user.id], organization.id);
  if ((await listSponsorIds(trx, user.id)).length === 0) {
    const sponsorIds = await sponsorsFor(trx, guest, organization?.id ?? guest.connectedOrganizationId);
    for (const sponsorId of sponsorIds) await openSponsorship(trx, user.id, sponsorId, actorId(actor.principal), iso);
    if (sponsorIds.length) {
      const sponsors = await findUsersByIds(trx, sponsorIds);
      await recordAudit(trx, actor, now, userAudit('Add sponsor to user', 'Assign', [userTarget(user), ...sponsors.map((sponsor) => userTarget(sponsor))]));
    }
  }
}

/**
 * The organization a guest without one now belongs to: one configured since for their domain, or
 * a proposed one when a policy for all external users let them in from a domain nobody knew.
 */
async function organizationFor(trx: Executor, actor: Actor, guest: GovernedGuest, now: Date): Promise<ConnectedOrganization | undefined> {
  const known = await connectedOrganizationOfEmail(trx, guest.email);
  if (known) return known;
  const domain = emailDomain(guest.email);
  const underAnyExternal = await holdsAssignmentUnderScope(trx, guest.userId, 'allExternalUsers');
  if (!domain || !underAnyExternal) return undefined;
  const iso = now.toISOString();
  const organization: ConnectedOrganization = { id: randomUUID(), ...proposedOrganizationFor(domain), createdDateTime: iso, modifiedDateTime: iso };
  await insertConnectedOrganization(trx, organization, null);
  await recordAudit(trx, actor, now, entitlementAudit('Create connected organization', 'Add', [organizationTarget(organization, null, organization)]));
  return organization;
}

async function sponsorsFor(trx: Executor, guest: GovernedGuest, organizationId: string | null): Promise<string[]> {
  const approvers = await approverIdsOfRequestsFor(trx, guest.userId);
  const organizationSponsors = organizationId ? (await listSponsors(trx, organizationId, 'internal')).filter((sponsor) => sponsor.type === 'user') : [];
  const assigners = await assignerIdsOf(trx, guest.userId);
  for (const candidates of [approvers, organizationSponsors.map((sponsor) => sponsor.id), assigners]) {
    const living = (await findUsersByIds(trx, [...new Set(candidates)].filter((id) => id !== guest.userId))).filter((user) => user.accountEnabled && user.userType === 'Member');
    if (living.length) return living.slice(0, maxSponsors).map((user) => user.id);
  }
  return [];
}
