import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { em } from '../helpers/entitlement-fixtures.js';
import { dayMs, getRequest, isMember, packageWithGroup, singleUser, submitted } from '../helpers/lifecycle-fixtures.js';
import { createReview, decide, getJson, instancesOf, myDecisions, oneOff, packageScope, reviews, userReviewer } from '../helpers/review-fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { skipReason, testDialect } from '../helpers/test-database.js';

const userAdd = (accessPackageId: string) => ({ requestType: 'userAdd', assignment: { accessPackageId } });

describe.skipIf(skipReason())(`access reviews of access package assignments (${testDialect})`, () => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestContext();
  });
  afterEach(async () => t.close());

  async function twoHolders(policy: Record<string, unknown> = {}) {
    const rita = await t.addUser({ displayName: 'Rita Reviewer', mail: 'rita@example.com' });
    const ann = await t.addUser({ displayName: 'Ann Holder' });
    const ben = await t.addUser({ displayName: 'Ben Holder' });
    const setup = await packageWithGroup(t, typeof policy === 'function' ? {} : policy);
    const assignmentIds: Record<string, string> = {};
    for (const [name, user] of [['ann', ann], ['ben', ben]] as const) {
      const created = await submitted(t, user.token, userAdd(setup.packageId));
      await t.jobs.drain();
      assignmentIds[name] = (await getRequest(t, created.id)).assignment.id;
    }
    return { rita, ann, ben, ...setup, assignmentIds };
  }

  it("runs a policy's reviewSettings as a review of its assignments, and removes a denied assignment through a systemRemove request", async () => {
    const rita = await t.addUser({ displayName: 'Rita Reviewer', mail: 'rita@example.com' });
    const reviewSettings = {
      isEnabled: true,
      expirationBehavior: 'keepAccess',
      isRecommendationEnabled: true,
      isReviewerJustificationRequired: false,
      isSelfReview: false,
      schedule: { startDateTime: '2026-11-27T00:00:00Z', expiration: { type: 'afterDuration', duration: 'P7D' }, recurrence: { pattern: { type: 'absoluteMonthly', interval: 3 }, range: { type: 'noEnd', startDate: '2026-11-27' } } },
      primaryReviewers: [singleUser(rita.id)],
      fallbackReviewers: [],
    };
    const { ann, ben, packageId, policyId, group, assignmentIds } = await twoHolders({ reviewSettings });
    expect((await getJson(t, `${em}/assignmentPolicies/${policyId}`)).reviewSettings).toMatchObject({ isEnabled: true, expirationBehavior: 'keepAccess' });

    // The policy's review is a definition like any other, but only the policy changes it.
    const [definition] = (await getJson(t, `${reviews}?$filter=scopeObjectId eq '${packageId}'`)).value;
    expect(definition).toMatchObject({ displayName: 'Review of Members may ask', status: 'NotStarted', reviewers: [userReviewer(rita.id)], settings: { instanceDurationInDays: 7, autoApplyDecisionsEnabled: true, defaultDecisionEnabled: false, recurrence: { pattern: { type: 'absoluteMonthly', interval: 3 } } } });
    expect(definition.scope.query).toBe(`/identityGovernance/entitlementManagement/accessPackageAssignments?$filter=(accessPackageId eq '${packageId}' and assignmentPolicyId eq '${policyId}')`);
    const put = await t.request(t.admin.token, { method: 'PUT', url: `${reviews}/${definition.id}`, payload: { displayName: 'Mine now', scope: definition.scope, reviewers: [], settings: oneOff('2026-11-27', 7) } });
    expect(put.statusCode).toBe(409);
    expect(put.json().error.code).toBe('AccessReviewManagedByPolicy');

    t.clock.advance(Date.parse('2026-11-27T00:00:00Z') - t.clock().getTime());
    await t.jobs.drain();
    const [instance] = await instancesOf(t, definition.id);
    const decisions = await myDecisions(t, rita.token, definition.id, instance.id);
    expect([...decisions.keys()].sort()).toEqual(['Ann Holder', 'Ben Holder']);
    // Both used the API within the last 30 days (to request the package): recommended to keep.
    expect(decisions.get('Ann Holder')).toMatchObject({ recommendation: 'Approve', resource: { id: packageId, type: 'accessPackageAssignment' } });
    expect((await decide(t, rita.token, definition.id, instance.id, decisions.get('Ben Holder').id, 'Deny', 'No longer on the sales team')).statusCode).toBe(204);

    t.clock.advance(7 * dayMs);
    await t.jobs.drain();
    expect((await instancesOf(t, definition.id))[0].status).toBe('Applied');
    expect([await isMember(t, group.id, ann.id), await isMember(t, group.id, ben.id)]).toEqual([true, false]);
    expect((await getJson(t, `${em}/assignments/${assignmentIds.ben}`)).state).toBe('expired');
    expect((await getJson(t, `${em}/assignments/${assignmentIds.ann}`)).state).toBe('delivered');
    const removal = (await getJson(t, `${em}/assignmentRequests?$filter=requestType eq 'systemRemove'`)).value;
    expect(removal).toHaveLength(1);
    expect(removal[0]).toMatchObject({ state: 'delivered', justification: "Removed by the access review 'Review of Members may ask'." });
    const all = new Map((await getJson(t, `${reviews}/${definition.id}/instances/${instance.id}/decisions`)).value.map((d: any) => [d.principal.displayName, d]));
    expect(all.get('Ben Holder')).toMatchObject({ applyResult: 'AppliedSuccessfully', applyDescription: 'Taken away by a systemRemove request.' });
    const removedBy = (await getJson(t, `/v1.0/auditLogs/directoryAudits?$filter=activityDisplayName eq 'Access removed by access review'`)).value;
    expect(removedBy.map((entry: any) => [entry.correlationId, Object.fromEntries(entry.additionalDetails.map((d: any) => [d.key, d.value])).requestId])).toEqual([[removal[0].id, removal[0].id]]);

    // Turning the policy's reviews off ends the series.
    const patched = await t.request(t.admin.token, { method: 'PATCH', url: `${em}/assignmentPolicies/${policyId}`, payload: { reviewSettings: null } });
    expect(patched.statusCode, patched.body).toBe(204);
    expect((await t.request(t.admin.token, { method: 'GET', url: `${reviews}/${definition.id}` })).statusCode).toBe(404);
  });

  it('refuses reviewSettings it cannot run, naming the problem, and saves nothing', async () => {
    const { packageId } = await packageWithGroup(t);
    const before = (await getJson(t, `${em}/assignmentPolicies?$filter=accessPackage/id eq '${packageId}'`)).value.length;
    const attempt = async (reviewSettings: Record<string, unknown>) =>
      t.request(t.admin.token, { method: 'POST', url: `${em}/assignmentPolicies`, payload: { displayName: 'Reviewed', allowedTargetScope: 'allMemberUsers', accessPackage: { id: packageId }, reviewSettings } });
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ isEnabled: true, primaryReviewers: [] }, /primaryReviewers|isSelfReview/],
      [{ isEnabled: true, primaryReviewers: [{ '@odata.type': '#microsoft.graph.internalSponsors' }] }, /internalSponsors cannot review/],
      [{ isEnabled: true, isSelfReview: true, schedule: { expiration: { duration: 'two weeks' } } }, /P14D/],
      [{ isEnabled: true, isSelfReview: true, schedule: { expiration: { duration: 'P30D' }, recurrence: { pattern: { type: 'weekly', interval: 1 } } } }, /longer than the 7 days/],
      [{ isEnabled: true, primaryReviewers: [singleUser('00000000-0000-0000-0000-00000000dead')] }, /does not exist/],
      [{ isEnabled: true, expirationBehavior: 'deleteEverything' }, /expirationBehavior/],
    ];
    for (const [reviewSettings, message] of cases) {
      const response = await attempt(reviewSettings);
      expect(response.statusCode, JSON.stringify(reviewSettings)).toBe(400);
      const { error } = response.json();
      expect(`${error.target} ${error.message} ${JSON.stringify(error.details ?? [])}`).toMatch(message);
    }
    expect((await getJson(t, `${em}/assignmentPolicies?$filter=accessPackage/id eq '${packageId}'`)).value).toHaveLength(before);
    expect((await getJson(t, reviews)).value).toEqual([]);
  });

  it('reviews all of a package\'s assignments by a definition of its own, which a catalog owner may create and a User Administrator may not', async () => {
    const { rita, ann, packageId, catalogId } = await twoHolders();
    const owner = await t.addUser({ displayName: 'Olive Owner' });
    const ownerRole = (await getJson(t, `/v1.0/roleManagement/entitlementManagement/roleDefinitions?$filter=displayName eq 'Catalog owner'`)).value[0];
    const given = await t.request(t.admin.token, { method: 'POST', url: '/v1.0/roleManagement/entitlementManagement/roleAssignments', payload: { principalId: owner.id, roleDefinitionId: ownerRole.id, appScopeId: `/AccessPackageCatalog/${catalogId}` } });
    expect(given.statusCode, given.body).toBe(201);
    const userAdministrator = await t.addUser({ displayName: 'Uma UserAdmin' }, ['fe930be7-5e62-47db-91af-98c3a49a38b1']);
    const body = { displayName: 'Sales tools review', scope: packageScope(packageId), reviewers: [userReviewer(rita.id)], settings: oneOff('2026-11-26', 5) };
    expect((await t.request(userAdministrator.token, { method: 'POST', url: reviews, payload: body })).statusCode).toBe(403);
    const definition = await createReview(t, body, owner.token);
    await t.jobs.drain();
    const [instance] = await instancesOf(t, definition.id, owner.token);
    expect([...(await myDecisions(t, rita.token, definition.id, instance.id)).keys()].sort()).toEqual(['Ann Holder', 'Ben Holder']);
    expect((await t.request(userAdministrator.token, { method: 'GET', url: `${reviews}/${definition.id}` })).statusCode).toBe(403);
    // Each lists the reviews they may see: the owner their catalog's, the User Administrator those of groups.
    expect((await getJson(t, reviews, owner.token)).value.map((d: any) => d.id)).toEqual([definition.id]);
    expect((await getJson(t, reviews, userAdministrator.token)).value).toEqual([]);
    expect((await t.request(ann.token, { method: 'GET', url: reviews })).statusCode).toBe(403);
  });
});
