import type { Kysely } from 'kysely';
import type { Database, Executor } from '../../db/database.js';
import { groupRoleOriginId, isDynamicGroup, type Group } from '../../domain/group.js';
import { findGroup, findGroupsByIds, searchGroups } from '../../features/groups/groups.repo.js';
import { activeMemberIds, activeMembership, closeMembership, closeMemberships, openMembership, openMissingMemberships } from '../../features/group-memberships/memberships.repo.js';
import { isUniqueViolation } from '../../db/dialect.js';
import type { Connector, DiscoveredResource, RoleGrant } from '../connector.js';
import { holdRuleLock, memberOfChanged, reconcileUsers } from '../../features/dynamic-groups/dynamic-membership.js';

/** The correlation id of rule moves that follow a package's memberships (the grant carries no request). */
const memberOfCorrelation = 'access-package-membership';

/**
 * The built-in directory as a connected system: its groups are resources (originSystem AadGroup)
 * with the roles Member and Owner, as Entra offers them to access packages.
 */
export function directoryConnector(db: Kysely<Database>, clock: () => Date): Connector {
  const relationshipOf = (roleOriginId: string) => (roleOriginId.startsWith('Owner_') ? 'owner' : 'member');
  // Memberships an access package gives or takes can move users of dynamic groups whose rules read memberOf.
  const followMemberOfRules = (userIds: string[]) => db.transaction().execute((trx) => reconcileUsers(trx, userIds, { correlationId: memberOfCorrelation, now: clock() }, memberOfChanged));
  const newMembers = (grants: readonly RoleGrant[]) => [...new Set(grants.filter((grant) => relationshipOf(grant.roleOriginId) === 'member').map((grant) => grant.target.userId))];
  /**
   * A dynamic group's members follow its rule: a membership given by hand would be taken back by
   * the next change to the user. Catalogs offer no Member role for dynamic groups and a group
   * cannot become dynamic while a package gives its membership; this guards the instant between.
   */
  const refuseDynamicMembers = async (executor: Executor, grants: readonly RoleGrant[]) => {
    const groupIds = [...new Set(grants.filter((grant) => relationshipOf(grant.roleOriginId) === 'member').map((grant) => grant.resourceOriginId))];
    const dynamic = (await findGroupsByIds(executor, groupIds)).find(isDynamicGroup);
    if (dynamic) throw new Error(`Group '${dynamic.displayName}' is dynamic: its members follow its membership rule, and an access package cannot add one.`);
  };
  return {
    originSystem: 'AadGroup',
    identifiesUsersById: true,

    async describe(originId) {
      const group = await findGroup(db, originId);
      return group ? describeGroup(group) : null;
    },

    async discover({ search, top, cursor }) {
      const groups = await searchGroups(db, search, top + 1, cursor);
      const page = groups.slice(0, top);
      return {
        resources: page.map((group) => ({ originId: group.id, displayName: group.displayName, description: group.description, resourceType: resourceType(group), grantsAdministrativeRoles: group.isAssignableToRole })),
        ...(groups.length > top ? { nextCursor: page[page.length - 1]!.id } : {}),
      };
    },

    async grant(grant: RoleGrant) {
      const relationship = relationshipOf(grant.roleOriginId);
      if (await activeMembership(db, grant.resourceOriginId, grant.target.userId, relationship)) return;
      await refuseDynamicMembers(db, [grant]);
      try {
        await openMembership(db, { groupId: grant.resourceOriginId, memberId: grant.target.userId, memberType: 'user', relationship }, 'system:entitlement-management', clock().toISOString());
      } catch (error) {
        // Granting twice is harmless: a concurrent grant of the same membership already holds it.
        if (!isUniqueViolation(error)) throw error;
      }
      if (relationship === 'member') await followMemberOfRules([grant.target.userId]);
    },

    async revoke(grant: RoleGrant) {
      const relationship = relationshipOf(grant.roleOriginId);
      await closeMembership(db, grant.resourceOriginId, grant.target.userId, relationship, 'system:entitlement-management', 'access package assignment ended', clock().toISOString());
      if (relationship === 'member') await followMemberOfRules([grant.target.userId]);
    },

    async grantAll(grants) {
      const now = clock().toISOString();
      // One transaction per call, so a burst either lands whole or, on a race, falls back to one by one.
      await db.transaction().execute(async (trx) => {
        await holdRuleLock(trx);
        await refuseDynamicMembers(trx, grants);
        for (const [key, members] of byGroupAndRelationship(grants)) {
          const [groupId, relationship] = key.split('\u0000') as [string, 'member' | 'owner'];
          await openMissingMemberships(trx, groupId, relationship, members, 'system:entitlement-management', now);
        }
        await reconcileUsers(trx, newMembers(grants), { correlationId: memberOfCorrelation, now: clock() }, memberOfChanged);
      });
    },

    async revokeAll(grants) {
      const now = clock().toISOString();
      await db.transaction().execute(async (trx) => {
        await holdRuleLock(trx);
        for (const [key, members] of byGroupAndRelationship(grants)) {
          const [groupId, relationship] = key.split('\u0000') as [string, 'member' | 'owner'];
          await closeMemberships(trx, groupId, relationship, members, 'system:entitlement-management', 'access package assignment ended', now);
        }
        await reconcileUsers(trx, newMembers(grants), { correlationId: memberOfCorrelation, now: clock() }, memberOfChanged);
      });
    },

    async listHolders(resourceOriginId, roleOriginId) {
      return activeMemberIds(db, resourceOriginId, relationshipOf(roleOriginId));
    },
  };
}

function byGroupAndRelationship(grants: readonly RoleGrant[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const grant of grants) {
    const key = `${grant.resourceOriginId}\u0000${grant.roleOriginId.startsWith('Owner_') ? 'owner' : 'member'}`;
    const members = groups.get(key);
    if (members) members.push(grant.target.userId);
    else groups.set(key, [grant.target.userId]);
  }
  return groups;
}

function resourceType(group: Group): string {
  if (group.groupTypes.includes('Unified')) return 'Microsoft 365 Group';
  return group.securityEnabled ? 'Security Group' : 'Distribution Group';
}

export function describeGroup(group: Group): DiscoveredResource {
  return {
    originId: group.id,
    displayName: group.displayName,
    description: group.description,
    resourceType: resourceType(group),
    // Members of a role-assignable group hold the directory roles given to the group.
    grantsAdministrativeRoles: group.isAssignableToRole,
    // A dynamic group's members follow its rule, so a package can make someone its owner, not its member.
    roles: [
      ...(isDynamicGroup(group) ? [] : [{ originId: groupRoleOriginId('Member', group.id), displayName: 'Member', description: `Member of ${group.displayName}` }]),
      { originId: groupRoleOriginId('Owner', group.id), displayName: 'Owner', description: `Owner of ${group.displayName}` },
    ],
    scopes: [{ originId: group.id, displayName: 'Root', description: 'Root Scope', isRootScope: true }],
  };
}
