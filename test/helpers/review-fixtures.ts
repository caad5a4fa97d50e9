import { expect } from 'vitest';
import type { TestContext } from './test-app.js';

/** Access review definitions and their instances, through the Graph API. */
export const reviews = '/v1.0/identityGovernance/accessReviews/definitions';

export const groupScope = (groupId: string) => ({ query: `/groups/${groupId}/transitiveMembers`, queryType: 'MicrosoftGraph' });
export const packageScope = (accessPackageId: string) => ({ query: `/identityGovernance/entitlementManagement/accessPackageAssignments?$filter=(accessPackageId eq '${accessPackageId}')`, queryType: 'MicrosoftGraph' });
export const userReviewer = (userId: string) => ({ query: `/users/${userId}`, queryType: 'MicrosoftGraph' });
export const managerReviewer = { query: './manager', queryType: 'MicrosoftGraph', queryRoot: 'decisions' };

/** A one-off review starting on `startDate`, lasting `days`, with these settings on top. */
export function oneOff(startDate: string, days: number, settings: Record<string, unknown> = {}) {
  return {
    mailNotificationsEnabled: true,
    reminderNotificationsEnabled: true,
    justificationRequiredOnApproval: false,
    defaultDecisionEnabled: false,
    defaultDecision: 'None',
    instanceDurationInDays: days,
    autoApplyDecisionsEnabled: false,
    recommendationsEnabled: true,
    recurrence: { pattern: null, range: { type: 'numbered', numberOfOccurrences: 0, startDate, endDate: null } },
    ...settings,
  };
}

export async function createReview(t: TestContext, body: Record<string, unknown>, token = t.admin.token): Promise<any> {
  const response = await t.request(token, { method: 'POST', url: reviews, payload: { displayName: 'Quarterly review', descriptionForReviewers: 'Keep only who still needs it.', ...body } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

export async function getJson(t: TestContext, url: string, token = t.admin.token): Promise<any> {
  const response = await t.request(token, { method: 'GET', url });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

export const instancesOf = async (t: TestContext, definitionId: string, token = t.admin.token): Promise<any[]> => (await getJson(t, `${reviews}/${definitionId}/instances`, token)).value;

/** The decisions this reviewer has in an instance (filterByCurrentUser(on='reviewer')), by principal's display name. */
export async function myDecisions(t: TestContext, token: string, definitionId: string, instanceId: string): Promise<Map<string, any>> {
  const page = await getJson(t, `${reviews}/${definitionId}/instances/${instanceId}/decisions/filterByCurrentUser(on='reviewer')`, token);
  return new Map(page.value.map((decision: any) => [decision.principal.displayName, decision]));
}

export function decide(t: TestContext, token: string, definitionId: string, instanceId: string, decisionId: string, decision: string, justification?: string) {
  return t.request(token, { method: 'PATCH', url: `${reviews}/${definitionId}/instances/${instanceId}/decisions/${decisionId}`, payload: { decision, ...(justification !== undefined ? { justification } : {}) } });
}

export function instanceAction(t: TestContext, definitionId: string, instanceId: string, action: 'stop' | 'applyDecisions' | 'resetDecisions' | 'sendReminder', token = t.admin.token) {
  return t.request(token, { method: 'POST', url: `${reviews}/${definitionId}/instances/${instanceId}/${action}` });
}
