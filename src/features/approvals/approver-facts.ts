import type { Executor } from '../../db/database.js';
import type { ApproverFacts } from '../../domain/approval-stage.js';
import type { SubjectSet } from '../../domain/assignment-policy.js';
import { connectedOrganizationOfGuest, listSponsors, type SponsorKind } from '../connected-organizations/connected-organizations.repo.js';
import { transitiveMembersOf, maxGroupNestingDepth } from '../group-memberships/memberships.repo.js';
import { listSponsorIds } from '../user-relationships/sponsors.repo.js';
import { findUsersByIds, managerIdOf } from '../users/users.repo.js';

/**
 * Looks up the people a stage's subject sets can name, for domain/approval-stage.ts to choose
 * from: only what the sets ask for is loaded, and only users who can sign in are kept.
 */
export async function loadApproverFacts(db: Executor, sets: readonly SubjectSet[], request: { targetId: string; requestorId: string | null }): Promise<ApproverFacts> {
  const kinds = new Set(sets.map((set) => set['@odata.type']));
  const candidates = new Set<string>();

  const managerChain: string[] = [];
  if (kinds.has('#microsoft.graph.requestorManager')) {
    const deepest = Math.max(...sets.map((set) => (set['@odata.type'] === '#microsoft.graph.requestorManager' ? set.managerLevel : 0)));
    let current: string | null = request.targetId;
    for (let level = 0; level < deepest && current; level += 1) {
      current = await managerIdOf(db, current);
      if (current) managerChain.push(current);
    }
  }

  const targetSponsorIds = kinds.has('#microsoft.graph.targetUserSponsors') ? await listSponsorIds(db, request.targetId) : [];

  // The target's connected organization's sponsors; a sponsor group stands for its members.
  const wantsOrganization = kinds.has('#microsoft.graph.internalSponsors') || kinds.has('#microsoft.graph.externalSponsors');
  const organization = wantsOrganization ? await connectedOrganizationOfGuest(db, request.targetId) : undefined;
  const organizationSponsors = async (kind: SponsorKind): Promise<string[]> => {
    if (!organization || !kinds.has(`#microsoft.graph.${kind}Sponsors`)) return [];
    const ids: string[] = [];
    for (const sponsor of await listSponsors(db, organization.id, kind)) {
      if (sponsor.type === 'user') ids.push(sponsor.id);
      else ids.push(...(await transitiveMembersOf(db, sponsor.id, maxGroupNestingDepth, ['user'])).map((member) => member.memberId));
    }
    return ids;
  };
  const internalSponsorIds = await organizationSponsors('internal');
  const externalSponsorIds = await organizationSponsors('external');

  const groupMemberIds = new Map<string, string[]>();
  for (const set of sets) {
    if (set['@odata.type'] !== '#microsoft.graph.groupMembers' || groupMemberIds.has(set.groupId)) continue;
    const members = await transitiveMembersOf(db, set.groupId, maxGroupNestingDepth, ['user']);
    groupMemberIds.set(set.groupId, members.map((member) => member.memberId));
  }

  for (const set of sets) if (set['@odata.type'] === '#microsoft.graph.singleUser') candidates.add(set.userId);
  for (const id of [...managerChain, ...targetSponsorIds, ...internalSponsorIds, ...externalSponsorIds, ...[...groupMemberIds.values()].flat()]) candidates.add(id);
  const enabled = new Set((await findUsersByIds(db, [...candidates])).filter((user) => user.accountEnabled).map((user) => user.id));

  return {
    // A manager who cannot sign in cannot approve: the level is treated as missing, so fallback applies.
    managerChain: managerChain.map((id) => (enabled.has(id) ? id : '')),
    targetSponsorIds: targetSponsorIds.filter((id) => enabled.has(id)),
    internalSponsorIds: internalSponsorIds.filter((id) => enabled.has(id)),
    externalSponsorIds: externalSponsorIds.filter((id) => enabled.has(id)),
    groupMemberIds: new Map([...groupMemberIds].map(([groupId, ids]) => [groupId, ids.filter((id) => enabled.has(id))])),
    enabledUserIds: enabled,
    excludedIds: new Set([request.targetId, ...(request.requestorId ? [request.requestorId] : [])]),
  };
}
