import { sql } from 'kysely';
import { runCollectionQuery, type Page, type QueryableProperties } from '../../db/collection-query.js';
import type { Executor, GroupsTable } from '../../db/database.js';
import { rowCount, textMatch } from '../../db/dialect.js';
import { isDynamicGroup, type Group } from '../../domain/group.js';
import type { CollectionQuery } from '../../http/odata/query-options.js';

function fromRow(row: GroupsTable): Group {
  return {
    id: row.id,
    displayName: row.display_name,
    description: row.description,
    mailNickname: row.mail_nickname,
    mail: row.mail,
    mailEnabled: row.mail_enabled === 1,
    securityEnabled: row.security_enabled === 1,
    groupTypes: JSON.parse(row.group_types),
    membershipRule: row.membership_rule,
    membershipRuleProcessingState: row.membership_rule_processing_state as Group['membershipRuleProcessingState'],
    visibility: row.visibility as Group['visibility'],
    isAssignableToRole: row.is_assignable_to_role === 1,
    createdDateTime: row.created_date_time,
    deletedDateTime: row.deleted_date_time,
  };
}

function toRow(group: Group, modified: string): GroupsTable {
  return {
    id: group.id,
    display_name: group.displayName,
    description: group.description,
    mail_nickname: group.mailNickname,
    mail: group.mail,
    mail_enabled: group.mailEnabled ? 1 : 0,
    security_enabled: group.securityEnabled ? 1 : 0,
    group_types: JSON.stringify(group.groupTypes),
    membership_rule: group.membershipRule,
    membership_rule_processing_state: group.membershipRuleProcessingState,
    visibility: group.visibility,
    is_assignable_to_role: group.isAssignableToRole ? 1 : 0,
    created_date_time: group.createdDateTime,
    modified_date_time: modified,
    deleted_date_time: group.deletedDateTime,
  };
}

export const groupQueryableProperties: QueryableProperties = {
  id: { column: 'groups.id', kind: 'caseSensitiveText' },
  displayName: { column: 'groups.display_name', kind: 'text', sortable: true },
  description: { column: 'groups.description', kind: 'text' },
  mailNickname: { column: 'groups.mail_nickname', kind: 'text', sortable: true },
  mail: { column: 'groups.mail', kind: 'text', sortable: true },
  mailEnabled: { column: 'groups.mail_enabled', kind: 'boolean' },
  securityEnabled: { column: 'groups.security_enabled', kind: 'boolean' },
  membershipRuleProcessingState: { column: 'groups.membership_rule_processing_state', kind: 'enum', values: ['On', 'Paused'] },
  isAssignableToRole: { column: 'groups.is_assignable_to_role', kind: 'boolean' },
  createdDateTime: { column: 'groups.created_date_time', kind: 'dateTime', sortable: true },
};

const living = (db: Executor) => db.selectFrom('groups').selectAll('groups').where('groups.deleted_date_time', 'is', null);

export async function insertGroups(db: Executor, groups: Group[], now: string): Promise<void> {
  const rows = groups.map((group) => toRow(group, now));
  for (let start = 0; start < rows.length; start += 1000) {
    await db.insertInto('groups').values(rows.slice(start, start + 1000)).execute();
  }
}

export async function replaceGroup(db: Executor, group: Group, now: string): Promise<void> {
  const { id, created_date_time: _created, ...changes } = toRow(group, now);
  await db.updateTable('groups').set(changes).where('id', '=', id).execute();
}

export async function findGroup(db: Executor, id: string): Promise<Group | undefined> {
  const row = await living(db).where('groups.id', '=', id).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

export async function findGroupsByIds(db: Executor, ids: readonly string[]): Promise<Group[]> {
  if (ids.length === 0) return [];
  const rows = await living(db).where('groups.id', 'in', [...new Set(ids)]).execute();
  return rows.map(fromRow);
}

export function listGroups(db: Executor, query: CollectionQuery): Promise<Page<Group>> {
  return runCollectionQuery(living(db), groupQueryableProperties, query, 'groups.id', fromRow);
}

/** Groups whose display name starts with the text, for discovery in the admin center. */
export async function searchGroups(db: Executor, search: string | undefined, top: number, after: string | undefined): Promise<Group[]> {
  let query = living(db);
  if (search) query = query.where(textMatch.startsWith(sql.ref('groups.display_name'), search));
  if (after) query = query.where('groups.id', '>', after);
  const rows = await query.orderBy('groups.id').limit(rowCount(top)).execute();
  return rows.map(fromRow);
}

export async function markGroupDeleted(db: Executor, groupId: string, now: string): Promise<void> {
  await db.updateTable('groups').set({ deleted_date_time: now, modified_date_time: now }).where('id', '=', groupId).execute();
}

/** Whether a group is offered as a resource in some catalog (and so must not vanish under it). */
export async function isCatalogResource(db: Executor, groupId: string): Promise<boolean> {
  const row = await db
    .selectFrom('resources')
    .select('id')
    .where('origin_system', '=', 'AadGroup')
    .where('origin_id', '=', groupId)
    .where('removed_date_time', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** The dynamic groups whose rule is processed (state On): the ones a change to a user can move. */
/** Every dynamic group with a rule, processed or paused (a paused rule may be switched back on). */
export async function dynamicGroupsWithRules(db: Executor): Promise<Group[]> {
  const rows = await living(db).where('groups.membership_rule', 'is not', null).where('groups.group_types', 'like', '%"DynamicMembership"%').orderBy('groups.id').execute();
  return rows.map(fromRow).filter(isDynamicGroup);
}

export async function activeDynamicGroups(db: Executor): Promise<Group[]> {
  const rows = await living(db)
    .where('groups.membership_rule_processing_state', '=', 'On')
    .where('groups.membership_rule', 'is not', null)
    .where('groups.group_types', 'like', '%"DynamicMembership"%')
    .orderBy('groups.id')
    .execute();
  return rows.map(fromRow).filter(isDynamicGroup);
}
