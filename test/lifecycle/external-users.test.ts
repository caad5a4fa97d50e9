import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { em, rowCounts } from '../helpers/entitlement-fixtures.js';
import { connectedOrganization, externalPackage, externalSponsors, internalSponsors, organizationMembers, outsiderSession } from '../helpers/external-fixtures.js';
import { dayMs, getRequest, isMember, oneStage } from '../helpers/lifecycle-fixtures.js';
import { countRows, createTestContext, type TestContext } from '../helpers/test-app.js';
import { skipReason, testDialect } from '../helpers/test-database.js';

const selfService = { enableTargetsToSelfAddAccess: true, enableTargetsToSelfUpdateAccess: true, enableTargetsToSelfRemoveAccess: true };

describe.skipIf(skipReason())(`external users: connected organizations, sponsors and guests (${testDialect})`, () => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestContext();
  });
  afterEach(async () => t.close());

  const user = async (id: string) => (await t.request(t.admin.token, { method: 'GET', url: `/v1.0/users/${id}` })).json();
  const sponsorsOf = async (id: string) => (await t.request(t.admin.token, { method: 'GET', url: `/v1.0/users/${id}/sponsors` })).json().value.map((sponsor: { id: string }) => sponsor.id);
  const activities = async (id: string) =>
    (await t.handle.db.selectFrom('directory_audits').select(['activity_display_name', 'target_resources']).orderBy('sequence').execute()).filter((row) => row.target_resources.includes(id)).map((row) => row.activity_display_name);
  const targetOf = async (requestId: string) => (await t.handle.db.selectFrom('assignment_requests').select('target_id').where('id', '=', requestId).executeTakeFirstOrThrow()).target_id;
  const adminAdd = (accessPackageId: string, assignmentPolicyId: string, email: string, displayName?: string) =>
    t.request(t.admin.token, { method: 'POST', url: `${em}/assignmentRequests`, payload: { requestType: 'adminAdd', assignment: { accessPackageId, assignmentPolicyId, target: { email, ...(displayName ? { displayName } : {}) } } } });

  it('lets a partner’s employee prove their address, request, be approved by the internal sponsor, and receive the access as a guest with that sponsor', async () => {
    const sponsor = await t.addUser({ displayName: 'Sam Sponsor', mail: 'sam@example.com' });
    const partner = await connectedOrganization(t, 'Partner Ltd', ['partner.example'], { internal: [sponsor.id] });
    const { packageId, groupId, policyId } = await externalPackage(t, { allowedTargetScope: 'specificConnectedOrganizationUsers', specificAllowedTargets: [organizationMembers(partner.id)], requestorSettings: selfService, requestApprovalSettings: oneStage([internalSponsors]) });
    const policy = (await t.request(t.admin.token, { method: 'GET', url: `${em}/assignmentPolicies/${policyId}` })).json();
    expect(policy.specificAllowedTargets).toEqual([{ ...organizationMembers(partner.id), description: 'Partner Ltd' }]);

    const olga = await outsiderSession(t, 'Olga@Partner.example', packageId, 'Olga Outsider');
    expect(await user(olga.userId)).toMatchObject({ userType: 'Guest', displayName: 'Olga Outsider', mail: 'olga@partner.example', companyName: 'Partner Ltd', accountEnabled: true });

    const asked = await olga.call('POST', `${em}/assignmentRequests`, { requestType: 'userAdd', assignment: { accessPackageId: packageId }, justification: 'Joint project' });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json().state).toBe('pendingApproval');
    await t.jobs.drain();
    expect(t.mail.some((mail) => mail.to === 'sam@example.com' && /Approve or deny/.test(mail.subject))).toBe(true);

    const waiting = await t.request(sponsor.token, { method: 'GET', url: `${em}/accessPackageAssignmentApprovals/filterByCurrentUser(on='approver')` });
    const [approval] = waiting.json().value;
    expect(approval.id).toBe(asked.json().id);
    const decided = await t.request(sponsor.token, { method: 'PATCH', url: `${em}/accessPackageAssignmentApprovals/${approval.id}/stages/${approval.stages[0].id}`, payload: { reviewResult: 'Approve', justification: 'I know Olga' } });
    expect(decided.statusCode, decided.body).toBe(204);
    await t.jobs.drain();

    expect((await getRequest(t, approval.id)).state).toBe('delivered');
    expect(await isMember(t, groupId, olga.userId)).toBe(true);
    expect(await sponsorsOf(olga.userId)).toEqual([sponsor.id]);
    const governed = await t.handle.db.selectFrom('governed_guests').selectAll().where('user_id', '=', olga.userId).executeTakeFirstOrThrow();
    expect(governed).toMatchObject({ email: 'olga@partner.example', connected_organization_id: partner.id, blocked_date_time: null });
    expect(await activities(olga.userId)).toEqual(expect.arrayContaining(['Invite external user', 'Sign in to the portal', 'Add sponsor to user']));

    const mine = await olga.call('GET', `${em}/assignments/filterByCurrentUser(on='target')?$expand=accessPackage`);
    expect(mine.json().value).toEqual([expect.objectContaining({ state: 'delivered', accessPackage: expect.objectContaining({ id: packageId }) })]);
  });

  it('finds no approver among sponsors of another organization: the fallback approver decides', async () => {
    const fallback = await t.addUser({ displayName: 'Fay Fallback' });
    const inside = await t.addUser({ displayName: 'Ivan Inside' });
    const partner = await connectedOrganization(t, 'Partner Ltd', ['partner.example']);
    await connectedOrganization(t, 'Other Ltd', ['other.example'], { internal: [inside.id] });
    const { packageId } = await externalPackage(t, {
      allowedTargetScope: 'allConfiguredConnectedOrganizationUsers',
      requestorSettings: selfService,
      requestApprovalSettings: oneStage([internalSponsors], { fallbackPrimaryApprovers: [{ '@odata.type': '#microsoft.graph.singleUser', userId: fallback.id }] }),
    });
    const olga = await outsiderSession(t, 'olga@partner.example', packageId);
    const asked = await olga.call('POST', `${em}/assignmentRequests`, { requestType: 'userAdd', assignment: { accessPackageId: packageId } });
    expect(asked.statusCode, asked.body).toBe(201);
    const forFallback = await t.request(fallback.token, { method: 'GET', url: `${em}/accessPackageAssignmentApprovals/filterByCurrentUser(on='approver')` });
    const forInside = await t.request(inside.token, { method: 'GET', url: `${em}/accessPackageAssignmentApprovals/filterByCurrentUser(on='approver')` });
    expect(forFallback.json().value.map((a: { id: string }) => a.id)).toEqual([asked.json().id]);
    expect(forInside.json().value).toEqual([]);
    expect(partner.id).toBeTruthy();
  });

  it('lets the partner’s own external sponsor approve, and keeps a catalog with outsider policies visible to outsiders', async () => {
    const partnerLead = await t.addUser({ displayName: 'Lea Lead', mail: 'lea@partner.example', userType: 'Guest' });
    const partner = await connectedOrganization(t, 'Partner Ltd', ['partner.example'], { external: [partnerLead.id] });
    const { packageId, catalogId } = await externalPackage(t, { allowedTargetScope: 'specificConnectedOrganizationUsers', specificAllowedTargets: [organizationMembers(partner.id)], requestorSettings: selfService, requestApprovalSettings: oneStage([externalSponsors]) });
    const olga = await outsiderSession(t, 'olga@partner.example', packageId);
    const asked = await olga.call('POST', `${em}/assignmentRequests`, { requestType: 'userAdd', assignment: { accessPackageId: packageId } });
    expect(asked.statusCode, asked.body).toBe(201);
    const waiting = await t.request(partnerLead.token, { method: 'GET', url: `${em}/accessPackageAssignmentApprovals/filterByCurrentUser(on='approver')` });
    expect(waiting.json().value.map((approval: { id: string }) => approval.id)).toEqual([asked.json().id]);

    const before = await rowCounts(t);
    const hidden = await t.request(t.admin.token, { method: 'PATCH', url: `${em}/catalogs/${catalogId}`, payload: { isExternallyVisible: false } });
    expect(hidden.statusCode, hidden.body).toBe(409);
    expect(hidden.json().error).toMatchObject({ code: 'CatalogHasExternalPolicies', target: 'isExternallyVisible' });
    expect(hidden.json().error.message).toMatch(/Partners may ask/);
    expect(await rowCounts(t)).toEqual(before);
  });

  it('lets an administrator assign someone outside by e-mail: a guest is made once and reused, with the assigner as sponsor', async () => {
    const partner = await connectedOrganization(t, 'Partner Ltd', ['partner.example']);
    const first = await externalPackage(t, { allowedTargetScope: 'specificConnectedOrganizationUsers', specificAllowedTargets: [organizationMembers(partner.id)] }, 'Partner portal');
    const second = await externalPackage(t, { allowedTargetScope: 'allConfiguredConnectedOrganizationUsers' }, 'Partner wiki');

    const assigned = await adminAdd(first.packageId, first.policyId, 'PAT@partner.example', 'Pat Partner');
    expect(assigned.statusCode, assigned.body).toBe(201);
    await t.jobs.drain();
    const request = await getRequest(t, assigned.json().id);
    expect(request).toMatchObject({ state: 'delivered', requestType: 'adminAdd' });
    const patId = await targetOf(request.id);
    expect(await user(patId)).toMatchObject({ userType: 'Guest', displayName: 'Pat Partner', mail: 'pat@partner.example', userPrincipalName: 'pat@partner.example' });
    expect(await isMember(t, first.groupId, patId)).toBe(true);
    expect(await sponsorsOf(patId)).toEqual([t.admin.id]);

    const again = await adminAdd(second.packageId, second.policyId, 'pat@partner.example');
    expect(again.statusCode, again.body).toBe(201);
    await t.jobs.drain();
    expect(await targetOf(again.json().id)).toBe(patId);
    expect(await t.handle.db.selectFrom('users').select('id').where('mail', '=', 'pat@partner.example').execute()).toHaveLength(1);
  });

  it('refuses an address outside every organization the policy lets in, a policy not for outsiders, and no address, writing nothing', async () => {
    const partner = await connectedOrganization(t, 'Partner Ltd', ['partner.example']);
    await connectedOrganization(t, 'Rival Ltd', ['rival.example']);
    const { packageId, policyId } = await externalPackage(t, { allowedTargetScope: 'specificConnectedOrganizationUsers', specificAllowedTargets: [organizationMembers(partner.id)] });
    const members = await t.request(t.admin.token, { method: 'POST', url: `${em}/assignmentPolicies`, payload: { displayName: 'Members only', allowedTargetScope: 'allMemberUsers', accessPackage: { id: packageId }, requestorSettings: selfService, requestApprovalSettings: { isApprovalRequiredForAdd: false, stages: [] }, expiration: { type: 'noExpiration' } } });
    expect(members.statusCode, members.body).toBe(201);

    const cases: [string, string, string, RegExp][] = [
      ['an unknown domain', 'eve@elsewhere.example', policyId, /elsewhere\.example is not the domain of a connected organization the policy 'Partners may ask' lets in/],
      ['another organization', 'rita@rival.example', policyId, /belongs to the connected organization 'Rival Ltd', which the policy 'Partners may ask' does not let in/],
      ['a subdomain', 'sub@mail.partner.example', policyId, /mail\.partner\.example is not the domain/],
      ['a policy for members', 'pat@partner.example', members.json().id, /'Members only' is not for people outside/],
      ['not an address', 'pat-at-partner.example', policyId, /is not an e-mail address/],
    ];
    for (const [name, email, policy, message] of cases) {
      const before = { ...(await rowCounts(t)), users: await countRows(t, 'users'), requests: Number((await t.handle.db.selectFrom('assignment_requests').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n) };
      const refused = await adminAdd(packageId, policy, email);
      expect(refused.statusCode, name).toBe(400);
      expect(refused.json().error, name).toMatchObject({ code: 'Request_BadRequest', target: 'assignment.target.email' });
      expect(refused.json().error.message, name).toMatch(message);
      expect({ ...(await rowCounts(t)), users: await countRows(t, 'users'), requests: Number((await t.handle.db.selectFrom('assignment_requests').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n) }, name).toEqual(before);
    }
  });

  it('proposes a connected organization for an unknown domain when a policy for all external users let its person in', async () => {
    const { packageId, policyId } = await externalPackage(t, { allowedTargetScope: 'allExternalUsers' });
    const assigned = await adminAdd(packageId, policyId, 'nina@newco.example');
    expect(assigned.statusCode, assigned.body).toBe(201);
    await t.jobs.drain();
    const listed = await t.request(t.admin.token, { method: 'GET', url: `${em}/connectedOrganizations?$filter=state eq 'proposed'` });
    expect(listed.json().value).toEqual([expect.objectContaining({ displayName: 'newco.example', state: 'proposed', identitySources: [expect.objectContaining({ domainName: 'newco.example' })] })]);
    const nina = await targetOf(assigned.json().id);
    const governed = await t.handle.db.selectFrom('governed_guests').select('connected_organization_id').where('user_id', '=', nina).executeTakeFirstOrThrow();
    expect(governed.connected_organization_id).toBe(listed.json().value[0].id);
  });

  it('blocks a guest whose last assignment ends, lets them back in when access returns first, and deletes them, keeping history, after the configured time', async () => {
    const settings = await t.request(t.admin.token, { method: 'PATCH', url: `${em}/settings`, payload: { externalUserLifecycleAction: 'blockSignInAndDelete', durationUntilExternalUserDeletedAfterBlocked: 'P14D' } });
    expect(settings.statusCode, settings.body).toBe(204);
    const partner = await connectedOrganization(t, 'Partner Ltd', ['partner.example']);
    const { packageId, policyId, groupId } = await externalPackage(t, { allowedTargetScope: 'specificConnectedOrganizationUsers', specificAllowedTargets: [organizationMembers(partner.id)] });
    const assignAndDeliver = async () => {
      const assigned = await adminAdd(packageId, policyId, 'pat@partner.example', 'Pat Partner');
      expect(assigned.statusCode, assigned.body).toBe(201);
      await t.jobs.drain();
      return getRequest(t, assigned.json().id);
    };
    const remove = async (assignmentId: string) => {
      const removed = await t.request(t.admin.token, { method: 'POST', url: `${em}/assignmentRequests`, payload: { requestType: 'adminRemove', assignment: { id: assignmentId } } });
      expect(removed.statusCode, removed.body).toBe(201);
      await t.jobs.drain();
    };

    const first = await assignAndDeliver();
    const patId = await targetOf(first.id);
    await remove(first.assignment.id);
    expect(await isMember(t, groupId, patId)).toBe(false);
    expect(await user(patId)).toMatchObject({ accountEnabled: false, displayName: 'Pat Partner' });
    expect(await activities(patId)).toContain('Block external user from signing in');

    t.clock.advance(13 * dayMs);
    await t.jobs.drain();
    const second = await assignAndDeliver();
    expect(await targetOf(second.id)).toBe(patId);
    expect(await user(patId)).toMatchObject({ accountEnabled: true });
    expect(await activities(patId)).toContain('Unblock external user');
    // The deletion planned at the first block falls due now, and must find the guest let back in.
    t.clock.advance(2 * dayMs);
    await t.jobs.drain();
    expect(await user(patId)).toMatchObject({ accountEnabled: true, displayName: 'Pat Partner' });

    await remove(second.assignment.id);
    t.clock.advance(14 * dayMs - 60_000);
    await t.jobs.drain();
    expect((await t.request(t.admin.token, { method: 'GET', url: `/v1.0/users/${patId}` })).statusCode).toBe(200);
    t.clock.advance(60_000);
    await t.jobs.drain();
    expect((await t.request(t.admin.token, { method: 'GET', url: `/v1.0/users/${patId}` })).statusCode).toBe(404);
    const row = await t.handle.db.selectFrom('users').selectAll().where('id', '=', patId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ display_name: 'Deleted guest', mail: null, given_name: null, company_name: null, account_enabled: 0 });
    expect(row.user_principal_name).not.toContain('pat');
    expect(row.deleted_date_time).not.toBeNull();
    expect((await t.handle.db.selectFrom('governed_guests').selectAll().where('user_id', '=', patId).executeTakeFirstOrThrow()).email).toBe('');
    expect(await activities(patId)).toContain('Delete external user');
    // History stays: who had access, when, and the requests that gave and took it.
    expect((await getRequest(t, first.id)).state).toBe('delivered');
  });

  it('does nothing when the lifecycle is off, and only blocks with blockSignIn', async () => {
    const partner = await connectedOrganization(t, 'Partner Ltd', ['partner.example']);
    const { packageId, policyId } = await externalPackage(t, { allowedTargetScope: 'specificConnectedOrganizationUsers', specificAllowedTargets: [organizationMembers(partner.id)] });
    for (const [action, enabledAfter] of [['none', true], ['blockSignIn', false]] as const) {
      expect((await t.request(t.admin.token, { method: 'PATCH', url: `${em}/settings`, payload: { externalUserLifecycleAction: action } })).statusCode).toBe(204);
      const assigned = await adminAdd(packageId, policyId, `${action}@partner.example`);
      await t.jobs.drain();
      const request = await getRequest(t, assigned.json().id);
      await t.request(t.admin.token, { method: 'POST', url: `${em}/assignmentRequests`, payload: { requestType: 'adminRemove', assignment: { id: request.assignment.id } } });
      await t.jobs.drain();
      t.clock.advance(400 * dayMs);
      await t.jobs.drain();
      expect(await user(await targetOf(request.id)), action).toMatchObject({ accountEnabled: enabledAfter });
    }
  });

  it('leaves a guest an administrator disabled to the administrator: not marked, not deleted, not let in by new access', async () => {
    const partner = await connectedOrganization(t, 'Partner Ltd', ['partner.example']);
    const { packageId, policyId } = await externalPackage(t, { allowedTargetScope: 'specificConnectedOrganizationUsers', specificAllowedTargets: [organizationMembers(partner.id)] });
    const assigned = await adminAdd(packageId, policyId, 'pat@partner.example');
    await t.jobs.drain();
    const patId = await targetOf(assigned.json().id);
    const request = await getRequest(t, assigned.json().id);
    expect((await t.request(t.admin.token, { method: 'PATCH', url: `/v1.0/users/${patId}`, payload: { accountEnabled: false } })).statusCode).toBe(204);
    await t.request(t.admin.token, { method: 'POST', url: `${em}/assignmentRequests`, payload: { requestType: 'adminRemove', assignment: { id: request.assignment.id } } });
    await t.jobs.drain();
    expect((await t.handle.db.selectFrom('governed_guests').select('blocked_date_time').where('user_id', '=', patId).executeTakeFirstOrThrow()).blocked_date_time).toBeNull();
    expect(await activities(patId)).not.toContain('Block external user from signing in');
    const again = await adminAdd(packageId, policyId, 'pat@partner.example');
    expect(again.statusCode, again.body).toBe(400);
    expect(again.json().error.message).toMatch(/blocked from signing in/);
    t.clock.advance(400 * dayMs);
    await t.jobs.drain();
    expect((await t.request(t.admin.token, { method: 'GET', url: `/v1.0/users/${patId}` })).json()).toMatchObject({ accountEnabled: false, mail: 'pat@partner.example' });
  });

  it('blocks an outsider whose only request was denied', async () => {
    const sponsor = await t.addUser({ displayName: 'Sam Sponsor' });
    const partner = await connectedOrganization(t, 'Partner Ltd', ['partner.example'], { internal: [sponsor.id] });
    const { packageId } = await externalPackage(t, { allowedTargetScope: 'specificConnectedOrganizationUsers', specificAllowedTargets: [organizationMembers(partner.id)], requestorSettings: selfService, requestApprovalSettings: oneStage([internalSponsors]) });
    const olga = await outsiderSession(t, 'olga@partner.example', packageId);
    const asked = await olga.call('POST', `${em}/assignmentRequests`, { requestType: 'userAdd', assignment: { accessPackageId: packageId } });
    const approval = (await t.request(sponsor.token, { method: 'GET', url: `${em}/accessPackageAssignmentApprovals/${asked.json().id}` })).json();
    expect((await t.request(sponsor.token, { method: 'PATCH', url: `${em}/accessPackageAssignmentApprovals/${approval.id}/stages/${approval.stages[0].id}`, payload: { reviewResult: 'Deny', justification: 'Not on the project' } })).statusCode).toBe(204);
    await t.jobs.drain();
    expect(await user(olga.userId)).toMatchObject({ accountEnabled: false });
    expect((await olga.call('GET', '/v1.0/tessera/session')).statusCode).toBe(401);
  });
});
