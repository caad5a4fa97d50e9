import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { skipReason } from '../../../test/helpers/test-database.js';
import { hashToken, insertToken } from '../authorization/access-tokens.repo.js';
import { verifyAuditChain } from '../audit/audit.repo.js';
import { findUser } from '../users/users.repo.js';
import { seedDemoIfEmpty } from './seed-demo.js';
import { demoPersonas } from './demo-organisation.js';

const em = '/v1.0/identityGovernance/entitlementManagement';

describe.skipIf(skipReason())('the demo organisation', () => {
  let t: TestContext;
  let token: string;
  beforeAll(async () => {
    t = await createTestContext();
    // The context adds its own users; the seed only fills an empty directory, so start from one.
    await t.handle.db.deleteFrom('access_tokens').execute();
    await t.handle.db.deleteFrom('role_assignments').execute();
    await t.handle.db.deleteFrom('users').execute();
    expect(await seedDemoIfEmpty(t.deps, t.system)).toBe(true);
    const admin = (await findUser(t.handle.db, 'admin@example.com'))!;
    token = 'demo-test-token';
    await insertToken(t.handle.db, admin.id, hashToken(token), t.clock().toISOString(), '2099-01-01T00:00:00.000Z', null);
  }, 120_000);
  afterAll(async () => t?.close());

  const get = async (url: string) => {
    const response = await t.request(token, { method: 'GET', url });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  it('has about 200 people across departments, with managers and a few guests', async () => {
    expect((await get('/v1.0/users?$count=true&$top=1'))['@odata.count']).toBeGreaterThanOrEqual(195);
    expect((await get("/v1.0/users?$filter=userType eq 'Guest'&$count=true"))['@odata.count']).toBeGreaterThanOrEqual(3);
    const it = await get("/v1.0/users?$filter=department eq 'IT' and jobTitle ne 'IT Administrator'&$count=true&$expand=manager&$top=5");
    expect(it['@odata.count']).toBeGreaterThanOrEqual(30);
    for (const person of it.value) expect(person.manager).not.toBeNull();
    const ceoReports = await get('/v1.0/users/ceo@example.com/directReports?$count=true');
    expect(ceoReports['@odata.count']).toBeGreaterThanOrEqual(8);
  });

  it('works with Fabrikam, a partner whose people may ask for the partner workspace, approved by the head of IT', async () => {
    const [fabrikam] = (await get(`${em}/connectedOrganizations?$filter=displayName eq 'Fabrikam'`)).value;
    expect(fabrikam).toMatchObject({ state: 'configured', identitySources: [expect.objectContaining({ domainName: 'fabrikam.example' })] });
    const sponsors = await get(`${em}/connectedOrganizations/${fabrikam.id}/internalSponsors`);
    expect(sponsors.value.map((sponsor: { userPrincipalName: string }) => sponsor.userPrincipalName)).toEqual([demoPersonas().headOfIt.userPrincipalName]);
    const [workspace] = (await get(`${em}/accessPackages?$filter=displayName eq 'Partner project workspace'&$expand=catalog`)).value;
    expect(workspace.catalog).toMatchObject({ displayName: 'Partners', isExternallyVisible: true });
    const policies = await get(`${em}/assignmentPolicies?$filter=accessPackage/id eq '${workspace.id}'`);
    expect(policies.value).toEqual([expect.objectContaining({ allowedTargetScope: 'specificConnectedOrganizationUsers' })]);
    const asked = await t.app.inject({ method: 'POST', url: '/auth/outsider/code', payload: { email: 'fiona@fabrikam.example', accessPackageId: workspace.id } });
    expect(asked.statusCode, asked.body).toBe(202);
  });

  it('makes admin@example.com a Global Administrator', async () => {
    const me = await get('/v1.0/me');
    const roles = await get(`/v1.0/roleManagement/directory/roleAssignments?$filter=principalId eq '${me.id}'`);
    expect(roles.value.map((role: { roleDefinitionId: string }) => role.roleDefinitionId)).toContain('62e90394-69f5-4237-9190-012177145e10');
  });

  it('offers the IT catalog with "New hire in IT" and its five groups', async () => {
    const packages = await get(`${em}/accessPackages?$filter=displayName eq 'New hire in IT'&$expand=resourceRoleScopes($expand=role,scope),catalog`);
    expect(packages.value).toHaveLength(1);
    const [newHire] = packages.value;
    expect(newHire.catalog.displayName).toBe('IT');
    const roles = newHire.resourceRoleScopes.map((roleScope: { role: { displayName: string; originId: string } }) => roleScope.role.originId);
    expect(roles).toHaveLength(5);
    for (const originId of roles) expect(originId).toMatch(/^Member_/);
    const resources = await get(`${em}/catalogs/${newHire.catalog.id}/resources`);
    expect(resources.value.map((resource: { displayName: string }) => resource.displayName).sort()).toEqual(['GitHub Users', 'IT Documentation Site', 'IT Team', 'Intune Administrators', 'Jira Users', 'Production Servers']);
  });

  it('lets IT staff, and only them, request "New hire in IT" with their manager’s approval', async () => {
    const itPerson = (await get("/v1.0/users?$filter=department eq 'IT'&$expand=manager&$top=5")).value.find((person: { userPrincipalName: string }) => person.userPrincipalName !== 'admin@example.com');
    const salesPerson = (await get("/v1.0/users?$filter=department eq 'Sales'&$top=1")).value[0];
    const tokenFor = async (userId: string) => {
      const value = `demo-${userId}`;
      await insertToken(t.handle.db, userId, hashToken(value), t.clock().toISOString(), '2099-01-01T00:00:00.000Z', null);
      return value;
    };
    const requestable = async (userToken: string) => (await t.request(userToken, { method: 'GET', url: `${em}/accessPackages/filterByCurrentUser(on='allowedRequestor')` })).json().value.map((p: { displayName: string }) => p.displayName);
    const itToken = await tokenFor(itPerson.id);
    expect((await requestable(itToken)).sort()).toEqual(['New hire in IT', 'Production access']);
    expect(await requestable(await tokenFor(salesPerson.id))).toEqual([]);

    const newHire = (await get(`${em}/accessPackages?$filter=displayName eq 'New hire in IT'`)).value[0];
    const asked = await t.request(itToken, { method: 'POST', url: `${em}/assignmentRequests`, payload: { requestType: 'userAdd', assignment: { accessPackageId: newHire.id }, justification: 'Starting in the service desk' } });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json().state).toBe('pendingApproval');
    const managerToken = await tokenFor(itPerson.manager.id);
    const waiting = (await t.request(managerToken, { method: 'GET', url: `${em}/accessPackageAssignmentApprovals/filterByCurrentUser(on='approver')` })).json().value;
    expect(waiting.map((approval: { id: string }) => approval.id)).toEqual([asked.json().id]);
  });

  it('routes "Production access" through the security analyst, then the manager, with its question', async () => {
    const { requester, securityReviewer, headOfIt } = demoPersonas();
    const idOf = async (upn: string) => (await get(`/v1.0/users/${upn}`)).id as string;
    const tokens = new Map<string, string>();
    const tokenFor = async (upn: string) => {
      const value = `production-${upn}`;
      if (!tokens.has(upn)) await insertToken(t.handle.db, await idOf(upn), hashToken(value), t.clock().toISOString(), '2099-01-01T00:00:00.000Z', null);
      tokens.set(upn, value);
      return value;
    };
    const production = (await get(`${em}/accessPackages?$filter=displayName eq 'Production access'`)).value[0];
    const requesterToken = await tokenFor(requester.userPrincipalName);
    const [requirements] = (await t.request(requesterToken, { method: 'POST', url: `${em}/accessPackages/${production.id}/getApplicablePolicyRequirements` })).json().value;
    expect(requirements.questions.map((q: { text: string; isRequired: boolean }) => [q.text, q.isRequired])).toEqual([['Which service will you be on call for?', true]]);
    const asked = await t.request(requesterToken, {
      method: 'POST',
      url: `${em}/assignmentRequests`,
      payload: { requestType: 'userAdd', assignment: { accessPackageId: production.id, assignmentPolicyId: requirements.policyId }, justification: 'On call for payments', answers: [{ value: 'payments', answeredQuestion: { id: requirements.questions[0].id } }] },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const approvalsOf = async (upn: string) => (await t.request(await tokenFor(upn), { method: 'GET', url: `${em}/accessPackageAssignmentApprovals/filterByCurrentUser(on='approver')` })).json().value as { id: string; stages: { id: string; status: string; assignedToMe: boolean }[] }[];
    const requestId = asked.json().id;
    expect((await approvalsOf(securityReviewer.userPrincipalName)).map((a) => a.id)).toEqual([requestId]);
    // (The head of IT may have other requests to decide, from the test before.)
    expect((await approvalsOf(headOfIt.userPrincipalName)).map((a) => a.id)).not.toContain(requestId);

    // Once IT security approves, the second stage goes to the requester's manager, the head of IT.
    const [first] = await approvalsOf(securityReviewer.userPrincipalName);
    const stageOne = first!.stages.find((stage) => stage.assignedToMe && stage.status === 'InProgress')!;
    const approved = await t.request(await tokenFor(securityReviewer.userPrincipalName), { method: 'PATCH', url: `${em}/accessPackageAssignmentApprovals/${requestId}/stages/${stageOne.id}`, payload: { reviewResult: 'Approve', justification: 'On the rota' } });
    expect(approved.statusCode, approved.body).toBe(204);
    expect((await approvalsOf(headOfIt.userPrincipalName)).map((a) => a.id)).toContain(requestId);
    expect(await approvalsOf(securityReviewer.userPrincipalName)).toEqual([]);
  });

  it('is written to an intact audit log, and is not seeded twice', async () => {
    const chain = await verifyAuditChain(t.handle.db);
    expect(chain.ok).toBe(true);
    expect(await seedDemoIfEmpty(t.deps, t.system)).toBe(false);
  });
});
