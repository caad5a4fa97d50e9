import { randomUUID } from 'node:crypto';
import { runCollectionQuery, type Page, type QueryableProperties } from '../../db/collection-query.js';
import type { Executor, RoleAssignmentsTable } from '../../db/database.js';
import { preparedQuery, type Slots } from '../../db/prepared-query.js';
import type { CollectionQuery } from '../../http/odata/query-options.js';

/** Graph's unifiedRoleAssignment, for both the directory and the entitlement-management provider. */
export type RoleProvider = RoleAssignmentsTable['provider'];
export type RoleAssignment = {
  id: string;
  roleDefinitionId: string;
  principalId: string;
  directoryScopeId: string;
  appScopeId: string | null;
  createdDateTime: string;
};

function fromRow(row: RoleAssignmentsTable): RoleAssignment {
  return {
    id: row.id,
    roleDefinitionId: row.role_definition_id,
    principalId: row.principal_id,
    directoryScopeId: row.directory_scope_id,
    appScopeId: row.app_scope_id,
    createdDateTime: row.created_date_time,
  };
}

export const roleAssignmentQueryableProperties: QueryableProperties = {
  id: { column: 'id', kind: 'caseSensitiveText' },
  roleDefinitionId: { column: 'role_definition_id', kind: 'caseSensitiveText' },
  principalId: { column: 'principal_id', kind: 'caseSensitiveText' },
  directoryScopeId: { column: 'directory_scope_id', kind: 'caseSensitiveText' },
  appScopeId: { column: 'app_scope_id', kind: 'caseSensitiveText' },
  createdDateTime: { column: 'created_date_time', kind: 'dateTime', sortable: true },
};

const active = (db: Executor, provider: RoleProvider) =>
  db.selectFrom('role_assignments').selectAll().where('provider', '=', provider).where('ended_date_time', 'is', null);

export function listRoleAssignments(db: Executor, provider: RoleProvider, query: CollectionQuery, appScopeIds?: string[]): Promise<Page<RoleAssignment>> {
  let base = active(db, provider);
  if (appScopeIds) base = appScopeIds.length ? base.where('app_scope_id', 'in', appScopeIds) : base.where('id', '=', '');
  return runCollectionQuery(base, roleAssignmentQueryableProperties, query, 'id', fromRow);
}

export async function findRoleAssignment(db: Executor, provider: RoleProvider, id: string): Promise<RoleAssignment | undefined> {
  const row = await active(db, provider).where('id', '=', id).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

export async function findEquivalentAssignment(db: Executor, provider: RoleProvider, roleDefinitionId: string, principalId: string, appScopeId: string | null): Promise<RoleAssignment | undefined> {
  let query = active(db, provider).where('role_definition_id', '=', roleDefinitionId).where('principal_id', '=', principalId);
  query = appScopeId === null ? query.where('app_scope_id', 'is', null) : query.where('app_scope_id', '=', appScopeId);
  const row = await query.executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

export async function insertRoleAssignment(
  db: Executor,
  provider: RoleProvider,
  assignment: { roleDefinitionId: string; principalId: string; appScopeId: string | null },
  createdBy: string | null,
  now: string,
): Promise<RoleAssignment> {
  const row: RoleAssignmentsTable = {
    id: randomUUID(),
    provider,
    role_definition_id: assignment.roleDefinitionId,
    principal_id: assignment.principalId,
    directory_scope_id: '/',
    app_scope_id: assignment.appScopeId,
    created_date_time: now,
    created_by: createdBy,
    ended_date_time: null,
    ended_by: null,
  };
  await db.insertInto('role_assignments').values(row).execute();
  return fromRow(row);
}

export async function endRoleAssignment(db: Executor, id: string, endedBy: string | null, now: string): Promise<void> {
  await db.updateTable('role_assignments').set({ ended_date_time: now, ended_by: endedBy }).where('id', '=', id).where('ended_date_time', 'is', null).execute();
}

export async function closeAllRoleAssignmentsOf(db: Executor, principalId: string, endedBy: string | null, now: string): Promise<void> {
  await db.updateTable('role_assignments').set({ ended_date_time: now, ended_by: endedBy }).where('principal_id', '=', principalId).where('ended_date_time', 'is', null).execute();
}

// Run by every API call: prepared (db/prepared-query.ts).
const rolesOfPrincipals = preparedQuery((db, slots: Slots<{ principalIds: readonly string[] }>) =>
  db.selectFrom('role_assignments').select(['provider', 'role_definition_id', 'app_scope_id']).where(slots.inList('principal_id', 'principalIds')).where('ended_date_time', 'is', null),
);

/** The active role assignments that apply to a user: held directly or through a group. */
export async function roleAssignmentsFor(db: Executor, principalIds: string[]): Promise<{ provider: RoleProvider; roleDefinitionId: string; appScopeId: string | null }[]> {
  if (principalIds.length === 0) return [];
  const rows = await rolesOfPrincipals(db, { principalIds });
  return rows.map((row) => ({ provider: row.provider, roleDefinitionId: row.role_definition_id, appScopeId: row.app_scope_id }));
}
