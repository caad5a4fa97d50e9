import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addGroup } from '../helpers/entitlement-fixtures.js';
import { addToGroup, auditActivitiesOf, dayMs, isMember, mailTo, setManagerOf } from '../helpers/lifecycle-fixtures.js';
import { createReview, decide, getJson, groupScope, instanceAction, instancesOf, managerReviewer, myDecisions, oneOff, reviews, userReviewer } from '../helpers/review-fixtures.js';
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

  it('applies automatically when it ends: the default decision follows the recommendation, which follows each person\'s last activity', async () => {
    const { rita, ann, ben, cat, group } = await groupOfThree();
    // Ann used the finance system five days ago (reported by it); Ben was never seen; Cat is approved.
    const reported = await t.request(t.admin.token, { method: 'POST', url: '/v1.0/tessera/userActivity', payload: { value: [{ userId: ann.id, lastActivityDateTime: new Date(t.clock().getTime() - 5 * dayMs).toISOString(), source: 'Finance system' }] } });
    expect(reported.statusCode, reported.body).toBe(204);
    const definition = await createReview(t, { scope: groupScope(group.id), reviewers: [userReviewer(rita.id)], settings: oneOff('2026-11-26', 2, { defaultDecisionEnabled: true, defaultDecision: 'Recommendation', autoApplyDecisionsEnabled: true }) });
    await t.jobs.drain();
    const [instance] = await instancesOf(t, definition.id);
    const decisions = await myDecisions(t, rita.token, definition.id, instance.id);
    expect(decisions.get('Ann Member')).toMatchObject({ recommendation: 'Approve', recommendationReason: expect.stringContaining('within the 30 days') });
    expect(decisions.get('Ben Member')).toMatchObject({ recommendation: 'Deny' });
    expect((await decide(t, rita.token, definition.id, instance.id, decisions.get('Cat Member').id, 'Approve')).statusCode).toBe(204);

    t.clock.advance(2 * dayMs);
    await t.jobs.drain();
    expect((await instancesOf(t, definition.id))[0].status).toBe('Applied');
    expect([await isMember(t, group.id, ann.id), await isMember(t, group.id, ben.id), await isMember(t, group.id, cat.id)]).toEqual([true, false, true]);
    const audit = await getJson(t, `/v1.0/auditLogs/directoryAudits?$filter=activityDisplayName eq 'Access removed by access review'`);
    expect(audit.value.map((entry: any) => Object.fromEntries(entry.additionalDetails.map((d: any) => [d.key, d.value])))).toEqual([expect.objectContaining({ decision: 'NotReviewed', decidedBy: 'recommendation' })]);
    const ben2 = (await getJson(t, `${reviews}/${definition.id}/instances/${instance.id}/decisions?$filter=principal/id eq '${ben.id}'`)).value[0];
    expect(ben2).toMatchObject({ applyResult: 'AppliedSuccessfully', appliedBy: { id: null, displayName: 'Access Reviews' } });
  });

  it('starts recurring instances on time, each over who is in scope then, and stops after the last occurrence', async () => {
    const { rita, ann, group } = await groupOfThree();
    const definition = await createReview(t, {
      scope: groupScope(group.id),
      reviewers: [userReviewer(rita.id)],
      settings: oneOff('2026-11-28', 3, { recurrence: { pattern: { type: 'weekly', interval: 1 }, range: { type: 'numbered', numberOfOccurrences: 2, startDate: '2026-11-28' } } }),
    });
    await t.jobs.drain();
    expect(await instancesOf(t, definition.id)).toEqual([]);
    t.clock.advance(Date.parse('2026-11-28T00:00:00Z') - t.clock().getTime());
    await t.jobs.drain();
    const first = await instancesOf(t, definition.id);
    expect(first.map((i) => [i.startDateTime, i.status])).toEqual([['2026-11-28T00:00:00.000Z', 'InProgress']]);
    const dan = await t.addUser({ displayName: 'Dan Newcomer' });
    await addToGroup(t, group.id, dan.id);

    t.clock.advance(7 * dayMs);
    await t.jobs.drain();
    const both = await instancesOf(t, definition.id);
    expect(both.map((i) => [i.startDateTime, i.status]).sort()).toEqual([
      ['2026-11-28T00:00:00.000Z', 'Completed'],
      ['2026-12-05T00:00:00.000Z', 'InProgress'],
    ]);
    const second = both.find((i) => i.startDateTime.startsWith('2026-12-05'));
    expect([...(await myDecisions(t, rita.token, definition.id, second.id)).keys()].sort()).toEqual(['Ann Member', 'Ben Member', 'Cat Member', 'Dan Newcomer']);
    expect((await myDecisions(t, rita.token, definition.id, first[0].id)).has('Dan Newcomer')).toBe(false);

    t.clock.advance(7 * dayMs);
    await t.jobs.drain();
    expect(await instancesOf(t, definition.id)).toHaveLength(2);
    expect((await getJson(t, `${reviews}/${definition.id}`)).status).toBe('Completed');
    expect(ann.id).toBeDefined();
  });

  it("asks each person's manager, and the fallback reviewers for those without one; nobody else sees those decisions", async () => {
    const { ann, ben, cat, group } = await groupOfThree();
    const mo = await t.addUser({ displayName: 'Mo Manager' });
    const fiona = await t.addUser({ displayName: 'Fiona Fallback' });
    await setManagerOf(t, ann.id, mo.id);
    await setManagerOf(t, cat.id, mo.id);
    const definition = await createReview(t, { scope: groupScope(group.id), reviewers: [managerReviewer], fallbackReviewers: [userReviewer(fiona.id)], settings: oneOff('2026-11-26', 5) });
    await t.jobs.drain();
    const [instance] = await instancesOf(t, definition.id);
    expect([...(await myDecisions(t, mo.token, definition.id, instance.id)).keys()].sort()).toEqual(['Ann Member', 'Cat Member']);
    expect([...(await myDecisions(t, fiona.token, definition.id, instance.id)).keys()]).toEqual(['Ben Member']);
    expect([...(await myDecisions(t, ann.token, definition.id, instance.id)).keys()]).toEqual([]);
    // Each sees the progress of their own share; those who manage reviews see the whole.
    const mine = async (token: string) => (await getJson(t, `${reviews}/${definition.id}/instances/filterByCurrentUser(on='reviewer')`, token)).value[0].decisionCounts.total;
    expect([await mine(mo.token), await mine(fiona.token)]).toEqual([2, 1]);
    expect((await getJson(t, `${reviews}/${definition.id}/instances/${instance.id}`, mo.token)).decisionCounts.total).toBe(2);
    expect((await getJson(t, `${reviews}/${definition.id}/instances/${instance.id}`)).decisionCounts.total).toBe(3);
    const benDecision = (await myDecisions(t, fiona.token, definition.id, instance.id)).get('Ben Member');
    expect((await decide(t, mo.token, definition.id, instance.id, benDecision.id, 'Approve')).statusCode).toBe(403);
    expect((await decide(t, fiona.token, definition.id, instance.id, benDecision.id, 'Approve')).statusCode).toBe(204);
    expect(ben.id).toBeDefined();
  });

  it('lets each member review their own membership when there are no reviewers (a self-review), with a justification when approving', async () => {
    const { ann, ben, group } = await groupOfThree();
    const definition = await createReview(t, { scope: groupScope(group.id), reviewers: [], settings: oneOff('2026-11-26', 5, { justificationRequiredOnApproval: true }) });
    await t.jobs.drain();
    const [instance] = await instancesOf(t, definition.id);
    const own = await myDecisions(t, ann.token, definition.id, instance.id);
    expect([...own.keys()]).toEqual(['Ann Member']);
    const refused = await decide(t, ann.token, definition.id, instance.id, own.get('Ann Member').id, 'Approve');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ target: 'justification', message: 'This review asks for a justification with each approval.' });
    expect((await decide(t, ann.token, definition.id, instance.id, own.get('Ann Member').id, 'Approve', 'I still run the month-end close')).statusCode).toBe(204);
    expect((await decide(t, ben.token, definition.id, instance.id, own.get('Ann Member').id, 'Deny')).statusCode).toBe(403);
  });

  it('runs stages one after the other: only the decisions the first stage passes on reach the second, whose decision counts', async () => {
    const { rita, ann, ben, cat, group } = await groupOfThree();
    const mo = await t.addUser({ displayName: 'Mo Manager' });
    const stageOf = (stageId: string, reviewer: string, extra: Record<string, unknown> = {}) => ({ stageId, dependsOn: stageId === '1' ? [] : [String(Number(stageId) - 1)], durationInDays: 1, recommendationsEnabled: false, reviewers: [userReviewer(reviewer)], fallbackReviewers: [], ...extra });
    const definition = await createReview(t, {
      scope: groupScope(group.id),
      reviewers: [],
      settings: oneOff('2026-11-26', 2, { autoApplyDecisionsEnabled: true }),
      stageSettings: [stageOf('1', rita.id, { decisionsThatWillMoveToNextStage: ['Approve'] }), stageOf('2', mo.id)],
    });
    await t.jobs.drain();
    const [instance] = await instancesOf(t, definition.id);
    expect(instance.endDateTime).toBe(new Date(t.clock().getTime() + 2 * dayMs).toISOString());
    const first = await myDecisions(t, rita.token, definition.id, instance.id);
    expect((await myDecisions(t, mo.token, definition.id, instance.id)).size).toBe(0);
    expect((await decide(t, rita.token, definition.id, instance.id, first.get('Ann Member').id, 'Approve')).statusCode).toBe(204);
    expect((await decide(t, rita.token, definition.id, instance.id, first.get('Ben Member').id, 'Deny')).statusCode).toBe(204);

    t.clock.advance(dayMs);
    await t.jobs.drain();
    const stages = (await getJson(t, `${reviews}/${definition.id}/instances/${instance.id}/stages`)).value;
    expect(stages.map((s: any) => [s.stageNumber, s.status])).toEqual([[1, 'Completed'], [2, 'InProgress']]);
    const second = await myDecisions(t, mo.token, definition.id, instance.id);
    expect([...second.keys()]).toEqual(['Ann Member']);
    expect((await decide(t, rita.token, definition.id, instance.id, first.get('Cat Member').id, 'Approve')).statusCode).toBe(409); // stage 1 has closed
    expect((await decide(t, mo.token, definition.id, instance.id, second.get('Ann Member').id, 'Deny', 'Left finance')).statusCode).toBe(204);

    t.clock.advance(dayMs);
    await t.jobs.drain();
    expect((await instancesOf(t, definition.id))[0].status).toBe('Applied');
    // Ann denied in stage 2, Ben in stage 1 (not passed on); Cat, not reviewed, keeps it.
    expect([await isMember(t, group.id, ann.id), await isMember(t, group.id, ben.id), await isMember(t, group.id, cat.id)]).toEqual([false, false, true]);
    const final = new Map((await getJson(t, `${reviews}/${definition.id}/instances/${instance.id}/decisions`)).value.map((d: any) => [d.principal.displayName, d.decision]));
    expect(Object.fromEntries(final)).toEqual({ 'Ann Member': 'Deny', 'Ben Member': 'Deny', 'Cat Member': 'NotReviewed' });
  });

  it('stops, resets, reminds and takes bulk decisions through the instance actions', async () => {
    const { rita, ann, ben, cat, group } = await groupOfThree();
    const definition = await createReview(t, { scope: groupScope(group.id), reviewers: [userReviewer(rita.id)], settings: oneOff('2026-11-26', 10) });
    await t.jobs.drain();
    const [instance] = await instancesOf(t, definition.id);
    const batch = (body: Record<string, unknown>, token = rita.token) => t.request(token, { method: 'POST', url: `${reviews}/${definition.id}/instances/${instance.id}/batchRecordDecisions`, payload: body });

    expect((await batch({ decision: 'Approve', justification: 'All still in finance' })).statusCode).toBe(204);
    expect([...(await myDecisions(t, rita.token, definition.id, instance.id)).values()].map((d) => d.decision)).toEqual(['Approve', 'Approve', 'Approve']);
    expect((await batch({ decision: 'Deny', principalId: ben.id })).statusCode).toBe(204);
    expect((await myDecisions(t, rita.token, definition.id, instance.id)).get('Ben Member').decision).toBe('Deny');
    expect((await batch({ decision: 'Deny' }, ann.token)).statusCode).toBe(403);

    // Only those who manage reviews act on the instance.
    expect((await instanceAction(t, definition.id, instance.id, 'resetDecisions', rita.token)).statusCode).toBe(403);
    expect((await instanceAction(t, definition.id, instance.id, 'resetDecisions')).statusCode).toBe(204);
    expect([...(await myDecisions(t, rita.token, definition.id, instance.id)).values()].map((d) => d.decision)).toEqual(['NotReviewed', 'NotReviewed', 'NotReviewed']);
    expect((await instanceAction(t, definition.id, instance.id, 'applyDecisions')).statusCode).toBe(409); // still in progress

    await t.jobs.drain();
    const before = mailTo(t, 'rita@example.com').length;
    expect((await instanceAction(t, definition.id, instance.id, 'sendReminder')).statusCode).toBe(204);
    await t.jobs.drain();
    expect(mailTo(t, 'rita@example.com').slice(before)).toEqual([expect.stringMatching(/^Action required reminder: Review access to Finance share by /)]);

    // Nobody was active: every recommendation is Deny, and accepting them decides all three.
    expect((await t.request(ann.token, { method: 'POST', url: `${reviews}/${definition.id}/instances/${instance.id}/acceptRecommendations` })).statusCode).toBe(403);
    expect((await t.request(rita.token, { method: 'POST', url: `${reviews}/${definition.id}/instances/${instance.id}/acceptRecommendations` })).statusCode).toBe(204);
    expect((await instancesOf(t, definition.id))[0]).toMatchObject({ resourceDisplayName: 'Finance share', decisionCounts: { Approve: 0, Deny: 3, DontKnow: 0, NotReviewed: 0, total: 3 } });
    expect((await myDecisions(t, rita.token, definition.id, instance.id)).get('Cat Member')).toMatchObject({ decision: 'Deny', justification: 'Accepted the recommendation.', reviewedBy: { id: rita.id } });

    expect((await instanceAction(t, definition.id, instance.id, 'stop')).statusCode).toBe(204);
    const stopped = (await instancesOf(t, definition.id))[0];
    expect(stopped).toMatchObject({ status: 'Completed', endDateTime: t.clock().toISOString() });
    expect((await instanceAction(t, definition.id, instance.id, 'stop')).statusCode).toBe(409);
    expect((await batch({ decision: 'Approve' })).statusCode).toBe(409);
    // The stage-end job written for day 10 finds the instance already ended, and does nothing.
    t.clock.advance(10 * dayMs);
    await t.jobs.drain();
    expect((await instancesOf(t, definition.id))[0].status).toBe('Completed');
    expect([await isMember(t, group.id, ann.id), await isMember(t, group.id, cat.id)]).toEqual([true, true]);
  });

  it('reminds reviewers with decisions left at the midpoint, and can block guests it removes from signing in', async () => {
    const rita = await t.addUser({ displayName: 'Rita Reviewer', mail: 'rita@example.com' });
    const gus = await t.addUser({ displayName: 'Gus Guest', userType: 'Guest' });
    const mia = t.member;
    const group = await addGroup(t, 'Partner portal');
    await addToGroup(t, group.id, gus.id);
    await addToGroup(t, group.id, mia.id);
    const guestsOnly = { query: `/groups/${group.id}/transitiveMembers/microsoft.graph.user/?$count=true&$filter=(userType eq 'Guest')`, queryType: 'MicrosoftGraph' };
    const definition = await createReview(t, { scope: guestsOnly, reviewers: [userReviewer(rita.id)], settings: oneOff('2026-11-26', 4, { autoApplyDecisionsEnabled: true, applyActions: [{ '@odata.type': '#microsoft.graph.disableAndDeleteUserApplyAction' }] }) });
    await t.jobs.drain();
    const [instance] = await instancesOf(t, definition.id);
    const decisions = await myDecisions(t, rita.token, definition.id, instance.id);
    expect([...decisions.keys()]).toEqual(['Gus Guest']);
    t.clock.advance(2 * dayMs);
    await t.jobs.drain();
    expect(mailTo(t, 'rita@example.com')).toEqual([expect.stringMatching(/^Action required: /), expect.stringMatching(/^Action required reminder: /)]);
    expect((await decide(t, rita.token, definition.id, instance.id, decisions.get('Gus Guest').id, 'Deny', 'Contract ended')).statusCode).toBe(204);
    t.clock.advance(2 * dayMs);
    await t.jobs.drain();
    expect([await isMember(t, group.id, gus.id), await isMember(t, group.id, mia.id)]).toEqual([false, true]);
    expect((await t.request(gus.token, { method: 'GET', url: '/v1.0/me' })).statusCode).toBe(401);
    const disabled = await getJson(t, `/v1.0/auditLogs/directoryAudits?$filter=activityDisplayName eq 'Disable account'`);
    expect(disabled.value.map((entry: any) => entry.targetResources[0].id)).toEqual([gus.id]);
  });

  it('starts only the current instance of a series that began in the past, not every one it missed', async () => {
    const { rita, group } = await groupOfThree();
    // Weekly from 5 November: 5, 12, 19 and 26 November are past or due on the 26th at 09:00.
    const definition = await createReview(t, { scope: groupScope(group.id), reviewers: [userReviewer(rita.id)], settings: oneOff('2026-11-05', 3, { recurrence: { pattern: { type: 'weekly', interval: 1 }, range: { type: 'noEnd', startDate: '2026-11-05' } } }) });
    await t.jobs.drain();
    await t.jobs.drain();
    expect((await instancesOf(t, definition.id)).map((i) => i.status)).toEqual(['InProgress']);
    t.clock.advance(Date.parse('2026-12-03T00:00:00Z') - t.clock().getTime());
    await t.jobs.drain();
    expect((await instancesOf(t, definition.id)).map((i) => i.startDateTime).sort()).toEqual(['2026-11-26T09:00:00.000Z', '2026-12-03T00:00:00.000Z']);
  });
});
