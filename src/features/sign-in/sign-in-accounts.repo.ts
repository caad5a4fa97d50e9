import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { rowCount } from '../../db/dialect.js';
import type { SignInCandidate, SignInUserProperty } from '../../domain/portal-sign-in.js';

/**
 * The living users an identity provider's claim value names, by the configured property: at most
 * two, as two already make the match ambiguous. Disabled users are returned too, so that the
 * refusal can say why. Each comparison goes through an index (the lower(...) expression indexes
 * of the directory migration).
 */
export async function signInCandidates(db: Executor, property: SignInUserProperty, value: string): Promise<SignInCandidate[]> {
  let query = db.selectFrom('users').select(['id', 'account_enabled']).where('deleted_date_time', 'is', null);
  switch (property) {
    case 'userPrincipalName':
      query = query.where(sql`lower(user_principal_name)`, '=', sql`lower(${value})`);
      break;
    case 'mail':
      query = query.where(sql`lower(mail)`, '=', sql`lower(${value})`);
      break;
    case 'id':
      query = query.where('id', '=', value);
      break;
    case 'employeeId':
      // Exact, but found through the case-insensitive index.
      query = query.where(sql`lower(employee_id)`, '=', sql`lower(${value})`).where('employee_id', '=', value);
      break;
  }
  const rows = await query.limit(rowCount(2)).execute();
  return rows.map((row) => ({ id: row.id, accountEnabled: row.account_enabled === 1 }));
}
