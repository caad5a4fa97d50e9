import { randomUUID } from 'node:crypto';
import type { Executor } from '../../db/database.js';

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
      id: randomUUID(),
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

/** Ids of the groups a principal is a direct member of. */
export async function groupIdsOf(db: Executor, memberId: string, relationship: Relationship = 'member'): Promise<string[]> {
  const rows = await db
    .selectFrom('group_memberships')
    .select('group_id')
    .where('member_id', '=', memberId)
    .where('relationship', '=', relationship)
    .where('ended_date_time', 'is', null)
    .execute();
  return rows.map((row) => row.group_id);
}
