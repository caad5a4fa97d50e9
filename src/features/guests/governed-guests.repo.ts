import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { User } from '../../domain/user.js';
import { findUsersByIds } from '../users/users.repo.js';

export type GovernedGuest = {
  userId: string;
  email: string;
  connectedOrganizationId: string | null;
  createdDateTime: string;
  blockedDateTime: string | null;
  deletionDueDateTime: string | null;
  deletedDateTime: string | null;
};

/** The living user with this address, as mail or sign-in name: an outsider is reused, never made twice. */
export async function findUserByEmail(db: Executor, email: string): Promise<User | undefined> {
  const address = email.toLowerCase();
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('deleted_date_time', 'is', null)
    .where((eb) => eb.or([eb(sql`lower(mail)`, '=', address), eb(sql`lower(user_principal_name)`, '=', address)]))
    .orderBy('created_date_time')
    .executeTakeFirst();
  return row ? (await findUsersByIds(db, [row.id]))[0] : undefined;
}

export async function insertGovernedGuest(db: Executor, guest: Pick<GovernedGuest, 'userId' | 'email' | 'connectedOrganizationId' | 'createdDateTime'>): Promise<void> {
  await db
    .insertInto('governed_guests')
    .values({ user_id: guest.userId, email: guest.email, connected_organization_id: guest.connectedOrganizationId, created_date_time: guest.createdDateTime, blocked_date_time: null, deletion_due_date_time: null, deleted_date_time: null })
    .execute();
}

export async function findGovernedGuest(db: Executor, userId: string): Promise<GovernedGuest | undefined> {
  return (await findGovernedGuests(db, [userId]))[0];
}

export async function findGovernedGuests(db: Executor, userIds: readonly string[]): Promise<GovernedGuest[]> {
  if (userIds.length === 0) return [];
  const rows = await db.selectFrom('governed_guests').selectAll().where('user_id', 'in', [...new Set(userIds)]).execute();
  return rows.map((row) => ({
    userId: row.user_id,
    email: row.email,
    connectedOrganizationId: row.connected_organization_id,
    createdDateTime: row.created_date_time,
    blockedDateTime: row.blocked_date_time,
    deletionDueDateTime: row.deletion_due_date_time,
    deletedDateTime: row.deleted_date_time,
  }));
}

/** Of these users, the governed guests not yet deleted (the only ones the lifecycle acts on). */
export async function governedGuestIdsAmong(db: Executor, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db.selectFrom('governed_guests').select('user_id').where('user_id', 'in', [...new Set(userIds)]).where('deleted_date_time', 'is', null).execute();
  return rows.map((row) => row.user_id);
}

/** Of these users, the governed guests the lifecycle has blocked. */
export async function blockedGuestIdsAmong(db: Executor, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db.selectFrom('governed_guests').select('user_id').where('user_id', 'in', [...new Set(userIds)]).where('blocked_date_time', 'is not', null).where('deleted_date_time', 'is', null).execute();
  return rows.map((row) => row.user_id);
}

export async function markGuestsBlocked(db: Executor, userIds: readonly string[], blockedAt: string, deletionDue: string | null): Promise<void> {
  if (userIds.length === 0) return;
  await db.updateTable('governed_guests').set({ blocked_date_time: blockedAt, deletion_due_date_time: deletionDue }).where('user_id', 'in', [...userIds]).execute();
}

export async function clearGuestBlocks(db: Executor, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  await db.updateTable('governed_guests').set({ blocked_date_time: null, deletion_due_date_time: null }).where('user_id', 'in', [...userIds]).execute();
}

export async function setGuestOrganization(db: Executor, userIds: readonly string[], organizationId: string): Promise<void> {
  if (userIds.length === 0) return;
  await db.updateTable('governed_guests').set({ connected_organization_id: organizationId }).where('user_id', 'in', [...userIds]).where('connected_organization_id', 'is', null).execute();
}

/** The guest's address is personal data too: only the fact that there was a guest stays. */
export async function markGuestDeleted(db: Executor, userId: string, now: string): Promise<void> {
  await db.updateTable('governed_guests').set({ deleted_date_time: now, email: '', deletion_due_date_time: null }).where('user_id', '=', userId).execute();
}

/** What stands in the way of deleting a guest: active assignments and requests under way. */
export async function guestHoldings(db: Executor, userId: string): Promise<{ activeAssignments: number; openRequests: number }> {
  return (await guestHoldingsOf(db, [userId])).get(userId)!;
}

/** guestHoldings for many guests, in two grouped counts. */
export async function guestHoldingsOf(db: Executor, userIds: readonly string[]): Promise<Map<string, { activeAssignments: number; openRequests: number }>> {
  const holdings = new Map(userIds.map((id) => [id, { activeAssignments: 0, openRequests: 0 }]));
  if (userIds.length === 0) return holdings;
  const ids = [...new Set(userIds)];
  const assignments = await db.selectFrom('assignments').select(['target_id', (eb) => eb.fn.countAll<number>().as('n')]).where('target_id', 'in', ids).where('is_active', '=', 1).groupBy('target_id').execute();
  const requests = await db.selectFrom('assignment_requests').select(['target_id', (eb) => eb.fn.countAll<number>().as('n')]).where('target_id', 'in', ids).where('is_open', '=', 1).groupBy('target_id').execute();
  for (const row of assignments) holdings.get(row.target_id)!.activeAssignments = Number(row.n);
  for (const row of requests) holdings.get(row.target_id)!.openRequests = Number(row.n);
  return holdings;
}

/**
 * For a governed guest (an outsider): the living catalogs visible to external users, the only ones
 * they may request from; undefined for anyone else.
 */
export async function outsiderCatalogIds(db: Executor, userId: string): Promise<Set<string> | undefined> {
  const governed = await db.selectFrom('governed_guests').select('user_id').where('user_id', '=', userId).executeTakeFirst();
  if (!governed) return undefined;
  const rows = await db.selectFrom('catalogs').select('id').where('is_externally_visible', '=', 1).where('deleted_date_time', 'is', null).execute();
  return new Set(rows.map((row) => row.id));
}
