import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { skipReason, testDialect } from '../../../test/helpers/test-database.js';

const url = '/v1.0/tessera/userActivity';

describe.skipIf(skipReason())(`user activity (${testDialect})`, () => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestContext();
  });
  afterEach(async () => t.close());

  // What reports write (the caller's own API use is recorded by authentication, whatever the outcome).
  const activityRows = async () => t.handle.db.selectFrom('user_activity').select(['user_id', 'last_reported_date_time', 'last_reported_source']).where('last_reported_date_time', 'is not', null).orderBy('user_id').execute();
  const report = (value: unknown, token = t.admin.token) => t.request(token, { method: 'POST', url, payload: { value } });
  const daysAgo = (days: number) => new Date(t.clock().getTime() - days * 86_400_000).toISOString();

  it('keeps the latest reported use of each user, and shows it with their sign-in and API use', async () => {
    const mia = t.member;
    expect((await report([{ userId: mia.id, lastActivityDateTime: daysAgo(3), source: 'Finance system' }])).statusCode).toBe(204);
    // An older report does not move it back.
    expect((await report([{ userId: mia.id, lastActivityDateTime: daysAgo(10), source: 'Wiki' }])).statusCode).toBe(204);
    const shown = await t.request(t.admin.token, { method: 'GET', url: `${url}/${mia.id}` });
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({ userId: mia.id, lastReportedDateTime: daysAgo(3), lastReportedSource: 'Finance system', lastSignInDateTime: null });
    // The admin's own calls are API use.
    expect((await t.request(t.admin.token, { method: 'GET', url: `${url}/${t.admin.id}` })).json().lastApiDateTime).toBe(t.clock().toISOString());
  });

  it('refuses bad reports with the property named, and writes nothing', async () => {
    const before = await activityRows();
    const cases: [unknown, string | RegExp][] = [
      [[{ userId: 'nobody-here', lastActivityDateTime: daysAgo(1), source: 'X' }], 'value[0].userId'],
      [[{ userId: t.member.id, lastActivityDateTime: new Date(t.clock().getTime() + 3_600_000).toISOString(), source: 'X' }], 'value[0].lastActivityDateTime'],
      [[{ userId: t.member.id, lastActivityDateTime: 'yesterday', source: 'X' }], /lastActivityDateTime/],
      [[{ userId: t.member.id, lastActivityDateTime: daysAgo(1) }], /source/],
      [[], /value/],
      // Over 1,000 entries: refused by the schema, or (as here, with the tests' 64 KiB limit) by the body's size first.
      [Array.from({ length: 1001 }, () => ({ userId: t.member.id, lastActivityDateTime: daysAgo(1), source: 'X' })), /value|larger than/],
    ];
    for (const [value, target] of cases) {
      const response = await report(value);
      expect(response.statusCode, response.body).toBe(400);
      const { error } = response.json();
      if (typeof target === 'string') expect(error.target).toBe(target);
      else expect(`${error.target} ${error.message}`).toMatch(target);
    }
    expect(await activityRows()).toEqual(before);
  });

  it('takes reports from governance administrators only, and shows activity only to those who read reviews', async () => {
    const before = await activityRows();
    expect((await report([{ userId: t.member.id, lastActivityDateTime: daysAgo(1), source: 'X' }], t.member.token)).statusCode).toBe(403);
    expect((await t.request(t.member.token, { method: 'GET', url: `${url}/${t.admin.id}` })).statusCode).toBe(403);
    expect(await activityRows()).toEqual(before);
  });
});
