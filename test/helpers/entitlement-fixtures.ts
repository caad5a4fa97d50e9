import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Group } from '../../src/domain/group.js';
import { insertGroups } from '../../src/features/groups/groups.repo.js';
import { openMembership } from '../../src/features/group-memberships/memberships.repo.js';
import { countRows, type TestContext } from './test-app.js';

/**
 * Shared set-up for the catalog and access-package tests: groups inserted directly (the group
 * API is not under test here), and catalogs, resources and roles made through the API.
 */
export const em = '/v1.0/identityGovernance/entitlementManagement';

export async function addGroup(t: TestContext, displayName: string, owners: string[] = [], fields: Partial<Group> = {}): Promise<Group> {
  const now = t.clock().toISOString();
  const group: Group = {
    id: randomUUID(),
    displayName,
    description: `${displayName} team`,
    mailNickname: displayName.toLowerCase().replace(/\W+/g, '-'),
    mail: null,
    mailEnabled: false,
    securityEnabled: true,
    groupTypes: [],
    membershipRule: null,
    membershipRuleProcessingState: null,
    visibility: null,
    isAssignableToRole: false,
    createdDateTime: now,
    deletedDateTime: null,
    ...fields,
  };
  await insertGroups(t.handle.db, [group], now);
  for (const owner of owners) await openMembership(t.handle.db, { groupId: group.id, memberId: owner, memberType: 'user', relationship: 'owner' }, null, now);
  return group;
}

export async function createCatalog(t: TestContext, displayName: string, token = t.admin.token): Promise<{ id: string; displayName: string }> {
  const response = await t.request(token, { method: 'POST', url: `${em}/catalogs`, payload: { displayName } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

export async function addResource(t: TestContext, catalogId: string, groupId: string, token = t.admin.token): Promise<{ id: string }> {
  const response = await t.request(token, {
    method: 'POST',
    url: `${em}/resourceRequests?$expand=resource`,
    payload: { requestType: 'adminAdd', resource: { originId: groupId, originSystem: 'AadGroup' }, catalog: { id: catalogId } },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().resource;
}

export async function giveCatalogRole(t: TestContext, roleDefinitionId: string, principalId: string, catalogId: string): Promise<string> {
  const response = await t.request(t.admin.token, {
    method: 'POST',
    url: '/v1.0/roleManagement/entitlementManagement/roleAssignments',
    payload: { roleDefinitionId, principalId, appScopeId: `/AccessPackageCatalog/${catalogId}` },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

export async function createAccessPackage(t: TestContext, catalogId: string, displayName: string, token = t.admin.token): Promise<{ id: string }> {
  const response = await t.request(token, { method: 'POST', url: `${em}/accessPackages`, payload: { displayName, catalog: { id: catalogId } } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

export async function addMemberRole(t: TestContext, accessPackageId: string, resourceId: string, groupId: string, token = t.admin.token) {
  return t.request(token, {
    method: 'POST',
    url: `${em}/accessPackages/${accessPackageId}/resourceRoleScopes`,
    payload: { role: { originId: `Member_${groupId}`, originSystem: 'AadGroup', resource: { id: resourceId } }, scope: { originId: groupId, originSystem: 'AadGroup' } },
  });
}

/**
 * Creates an assignment policy through the API. By default: all member users may request it for
 * themselves, extend it and give it up; no approval; no expiration. `overrides` replace top-level
 * properties of the body (requestorSettings, requestApprovalSettings, … whole).
 */
export async function createPolicy(t: TestContext, accessPackageId: string, overrides: Record<string, unknown> = {}, token = t.admin.token): Promise<{ id: string } & Record<string, any>> {
  const payload = {
    displayName: 'Members may ask',
    allowedTargetScope: 'allMemberUsers',
    requestorSettings: { enableTargetsToSelfAddAccess: true, enableTargetsToSelfUpdateAccess: true, enableTargetsToSelfRemoveAccess: true },
    requestApprovalSettings: { isApprovalRequiredForAdd: false, isApprovalRequiredForUpdate: false, stages: [] },
    expiration: { type: 'noExpiration' },
    ...overrides,
    accessPackage: { id: accessPackageId },
  };
  const response = await t.request(token, { method: 'POST', url: `${em}/assignmentPolicies`, payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const touchedTables = [
  'catalogs',
  'resources',
  'resource_roles',
  'resource_scopes',
  'resource_requests',
  'access_packages',
  'access_package_resource_role_scopes',
  'access_package_incompatibilities',
  'assignment_policies',
  'role_assignments',
  'directory_audits',
] as const;

/** Row counts of every table these features write, to prove a refused request wrote nothing. */
export async function rowCounts(t: TestContext): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of touchedTables) counts[table] = await countRows(t, table);
  return counts;
}

export type Reply = { statusCode: number; json(): any; body: string };

/** Sends a request that must be refused, and checks the status, the code, the target and that nothing was written. */
export async function expectRefused(t: TestContext, send: () => Promise<Reply>, status: number, code: string, mentions?: RegExp): Promise<void> {
  const before = await rowCounts(t);
  const response = await send();
  expect(response.statusCode, response.body).toBe(status);
  const { error } = response.json();
  expect(error.code).toBe(code);
  if (mentions) expect(`${error.target ?? ''} ${error.message}`).toMatch(mentions);
  expect(await rowCounts(t)).toEqual(before);
}

/**
 * A read of a catalog or package the caller may not read is answered as if it did not exist
 * (authorization.ts), so that its id leaks nothing; writes are refused with 403.
 */
export function expectHidden(t: TestContext, send: () => Promise<Reply>): Promise<void> {
  return expectRefused(t, send, 404, 'Request_ResourceNotFound');
}
