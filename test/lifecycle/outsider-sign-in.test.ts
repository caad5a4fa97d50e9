import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { em } from '../helpers/entitlement-fixtures.js';
import { askForCode, codeMailedTo, connectedOrganization, externalPackage, organizationMembers, outsiderSession, signInWithCode } from '../helpers/external-fixtures.js';
import { packageWithGroup } from '../helpers/lifecycle-fixtures.js';
import { countRows, createTestContext, type TestContext } from '../helpers/test-app.js';
import { skipReason, testDialect } from '../helpers/test-database.js';

const selfService = { enableTargetsToSelfAddAccess: true, enableTargetsToSelfUpdateAccess: false, enableTargetsToSelfRemoveAccess: true };
const minuteMs = 60_000;

describe.skipIf(skipReason())(`one-time codes for people outside: expiry, single use, limits and throttling (${testDialect})`, () => {
  let t: TestContext;
  let packageId: string;
  beforeEach(async () => {
    t = await createTestContext();
    const partner = await connectedOrganization(t, 'Partner Ltd', ['partner.example']);
    ({ packageId } = await externalPackage(t, { allowedTargetScope: 'specificConnectedOrganizationUsers', specificAllowedTargets: [organizationMembers(partner.id)], requestorSettings: selfService }));
  });
  afterEach(async () => t.close());

  const codesRows = async () => (await countRows(t, 'users')) + Number((await t.handle.db.selectFrom('one_time_codes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const mailedCode = async (email: string, ip?: string) => {
    const asked = await askForCode(t, email, packageId, ip);
    expect(asked.statusCode, asked.body).toBe(202);
    expect(asked.json()).toEqual({ email, expiresDateTime: new Date(t.clock.now.getTime() + 10 * minuteMs).toISOString(), codeLength: 8, resendAfterSeconds: 60 });
    await t.jobs.drain();
    return codeMailedTo(t, email);
  };
  const refusedSignIn = async (email: string, code: string, code_: string, message: RegExp) => {
    const users = await countRows(t, 'users');
    const answer = await signInWithCode(t, email, code);
    expect(answer.statusCode, answer.body).toBe(400);
    expect(answer.json().error).toMatchObject({ code: code_ });
    expect(answer.json().error.message).toMatch(message);
    expect(answer.cookies).toEqual([]);
    expect(await countRows(t, 'users')).toBe(users);
  };

  it('mails a code that is kept sealed, never in a job, and opens once', async () => {
    const code = await mailedCode('olga@partner.example');
    const row = await t.handle.db.selectFrom('one_time_codes').selectAll().executeTakeFirstOrThrow();
    expect(row.sealed_code).not.toContain(code);
    expect(JSON.stringify(await t.handle.db.selectFrom('jobs').select('payload').execute())).not.toContain(code);
    expect(t.mail.at(-1)).toMatchObject({ to: 'olga@partner.example', subject: 'Your sign-in code for Tessera' });

    const first = await signInWithCode(t, 'olga@partner.example', `${code.slice(0, 4)} ${code.slice(4)}`);
    expect(first.statusCode, first.body).toBe(200);
    await refusedSignIn('olga@partner.example', code, 'CodeUsed', /used already/);
  });

  it('lets a code expire after ten minutes', async () => {
    const code = await mailedCode('olga@partner.example');
    t.clock.advance(10 * minuteMs);
    await refusedSignIn('olga@partner.example', code, 'CodeExpired', /expired/);
  });

  it('counts wrong guesses and kills the code after five, even for the right code then', async () => {
    const code = await mailedCode('olga@partner.example');
    const wrong = code === '00000000' ? '11111111' : '00000000';
    for (const left of [4, 3, 2, 1]) await refusedSignIn('olga@partner.example', wrong, 'WrongCode', new RegExp(`${left} tr(y|ies) left`));
    await refusedSignIn('olga@partner.example', wrong, 'CodeSpent', /now spent/);
    await refusedSignIn('olga@partner.example', code, 'CodeSpent', /guessed wrong too often/);
  });

  it('opens only the newest code sent to an address', async () => {
    const old = await mailedCode('olga@partner.example');
    t.clock.advance(minuteMs);
    const fresh = await mailedCode('olga@partner.example');
    if (old !== fresh) await refusedSignIn('olga@partner.example', old, 'WrongCode', /not the code/);
    expect((await signInWithCode(t, 'olga@partner.example', fresh)).statusCode).toBe(200);
  });

  it('sends at most one code a minute and five an hour to an address, saying when to ask again', async () => {
    await mailedCode('olga@partner.example');
    const soon = await askForCode(t, 'olga@partner.example', packageId);
    expect(soon.statusCode, soon.body).toBe(429);
    expect(soon.headers['retry-after']).toBe('60');
    expect(soon.json().error).toMatchObject({ code: 'TooManyRequests', target: 'email' });
    for (let sent = 2; sent <= 5; sent += 1) {
      t.clock.advance(minuteMs);
      await mailedCode('olga@partner.example');
    }
    t.clock.advance(minuteMs);
    const sixth = await askForCode(t, 'olga@partner.example', packageId);
    expect(sixth.statusCode, sixth.body).toBe(429);
    expect(Number(sixth.headers['retry-after'])).toBe(60 * 60 - 5 * 60);
    t.clock.advance(56 * minuteMs);
    expect((await askForCode(t, 'olga@partner.example', packageId)).statusCode).toBe(202);
  });

  it('limits the codes one network address may ask for, whatever the addresses', async () => {
    for (let index = 0; index < 30; index += 1) expect((await askForCode(t, `person${index}@partner.example`, packageId, '198.51.100.9')).statusCode).toBe(202);
    const farmed = await askForCode(t, 'person30@partner.example', packageId, '198.51.100.9');
    expect(farmed.statusCode, farmed.body).toBe(429);
    expect((await askForCode(t, 'person30@partner.example', packageId, '198.51.100.10')).statusCode).toBe(202);
  });

  it('sends nothing, and writes nothing, to addresses nothing here is for', async () => {
    const hidden = await packageWithGroup(t, { allowedTargetScope: 'allDirectoryUsers', requestorSettings: selfService }, 'Internal wiki');
    const members = await t.addUser({ userPrincipalName: 'mia.member@example.com', mail: 'mia.member@example.com' });
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      ['an unknown domain', { email: 'eve@elsewhere.example' }, 'email', /Nothing here can be requested by people from elsewhere\.example/],
      ['a package outsiders cannot see', { email: 'olga@partner.example', accessPackageId: hidden.packageId }, 'email', /cannot be requested by people from partner\.example/],
      ['a member of the organization', { email: members.mail! }, 'email', /sign in with your organization's account/],
      ['not an address', { email: 'olga at partner' }, 'email', /not an e-mail address/],
      ['something else besides', { email: 'olga@partner.example', password: 'x' }, '', /password|Unrecognized/],
    ];
    for (const [name, payload, target, message] of cases) {
      const before = await codesRows();
      const answer = await t.app.inject({ method: 'POST', url: '/auth/outsider/code', payload });
      expect(answer.statusCode, name).toBe(400);
      if (target) expect(answer.json().error.target, name).toBe(target);
      expect(answer.json().error.message, name).toMatch(message);
      expect(await codesRows(), name).toBe(before);
    }
    await t.jobs.drain();
    expect(t.mail).toEqual([]);
  });

  it('shows an outsider only the packages of catalogs visible to external users', async () => {
    const internal = await packageWithGroup(t, { allowedTargetScope: 'allDirectoryUsers', requestorSettings: selfService }, 'Internal wiki');
    const olga = await outsiderSession(t, 'olga@partner.example', packageId);
    const listed = await olga.call('GET', `${em}/accessPackages/filterByCurrentUser(on='allowedRequestor')`);
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().value.map((p: { id: string }) => p.id)).toEqual([packageId]);
    expect((await olga.call('GET', `${em}/accessPackages/${internal.packageId}`)).statusCode).toBe(404);
    const asked = await olga.call('POST', `${em}/assignmentRequests`, { requestType: 'userAdd', assignment: { accessPackageId: internal.packageId } });
    expect(asked.statusCode, asked.body).toBe(403);
    expect((await olga.call('GET', `${em}/catalogs`)).json().value).toEqual([]);
    expect((await olga.call('GET', `${em}/connectedOrganizations`)).statusCode).toBe(403);
  });

  it('gives no code to a guest the lifecycle blocked', async () => {
    const olga = await outsiderSession(t, 'olga@partner.example', packageId);
    await t.handle.db.updateTable('users').set({ account_enabled: 0 }).where('id', '=', olga.userId).execute();
    t.clock.advance(2 * minuteMs);
    const answer = await askForCode(t, 'olga@partner.example', packageId);
    expect(answer.statusCode, answer.body).toBe(400);
    expect(answer.json().error).toMatchObject({ code: 'GuestBlocked', target: 'email' });
  });
});
