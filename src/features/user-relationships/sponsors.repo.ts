import { randomUUID } from 'node:crypto';
import type { Executor } from '../../db/database.js';

/** Sponsors of a user (typically a guest): the people inside who vouch for them. Closed, not deleted. */
export async function listSponsorIds(db: Executor, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('user_sponsors').select('sponsor_id').where('user_id', '=', userId).where('ended_date_time', 'is', null).orderBy('started_date_time').execute();
  return rows.map((row) => row.sponsor_id);
}

export async function openSponsorship(db: Executor, userId: string, sponsorId: string, addedBy: string, now: string): Promise<void> {
  await db
    .insertInto('user_sponsors')
    .values({ id: randomUUID(), user_id: userId, sponsor_id: sponsorId, sponsor_type: 'user', started_date_time: now, added_by: addedBy, ended_date_time: null, removed_by: null })
    .execute();
}

export async function closeSponsorship(db: Executor, userId: string, sponsorId: string, removedBy: string, now: string): Promise<number> {
  const result = await db
    .updateTable('user_sponsors')
    .set({ ended_date_time: now, removed_by: removedBy })
    .where('user_id', '=', userId)
    .where('sponsor_id', '=', sponsorId)
    .where('ended_date_time', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Ends every sponsorship a user takes part in, as sponsor or as the one sponsored (when deleted). */
export async function closeSponsorshipsOf(db: Executor, userId: string, removedBy: string, now: string): Promise<void> {
  await db
    .updateTable('user_sponsors')
    .set({ ended_date_time: now, removed_by: removedBy })
    .where((eb) => eb.or([eb('user_id', '=', userId), eb('sponsor_id', '=', userId)]))
    .where('ended_date_time', 'is', null)
    .execute();
}
