import type { Executor } from '../../db/database.js';

/**
 * When each user was last seen active, for access reviews' recommendations: their last sign-in to
 * the portal, their last API call, and the last use of their access that a connected system (or a
 * script speaking for one) reported. Each only moves forward.
 */
type Column = 'last_sign_in_date_time' | 'last_api_date_time' | 'last_reported_date_time';

export async function recordActivity(db: Executor, column: Column, entries: readonly { userId: string; at: string; source?: string | null }[]): Promise<void> {
  for (let start = 0; start < entries.length; start += 500) {
    const chunk = entries.slice(start, start + 500);
    await db
      .insertInto('user_activity')
      .values(chunk.map((entry) => ({ user_id: entry.userId, last_sign_in_date_time: null, last_api_date_time: null, last_reported_date_time: null, last_reported_source: null, [column]: entry.at, ...(column === 'last_reported_date_time' ? { last_reported_source: entry.source ?? null } : {}) })))
      .onConflict((oc) =>
        oc.column('user_id').doUpdateSet((eb) => {
          const later = eb.or([eb(`user_activity.${column}`, 'is', null), eb(`user_activity.${column}`, '<', eb.ref(`excluded.${column}`))]);
          return {
            [column]: eb.case().when(later).then(eb.ref(`excluded.${column}`)).else(eb.ref(`user_activity.${column}`)).end(),
            ...(column === 'last_reported_date_time' ? { last_reported_source: eb.case().when(later).then(eb.ref('excluded.last_reported_source')).else(eb.ref('user_activity.last_reported_source')).end() } : {}),
          };
        }),
      )
      .execute();
  }
}

export type UserActivity = { lastSignInDateTime: string | null; lastApiDateTime: string | null; lastReportedDateTime: string | null; lastReportedSource: string | null };

export async function activityOf(db: Executor, userId: string): Promise<UserActivity | undefined> {
  const row = await db.selectFrom('user_activity').selectAll().where('user_id', '=', userId).executeTakeFirst();
  return row ? { lastSignInDateTime: row.last_sign_in_date_time, lastApiDateTime: row.last_api_date_time, lastReportedDateTime: row.last_reported_date_time, lastReportedSource: row.last_reported_source } : undefined;
}

/** Forgets when someone was last active (personal data, removed with a deleted guest). */
export async function forgetActivity(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('user_activity').where('user_id', '=', userId).execute();
}
