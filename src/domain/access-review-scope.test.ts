import { describe, expect, it } from 'vitest';
import { packageAssignmentsQuery, parseReviewerScope, parseReviewScope } from './access-review-scope.js';

describe('parseReviewScope', () => {
  it.each([
    ['/groups/g1/transitiveMembers', {}, { kind: 'groupMembers', groupId: 'g1', guestsOnly: false, inactiveDuration: null }],
    ['/v1.0/groups/g1/transitiveMembers', {}, { kind: 'groupMembers', groupId: 'g1', guestsOnly: false, inactiveDuration: null }],
    ["/groups/g1/transitiveMembers/microsoft.graph.user/?$count=true&$filter=(userType eq 'Guest')", {}, { kind: 'groupMembers', groupId: 'g1', guestsOnly: true, inactiveDuration: null }],
    ['/groups/g1/transitiveMembers', { '@odata.type': '#microsoft.graph.accessReviewInactiveUsersQueryScope', inactiveDuration: 'P30D' }, { kind: 'groupMembers', groupId: 'g1', guestsOnly: false, inactiveDuration: 'P30D' }],
    ["/identityGovernance/entitlementManagement/accessPackageAssignments?$filter=(accessPackageId eq 'p1')", {}, { kind: 'accessPackageAssignments', accessPackageId: 'p1', policyId: null }],
    ["/identityGovernance/entitlementManagement/accessPackageAssignments?$filter=(accessPackageId eq 'p1' and assignmentPolicyId eq 'q1')", {}, { kind: 'accessPackageAssignments', accessPackageId: 'p1', policyId: 'q1' }],
  ])('reads %s', (query, extra, expected) => {
    expect(parseReviewScope({ query, ...extra })).toEqual(expected);
  });

  it.each([
    ['/users'],
    ['/groups/g1/members/../owners'],
    ["/groups/g1'/transitiveMembers"],
    ['/groups//transitiveMembers'],
    ["/identityGovernance/entitlementManagement/accessPackageAssignments?$filter=(accessPackageId eq 'p1') or true"],
    [`/groups/${'x'.repeat(200)}/transitiveMembers`],
  ])('refuses %s, saying what it reads', (query) => {
    expect(parseReviewScope({ query })).toMatch(/is not one Tessera reviews/);
  });

  it('writes the query it reads for a policy', () => {
    expect(parseReviewScope({ query: packageAssignmentsQuery('p1', 'q1') })).toEqual({ kind: 'accessPackageAssignments', accessPackageId: 'p1', policyId: 'q1' });
  });
});

describe('parseReviewerScope', () => {
  it.each([
    [{ query: '/users/u1' }, { kind: 'user', userId: 'u1' }],
    [{ query: '/groups/g1/transitiveMembers' }, { kind: 'groupMembers', groupId: 'g1' }],
    [{ query: '/groups/g1/members' }, { kind: 'groupMembers', groupId: 'g1' }],
    [{ query: '/groups/g1/owners' }, { kind: 'groupOwners', groupId: 'g1' }],
    [{ query: './manager', queryRoot: 'decisions' }, { kind: 'manager' }],
  ])('reads %j', (scope, expected) => {
    expect(parseReviewerScope(scope)).toEqual(expected);
  });

  it('needs queryRoot decisions for ./manager, and refuses queries it does not know', () => {
    expect(parseReviewerScope({ query: './manager' })).toMatch(/queryRoot 'decisions'/);
    expect(parseReviewerScope({ query: '/servicePrincipals/s1/owners' })).toMatch(/not one Tessera understands/);
  });
});
