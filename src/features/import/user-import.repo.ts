import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { inBatches } from './import-rows.js';

/**
 * Set-at-a-time reads for bulk imports: an import of 100,000 rows cannot afford a query per row,
 * so these take whole lists and chunk them under the bound-parameter limits.
 */
export type UserReference = { id: string; userPrincipalName: string; displayName: string };

/** Living users by principal name, keyed by the lower-cased name (names compare case-insensitively). */
export async function usersByPrincipalNames(db: Executor, names: readonly string[]): Promise<Map<string, UserReference>> {
  const found = new Map<string, UserReference>();
  const lowered = [...new Set(names.map((name) => name.toLowerCase()))];
  for (const chunk of inBatches(lowered, 500)) {
    const rows = await db
      .selectFrom('users')
      .select(['id', 'user_principal_name', 'display_name'])
      .where('deleted_date_time', 'is', null)
      .where(sql`lower(user_principal_name)`, 'in', chunk)
      .execute();
    for (const row of rows) {
      found.set(row.user_principal_name.toLowerCase(), { id: row.id, userPrincipalName: row.user_principal_name, displayName: row.display_name });
    }
  }
  return found;
}
