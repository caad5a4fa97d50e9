/**
 * What an access review reviews and who reviews it, read from Graph's query strings. Only the
 * queries Entra's own access reviews write are understood; anything else is refused by name, so
 * a script never creates a review of something other than it meant.
 *
 * Scopes:
 *   /groups/{id}/transitiveMembers                                        members of a group
 *   /groups/{id}/transitiveMembers/microsoft.graph.user/?$count=true&$filter=(userType eq 'Guest')
 *                                                                          its guests only
 *   accessReviewInactiveUsersQueryScope with inactiveDuration              its inactive users only
 *   /identityGovernance/entitlementManagement/accessPackageAssignments?$filter=(accessPackageId eq '{id}')
 *                                       (optionally "and assignmentPolicyId eq '{id}'")  assignments of a package
 * Reviewers:
 *   /users/{id} · /groups/{id}/transitiveMembers (or /members) · /groups/{id}/owners ·
 *   ./manager with queryRoot decisions; an empty list is a self-review.
 */
export type ReviewScope =
  | { kind: 'groupMembers'; groupId: string; guestsOnly: boolean; inactiveDuration: string | null }
  | { kind: 'accessPackageAssignments'; accessPackageId: string; policyId: string | null };

export type ReviewerScope = { kind: 'user'; userId: string } | { kind: 'groupMembers'; groupId: string } | { kind: 'groupOwners'; groupId: string } | { kind: 'manager' };

export type GraphQueryScope = { '@odata.type'?: string; query: string; queryType?: string | null; queryRoot?: string | null; inactiveDuration?: string | null };

const id = '([A-Za-z0-9][A-Za-z0-9._-]{0,127})';
const groupMembers = new RegExp(`^/groups/${id}/transitiveMembers$`);
const groupGuests = new RegExp(`^/groups/${id}/transitiveMembers/microsoft\\.graph\\.user/\\?\\$count=true&\\$filter=\\(userType eq 'Guest'\\)$`);
const packageAssignments = new RegExp(`^/identityGovernance/entitlementManagement/accessPackageAssignments\\?\\$filter=\\(accessPackageId eq '${id}'(?: and assignmentPolicyId eq '${id}')?\\)$`);
const reviewerUser = new RegExp(`^/users/${id}$`);
const reviewerGroup = new RegExp(`^/groups/${id}/(?:transitiveMembers|members)$`);
const reviewerOwners = new RegExp(`^/groups/${id}/owners$`);
const inactiveUsersType = '#microsoft.graph.accessReviewInactiveUsersQueryScope';

/** Graph accepts queries with and without the version prefix. */
const withoutVersion = (query: string) => query.replace(/^\/(?:v1\.0|beta)(?=\/)/, '');

export function parseReviewScope(scope: GraphQueryScope): ReviewScope | string {
  const query = withoutVersion(scope.query);
  const inactive = scope['@odata.type'] === inactiveUsersType;
  let match = groupMembers.exec(query);
  if (match) return { kind: 'groupMembers', groupId: match[1]!, guestsOnly: false, inactiveDuration: inactive ? (scope.inactiveDuration ?? null) : null };
  match = groupGuests.exec(query);
  if (match) return { kind: 'groupMembers', groupId: match[1]!, guestsOnly: true, inactiveDuration: inactive ? (scope.inactiveDuration ?? null) : null };
  match = packageAssignments.exec(query);
  if (match && !inactive) return { kind: 'accessPackageAssignments', accessPackageId: match[1]!, policyId: match[2] ?? null };
  return `The scope query '${scope.query.slice(0, 200)}' is not one Tessera reviews: use /groups/{id}/transitiveMembers (optionally its guests), or /identityGovernance/entitlementManagement/accessPackageAssignments?$filter=(accessPackageId eq '{id}').`;
}

export function parseReviewerScope(reviewer: GraphQueryScope): ReviewerScope | string {
  const query = withoutVersion(reviewer.query);
  if (query === './manager') return reviewer.queryRoot === 'decisions' ? { kind: 'manager' } : "A ./manager reviewer needs queryRoot 'decisions'.";
  let match = reviewerUser.exec(query);
  if (match) return { kind: 'user', userId: match[1]! };
  match = reviewerOwners.exec(query);
  if (match) return { kind: 'groupOwners', groupId: match[1]! };
  match = reviewerGroup.exec(query);
  if (match) return { kind: 'groupMembers', groupId: match[1]! };
  return `The reviewer query '${reviewer.query.slice(0, 200)}' is not one Tessera understands: use /users/{id}, /groups/{id}/transitiveMembers, /groups/{id}/owners or ./manager (queryRoot decisions).`;
}

/** The scope query a policy's review uses for its package's assignments. */
export function packageAssignmentsQuery(accessPackageId: string, policyId: string | null): string {
  return `/identityGovernance/entitlementManagement/accessPackageAssignments?$filter=(accessPackageId eq '${accessPackageId}'${policyId ? ` and assignmentPolicyId eq '${policyId}'` : ''})`;
}
