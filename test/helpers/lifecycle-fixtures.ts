import { expect } from 'vitest';
import type { Group } from '../../src/domain/group.js';
import { activeMembership } from '../../src/features/group-memberships/memberships.repo.js';
import { addGroup, addMemberRole, addResource, createAccessPackage, createCatalog, createPolicy, em } from './entitlement-fixtures.js';
import type { TestContext } from './test-app.js';

/** A catalog with one package that hands out membership of one group, and a policy for it. */
export async function packageWithGroup(t: TestContext, policy: Record<string, unknown> = {}, name = 'Sales tools'): Promise<{ catalogId: string; packageId: string; group: Group; policyId: string }> {
  const catalog = await createCatalog(t, `${name} catalog`);
  const group = await addGroup(t, `${name} group`);
  const resource = await addResource(t, catalog.id, group.id);
  const accessPackage = await createAccessPackage(t, catalog.id, name);
  await addMemberRole(t, accessPackage.id, resource.id, group.id);
  const created = await createPolicy(t, accessPackage.id, policy);
  return { catalogId: catalog.id, packageId: accessPackage.id, group, policyId: created.id };
}

export async function requestAccess(t: TestContext, token: string, body: Record<string, unknown>) {
  return t.request(token, { method: 'POST', url: `${em}/assignmentRequests`, payload: body });
}

export async function submitted(t: TestContext, token: string, body: Record<string, unknown>): Promise<any> {
  const response = await requestAccess(t, token, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

export async function getRequest(t: TestContext, id: string, token = t.admin.token): Promise<any> {
  const response = await t.request(token, { method: 'GET', url: `${em}/assignmentRequests/${id}?$expand=assignment` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

export async function isMember(t: TestContext, groupId: string, userId: string): Promise<boolean> {
  return (await activeMembership(t.handle.db, groupId, userId, 'member')) !== undefined;
}

export const oneStage = (approvers: Record<string, unknown>[], extra: Record<string, unknown> = {}) => ({
  isApprovalRequiredForAdd: true,
  isApprovalRequiredForUpdate: false,
  stages: [{ durationBeforeAutomaticDenial: 'P7D', isApproverJustificationRequired: false, isEscalationEnabled: false, durationBeforeEscalation: 'PT0S', primaryApprovers: approvers, fallbackPrimaryApprovers: [], escalationApprovers: [], fallbackEscalationApprovers: [], ...extra }],
});

export const singleUser = (userId: string) => ({ '@odata.type': '#microsoft.graph.singleUser', userId });

// ---- Helpers for the approval and expiry tests (test/lifecycle/approvals.test.ts, expiry.test.ts) ----
// (Imports of this block sit here, not at the top, because the file is appended to, not edited; ESM hoists them.)
import { openMembership } from '../../src/features/group-memberships/memberships.repo.js';

export const hourMs = 3600_000;
export const dayMs = 24 * hourMs;

/** One approval stage in Graph's shape: P7D to decide, no escalation, unless `extra` says otherwise. */
export const stage = (primaryApprovers: Record<string, unknown>[], extra: Record<string, unknown> = {}) => ({
  durationBeforeAutomaticDenial: 'P7D',
  isApproverJustificationRequired: false,
  isEscalationEnabled: false,
  durationBeforeEscalation: 'PT0S',
  primaryApprovers,
  fallbackPrimaryApprovers: [],
  escalationApprovers: [],
  fallbackEscalationApprovers: [],
  ...extra,
});

/** requestApprovalSettings with the given stages, required for adds (and, if asked, updates). */
export const approvalStages = (stages: Record<string, unknown>[], extra: Record<string, unknown> = {}) => ({ isApprovalRequiredForAdd: true, isApprovalRequiredForUpdate: false, stages, ...extra });

export const groupMembers = (groupId: string) => ({ '@odata.type': '#microsoft.graph.groupMembers', groupId });
export const requestorManager = (managerLevel: number) => ({ '@odata.type': '#microsoft.graph.requestorManager', managerLevel });

export async function setManagerOf(t: TestContext, userId: string, managerId: string): Promise<void> {
  const response = await t.request(t.admin.token, { method: 'PUT', url: `/v1.0/users/${userId}/manager/$ref`, payload: { '@odata.id': `https://graph.example/v1.0/users/${managerId}` } });
  expect(response.statusCode, response.body).toBe(204);
}

/** Puts a user or a group into a group directly (the group API is not under test here). */
export async function addToGroup(t: TestContext, groupId: string, memberId: string, memberType: 'user' | 'group' = 'user'): Promise<void> {
  await openMembership(t.handle.db, { groupId, memberId, memberType, relationship: 'member' }, null, t.clock().toISOString());
}

export const approvalUrl = (requestId: string) => `${em}/accessPackageAssignmentApprovals/${requestId}`;

export async function getApproval(t: TestContext, requestId: string, token = t.admin.token): Promise<any> {
  const response = await t.request(token, { method: 'GET', url: approvalUrl(requestId) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

export function decideStage(t: TestContext, token: string, requestId: string, stageId: string, reviewResult: 'Approve' | 'Deny', justification?: string | null) {
  return t.request(token, { method: 'PATCH', url: `${approvalUrl(requestId)}/stages/${stageId}`, payload: { reviewResult, ...(justification !== undefined ? { justification } : {}) } });
}

/** Ids of the approvals waiting for this user's decision (filterByCurrentUser(on='approver')). */
export async function awaitingDecisionBy(t: TestContext, token: string): Promise<string[]> {
  const response = await t.request(token, { method: 'GET', url: `${em}/accessPackageAssignmentApprovals/filterByCurrentUser(on='approver')` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().value.map((approval: { id: string }) => approval.id);
}

/** The activity names of a request's story in the audit log, sorted. */
export async function auditActivitiesOf(t: TestContext, requestId: string): Promise<string[]> {
  const response = await t.request(t.admin.token, { method: 'GET', url: `/v1.0/auditLogs/directoryAudits?$filter=correlationId eq '${requestId}'` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().value.map((entry: { activityDisplayName: string }) => entry.activityDisplayName).sort();
}

/** Subjects of the mail sent to one address so far, in order. */
export const mailTo = (t: TestContext, address: string) => t.mail.filter((message) => message.to === address).map((message) => message.subject);

export async function countLifecycleRows(t: TestContext, table: 'assignment_requests' | 'approval_stages' | 'approval_stage_approvers' | 'assignments' | 'assignment_role_grants' | 'jobs' | 'directory_audits'): Promise<number> {
  return Number((await t.handle.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

/** Row counts of everything a request's lifecycle writes, to prove that a refusal wrote nothing. */
export async function lifecycleRowCounts(t: TestContext): Promise<Record<string, number>> {
  const tables = ['assignment_requests', 'approval_stages', 'approval_stage_approvers', 'assignments', 'assignment_role_grants', 'jobs', 'directory_audits'] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = await countLifecycleRows(t, table);
  return counts;
}

/** Two packages of one catalog that both hand out membership of the same group, each with a policy. */
export async function twoPackagesForOneGroup(t: TestContext, policy: Record<string, unknown> = {}): Promise<{ group: Group; packageIds: [string, string] }> {
  const catalog = await createCatalog(t, 'Shared catalog');
  const group = await addGroup(t, 'Shared group');
  const resource = await addResource(t, catalog.id, group.id);
  const packageIds: string[] = [];
  for (const name of ['Reports read', 'Reports write']) {
    const accessPackage = await createAccessPackage(t, catalog.id, name);
    const added = await addMemberRole(t, accessPackage.id, resource.id, group.id);
    expect(added.statusCode, added.body).toBe(201);
    await createPolicy(t, accessPackage.id, policy);
    packageIds.push(accessPackage.id);
  }
  return { group, packageIds: packageIds as [string, string] };
}

/**
 * Makes every grant through the connectors fail with `message` (revocations still work), as a
 * target system that is down would. `calls` counts the failed grants; `restore` puts the real
 * connectors back.
 */
export function failGrants(t: TestContext, message: string): { calls: number; restore(): void } {
  const registry = t.deps.connectors;
  const real = registry.forEnvironment;
  const failing = {
    calls: 0,
    restore() {
      registry.forEnvironment = real;
    },
  };
  registry.forEnvironment = (environmentId) => {
    const connector = real(environmentId);
    if (!connector) return connector;
    return {
      ...connector,
      grant: async () => {
        failing.calls += 1;
        throw new Error(message);
      },
    };
  };
  return failing;
}
