import { randomUUID } from 'node:crypto';
import type { Executor } from '../../db/database.js';
import { actorId } from '../../domain/actor-id.js';
import { emailDomain, proposedOrganizationFor, type ConnectedOrganization } from '../../domain/connected-organization.js';
import type { Actor } from '../../domain/principal.js';
import type { User } from '../../domain/user.js';
import { recordAudit } from '../audit/audit.repo.js';
import { entitlementAudit } from '../catalogs/catalog-audit.js';
import { connectedOrganizationOfEmail, insertConnectedOrganization, listSponsors } from '../connected-organizations/connected-organizations.repo.js';
import { reconcileUsers } from '../dynamic-groups/dynamic-membership.js';
import { listSponsorIds, openSponsorship } from '../user-relationships/sponsors.repo.js';
import { userAudit, userTarget } from '../users/user-audit.js';
import { findUsersByIds } from '../users/users.repo.js';
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
    await trx.updateTable('users').set({ account_enabled: 1, modified_date_time: iso }).where('id', '=', user.id).execute();
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
  const underAnyExternal = await trx
    .selectFrom('assignments')
    .innerJoin('assignment_policies', 'assignment_policies.id', 'assignments.policy_id')
    .select('assignments.id')
    .where('assignments.target_id', '=', guest.userId)
    .where('assignments.is_active', '=', 1)
    .where('assignment_policies.allowed_target_scope', '=', 'allExternalUsers')
    .executeTakeFirst();
  if (!domain || !underAnyExternal) return undefined;
  const iso = now.toISOString();
  const organization: ConnectedOrganization = { id: randomUUID(), ...proposedOrganizationFor(domain), createdDateTime: iso, modifiedDateTime: iso };
  await insertConnectedOrganization(trx, organization, null);
  await recordAudit(trx, actor, now, entitlementAudit('Create connected organization', 'Add', [{ id: organization.id, displayName: organization.displayName, type: 'ConnectedOrganization', modifiedProperties: [{ displayName: 'state', oldValue: null, newValue: '"proposed"' }] }]));
  return organization;
}

async function sponsorsFor(trx: Executor, guest: GovernedGuest, organizationId: string | null): Promise<string[]> {
  const approvers = await trx
    .selectFrom('approval_stages')
    .innerJoin('assignment_requests', 'assignment_requests.id', 'approval_stages.request_id')
    .select('approval_stages.reviewed_by_id as id')
    .where('assignment_requests.target_id', '=', guest.userId)
    .where('approval_stages.review_result', '=', 'Approved')
    .where('approval_stages.reviewed_by_id', 'is not', null)
    .orderBy('approval_stages.reviewed_date_time')
    .execute();
  const organizationSponsors = organizationId ? (await listSponsors(trx, organizationId, 'internal')).filter((sponsor) => sponsor.type === 'user') : [];
  const assigners = await trx
    .selectFrom('assignment_requests')
    .select('requestor_id as id')
    .where('target_id', '=', guest.userId)
    .where('request_type', '=', 'adminAdd')
    .where('requestor_id', 'is not', null)
    .orderBy('created_date_time')
    .execute();
  for (const candidates of [approvers.map((row) => row.id!), organizationSponsors.map((sponsor) => sponsor.id), assigners.map((row) => row.id!)]) {
    const living = (await findUsersByIds(trx, [...new Set(candidates)].filter((id) => id !== guest.userId))).filter((user) => user.accountEnabled && user.userType === 'Member');
    if (living.length) return living.slice(0, maxSponsors).map((user) => user.id);
  }
  return [];
}
