import { expect } from 'vitest';
import { sessionCookieName } from '../../src/http/authentication.js';
import { addGroup, addMemberRole, addResource, createAccessPackage, createPolicy, em } from './entitlement-fixtures.js';
import type { TestContext } from './test-app.js';

export const internalSponsors = { '@odata.type': '#microsoft.graph.internalSponsors' };
export const externalSponsors = { '@odata.type': '#microsoft.graph.externalSponsors' };
export const organizationMembers = (connectedOrganizationId: string) => ({ '@odata.type': '#microsoft.graph.connectedOrganizationMembers', connectedOrganizationId });

/** A connected organization known by its e-mail domains, optionally with sponsors (user ids). */
export async function connectedOrganization(t: TestContext, displayName: string, domains: string[], sponsors: { internal?: string[]; external?: string[] } = {}): Promise<{ id: string }> {
  const created = await t.request(t.admin.token, {
    method: 'POST',
    url: `${em}/connectedOrganizations`,
    payload: { displayName, identitySources: domains.map((domainName) => ({ '@odata.type': '#microsoft.graph.domainIdentitySource', domainName, displayName: domainName })) },
  });
  expect(created.statusCode, created.body).toBe(201);
  const { id } = created.json();
  for (const [kind, ids] of [['internalSponsors', sponsors.internal ?? []], ['externalSponsors', sponsors.external ?? []]] as const) {
    for (const userId of ids) {
      const added = await t.request(t.admin.token, { method: 'POST', url: `${em}/connectedOrganizations/${id}/${kind}/$ref`, payload: { '@odata.id': `https://graph.example/v1.0/users/${userId}` } });
      expect(added.statusCode, added.body).toBe(204);
    }
  }
  return { id };
}

/** A catalog visible to people outside, with one package of one group's membership and a policy for outsiders. */
export async function externalPackage(t: TestContext, policy: Record<string, unknown>, name = 'Partner portal'): Promise<{ catalogId: string; packageId: string; groupId: string; policyId: string }> {
  const catalog = await t.request(t.admin.token, { method: 'POST', url: `${em}/catalogs`, payload: { displayName: `${name} catalog`, isExternallyVisible: true } });
  expect(catalog.statusCode, catalog.body).toBe(201);
  const catalogId = catalog.json().id;
  const group = await addGroup(t, `${name} group`);
  const resource = await addResource(t, catalogId, group.id);
  const accessPackage = await createAccessPackage(t, catalogId, name);
  await addMemberRole(t, accessPackage.id, resource.id, group.id);
  const created = await createPolicy(t, accessPackage.id, { displayName: 'Partners may ask', ...policy });
  return { catalogId, packageId: accessPackage.id, groupId: group.id, policyId: created.id };
}

/** The code in the last mail sent to the address (the memory mailer keeps them). */
export function codeMailedTo(t: TestContext, email: string): string {
  const mail = [...t.mail].reverse().find((message) => message.to === email);
  expect(mail, `a code mailed to ${email}`).toBeDefined();
  const match = /Your code is (\d{4}) (\d{4})/.exec(mail!.text);
  expect(match, mail!.text).not.toBeNull();
  return `${match![1]}${match![2]}`;
}

export async function askForCode(t: TestContext, email: string, accessPackageId?: string, ipAddress = '203.0.113.7') {
  return t.app.inject({ method: 'POST', url: '/auth/outsider/code', remoteAddress: ipAddress, payload: { email, ...(accessPackageId ? { accessPackageId } : {}) } });
}

export async function signInWithCode(t: TestContext, email: string, code: string, displayName?: string) {
  return t.app.inject({ method: 'POST', url: '/auth/outsider/signIn', payload: { email, code, ...(displayName ? { displayName } : {}) } });
}

/** An outsider's way in: a code by mail, typed back; then calls with the session cookie and its CSRF token. */
export async function outsiderSession(t: TestContext, email: string, accessPackageId?: string, displayName?: string) {
  const asked = await askForCode(t, email, accessPackageId);
  expect(asked.statusCode, asked.body).toBe(202);
  await t.jobs.drain();
  const signedIn = await signInWithCode(t, email, codeMailedTo(t, email.toLowerCase()), displayName);
  expect(signedIn.statusCode, signedIn.body).toBe(200);
  const cookie = signedIn.cookies.find((candidate) => candidate.name === sessionCookieName)!;
  const session = await t.app.inject({ method: 'GET', url: '/v1.0/tessera/session', headers: { cookie: `${sessionCookieName}=${cookie.value}` } });
  expect(session.statusCode, session.body).toBe(200);
  const csrf = session.json().csrfToken as string;
  return {
    userId: signedIn.json().userId as string,
    call: (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
      t.app.inject({ method, url, headers: { cookie: `${sessionCookieName}=${cookie.value}`, 'x-csrf-token': csrf }, ...(payload === undefined ? {} : { payload: payload as never }) }),
  };
}
