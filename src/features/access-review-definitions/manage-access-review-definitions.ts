import type { Executor } from '../../db/database.js';
import { actorId } from '../../domain/actor-id.js';
import { endRunningInstancesOf } from '../access-review-instances/access-review-instances.repo.js';
import { definitionProblems, scopeOf, stagePlans, type AccessReviewDefinition, type DefinitionInput } from '../../domain/access-review-definition.js';
import { occurrenceStart } from '../../domain/access-review-recurrence.js';
import type { AuditDraft, AuditTarget } from '../../domain/audit-entry.js';
import { modifiedProperties } from '../../domain/audit-entry.js';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { enqueueJobs } from '../../jobs/job-queue.repo.js';
import { jobKinds, type ReviewStartPayload } from '../../jobs/job-kinds.js';
import { findAccessPackage } from '../access-packages/access-packages.repo.js';
import { findPolicy } from '../assignment-policies/assignment-policies.repo.js';
import { recordAudit } from '../audit/audit.repo.js';
import type { Deps } from '../deps.js';
import { findGroupsByIds } from '../groups/groups.repo.js';
import { newTimeOrderedId } from '../time-ordered-ids.js';
import { findUsersByIds } from '../users/users.repo.js';
import { findDefinition, insertDefinition, lockDefinition, markDefinitionDeleted, replaceDefinition } from './access-review-definitions.repo.js';

/**
 * Creating, changing and deleting access review definitions. Each is checked whole (every problem
 * at once, then whether what it names exists), written with its audit entry, and its next
 * instance's start is a job due at that time: the job engine starts it, on time, on any node.
 */
export const reviewTarget = (definition: Pick<AccessReviewDefinition, 'id' | 'displayName'>, changed: AuditTarget['modifiedProperties'] = []): AuditTarget => ({
  id: definition.id,
  displayName: definition.displayName,
  type: 'AccessReviewScheduleDefinition',
  modifiedProperties: changed,
});
export const reviewAudit = (activityDisplayName: string, operationType: AuditDraft['operationType'], targets: AuditTarget[], additionalDetails: AuditDraft['additionalDetails'] = []): AuditDraft => ({ category: 'AccessReviews', activityDisplayName, operationType, targetResources: targets, additionalDetails });

const audited = ['displayName', 'descriptionForAdmins', 'descriptionForReviewers', 'scope', 'reviewers', 'fallbackReviewers', 'settings', 'stageSettings'] as const;

export async function createDefinition(deps: Deps, actor: Actor, input: DefinitionInput): Promise<AccessReviewDefinition> {
  const now = deps.clock();
  const created = await deps.db.transaction().execute((trx) => createDefinitionIn(trx, actor, input, null, now));
  deps.wakeJobs();
  return created;
}

/** policyId: the assignment policy whose reviewSettings make this definition (it alone changes it then). */
export async function createDefinitionIn(trx: Executor, actor: Actor, input: DefinitionInput, policyId: string | null, now: Date): Promise<AccessReviewDefinition> {
  const definition: AccessReviewDefinition = { ...input, id: newTimeOrderedId(now), policyId, createdById: actor.principal.kind === 'user' ? actor.principal.id : null, createdDateTime: now.toISOString(), lastModifiedDateTime: now.toISOString(), instancesStarted: 0 };
  await checkDefinition(trx, input);
  await insertDefinition(trx, definition);
  await recordAudit(trx, actor, now, reviewAudit('Create access review', 'Add', [reviewTarget(definition, modifiedProperties(null, definition, audited))], policyId ? [{ key: 'policyId', value: policyId }] : []));
  await enqueueNextStart(trx, definition, now);
  return definition;
}

/**
 * PUT: the definition is replaced, except what it reviews (Graph refuses a new scope: it would
 * make the instances already run a history of something else). Running instances keep the
 * reviewers and settings they started with; the next starts with the new ones.
 */
export async function updateDefinition(deps: Deps, actor: Actor, id: string, input: DefinitionInput): Promise<AccessReviewDefinition> {
  const now = deps.clock();
  const updated = await deps.db.transaction().execute((trx) => updateDefinitionIn(trx, actor, id, input, now));
  deps.wakeJobs();
  return updated;
}

export async function updateDefinitionIn(trx: Executor, actor: Actor, id: string, input: DefinitionInput, now: Date, options: { byPolicy?: boolean } = {}): Promise<AccessReviewDefinition> {
  await lockDefinition(trx, id);
  const existing = await findDefinition(trx, id);
  if (!existing) throw new NotFoundError('Access review definition', id);
  if (existing.policyId && !options.byPolicy) throw new ConflictError("This review belongs to an access package assignment policy: change the policy's reviewSettings instead.", 'id', 'AccessReviewManagedByPolicy');
  await checkDefinition(trx, input);
  if (JSON.stringify(scopeOf(input)) !== JSON.stringify(scopeOf(existing))) throw new ValidationError("A review's scope cannot change; create another review for something else.", 'scope');
  const next: AccessReviewDefinition = { ...existing, ...input, lastModifiedDateTime: now.toISOString() };
  const changes = modifiedProperties(existing, next, audited);
  if (changes.length === 0) return existing;
  await replaceDefinition(trx, next);
  await recordAudit(trx, actor, now, reviewAudit('Update access review', 'Update', [reviewTarget(next, changes)]));
  // A new schedule: a job for the next start by it (the job written for the old one finds it no longer due).
  if (JSON.stringify(existing.settings.recurrence) !== JSON.stringify(next.settings.recurrence)) await enqueueNextStart(trx, next, now);
  return next;
}

/**
 * Deleting a definition ends its series: no instance starts again, and one running is stopped
 * without applying anything. Instances and decisions stay, as history.
 */
export async function deleteDefinition(deps: Deps, actor: Actor, id: string): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => deleteDefinitionIn(trx, actor, id, now));
}

export async function deleteDefinitionIn(trx: Executor, actor: Actor, id: string, now: Date, options: { byPolicy?: boolean } = {}): Promise<void> {
  await lockDefinition(trx, id);
  const existing = await findDefinition(trx, id);
  if (!existing) throw new NotFoundError('Access review definition', id);
  if (existing.policyId && !options.byPolicy) throw new ConflictError("This review belongs to an access package assignment policy: turn off the policy's reviewSettings instead.", 'id', 'AccessReviewManagedByPolicy');
  await markDefinitionDeleted(trx, id, now.toISOString());
  const stopped = await endRunningInstancesOf(trx, id, actorId(actor.principal), now.toISOString());
  await recordAudit(trx, actor, now, reviewAudit('Delete access review', 'Delete', [reviewTarget(existing)], stopped ? [{ key: 'instancesStopped', value: String(stopped) }] : []));
}

/** The job that starts the next instance when it falls due (now, if that is already past). */
export async function enqueueNextStart(trx: Executor, definition: Pick<AccessReviewDefinition, 'id' | 'settings' | 'instancesStarted'>, now: Date): Promise<void> {
  const start = occurrenceStart(definition.settings.recurrence, definition.instancesStarted);
  if (!start) return;
  const payload: ReviewStartPayload = { definitionId: definition.id, occurrence: definition.instancesStarted, dueDateTime: start.toISOString() };
  await enqueueJobs(trx, [{ kind: jobKinds.startAccessReview, payload, runAt: start.getTime() < now.getTime() ? now : start }], now);
}

/** The rules of a definition, then whether everything it names exists (a 400 naming each that does not). */
async function checkDefinition(trx: Executor, input: DefinitionInput): Promise<void> {
  const problems = definitionProblems(input);
  problems.throwIfAny();
  const scope = scopeOf(input);
  const groupIds = new Set<string>();
  const userIds = new Set<string>();
  if (scope.kind === 'groupMembers') groupIds.add(scope.groupId);
  else {
    if (!(await findAccessPackage(trx, scope.accessPackageId))) problems.add('scope.query', `The access package '${scope.accessPackageId}' does not exist.`);
    if (scope.policyId && (await findPolicy(trx, scope.policyId))?.accessPackageId !== scope.accessPackageId) problems.add('scope.query', `The policy '${scope.policyId}' is not a policy of access package '${scope.accessPackageId}'.`);
  }
  for (const stage of stagePlans(input)) {
    for (const reviewer of [...stage.reviewers, ...stage.fallbackReviewers]) {
      if (reviewer.kind === 'user') userIds.add(reviewer.userId);
      if (reviewer.kind === 'groupMembers' || reviewer.kind === 'groupOwners') groupIds.add(reviewer.groupId);
    }
  }
  const groups = new Set((await findGroupsByIds(trx, [...groupIds])).map((group) => group.id));
  const users = new Set((await findUsersByIds(trx, [...userIds])).map((user) => user.id));
  for (const id of groupIds) if (!groups.has(id)) problems.add(scope.kind === 'groupMembers' && id === scope.groupId ? 'scope.query' : 'reviewers', `The group '${id}' does not exist.`);
  for (const id of userIds) if (!users.has(id)) problems.add('reviewers', `The user '${id}' does not exist.`);
  problems.throwIfAny();
}
