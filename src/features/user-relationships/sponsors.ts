import { actorId } from '../../domain/actor-id.js';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import { onUniqueViolation } from '../../db/dialect.js';
import type { Actor } from '../../domain/principal.js';
import { recordAudit } from '../audit/audit.repo.js';
import type { Deps } from '../deps.js';
import { closeSponsorship, listSponsorIds, openSponsorship } from './sponsors.repo.js';
import { userAudit, userTarget } from '../users/user-audit.js';
import { findUser } from '../users/users.repo.js';

const alreadySponsor = () => new ValidationError("One or more added object references already exist for the following modified properties: 'sponsors'.", '@odata.id');

export async function addSponsor(deps: Deps, actor: Actor, userIdOrName: string, sponsorId: string): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const user = await findUser(trx, userIdOrName);
    if (!user) throw new NotFoundError('User', userIdOrName);
    const sponsor = await findUser(trx, sponsorId);
    if (!sponsor) throw new ValidationError(`The sponsor '${sponsorId}' is not a user in the directory.`, '@odata.id');
    if (sponsor.id === user.id) throw new ValidationError('A user cannot sponsor themselves.', '@odata.id');
    if ((await listSponsorIds(trx, user.id)).includes(sponsor.id)) throw alreadySponsor();
    await openSponsorship(trx, user.id, sponsor.id, actorId(actor.principal), now.toISOString());
    await recordAudit(trx, actor, now, userAudit('Add sponsor to user', 'Assign', [userTarget(user), userTarget(sponsor)]));
  }).catch(onUniqueViolation(alreadySponsor));
}

export async function removeSponsor(deps: Deps, actor: Actor, userIdOrName: string, sponsorId: string): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const user = await findUser(trx, userIdOrName);
    if (!user) throw new NotFoundError('User', userIdOrName);
    const closed = await closeSponsorship(trx, user.id, sponsorId, actorId(actor.principal), now.toISOString());
    if (closed === 0) throw new NotFoundError('Sponsor', sponsorId);
    await recordAudit(trx, actor, now, userAudit('Remove sponsor from user', 'Unassign', [userTarget(user), { id: sponsorId, displayName: null, type: 'User', modifiedProperties: [] }]));
  });
}
