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
