import { bulkInsert } from '../../db/bulk-insert.js';
import { runCollectionQuery, type Page } from '../../db/collection-query.js';
import type { Executor } from '../../db/database.js';
import { preparedQuery, type Slots } from '../../db/prepared-query.js';
import type { CollectionQuery } from '../../http/odata/query-options.js';
import { newTimeOrderedId } from '../time-ordered-ids.js';

/**
 * Group members and owners. A membership is never deleted: removing it closes the row with the
 * time, who removed it and why, so past membership stays answerable.
 */
export type Relationship = 'member' | 'owner';
export type MemberType = 'user' | 'group';
export type Membership = { groupId: string; memberId: string; memberType: MemberType; relationship: Relationship };

export async function activeMembership(db: Executor, groupId: string, memberId: string, relationship: Relationship) {
  return db
    .selectFrom('group_memberships')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('member_id', '=', memberId)
    .where('relationship', '=', relationship)
    .where('ended_date_time', 'is', null)
    .executeTakeFirst();
}

export async function openMembership(db: Executor, membership: Membership, addedBy: string | null, now: string): Promise<void> {
  await db
    .insertInto('group_memberships')
    .values({
      id: newTimeOrderedId(new Date(now)),
      group_id: membership.groupId,
      member_id: membership.memberId,
      member_type: membership.memberType,
      relationship: membership.relationship,
      started_date_time: now,
      added_by: addedBy,
      ended_date_time: null,
      removed_by: null,
      reason: null,
    })
    .execute();
}

export async function closeMembership(db: Executor, groupId: string, memberId: string, relationship: Relationship, removedBy: string | null, reason: string, now: string): Promise<number> {
  const result = await db
    .updateTable('group_memberships')
    .set({ ended_date_time: now, removed_by: removedBy, reason })
    .where('group_id', '=', groupId)
    .where('member_id', '=', memberId)
    .where('relationship', '=', relationship)
    .where('ended_date_time', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Opens the memberships of these users in one group that they do not hold yet, in one statement:
 * how a burst of deliveries reaches the directory. Returns how many were opened.
 */
export async function openMissingMemberships(db: Executor, groupId: string, relationship: Relationship, userIds: readonly string[], addedBy: string, now: string): Promise<number> {
  const held = new Set(await holdersAmong(db, groupId, relationship, userIds));
  const missing = [...new Set(userIds)].filter((id) => !held.has(id));
  const startedAt = new Date(now);
  await bulkInsert(
    db,
    'group_memberships',
    missing.map((memberId) => ({ id: newTimeOrderedId(startedAt), group_id: groupId, member_id: memberId, member_type: 'user' as const, relationship, started_date_time: now, added_by: addedBy, ended_date_time: null, removed_by: null, reason: null })),
  );
  return missing.length;
}

// Run by every delivery and expiry, for a burst of users at once: prepared (db/prepared-query.ts),
// the users one list parameter however many there are.
type GroupUsers = { groupId: string; relationship: Relationship; userIds: readonly string[] };
const closeActive = preparedQuery((db, slots: Slots<GroupUsers & { now: string; removedBy: string; reason: string }>) =>
  db
    .updateTable('group_memberships')
    .set({ ended_date_time: slots.value('now'), removed_by: slots.value('removedBy'), reason: slots.value('reason') })
    .where('group_id', '=', slots.value('groupId'))
    .where('relationship', '=', slots.value('relationship'))
    .where(slots.inList('member_id', 'userIds'))
    .where('ended_date_time', 'is', null)
    .returning('member_id'),
);
const activeHolders = preparedQuery((db, slots: Slots<GroupUsers>) =>
  db
    .selectFrom('group_memberships')
    .select('member_id')
    .where('group_id', '=', slots.value('groupId'))
    .where('relationship', '=', slots.value('relationship'))
    .where(slots.inList('member_id', 'userIds'))
    .where('ended_date_time', 'is', null),
);

/** Ends the memberships of these users in one group, in one statement. Returns how many were ended. */
export async function closeMemberships(db: Executor, groupId: string, relationship: Relationship, userIds: readonly string[], removedBy: string, reason: string, now: string): Promise<number> {
  if (userIds.length === 0) return 0;
  return (await closeActive(db, { groupId, relationship, userIds: [...new Set(userIds)], now, removedBy, reason })).length;
}

/** As closeMemberships, saying whose memberships were ended (one already ended is not). */
export async function endMembershipsOf(db: Executor, groupId: string, relationship: Relationship, userIds: readonly string[], removedBy: string, reason: string, now: string): Promise<string[]> {
  if (userIds.length === 0) return [];
  return (await closeActive(db, { groupId, relationship, userIds: [...new Set(userIds)], now, removedBy, reason })).map((row) => row.member_id);
}

async function holdersAmong(db: Executor, groupId: string, relationship: Relationship, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  return (await activeHolders(db, { groupId, relationship, userIds: [...new Set(userIds)] })).map((row) => row.member_id);
}

/** Ends every membership and ownership of a principal (when it is deleted). */
export async function closeAllMembershipsOf(db: Executor, memberId: string, removedBy: string | null, reason: string, now: string): Promise<number> {
  const result = await db
    .updateTable('group_memberships')
    .set({ ended_date_time: now, removed_by: removedBy, reason })
    .where('member_id', '=', memberId)
    .where('ended_date_time', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Ends every membership inside a group (when the group is deleted). */
export async function closeAllMembershipsIn(db: Executor, groupId: string, removedBy: string | null, reason: string, now: string): Promise<number> {
  const result = await db
    .updateTable('group_memberships')
    .set({ ended_date_time: now, removed_by: removedBy, reason })
    .where('group_id', '=', groupId)
    .where('ended_date_time', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function isGroupOwner(db: Executor, groupId: string, userId: string): Promise<boolean> {
  return (await activeMembership(db, groupId, userId, 'owner')) !== undefined;
}

export type MemberRef = { memberId: string; memberType: MemberType };

/** The current members (or owners) of a group, ordered by id. */
export async function activeMembersOf(db: Executor, groupId: string, relationship: Relationship): Promise<MemberRef[]> {
  const rows = await db
    .selectFrom('group_memberships')
    .select(['member_id', 'member_type'])
    .where('group_id', '=', groupId)
    .where('relationship', '=', relationship)
    .where('ended_date_time', 'is', null)
    .orderBy('member_id')
    .execute();
  return rows.map((row) => ({ memberId: row.member_id, memberType: row.member_type }));
}

/**
 * How deep nested groups count — for membership, inherited roles, approvers and policy targets
 * alike, so that everywhere agrees on who is "in" a group.
 */
export const maxGroupNestingDepth = 16;

/**
 * Members reached through nested groups, breadth first, each once. `maxDepth` bounds the walk
 * (1 = direct members only); the visited set keeps it finite even if nesting ever loops.
 * `types` narrows what is returned (only groups, say, to check nesting without loading users);
 * nested groups are walked either way.
 */
export async function transitiveMembersOf(db: Executor, groupId: string, maxDepth: number, types: readonly MemberType[] = ['user', 'group']): Promise<MemberRef[]> {
  const seen = new Map<string, MemberRef>();
  const expanded = new Set([groupId]);
  let frontier = [groupId];
  for (let depth = 1; depth <= maxDepth && frontier.length > 0; depth += 1) {
    const next: string[] = [];
    for (let start = 0; start < frontier.length; start += 500) {
      const rows = await db
        .selectFrom('group_memberships')
        .select(['member_id', 'member_type'])
        .where('group_id', 'in', frontier.slice(start, start + 500))
        .where('relationship', '=', 'member')
        .where('member_type', 'in', [...new Set<MemberType>([...types, 'group'])])
        .where('ended_date_time', 'is', null)
        .execute();
      for (const row of rows) {
        if (types.includes(row.member_type) && !seen.has(row.member_id)) seen.set(row.member_id, { memberId: row.member_id, memberType: row.member_type });
        if (row.member_type === 'group' && !expanded.has(row.member_id)) {
          expanded.add(row.member_id);
          next.push(row.member_id);
        }
      }
    }
    frontier = next;
  }
  return [...seen.values()];
}

// Run by every API call (who is calling, and through which groups): prepared (db/prepared-query.ts).
const groupsOfMembers = preparedQuery((db, slots: Slots<{ memberIds: readonly string[] }>) =>
  db.selectFrom('group_memberships').select('group_id').where(slots.inList('member_id', 'memberIds')).where('relationship', '=', 'member').where('ended_date_time', 'is', null),
);

/**
 * The groups a principal belongs to, directly or through nested groups (a member of a group that
 * is a member of another belongs to both). Bounded like transitiveMembersOf.
 */
export async function transitiveGroupIdsOf(db: Executor, memberId: string, maxDepth: number): Promise<string[]> {
  const found = new Set<string>();
  let frontier = [memberId];
  for (let depth = 1; depth <= maxDepth && frontier.length > 0; depth += 1) {
    const next: string[] = [];
    for (let start = 0; start < frontier.length; start += 500) {
      const rows = await groupsOfMembers(db, { memberIds: frontier.slice(start, start + 500) });
      for (const { group_id: groupId } of rows) {
        if (found.has(groupId)) continue;
        found.add(groupId);
        next.push(groupId);
      }
    }
    frontier = next;
  }
  return [...found];
}

/** The principals holding a role on a group right now (for reconciliation of the directory connector). */
export async function activeMemberIds(db: Executor, groupId: string, relationship: Relationship): Promise<string[]> {
  return (await activeMembersOf(db, groupId, relationship)).map((member) => member.memberId);
}

/**
 * One page of a group's direct members (or owners), or of the groups a principal belongs to, paged
 * in SQL by keyset on the other side's id, so a group of any size costs one page of rows. Active
 * rows only ever point at living objects: deletion closes them.
 */
export function pageOfRelationship(db: Executor, side: { groupId: string } | { memberId: string }, relationship: Relationship, query: CollectionQuery): Promise<Page<MemberRef>> {
  const base = db.selectFrom('group_memberships').where('relationship', '=', relationship).where('ended_date_time', 'is', null);
  if ('groupId' in side) {
    const rows = base.where('group_id', '=', side.groupId).select(['member_id', 'member_type']);
    return runCollectionQuery(rows, {}, query, 'member_id', (row: { member_id: string; member_type: MemberType }) => ({ memberId: row.member_id, memberType: row.member_type }));
  }
  const rows = base.where('member_id', '=', side.memberId).select(['group_id']);
  return runCollectionQuery(rows, {}, query, 'group_id', (row: { group_id: string }) => ({ memberId: row.group_id, memberType: 'group' as const }));
}

/** The groups each of these users is a direct member of now (user id → group ids). */
export async function directGroupsOf(db: Executor, userIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const groups = new Map<string, Set<string>>(userIds.map((id) => [id, new Set<string>()]));
  const unique = [...new Set(userIds)];
  for (let start = 0; start < unique.length; start += 500) {
    const rows = await db
      .selectFrom('group_memberships')
      .select(['member_id', 'group_id'])
      .where('member_id', 'in', unique.slice(start, start + 500))
      .where('relationship', '=', 'member')
      .where('ended_date_time', 'is', null)
      .execute();
    for (const row of rows) groups.get(row.member_id)?.add(row.group_id);
  }
  return groups;
}

/** The users who are members of the group now. */
export async function userMembersOf(db: Executor, groupId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('group_memberships')
    .select('member_id')
    .where('group_id', '=', groupId)
    .where('relationship', '=', 'member')
    .where('member_type', '=', 'user')
    .where('ended_date_time', 'is', null)
    .execute();
  return rows.map((row) => row.member_id);
}

/** Which of these users are members of which of these groups now (group id → user ids). */
export async function userMembershipsAmong(db: Executor, groupIds: readonly string[], userIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const members = new Map<string, Set<string>>();
  const users = [...new Set(userIds)];
  const groups = [...new Set(groupIds)];
  for (let start = 0; start < users.length; start += 200) {
    for (let from = 0; from < groups.length; from += 500) {
      const rows = await db
        .selectFrom('group_memberships')
        .select(['group_id', 'member_id'])
        .where('member_id', 'in', users.slice(start, start + 200))
        .where('group_id', 'in', groups.slice(from, from + 500))
        .where('relationship', '=', 'member')
        .where('ended_date_time', 'is', null)
        .execute();
      for (const row of rows) {
        const set = members.get(row.group_id) ?? new Set<string>();
        set.add(row.member_id);
        members.set(row.group_id, set);
      }
    }
  }
  return members;
}
