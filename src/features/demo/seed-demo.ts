import { randomUUID } from 'node:crypto';
import type { AuditDraft } from '../../domain/audit-entry.js';
import type { Group } from '../../domain/group.js';
import type { Actor } from '../../domain/principal.js';
import { directoryRoles } from '../../domain/roles.js';
import { buildUser } from '../../domain/user.js';
import { recordAudit } from '../audit/audit.repo.js';
import { insertRoleAssignment } from '../authorization/role-assignments.repo.js';
import type { Deps } from '../deps.js';
import { insertGroups } from '../groups/groups.repo.js';
import { openMembership } from '../group-memberships/memberships.repo.js';
import { hasAnyUser, insertUsers } from '../users/users.repo.js';
import { demoGroups, demoPeople } from './demo-organisation.js';
import { seedDemoCatalog } from './seed-demo-catalog.js';
import { seedDemoPartners } from './seed-demo-partners.js';
import { seedDemoReview } from './seed-demo-review.js';

/**
 * Seeds the demo organisation into an empty directory (no users yet) and says whether it did.
 * The directory is written in one transaction with an audit entry per object, as an import
 * would; the catalog is then built through the same use cases an administrator's calls use.
 */
export async function seedDemoIfEmpty(deps: Deps, actor: Actor): Promise<boolean> {
  if (await hasAnyUser(deps.db)) return false;
  const now = deps.clock();
  const iso = now.toISOString();
  const people = demoPeople();
  const users = people.map((person) => {
    const { key: _key, managerPrincipalName: _manager, ...fields } = person;
    return { person, user: buildUser(fields, randomUUID(), now) };
  });
  const idByPrincipalName = new Map(users.map(({ user }) => [user.userPrincipalName, user.id]));
  const idByKey = new Map(users.map(({ person, user }) => [person.key, user.id]));
  const groups = demoGroups().map((definition) => ({
    definition,
    group: {
      id: randomUUID(),
      displayName: definition.displayName,
      description: definition.description,
      mailNickname: definition.mailNickname,
      mail: null,
      mailEnabled: false,
      securityEnabled: true,
      groupTypes: [],
      membershipRule: null,
      membershipRuleProcessingState: null,
      visibility: 'Private',
      isAssignableToRole: false,
      createdDateTime: iso,
      deletedDateTime: null,
    } satisfies Group,
  }));

  await deps.db.transaction().execute(async (trx) => {
    await insertUsers(
      trx,
      users.map(({ person, user }) => ({ user, managerId: person.managerPrincipalName ? idByPrincipalName.get(person.managerPrincipalName)! : null })),
      iso,
    );
    await insertGroups(trx, groups.map(({ group }) => group), iso);
    const audits: AuditDraft[] = users.map(({ user }) => ({
      category: 'UserManagement',
      activityDisplayName: 'Add user',
      operationType: 'Add',
      targetResources: [{ id: user.id, displayName: user.displayName, type: 'User', userPrincipalName: user.userPrincipalName, modifiedProperties: [] }],
    }));
    for (const { definition, group } of groups) {
      audits.push({ category: 'GroupManagement', activityDisplayName: 'Add group', operationType: 'Add', targetResources: [{ id: group.id, displayName: group.displayName, type: 'Group', modifiedProperties: [] }] });
      const ownerId = idByKey.get(definition.ownerKey)!;
      await openMembership(trx, { groupId: group.id, memberId: ownerId, memberType: 'user', relationship: 'owner' }, null, iso);
      const members = definition.memberDepartment ? users.filter(({ user }) => user.department === definition.memberDepartment) : [];
      for (const { user } of members) {
        await openMembership(trx, { groupId: group.id, memberId: user.id, memberType: 'user', relationship: 'member' }, null, iso);
      }
    }
    const administratorId = idByKey.get('admin')!;
    await insertRoleAssignment(trx, 'directory', { roleDefinitionId: directoryRoles.globalAdministrator.id, principalId: administratorId, appScopeId: null }, null, iso);
    audits.push({
      category: 'RoleManagement',
      activityDisplayName: 'Add member to role',
      operationType: 'Assign',
      targetResources: [
        { id: directoryRoles.globalAdministrator.id, displayName: directoryRoles.globalAdministrator.displayName, type: 'Role', modifiedProperties: [] },
        { id: administratorId, displayName: 'Ada Administrator', type: 'User', userPrincipalName: 'admin@example.com', modifiedProperties: [] },
      ],
    });
    await recordAudit(trx, actor, now, audits);
  });

  const groupIds = new Map(groups.map(({ definition, group }) => [definition.key, group.id]));
  await seedDemoCatalog(deps, actor, groupIds);
  await seedDemoReview(deps, actor, groupIds);
  await seedDemoPartners(deps, actor, groupIds);
  return true;
}
