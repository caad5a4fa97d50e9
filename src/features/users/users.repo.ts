import { sql } from 'kysely';
import { rowCount } from '../../db/dialect.js';
import { runCollectionQuery, type Page, type QueryableProperties } from '../../db/collection-query.js';
import { bulkInsert } from '../../db/bulk-insert.js';
import { preparedQuery, type Slots } from '../../db/prepared-query.js';
import type { Executor, UsersTable } from '../../db/database.js';
import { extensionAttributeNames, userTypes, type OnPremisesExtensionAttributes, type User } from '../../domain/user.js';
import type { CollectionQuery } from '../../http/odata/query-options.js';

type UserRow = UsersTable;

function fromRow(row: UserRow): User {
  const extensions = Object.fromEntries(
    extensionAttributeNames.map((name, index) => [name, row[`extension_attribute_${index + 1}` as keyof UserRow] as string | null]),
  ) as OnPremisesExtensionAttributes;
  return {
    id: row.id,
    userPrincipalName: row.user_principal_name,
    displayName: row.display_name,
    givenName: row.given_name,
    surname: row.surname,
    mail: row.mail,
    otherMails: JSON.parse(row.other_mails),
    proxyAddresses: JSON.parse(row.proxy_addresses),
    userType: row.user_type as User['userType'],
    accountEnabled: row.account_enabled === 1,
    department: row.department,
    jobTitle: row.job_title,
    companyName: row.company_name,
    country: row.country,
    city: row.city,
    officeLocation: row.office_location,
    employeeId: row.employee_id,
    employeeType: row.employee_type,
    employeeHireDate: row.employee_hire_date,
    usageLocation: row.usage_location,
    onPremisesExtensionAttributes: extensions,
    createdDateTime: row.created_date_time,
    deletedDateTime: row.deleted_date_time,
  };
}

function toRow(user: User, managerId: string | null, modified: string): UserRow {
  const row: Record<string, unknown> = {
    id: user.id,
    user_principal_name: user.userPrincipalName,
    display_name: user.displayName,
    given_name: user.givenName,
    surname: user.surname,
    mail: user.mail,
    other_mails: JSON.stringify(user.otherMails),
    proxy_addresses: JSON.stringify(user.proxyAddresses),
    user_type: user.userType,
    account_enabled: user.accountEnabled ? 1 : 0,
    department: user.department,
    job_title: user.jobTitle,
    company_name: user.companyName,
    country: user.country,
    city: user.city,
    office_location: user.officeLocation,
    employee_id: user.employeeId,
    employee_type: user.employeeType,
    employee_hire_date: user.employeeHireDate,
    usage_location: user.usageLocation,
    manager_id: managerId,
    created_date_time: user.createdDateTime,
    modified_date_time: modified,
    deleted_date_time: user.deletedDateTime,
  };
  extensionAttributeNames.forEach((name, index) => {
    row[`extension_attribute_${index + 1}`] = user.onPremisesExtensionAttributes[name];
  });
  return row as unknown as UserRow;
}

const text = (column: string) => ({ column, kind: 'text' as const, sortable: true });

export const userQueryableProperties: QueryableProperties = {
  id: { column: 'users.id', kind: 'caseSensitiveText' },
  userPrincipalName: text('users.user_principal_name'),
  displayName: text('users.display_name'),
  givenName: text('users.given_name'),
  surname: text('users.surname'),
  mail: text('users.mail'),
  userType: { column: 'users.user_type', kind: 'enum', values: userTypes },
  accountEnabled: { column: 'users.account_enabled', kind: 'boolean' },
  department: text('users.department'),
  jobTitle: text('users.job_title'),
  companyName: text('users.company_name'),
  country: text('users.country'),
  city: text('users.city'),
  officeLocation: text('users.office_location'),
  employeeId: text('users.employee_id'),
  employeeType: text('users.employee_type'),
  employeeHireDate: { column: 'users.employee_hire_date', kind: 'dateTime', sortable: true },
  usageLocation: text('users.usage_location'),
  createdDateTime: { column: 'users.created_date_time', kind: 'dateTime', sortable: true },
  'manager/id': { column: 'users.manager_id', kind: 'caseSensitiveText' },
  ...Object.fromEntries(
    extensionAttributeNames.map((name, index) => [`onPremisesExtensionAttributes/${name}`, text(`users.extension_attribute_${index + 1}`)]),
  ),
};

const living = (db: Executor) => db.selectFrom('users').selectAll('users').where('users.deleted_date_time', 'is', null);

export async function insertUsers(db: Executor, users: { user: User; managerId: string | null }[], now: string): Promise<void> {
  await bulkInsert(db, 'users', users.map(({ user, managerId }) => toRow(user, managerId, now)));
}

export async function replaceUser(db: Executor, user: User, now: string): Promise<void> {
  const { id, manager_id: _manager, created_date_time: _created, ...changes } = toRow(user, null, now);
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}

export async function findUser(db: Executor, idOrPrincipalName: string): Promise<User | undefined> {
  const query = idOrPrincipalName.includes('@')
    ? living(db).where(sql`lower(user_principal_name)`, '=', sql`lower(${idOrPrincipalName})`)
    : living(db).where('users.id', '=', idOrPrincipalName);
  const row = await query.executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

/** What signing in needs to know of a user: who they are, and whether they may. */
export type SignInIdentity = Pick<User, 'id' | 'userPrincipalName' | 'displayName' | 'userType' | 'accountEnabled'>;

// Run by every API call: prepared (db/prepared-query.ts). The token is found by a subquery of its
// own, not a join: SQLite plans a join from its table statistics, and statistics taken when there
// were hardly any tokens (an import on a new database) made it scan every token on every call
// (measured: 1 ms a call with 13,000 tokens). Alone, the lookup by the unique hash is always an
// index search.
const tokenIdentity = preparedQuery((db, slots: Slots<{ tokenHash: string; now: string }>) =>
  db
    .selectFrom('users')
    .select(['users.id', 'users.user_principal_name', 'users.display_name', 'users.user_type', 'users.account_enabled'])
    .where('users.id', '=', (eb) =>
      eb
        .selectFrom('access_tokens')
        .select('access_tokens.user_id')
        .where('access_tokens.token_hash', '=', slots.value('tokenHash'))
        .where('access_tokens.revoked_date_time', 'is', null)
        .where('access_tokens.expires_date_time', '>', slots.value('now')),
    )
    .where('users.deleted_date_time', 'is', null)
    .limit(rowCount(1)),
);

/**
 * The living user a presented token belongs to, if the token is known, unrevoked and unexpired:
 * the token and the few columns signing in needs, in one query, as every API call asks it.
 */
export async function identityForTokenHash(db: Executor, tokenHash: string, now: string): Promise<SignInIdentity | undefined> {
  const [row] = await tokenIdentity(db, { tokenHash, now });
  return row ? { id: row.id, userPrincipalName: row.user_principal_name, displayName: row.display_name, userType: row.user_type as User['userType'], accountEnabled: row.account_enabled === 1 } : undefined;
}

/** In chunks: an approver group of 50,000 must not exceed the bound parameters a statement may carry. */
export async function findUsersByIds(db: Executor, ids: readonly string[]): Promise<User[]> {
  const unique = [...new Set(ids)];
  const users: User[] = [];
  for (let start = 0; start < unique.length; start += 500) {
    const rows = await living(db).where('users.id', 'in', unique.slice(start, start + 500)).execute();
    users.push(...rows.map(fromRow));
  }
  return users;
}

/** How target systems find a user's account: id, userPrincipalName and mail, of deleted users too. */
export async function contactsOf(db: Executor, ids: readonly string[]): Promise<{ id: string; userPrincipalName: string; mail: string | null }[]> {
  const found: { id: string; userPrincipalName: string; mail: string | null }[] = [];
  const unique = [...new Set(ids)];
  for (let start = 0; start < unique.length; start += 500) {
    const rows = await db.selectFrom('users').select(['id', 'user_principal_name', 'mail']).where('id', 'in', unique.slice(start, start + 500)).execute();
    found.push(...rows.map((row) => ({ id: row.id, userPrincipalName: row.user_principal_name, mail: row.mail })));
  }
  return found;
}

/** Whether the directory has ever held a user; a soft-deleted one counts, as it is still history. */
export async function hasAnyUser(db: Executor): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(rowCount(1)).executeTakeFirst();
  return row !== undefined;
}

/** Which of these principal names (compared case-insensitively) are taken by living users. */
export async function takenPrincipalNames(db: Executor, names: readonly string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  const lowered = [...new Set(names.map((name) => name.toLowerCase()))];
  for (let start = 0; start < lowered.length; start += 500) {
    const rows = await db
      .selectFrom('users')
      .select(sql<string>`lower(user_principal_name)`.as('name'))
      .where('deleted_date_time', 'is', null)
      .where(sql`lower(user_principal_name)`, 'in', lowered.slice(start, start + 500))
      .execute();
    for (const row of rows) taken.add(row.name);
  }
  return taken;
}

export function listUsers(db: Executor, query: CollectionQuery, scope: { managerId?: string } = {}): Promise<Page<User>> {
  let base = living(db);
  if (scope.managerId) base = base.where('users.manager_id', '=', scope.managerId);
  return runCollectionQuery(base, userQueryableProperties, query, 'users.id', fromRow);
}

export async function managerIdOf(db: Executor, userId: string): Promise<string | null> {
  const row = await db.selectFrom('users').select('manager_id').where('id', '=', userId).executeTakeFirst();
  return row?.manager_id ?? null;
}

/** user id → manager id, for a page of users in one query ($expand=manager). */
export async function managerIdsOf(db: Executor, userIds: readonly string[]): Promise<Map<string, string | null>> {
  const managers = new Map<string, string | null>();
  const unique = [...new Set(userIds)];
  // In chunks: a review stage can move 100,000 people on at once.
  for (let start = 0; start < unique.length; start += 500) {
    const rows = await db.selectFrom('users').select(['id', 'manager_id']).where('id', 'in', unique.slice(start, start + 500)).execute();
    for (const row of rows) managers.set(row.id, row.manager_id);
  }
  return managers;
}

/** The proposed manager and their managers up the chain (bounded, in case data loops already). */
export async function managerChain(db: Executor, managerId: string, limit = 64): Promise<string[]> {
  const chain: string[] = [];
  let current: string | null = managerId;
  while (current && chain.length < limit && !chain.includes(current)) {
    chain.push(current);
    current = await managerIdOf(db, current);
  }
  return chain;
}

export async function setManagerId(db: Executor, userId: string, managerId: string | null, now: string): Promise<void> {
  await db.updateTable('users').set({ manager_id: managerId, modified_date_time: now }).where('id', '=', userId).execute();
}

/** Soft delete: the row stays for history; its reports lose their manager as in Entra. */
/** Blocks sign-in for these users; returns those that were enabled until now. */
export async function disableUsers(db: Executor, ids: readonly string[], now: string): Promise<string[]> {
  const disabled: string[] = [];
  for (let start = 0; start < ids.length; start += 500) {
    const rows = await db.updateTable('users').set({ account_enabled: 0, modified_date_time: now }).where('id', 'in', ids.slice(start, start + 500)).where('account_enabled', '=', 1).returning('id').execute();
    disabled.push(...rows.map((row) => row.id));
  }
  return disabled;
}

export async function markUserDeleted(db: Executor, userId: string, now: string): Promise<void> {
  await db.updateTable('users').set({ deleted_date_time: now, modified_date_time: now }).where('id', '=', userId).execute();
  await db.updateTable('users').set({ manager_id: null, modified_date_time: now }).where('manager_id', '=', userId).execute();
}

/** Living users with their managers, a page at a time in id order: how a rule meets the whole directory. */
export async function livingUsersAfter(db: Executor, afterId: string | null, limit: number): Promise<{ user: User; managerId: string | null }[]> {
  let query = living(db);
  if (afterId !== null) query = query.where('users.id', '>', afterId);
  const rows = await query.orderBy('users.id').limit(rowCount(limit)).execute();
  return rows.map((row) => ({ user: fromRow(row), managerId: row.manager_id }));
}

/** These users, if living, with their managers. */
export async function livingUsersWithManagers(db: Executor, ids: readonly string[]): Promise<{ user: User; managerId: string | null }[]> {
  const found: { user: User; managerId: string | null }[] = [];
  const unique = [...new Set(ids)];
  for (let start = 0; start < unique.length; start += 500) {
    const rows = await living(db).where('users.id', 'in', unique.slice(start, start + 500)).execute();
    found.push(...rows.map((row) => ({ user: fromRow(row), managerId: row.manager_id })));
  }
  return found;
}

/** The users who report to this one directly. */
export async function directReportIdsOf(db: Executor, managerId: string): Promise<string[]> {
  const rows = await db.selectFrom('users').select('id').where('manager_id', '=', managerId).where('deleted_date_time', 'is', null).execute();
  return rows.map((row) => row.id);
}

/** The living users hired within any of these closed ranges of ISO instants (for rules that compare with system.now). */
export async function livingUserIdsHiredWithin(db: Executor, ranges: readonly (readonly [string, string])[]): Promise<string[]> {
  if (ranges.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('deleted_date_time', 'is', null)
    .where((eb) => eb.or(ranges.map(([from, to]) => eb.and([eb('employee_hire_date', '>=', from), eb('employee_hire_date', '<=', to)]))))
    .execute();
  return rows.map((row) => row.id);
}

/** Lets these users sign in again (the guest lifecycle lifting its own block). */
export async function enableUsers(db: Executor, ids: readonly string[], now: string): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('users').set({ account_enabled: 1, modified_date_time: now }).where('id', 'in', [...ids]).execute();
}
