import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addGroup } from '../helpers/entitlement-fixtures.js';
import { createReview, getJson, groupScope, instancesOf, oneOff, reviews, userReviewer } from '../helpers/review-fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { skipReason, testDialect } from '../helpers/test-database.js';

const tables = ['access_review_definitions', 'access_review_instances', 'access_review_decisions', 'jobs', 'directory_audits'] as const;

describe.skipIf(skipReason())(`access review definitions refuse what they cannot run (${testDialect})`, () => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestContext();
  });
  afterEach(async () => t.close());

  const counts = async () => Object.fromEntries(await Promise.all(tables.map(async (table) => [table, Number((await t.handle.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)])));

  it('answers every bad definition with a Graph error naming the property, and writes nothing', async () => {
    const group = await addGroup(t, 'Finance share');
    const rita = await t.addUser({ displayName: 'Rita Reviewer' });
    const valid = { displayName: 'Finance review', scope: groupScope(group.id), reviewers: [userReviewer(rita.id)], settings: oneOff('2026-11-26', 7) };
    const weekly = (days: number) => oneOff('2026-11-26', days, { recurrence: { pattern: { type: 'weekly', interval: 1 }, range: { type: 'noEnd', startDate: '2026-11-26' } } });
    const stage = (stageId: string, extra: Record<string, unknown> = {}) => ({ stageId, dependsOn: stageId === '1' ? [] : [String(Number(stageId) - 1)], durationInDays: 1, reviewers: [userReviewer(rita.id)], ...extra });
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      ['a scope query Tessera does not review', { scope: { query: '/users?$filter=department eq \'Sales\'' } }, 'scope.query', /not one Tessera reviews/],
      ['a reviewer query it does not understand', { reviewers: [{ query: '/servicePrincipals/x/owners' }] }, 'reviewers[0].query', /not one Tessera understands/],
      ['./manager without queryRoot', { reviewers: [{ query: './manager' }] }, 'reviewers[0].query', /queryRoot 'decisions'/],
      ['a group that does not exist', { scope: groupScope('0f0f0f0f-0000-4000-8000-000000000000') }, 'scope.query', /does not exist/],
      ['a reviewer who does not exist', { reviewers: [userReviewer('0f0f0f0f-0000-4000-8000-000000000001')] }, 'reviewers', /does not exist/],
      ['no duration', { settings: oneOff('2026-11-26', 0) }, 'settings.instanceDurationInDays', /from 1 to 180/],
      ['instances longer than the time between them', { settings: weekly(10) }, 'settings.instanceDurationInDays', /longer than the 7 days/],
      ['a pattern Tessera does not run', { settings: oneOff('2026-11-26', 1, { recurrence: { pattern: { type: 'daily', interval: 1 }, range: { type: 'noEnd', startDate: '2026-11-26' } } }) }, 'settings.recurrence.pattern.type', /weekly, absoluteMonthly/],
      ['an impossible start date', { settings: oneOff('2026-02-30', 3) }, 'settings.recurrence.range.startDate', /such as 2027-01-31/],
      ['an end before the start', { settings: oneOff('2026-11-26', 3, { recurrence: { pattern: { type: 'absoluteMonthly', interval: 1 }, range: { type: 'endDate', startDate: '2026-11-26', endDate: '2026-01-01' } } }) }, 'settings.recurrence.range.endDate', /before startDate/],
      ['a default decision enabled without saying which', { settings: oneOff('2026-11-26', 3, { defaultDecisionEnabled: true }) }, 'settings.defaultDecision', /Approve, Deny or Recommendation/],
      ['a look-back that is not a duration', { settings: oneOff('2026-11-26', 3, { recommendationLookBackDuration: '30 days' }) }, 'settings.recommendationLookBackDuration', /such as P30D/],
      ['four stages', { stageSettings: ['1', '2', '3', '4'].map((id) => stage(id)) }, 'stageSettings', /1 to 3 stages/],
      ['stages out of order', { stageSettings: [stage('1'), stage('3', { dependsOn: ['1'] })] }, 'stageSettings[1].stageId', /stageId '2'/],
      ['a last stage that passes decisions on', { stageSettings: [stage('1', { decisionsThatWillMoveToNextStage: ['Approve'] })] }, 'stageSettings[0].decisionsThatWillMoveToNextStage', /no next stage/],
      ['a property Graph does not have', { colour: 'blue' }, 'body', /Unrecognized key: "colour"/],
      ['no display name', { displayName: '   ' }, 'displayName', /displayName/],
    ];
    for (const [name, change, target, message] of cases) {
      const before = await counts();
      const response = await t.request(t.admin.token, { method: 'POST', url: reviews, payload: { ...valid, ...change } });
      expect(response.statusCode, `${name}: ${response.body}`).toBe(400);
      const { error } = response.json();
      const named = [error, ...(error.details ?? [])].find((detail: any) => detail.target === target);
      expect(named, `${name}: ${response.body}`).toBeDefined();
      expect(named.message, name).toMatch(message);
      expect(await counts(), name).toEqual(before);
    }
  });

  it('refuses a change of scope and a member who manages nothing; a deleted definition keeps its instances as history', async () => {
    const group = await addGroup(t, 'Finance share');
    const other = await addGroup(t, 'Payroll share');
    const rita = await t.addUser({ displayName: 'Rita Reviewer' });
    const body = { displayName: 'Finance review', scope: groupScope(group.id), reviewers: [userReviewer(rita.id)], settings: oneOff('2026-11-26', 7) };
    const before = await counts();
    const refused = await t.request(t.member.token, { method: 'POST', url: reviews, payload: body });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('Authorization_RequestDenied');
    expect(await counts()).toEqual(before);

    const definition = await createReview(t, body);
    await t.jobs.drain();
    const moved = await t.request(t.admin.token, { method: 'PUT', url: `${reviews}/${definition.id}`, payload: { ...body, scope: groupScope(other.id) } });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().error.target).toBe('scope');
    const renamed = await t.request(t.admin.token, { method: 'PUT', url: `${reviews}/${definition.id}`, payload: { ...body, displayName: 'Finance share review' } });
    expect(renamed.statusCode, renamed.body).toBe(204);
    expect((await getJson(t, `${reviews}/${definition.id}`)).displayName).toBe('Finance share review');
    expect((await t.request(t.member.token, { method: 'DELETE', url: `${reviews}/${definition.id}` })).statusCode).toBe(403);

    const [instance] = await instancesOf(t, definition.id);
    expect((await t.request(t.admin.token, { method: 'DELETE', url: `${reviews}/${definition.id}` })).statusCode).toBe(204);
    expect((await t.request(t.admin.token, { method: 'GET', url: `${reviews}/${definition.id}` })).statusCode).toBe(404);
    // Its running instance is stopped, not applied, and kept; its timers then find nothing to do.
    expect(await t.handle.db.selectFrom('access_review_instances').select(['id', 'status', 'stopped_by_id']).where('id', '=', instance.id).executeTakeFirst()).toEqual({ id: instance.id, status: 'Completed', stopped_by_id: t.admin.id });
    t.clock.advance(8 * 24 * 3600_000);
    await t.jobs.drain();
    expect((await t.handle.db.selectFrom('access_review_instances').select('status').where('id', '=', instance.id).executeTakeFirstOrThrow()).status).toBe('Completed');
    const audit = await getJson(t, `/v1.0/auditLogs/directoryAudits?$filter=activityDisplayName eq 'Delete access review'`);
    expect(audit.value).toHaveLength(1);
    expect(audit.value[0].initiatedBy.user.id).toBe(t.admin.id);
  });

  it('answers a decision for another instance, an unknown decision and a bad decision value in Graph terms', async () => {
    const group = await addGroup(t, 'Finance share');
    const rita = await t.addUser({ displayName: 'Rita Reviewer' });
    const definition = await createReview(t, { scope: groupScope(group.id), reviewers: [userReviewer(rita.id)], settings: oneOff('2026-11-26', 7) });
    await t.jobs.drain();
    const [instance] = await instancesOf(t, definition.id);
    const url = (decisionId: string) => `${reviews}/${definition.id}/instances/${instance.id}/decisions/${decisionId}`;
    expect((await t.request(rita.token, { method: 'PATCH', url: url('nope'), payload: { decision: 'Approve' } })).statusCode).toBe(404);
    const bad = await t.request(rita.token, { method: 'PATCH', url: url('nope'), payload: { decision: 'Maybe' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.target).toBe('decision');
    expect((await t.request(t.admin.token, { method: 'GET', url: `${reviews}/${definition.id}/instances/elsewhere` })).statusCode).toBe(404);
    expect((await t.request(t.admin.token, { method: 'GET', url: `${reviews}/${definition.id}/instances/filterByCurrentUser(on='owner')` })).statusCode).toBe(400);
  });

  it('ends the reviews of a group when the group is deleted', async () => {
    const group = await addGroup(t, 'Short-lived project');
    const rita = await t.addUser({ displayName: 'Rita Reviewer' });
    const definition = await createReview(t, { scope: groupScope(group.id), reviewers: [userReviewer(rita.id)], settings: oneOff('2026-12-01', 7) });
    expect((await t.request(t.admin.token, { method: 'DELETE', url: `/v1.0/groups/${group.id}` })).statusCode).toBe(204);
    expect((await t.request(t.admin.token, { method: 'GET', url: `${reviews}/${definition.id}` })).statusCode).toBe(404);
    t.clock.advance(10 * 24 * 3600_000);
    await t.jobs.drain();
    expect(await t.handle.db.selectFrom('access_review_instances').select('id').execute()).toEqual([]);
  });
});
