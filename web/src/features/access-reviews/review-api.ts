import { api, onCurrentUser, unwrap } from '../../api/client';
import type { AccessReviewDecision, AccessReviewDefinition, AccessReviewInstance, AccessReviewStage, Collection } from '../../api/graph';
import { nextSkipToken, odataString } from '../../pages/admin/admin-queries';
import type { Answer } from './review-decisions';
import type { DefinitionBody } from './review-form';

/**
 * The access reviews' calls: a reviewer's (filterByCurrentUser(on='reviewer') at each level) and
 * the admin center's, each read under a key named once here so that a decision or an action
 * refreshes exactly what it changes.
 */
const definitions = '/v1.0/identityGovernance/accessReviews/definitions';
const mine = `filterByCurrentUser${onCurrentUser('reviewer')}`;

export const reviewKeys = {
  all: ['reviews'] as const,
  mine: ['reviews', 'mine'] as const,
  myInstance: (definitionId: string, instanceId: string) => ['reviews', 'mine', definitionId, instanceId] as const,
  myDecisions: (instanceId: string) => ['reviews', 'my-decisions', instanceId] as const,
  definitions: ['reviews', 'admin', 'definitions'] as const,
  definition: (id: string) => ['reviews', 'admin', 'definition', id] as const,
  instances: (definitionId: string) => ['reviews', 'admin', 'instances', definitionId] as const,
  decisions: (instanceId: string) => ['reviews', 'admin', 'decisions', instanceId] as const,
};

export type DecisionsQuery = { filter?: string | undefined; top?: number; skipToken?: string | undefined; count?: boolean; orderBy?: string };
const queryOptions = (query: DecisionsQuery) => ({
  $top: String(query.top ?? 100),
  ...(query.filter ? { $filter: query.filter } : {}),
  ...(query.skipToken ? { $skiptoken: query.skipToken } : {}),
  ...(query.count ? { $count: 'true' } : {}),
  $orderby: query.orderBy ?? 'principal/displayName',
});
export type DecisionPage = Collection<AccessReviewDecision> & { '@odata.count'?: number };

// ——— A reviewer's ———

export const myDefinitions = () => unwrap<Collection<AccessReviewDefinition>>(api.GET(`${definitions}/{id}`, { params: { path: { id: mine }, query: { $top: '200', $orderby: 'displayName' } } })).then((page) => page.value);

/** One definition the caller reviews in (a reviewer may not read definitions by id: that is for those who manage reviews). */
export const myDefinition = (id: string) =>
  unwrap<Collection<AccessReviewDefinition>>(api.GET(`${definitions}/{id}`, { params: { path: { id: mine }, query: { $filter: `id eq ${odataString(id)}`, $top: '1' } } })).then((page) => page.value[0] ?? null);

export const myInstancesOf = (definitionId: string) =>
  unwrap<Collection<AccessReviewInstance>>(api.GET(`${definitions}/{definitionId}/instances/{id}`, { params: { path: { definitionId, id: mine }, query: { $orderby: 'startDateTime desc', $top: '20' } } })).then((page) => page.value);

export const oneInstance = (definitionId: string, instanceId: string) => unwrap<AccessReviewInstance>(api.GET(`${definitions}/{definitionId}/instances/{id}`, { params: { path: { definitionId, id: instanceId } } }));

export const stagesOf = (definitionId: string, instanceId: string) =>
  unwrap<Collection<AccessReviewStage>>(api.GET(`${definitions}/{definitionId}/instances/{instanceId}/stages`, { params: { path: { definitionId, instanceId } } })).then((page) => page.value);

export const myDecisions = (definitionId: string, instanceId: string, query: DecisionsQuery = {}) =>
  unwrap<DecisionPage>(api.GET(`${definitions}/{definitionId}/instances/{instanceId}/decisions/{id}`, { params: { path: { definitionId, instanceId, id: mine }, query: queryOptions(query) } }));

/** Every page of a decision listing (for a bulk choice over all of them, not only the page shown). */
export async function allPages(read: (skipToken: string | undefined) => Promise<DecisionPage>, limit = 10_000): Promise<AccessReviewDecision[]> {
  const all: AccessReviewDecision[] = [];
  let skipToken: string | undefined;
  do {
    const page = await read(skipToken);
    all.push(...page.value);
    skipToken = nextSkipToken(page);
  } while (skipToken && all.length < limit);
  return all;
}

export const decide = (definitionId: string, instanceId: string, decisionId: string, answer: Answer | 'NotReviewed', justification: string) =>
  unwrap(
    api.PATCH(`${definitions}/{definitionId}/instances/{instanceId}/decisions/{id}`, {
      params: { path: { definitionId, instanceId, id: decisionId } },
      body: { decision: answer, justification: justification.trim() || null },
    }),
  );

/**
 * "Accept recommendations", in one call: for everything the caller reviews in the current stage
 * that nobody has decided and that has an Approve or Deny recommendation, the recommendation
 * becomes the decision, with the justification "Accepted the recommendation.".
 */
export const acceptRecommendations = (definitionId: string, instanceId: string) => unwrap(api.POST(`${definitions}/{definitionId}/instances/{instanceId}/acceptRecommendations`, { params: { path: { definitionId, instanceId } } }));

/** How many decisions the caller has in an instance, and how many of them are left (two counted calls: the instance's decisionCounts are everyone's, not the caller's). */
export async function myCounts(definitionId: string, instanceId: string): Promise<{ total: number; left: number }> {
  const [all, left] = await Promise.all([myDecisions(definitionId, instanceId, { top: 1, count: true }), myDecisions(definitionId, instanceId, { top: 1, count: true, filter: "decision eq 'NotReviewed'" })]);
  return { total: all['@odata.count'] ?? all.value.length, left: left['@odata.count'] ?? left.value.length };
}

/** A review the signed-in person has decisions in: one instance of one definition (which names what it reviews), with what is left to them. */
export type MyReview = { definition: AccessReviewDefinition; instance: AccessReviewInstance; total: number; left: number };

export async function myReviews(): Promise<MyReview[]> {
  const found = await myDefinitions();
  const reviews = await Promise.all(
    found.map(async (definition) => {
      const instances = await myInstancesOf(definition.id);
      return Promise.all(
        instances.map(async (instance): Promise<MyReview> => ({ definition, instance, ...(await myCounts(definition.id, instance.id)) })),
      );
    }),
  );
  // Open reviews first, the soonest due first; then the ended ones, the latest first.
  return reviews.flat().sort((a, b) => {
    const openA = a.instance.status === 'InProgress' ? 0 : 1;
    const openB = b.instance.status === 'InProgress' ? 0 : 1;
    if (openA !== openB) return openA - openB;
    return openA === 0 ? a.instance.endDateTime.localeCompare(b.instance.endDateTime) : b.instance.endDateTime.localeCompare(a.instance.endDateTime);
  });
}

// ——— The admin center's ———

export const allDefinitions = () => unwrap<Collection<AccessReviewDefinition>>(api.GET(definitions, { params: { query: { $top: '200', $orderby: 'displayName' } } })).then((page) => page.value);

export const oneDefinition = (id: string) => unwrap<AccessReviewDefinition>(api.GET(`${definitions}/{id}`, { params: { path: { id } } }));

export const createDefinition = (body: DefinitionBody) => unwrap<AccessReviewDefinition>(api.POST(definitions, { body }));

export const instancesOf = (definitionId: string) =>
  unwrap<Collection<AccessReviewInstance>>(api.GET(`${definitions}/{definitionId}/instances`, { params: { path: { definitionId }, query: { $orderby: 'startDateTime desc', $top: '50' } } })).then((page) => page.value);

export const latestInstance = (definitionId: string) =>
  unwrap<Collection<AccessReviewInstance>>(api.GET(`${definitions}/{definitionId}/instances`, { params: { path: { definitionId }, query: { $orderby: 'startDateTime desc', $top: '1' } } })).then((page) => page.value[0] ?? null);

export const decisionsOf = (definitionId: string, instanceId: string, query: DecisionsQuery = {}) =>
  unwrap<DecisionPage>(api.GET(`${definitions}/{definitionId}/instances/{instanceId}/decisions`, { params: { path: { definitionId, instanceId }, query: queryOptions(query) } }));

export type InstanceAction = 'stop' | 'applyDecisions' | 'resetDecisions' | 'sendReminder';
export const runInstanceAction = (definitionId: string, instanceId: string, action: InstanceAction) => {
  const path = { params: { path: { definitionId, instanceId } } };
  switch (action) {
    case 'stop':
      return unwrap(api.POST(`${definitions}/{definitionId}/instances/{instanceId}/stop`, path));
    case 'applyDecisions':
      return unwrap(api.POST(`${definitions}/{definitionId}/instances/{instanceId}/applyDecisions`, path));
    case 'resetDecisions':
      return unwrap(api.POST(`${definitions}/{definitionId}/instances/{instanceId}/resetDecisions`, path));
    case 'sendReminder':
      return unwrap(api.POST(`${definitions}/{definitionId}/instances/{instanceId}/sendReminder`, path));
  }
};

export const deleteDefinition = (id: string) => unwrap(api.DELETE(`${definitions}/{id}`, { params: { path: { id } } }));

/**
 * Names of what a definition refers to, looked up by id (groups, access packages, people): a
 * definition does not carry them, and one not started yet has no instance to name its group or
 * package (an instance's resourceDisplayName does).
 */
export const groupName = (id: string) => unwrap<{ displayName: string }>(api.GET('/v1.0/groups/{id}', { params: { path: { id } } })).then((group) => group.displayName);
export const packageName = (id: string) => unwrap<{ displayName: string }>(api.GET('/v1.0/identityGovernance/entitlementManagement/accessPackages/{id}', { params: { path: { id } } })).then((p) => p.displayName);
export const userName = (id: string) => unwrap<{ displayName: string; userPrincipalName: string }>(api.GET('/v1.0/users/{id}', { params: { path: { id } } })).then((user) => `${user.displayName} (${user.userPrincipalName})`);
