import { actorId } from '../../domain/actor-id.js';
import type { Executor } from '../../db/database.js';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { recordAudit } from '../audit/audit.repo.js';
import { entitlementAudit } from '../catalogs/catalog-audit.js';
import type { Deps } from '../deps.js';
import { loadDirectoryObjects, objectId, parseObjectReference, resolveReference, type DirectoryObject } from '../group-memberships/directory-objects.js';
import { organizationTarget, sponsorTarget } from './connected-organization-audit.js';
import { addSponsor, findConnectedOrganization, listSponsors, lockConnectedOrganization, removeSponsor, type SponsorKind } from './connected-organizations.repo.js';

/**
 * A connected organization's sponsors: users or groups inside (internalSponsors) or at the
 * partner (externalSponsors) who approve requests of the organization's people when a policy's
 * approval stage names them.
 */
export const sponsorProperty = (kind: SponsorKind) => (kind === 'internal' ? 'internalSponsors' : 'externalSponsors');
const sponsorNoun = (kind: SponsorKind) => (kind === 'internal' ? 'Internal sponsor' : 'External sponsor');

/** The living users and groups sponsoring the organization (deleted users and groups left out). */
export async function sponsorsOf(db: Executor, organizationId: string, kind: SponsorKind): Promise<DirectoryObject[]> {
  const organization = await findConnectedOrganization(db, organizationId);
  if (!organization) throw new NotFoundError('Connected organization', organizationId);
  const sponsors = await listSponsors(db, organization.id, kind);
  return loadDirectoryObjects(db, sponsors.map((sponsor) => ({ memberId: sponsor.id, memberType: sponsor.type })));
}

export async function addOrganizationSponsor(deps: Deps, actor: Actor, organizationId: string, kind: SponsorKind, odataId: string): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    // The organization's lock first: a sponsor is not added to an organization being deleted.
    await lockConnectedOrganization(trx, organizationId);
    const organization = await findConnectedOrganization(trx, organizationId);
    if (!organization) throw new NotFoundError('Connected organization', organizationId);
    const reference = parseObjectReference(odataId);
    if (!reference) throw new ValidationError("'@odata.id' must be a URL ending in /users/{id} or /groups/{id}.", '@odata.id');
    const sponsor = await resolveReference(trx, reference);
    if (!sponsor) throw new ValidationError(`The object '${reference.id}' referenced by '@odata.id' is not a user or group in the directory.`, '@odata.id');
    // External sponsors are people at the partner: guests of this directory (or a group of them).
    if (kind === 'external' && sponsor.type === 'user' && sponsor.user.userType !== 'Guest') {
      throw new ValidationError(`${sponsor.user.displayName} is a member of this organization; external sponsors are people at the partner, who are guests here. Add them as an internal sponsor instead.`, '@odata.id');
    }
    const added = await addSponsor(trx, organization.id, kind, { id: objectId(sponsor), type: sponsor.type }, actorId(actor.principal), now.toISOString());
    if (!added) throw new ValidationError(`One or more added object references already exist for the following modified properties: '${sponsorProperty(kind)}'.`, '@odata.id');
    await recordAudit(trx, actor, now, entitlementAudit(`Add ${kind} sponsor to connected organization`, 'Assign', [organizationTarget(organization), sponsorTarget(sponsor)]));
  });
}

export async function removeOrganizationSponsor(deps: Deps, actor: Actor, organizationId: string, kind: SponsorKind, sponsorId: string): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    await lockConnectedOrganization(trx, organizationId);
    const organization = await findConnectedOrganization(trx, organizationId);
    if (!organization) throw new NotFoundError('Connected organization', organizationId);
    const sponsor = (await listSponsors(trx, organization.id, kind)).find((candidate) => candidate.id === sponsorId);
    if (!sponsor || (await removeSponsor(trx, organization.id, kind, sponsor.id, actorId(actor.principal), now.toISOString())) === 0) throw new NotFoundError(sponsorNoun(kind), sponsorId);
    const [object] = await loadDirectoryObjects(trx, [{ memberId: sponsor.id, memberType: sponsor.type }]);
    await recordAudit(trx, actor, now, entitlementAudit(`Remove ${kind} sponsor from connected organization`, 'Unassign', [organizationTarget(organization), sponsorTarget(object ?? sponsor)]));
  });
}
