import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { groupRoleOriginId, type Group } from '../../domain/group.js';
import { findGroup, searchGroups } from '../../features/groups/groups.repo.js';
import { activeMemberIds, activeMembership, closeMembership, openMembership } from '../../features/group-memberships/memberships.repo.js';
import { isUniqueViolation } from '../../db/dialect.js';
import type { Connector, DiscoveredResource, RoleGrant } from '../connector.js';

/**
 * The built-in directory as a connected system: its groups are resources (originSystem AadGroup)
 * with the roles Member and Owner, as Entra offers them to access packages.
 */
export function directoryConnector(db: Kysely<Database>, clock: () => Date): Connector {
  const relationshipOf = (roleOriginId: string) => (roleOriginId.startsWith('Owner_') ? 'owner' : 'member');
  return {
    originSystem: 'AadGroup',

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
      try {
        await openMembership(db, { groupId: grant.resourceOriginId, memberId: grant.target.userId, memberType: 'user', relationship }, 'system:entitlement-management', clock().toISOString());
      } catch (error) {
        // Granting twice is harmless: a concurrent grant of the same membership already holds it.
        if (!isUniqueViolation(error)) throw error;
      }
    },

    async revoke(grant: RoleGrant) {
      await closeMembership(db, grant.resourceOriginId, grant.target.userId, relationshipOf(grant.roleOriginId), 'system:entitlement-management', 'access package assignment ended', clock().toISOString());
    },

    async listHolders(resourceOriginId, roleOriginId) {
      return activeMemberIds(db, resourceOriginId, relationshipOf(roleOriginId));
    },
  };
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
    roles: [
      { originId: groupRoleOriginId('Member', group.id), displayName: 'Member', description: `Member of ${group.displayName}` },
      { originId: groupRoleOriginId('Owner', group.id), displayName: 'Owner', description: `Owner of ${group.displayName}` },
    ],
    scopes: [{ originId: group.id, displayName: 'Root', description: 'Root Scope', isRootScope: true }],
  };
}
