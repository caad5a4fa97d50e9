import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addGroup } from '../helpers/entitlement-fixtures.js';
import { addToGroup, auditActivitiesOf, dayMs, isMember, mailTo } from '../helpers/lifecycle-fixtures.js';
import { createReview, decide, getJson, groupScope, instanceAction, instancesOf, myDecisions, oneOff, reviews, userReviewer } from '../helpers/review-fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { skipReason, testDialect } from '../helpers/test-database.js';

describe.skipIf(skipReason())(`access reviews of a group, through the Graph API (${testDialect})`, () => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestContext();
  });
  afterEach(async () => t.close());

  async function groupOfThree() {
    const rita = await t.addUser({ displayName: 'Rita Reviewer', userPrincipalName: 'rita@example.com', mail: 'rita@example.com' });
    const [ann, ben, cat] = await Promise.all(['Ann', 'Ben', 'Cat'].map((name) => t.addUser({ displayName: `${name} Member`, userPrincipalName: `${name.toLowerCase()}@example.com`, mail: `${name.toLowerCase()}@example.com` })));
    const group = await addGroup(t, 'Finance share');
    for (const user of [ann!, ben!, cat!]) await addToGroup(t, group.id, user.id);
    return { rita, ann: ann!, ben: ben!, cat: cat!, group };
  }

  it('ends a one-off review of three members, one approved, one denied and one not reviewed, with exactly the denied one removed', async () => {
    const { rita, ann, ben, cat, group } = await groupOfThree();
    const definition = await createReview(t, { scope: groupScope(group.id), reviewers: [userReviewer(rita.id)], settings: oneOff('2026-11-26', 3) });
    expect(definition).toMatchObject({ status: 'NotStarted', scope: { query: `/groups/${group.id}/transitiveMembers` }, createdBy: { id: t.admin.id }, settings: { instanceDurationInDays: 3, defaultDecision: 'None' } });

    await t.jobs.drain();
    const [instance] = await instancesOf(t, definition.id);
    expect(instance).toMatchObject({ status: 'InProgress', startDateTime: t.clock().toISOString(), endDateTime: new Date(t.clock().getTime() + 3 * dayMs).toISOString() });
    expect((await getJson(t, `${reviews}/${definition.id}`)).status).toBe('InProgress');
    await t.jobs.drain();
    expect(mailTo(t, 'rita@example.com')).toEqual([expect.stringMatching(/^Action required: Review access to Finance share by \d+ \w+ 2026$/)]);

    // Rita finds her review as a reviewer does: definitions, instances, decisions, each filtered to her.
    expect((await getJson(t, `${reviews}/filterByCurrentUser(on='reviewer')`, rita.token)).value.map((d: any) => d.id)).toEqual([definition.id]);
    expect((await getJson(t, `${reviews}/filterByCurrentUser(on='reviewer')`, ann.token)).value).toEqual([]);
    expect((await getJson(t, `${reviews}/${definition.id}/instances/filterByCurrentUser(on='reviewer')`, rita.token)).value.map((i: any) => i.id)).toEqual([instance.id]);
    const decisions = await myDecisions(t, rita.token, definition.id, instance.id);
    expect([...decisions.keys()].sort()).toEqual(['Ann Member', 'Ben Member', 'Cat Member']);
    expect(decisions.get('Ann Member')).toMatchObject({ decision: 'NotReviewed', recommendation: 'Deny', recommendationReason: 'No sign-in or use of this access has ever been recorded.', applyResult: 'New', principal: { id: ann.id, userPrincipalName: 'ann@example.com' }, resource: { id: group.id, displayName: 'Finance share', type: 'group' } });

    // Only an assigned reviewer decides: not a member, not even a Global Administrator.
    for (const token of [ann.token, t.admin.token]) expect((await decide(t, token, definition.id, instance.id, decisions.get('Ben Member').id, 'Deny')).statusCode).toBe(403);
    expect((await decide(t, rita.token, definition.id, instance.id, decisions.get('Ann Member').id, 'Deny', 'Left the team')).statusCode).toBe(204);
    // A decision can change while the review is open.
    expect((await decide(t, rita.token, definition.id, instance.id, decisions.get('Ann Member').id, 'Approve', 'Still on the team')).statusCode).toBe(204);
    expect((await decide(t, rita.token, definition.id, instance.id, decisions.get('Ben Member').id, 'Deny', 'Moved to Sales')).statusCode).toBe(204);
    const after = await myDecisions(t, rita.token, definition.id, instance.id);
    expect(after.get('Ann Member')).toMatchObject({ decision: 'Approve', justification: 'Still on the team', reviewedBy: { id: rita.id, displayName: 'Rita Reviewer' } });

    // The members cannot read the review's decisions; its reviewer reads only through filterByCurrentUser.
    expect((await t.request(ann.token, { method: 'GET', url: `${reviews}/${definition.id}/instances/${instance.id}/decisions` })).statusCode).toBe(403);
    expect((await t.request(rita.token, { method: 'GET', url: `${reviews}/${definition.id}/instances/${instance.id}/decisions` })).statusCode).toBe(403);

    t.clock.advance(3 * dayMs);
    await t.jobs.drain();
    expect((await instancesOf(t, definition.id))[0].status).toBe('Completed');
    expect((await decide(t, rita.token, definition.id, instance.id, decisions.get('Cat Member').id, 'Deny')).statusCode).toBe(409);
    expect(await isMember(t, group.id, ben.id)).toBe(true); // not applied automatically

    expect((await instanceAction(t, definition.id, instance.id, 'applyDecisions')).statusCode).toBe(204);
    await t.jobs.drain();
    expect((await instancesOf(t, definition.id))[0].status).toBe('Applied');
    expect([await isMember(t, group.id, ann.id), await isMember(t, group.id, ben.id), await isMember(t, group.id, cat.id)]).toEqual([true, false, true]);

    const all = new Map((await getJson(t, `${reviews}/${definition.id}/instances/${instance.id}/decisions`)).value.map((d: any) => [d.principal.displayName, d]));
    expect(all.get('Ben Member')).toMatchObject({ decision: 'Deny', applyResult: 'AppliedSuccessfully', appliedBy: { id: t.admin.id } });
    expect(all.get('Cat Member')).toMatchObject({ decision: 'NotReviewed', applyResult: 'AppliedSuccessfully' });

    // The removal is on the record, naming the review and its reviewer.
    const audit = await getJson(t, `/v1.0/auditLogs/directoryAudits?$filter=activityDisplayName eq 'Access removed by access review'`);
    expect(audit.value).toHaveLength(1);
    const details = Object.fromEntries(audit.value[0].additionalDetails.map((d: any) => [d.key, d.value]));
    expect(details).toMatchObject({ accessReviewId: definition.id, accessReviewDisplayName: 'Quarterly review', accessReviewInstanceId: instance.id, decision: 'Deny', reviewedBy: 'rita@example.com', justification: 'Moved to Sales' });
    expect(audit.value[0].targetResources.map((r: any) => r.id)).toEqual([ben.id, group.id, definition.id]);
    expect(await auditActivitiesOf(t, instance.id)).toEqual(expect.arrayContaining(['Access review instance started', 'Access review instance completed', 'Access removed by access review', 'Remove member from group', 'Access review decisions applied']));
    expect(mailTo(t, 'rita@example.com')).toContainEqual('Access review ended: Quarterly review');
  });
});
