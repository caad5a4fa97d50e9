import type { Executor } from '../../db/database.js';
import type { ReviewScope } from '../../domain/access-review-scope.js';
import { activeMembersOf, maxGroupNestingDepth, transitiveMembersOf } from '../group-memberships/memberships.repo.js';

/**
 * Who an instance reviews, read once when it starts: the people in scope with what a decision
 * needs to carry (name, type, manager, last activity) so that reviewers see them as they were,
 * and what is reviewed (the direct membership or the assignment).
 */
export type ReviewSubject = {
  userId: string;
  displayName: string;
  userPrincipalName: string;
  userType: string;
  managerId: string | null;
  lastActivityDateTime: string | null;
  assignmentId: string | null;
  isDirectMember: boolean;
};

type SubjectRow = { id: string; display_name: string; user_principal_name: string; user_type: string; manager_id: string | null; signed_in: string | null; used_api: string | null; reported: string | null };

function usersQuery(db: Executor) {
  return db
    .selectFrom('users as u')
    .leftJoin('user_activity as a', 'a.user_id', 'u.id')
    .select(['u.id', 'u.display_name', 'u.user_principal_name', 'u.user_type', 'u.manager_id', 'a.last_sign_in_date_time as signed_in', 'a.last_api_date_time as used_api', 'a.last_reported_date_time as reported'])
    .where('u.deleted_date_time', 'is', null);
}

/** The latest of a user's sign-in, API use and reported use (ISO text compares in time order): what a recommendation judges by. */
export function latestActivity(...times: (string | null | undefined)[]): string | null {
  let latest: string | null = null;
  for (const time of times) if (time && (latest === null || time > latest)) latest = time;
  return latest;
}

const subjectOf = (row: SubjectRow, extra: Pick<ReviewSubject, 'assignmentId' | 'isDirectMember'>): ReviewSubject => ({
  userId: row.id,
  displayName: row.display_name,
  userPrincipalName: row.user_principal_name,
  userType: row.user_type,
  managerId: row.manager_id,
  lastActivityDateTime: latestActivity(row.signed_in, row.used_api, row.reported),
  ...extra,
});

export async function reviewSubjects(db: Executor, scope: ReviewScope): Promise<ReviewSubject[]> {
  if (scope.kind === 'accessPackageAssignments') {
    let query = usersQuery(db).innerJoin('assignments as g', 'g.target_id', 'u.id').select('g.id as assignment_id').where('g.access_package_id', '=', scope.accessPackageId).where('g.is_active', '=', 1);
    if (scope.policyId) query = query.where('g.policy_id', '=', scope.policyId);
    const rows = await query.orderBy('u.id').execute();
    return rows.map((row) => subjectOf(row, { assignmentId: row.assignment_id, isDirectMember: false }));
  }
  const direct = new Set((await activeMembersOf(db, scope.groupId, 'member')).filter((m) => m.memberType === 'user').map((m) => m.memberId));
  const ids = (await transitiveMembersOf(db, scope.groupId, maxGroupNestingDepth, ['user'])).map((m) => m.memberId);
  const subjects: ReviewSubject[] = [];
  for (let start = 0; start < ids.length; start += 500) {
    const rows = await usersQuery(db).where('u.id', 'in', ids.slice(start, start + 500)).execute();
    for (const row of rows) {
      if (scope.guestsOnly && row.user_type !== 'Guest') continue;
      subjects.push(subjectOf(row, { assignmentId: null, isDirectMember: direct.has(row.id) }));
    }
  }
  return subjects.sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}

/** Which of these users exist and may sign in (a reviewer who cannot is no reviewer). */
export async function enabledUserIds(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const unique = [...new Set(ids)];
  for (let start = 0; start < unique.length; start += 500) {
    const rows = await db.selectFrom('users').select('id').where('id', 'in', unique.slice(start, start + 500)).where('account_enabled', '=', 1).where('deleted_date_time', 'is', null).execute();
    for (const row of rows) found.add(row.id);
  }
  return found;
}
