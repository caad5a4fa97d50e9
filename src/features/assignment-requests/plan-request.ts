import { ruleMatcherOf } from '../dynamic-groups/rule-matcher.js';
import type { Executor } from '../../db/database.js';
import type { AccessPackage } from '../../domain/access-package.js';
import { snapshotOf, type AssignmentPolicy, type Question } from '../../domain/assignment-policy.js';
import { isAddRequest, isUpdateRequest, type AssignmentRequest, type RequestSchedule } from '../../domain/assignment-request.js';
import { planAddSchedule, planExtension } from '../../domain/assignment-schedule.js';
import type { Assignment } from '../../domain/assignment.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.js';
import { validateAnswers } from '../../domain/policy-answers.js';
import { isAllowedTarget, isOnBehalfRequestor, policyAppliesTo, type OnBehalfAction, type PolicySubject } from '../../domain/policy-requestors.js';
import type { Actor } from '../../domain/principal.js';
import type { User } from '../../domain/user.js';
import { findAccessPackage, findAccessPackagesByIds, findRequestablePackage } from '../access-packages/access-packages.repo.js';
import { findPolicy, livingPoliciesOf, policiesByIds } from '../assignment-policies/assignment-policies.repo.js';
import { activeAssignmentFor, findAssignment } from '../assignments/assignments.repo.js';
import { transitiveGroupIdsOf, maxGroupNestingDepth } from '../group-memberships/memberships.repo.js';
import { findUser, findUsersByIds, managerIdOf } from '../users/users.repo.js';
import { externalTargetScopes } from '../../domain/assignment-policy-rules.js';
import { connectedOrganizationOfEmail } from '../connected-organizations/connected-organizations.repo.js';
import { guestForEmail, normalisedEmail } from '../guests/guest-for-email.js';
import { blockedGuestIdsAmong, findUserByEmail } from '../guests/governed-guests.repo.js';
import { guestPolicyFacts } from '../guests/guest-policy-facts.js';
import type { SubmitRequestInput } from './assignment-requests.schemas.js';
import { assertCompatible, requireTargetUser } from './request-checks.js';

/**
 * Decides what a new request is: its package, policy, target and schedule, and whether it needs
 * approval — refusing, with the reason, anything the policy does not allow. Runs inside the
 * submitting transaction; writes nothing.
 */
/** Who a request is for, as the request needs them. */
export type RequestTarget = Pick<User, 'id' | 'displayName' | 'userPrincipalName' | 'userType'>;

const targetOf = (principal: Extract<Actor['principal'], { kind: 'user' }>): RequestTarget => ({ id: principal.id, displayName: principal.displayName, userPrincipalName: principal.userPrincipalName, userType: principal.userType });

export type PlannedRequest = {
  request: AssignmentRequest;
  accessPackage: AccessPackage;
  target: RequestTarget;
  policy: AssignmentPolicy | null;
  assignment: Assignment | null;
  approvalRequired: boolean;
  startsLater: boolean;
};

export async function planRequest(trx: Executor, actor: Actor, input: SubmitRequestInput, id: string, now: Date): Promise<PlannedRequest> {
  const requestor = actor.principal.kind === 'user' ? actor.principal : null;
  const isUserRequest = input.requestType.startsWith('user');
  if (isUserRequest && !requestor) throw new ValidationError('Only a signed-in user can make a user request; use an admin request type.', 'requestType');
  if (input.requestType.startsWith('system')) throw new ValidationError('systemAdd and systemRemove requests are made by Tessera itself.', 'requestType');
  if (input.targetEmail && !isAddRequest(input.requestType)) throw new ValidationError(`A ${input.requestType} request names the assignment (assignment.id), not an e-mail address.`, 'assignment.target.email');
  if (input.targetEmail && input.targetId) throw new ValidationError('Name the target once: assignment.targetId (a user) or assignment.target.email (someone outside), not both.', 'assignment.target.email');
  if (input.targetEmail && isUserRequest) throw new ValidationError('Only an administrator assigns by e-mail address; someone outside requests for themselves after proving their address.', 'assignment.target.email');

  if (isAddRequest(input.requestType)) return planAdd(trx, actor, input, id, now);
  return planChange(trx, actor, input, id, now);
}

/**
 * A request Tessera makes itself (an automatic assignment policy adding or removing access): it is
 * planned as an administrator's request under that policy, with every check of one, and recorded
 * as systemAdd or systemRemove with nobody as its requestor.
 */
export async function planSystemRequest(trx: Executor, actor: Actor, change: { kind: 'add'; accessPackageId: string; policyId: string; targetId: string } | { kind: 'remove'; assignmentId: string }, id: string, now: Date): Promise<PlannedRequest> {
  const common = { justification: null, answers: [], schedule: undefined };
  const input: SubmitRequestInput =
    change.kind === 'add'
      ? { ...common, requestType: 'adminAdd', accessPackageId: change.accessPackageId, policyId: change.policyId, targetId: change.targetId }
      : { ...common, requestType: 'adminRemove', assignmentId: change.assignmentId };
  const plan = change.kind === 'add' ? await planAdd(trx, actor, input, id, now) : await planChange(trx, actor, input, id, now);
  return { ...plan, request: { ...plan.request, requestType: change.kind === 'add' ? 'systemAdd' : 'systemRemove', requestorId: null } };
}

/**
 * Many removals Tessera makes itself at once (an access review's denials): planned as
 * planSystemRequest plans one — the assignment active, its package and user there — with each
 * lookup made once for all of them. Returns the plans, and why each assignment left out was.
 */
export async function planSystemRemovals(trx: Executor, assignments: readonly Assignment[], idFor: () => string, justification: string | null, now: Date): Promise<{ plans: PlannedRequest[]; refused: Map<string, string> }> {
  const refused = new Map<string, string>();
  const packages = new Map((await findAccessPackagesByIds(trx, assignments.map((a) => a.accessPackageId))).map((p) => [p.id, p]));
  const users = new Map((await findUsersByIds(trx, assignments.map((a) => a.targetId))).map((u) => [u.id, u]));
  const policies = new Map((await policiesByIds(trx, assignments.flatMap((a) => (a.policyId ? [a.policyId] : [])))).map((p) => [p.id, p]));
  const plans: PlannedRequest[] = [];
  for (const assignment of assignments) {
    const accessPackage = packages.get(assignment.accessPackageId);
    const target = users.get(assignment.targetId);
    if (!assignment.isActive) refused.set(assignment.id, `The assignment '${assignment.id}' has already ended.`);
    else if (!accessPackage) refused.set(assignment.id, 'The access package of this assignment no longer exists.');
    else if (!target) refused.set(assignment.id, 'The user of this assignment no longer exists.');
    if (refused.has(assignment.id)) continue;
    const policy = assignment.policyId ? (policies.get(assignment.policyId) ?? null) : null;
    const input = { requestType: 'systemRemove', assignmentId: assignment.id, justification, answers: [], schedule: undefined } as unknown as SubmitRequestInput;
    const schedule: RequestSchedule = { startDateTime: now.toISOString(), expiration: { type: 'notSpecified' } };
    plans.push({ request: newRequest(idFor(), input, accessPackage!, policy, target!.id, null, assignment.id, justification, [], schedule, now), accessPackage: accessPackage!, target: target!, policy, assignment, approvalRequired: false, startsLater: false });
  }
  return { plans, refused };
}

async function planAdd(trx: Executor, actor: Actor, input: SubmitRequestInput, id: string, now: Date): Promise<PlannedRequest> {
  const isUserRequest = input.requestType === 'userAdd';
  if (!input.accessPackageId) throw new ValidationError('Name the access package: assignment.accessPackageId.', 'assignment.accessPackageId');
  if (input.assignmentId) throw new ValidationError(`A ${input.requestType} request creates an assignment; it cannot name one (assignment.id).`, 'assignment.id');
  const found = await findRequestablePackage(trx, input.accessPackageId);
  if (!found) throw new ValidationError(`The access package '${input.accessPackageId}' does not exist.`, 'assignment.accessPackageId');
  const { accessPackage } = found;
  if (isUserRequest && !found.catalogPublished) throw new ValidationError(`The catalog of '${accessPackage.displayName}' is not published, so its packages cannot be requested.`, 'assignment.accessPackageId');

  const requestorId = actor.principal.kind === 'user' ? actor.principal.id : null;
  let target: RequestTarget;
  let policy: AssignmentPolicy;
  if (input.targetEmail) {
    if (!input.policyId) throw new ValidationError('Name the policy the assignment is made under: assignment.assignmentPolicyId.', 'assignment.assignmentPolicyId');
    policy = await requirePolicyOf(trx, accessPackage, input.policyId);
    target = await outsiderTarget(trx, actor, policy, found.catalogExternallyVisible, input.targetEmail, input.targetDisplayName ?? null, now);
  } else {
    const targetId = input.targetId ?? (isUserRequest ? requestorId : undefined);
    if (!targetId) throw new ValidationError('Name the user who is to receive the access: assignment.targetId.', 'assignment.targetId');
    // Asking for oneself: the signed-in principal is that user, already known to exist and be enabled.
    target = actor.principal.kind === 'user' && targetId === actor.principal.id ? targetOf(actor.principal) : await requireTargetUser(trx, targetId);
    if (isUserRequest) {
      policy = await policyForUserAdd(trx, actor, accessPackage, target, input.policyId);
    } else {
      if (!input.policyId) throw new ValidationError('Name the policy the assignment is made under: assignment.assignmentPolicyId.', 'assignment.assignmentPolicyId');
      policy = await requirePolicyOf(trx, accessPackage, input.policyId);
    }
  }

  const existing = await activeAssignmentFor(trx, target.id, accessPackage.id);
  if (existing?.state === 'deliveryFailed') {
    throw new ConflictError(`${target.displayName}'s earlier assignment of '${accessPackage.displayName}' could not be delivered; an administrator can reprocess it, or remove it so that it can be requested again.`, 'assignment', 'AssignmentExists');
  }
  if (existing) {
    throw new ConflictError(`${target.displayName} already has '${accessPackage.displayName}'. To make it last longer, request an update (extension) of that assignment.`, 'assignment', 'AssignmentExists');
  }
  await assertCompatible(trx, accessPackage, target.id);

  const justification = checkJustification(policy, input, isUserRequest);
  const answers = validateAnswers(isUserRequest ? policy.questions : optional(policy.questions), input.answers);
  const mayChoose = !isUserRequest || policy.requestorSettings.allowCustomAssignmentSchedule;
  const planned = planAddSchedule(policy.expiration, { schedule: input.schedule as RequestSchedule | null, mayChoose }, now);
  const startsLater = new Date(planned.startDateTime).getTime() > now.getTime();
  // The request keeps what was asked for; the end is worked out again at delivery, so that a
  // policy duration counts from when access is given, not from when it was asked for.
  const schedule: RequestSchedule = { startDateTime: planned.startDateTime, expiration: input.schedule?.expiration?.type && input.schedule.expiration.type !== 'notSpecified' ? (input.schedule.expiration as RequestSchedule['expiration']) : { type: 'notSpecified' } };

  return {
    request: newRequest(id, input, accessPackage, policy, target.id, requestorId, null, justification, answers, schedule, now),
    accessPackage,
    target,
    policy,
    assignment: null,
    approvalRequired: isUserRequest && policy.requestApprovalSettings.isApprovalRequiredForAdd,
    startsLater,
  };
}

/** userUpdate, adminUpdate, userRemove, adminRemove: act on an existing assignment. */
async function planChange(trx: Executor, actor: Actor, input: SubmitRequestInput, id: string, now: Date): Promise<PlannedRequest> {
  const isUserRequest = input.requestType.startsWith('user');
  const isUpdate = isUpdateRequest(input.requestType);
  if (!input.assignmentId) throw new ValidationError(`Name the assignment to ${isUpdate ? 'update' : 'remove'}: assignment.id.`, 'assignment.id');
  const assignment = await findAssignment(trx, input.assignmentId);
  if (!assignment) throw new NotFoundError('Access package assignment', input.assignmentId, 'assignment.id');
  if (!assignment.isActive) throw new ValidationError(`The assignment '${assignment.id}' has already ended.`, 'assignment.id');
  if (input.accessPackageId && input.accessPackageId !== assignment.accessPackageId) throw new ValidationError('The assignment is of another access package.', 'assignment.accessPackageId');
  const accessPackage = await findAccessPackage(trx, assignment.accessPackageId);
  if (!accessPackage) throw new ValidationError('The access package of this assignment no longer exists.', 'assignment.id');
  const target = await findUser(trx, assignment.targetId);
  if (!target) throw new ValidationError('The user of this assignment no longer exists.', 'assignment.id');
  const policy = assignment.policyId ? ((await findPolicy(trx, assignment.policyId)) ?? null) : null;
  const requestorId = actor.principal.kind === 'user' ? actor.principal.id : null;

  if (isUserRequest) await assertMayChangeOwnOrReports(trx, actor, policy, target, isUpdate ? 'update' : 'remove');

  if (!isUpdate) {
    const schedule: RequestSchedule = { startDateTime: now.toISOString(), expiration: { type: 'notSpecified' } };
    return { request: newRequest(id, input, accessPackage, policy, target.id, requestorId, assignment.id, input.justification, [], schedule, now), accessPackage, target, policy, assignment, approvalRequired: false, startsLater: false };
  }

  if (!policy) throw new ValidationError('The policy this assignment was made under has been deleted, so it cannot be extended. Request the package again under a current policy.', 'assignment.id');
  const justification = checkJustification(policy, input, isUserRequest);
  const answers = validateAnswers(optional(policy.questions), input.answers);
  const mayChoose = !isUserRequest || policy.requestorSettings.allowCustomAssignmentSchedule;
  const planned = planExtension(policy.expiration, assignment, { schedule: input.schedule as RequestSchedule | null, mayChoose }, now);
  return {
    request: newRequest(id, input, accessPackage, policy, target.id, requestorId, assignment.id, justification, answers, { startDateTime: planned.startDateTime, expiration: planned.expiration }, now),
    accessPackage,
    target,
    policy,
    assignment,
    approvalRequired: isUserRequest && policy.requestApprovalSettings.isApprovalRequiredForUpdate,
    startsLater: false,
  };
}

/**
 * The user as policies see them. Their groups (a walk up nested groups) are looked up only when a
 * policy at hand names groups: most policies are for all members, and most requests skip the walk.
 */
async function subjectOf(trx: Executor, user: Pick<User, 'id' | 'userType'>, policies: readonly AssignmentPolicy[] = []): Promise<PolicySubject> {
  const sets = policies.flatMap((policy) => [...policy.specificAllowedTargets, ...policy.requestorSettings.onBehalfRequestors]);
  const namesGroups = sets.some((set) => set['@odata.type'] === '#microsoft.graph.groupMembers');
  const namesRules = sets.some((set) => set['@odata.type'] === '#microsoft.graph.attributeRuleMembers');
  return {
    id: user.id,
    userType: user.userType,
    groupIds: namesGroups ? new Set(await transitiveGroupIdsOf(trx, user.id, maxGroupNestingDepth)) : new Set(),
    // Rules are tested at the wall clock's time: only rules about system.now could tell.
    ...(namesRules ? { matchesRule: await ruleMatcherOf(trx, user.id, new Date()) } : {}),
    ...(await guestPolicyFacts(trx, user)),
  };
}

/**
 * Someone outside, named by their address by an administrator: the policy must let people from
 * their organization in (a guest the lifecycle blocked is let in again, since delivery lifts the
 * block); then they are found, or made a guest.
 */
async function outsiderTarget(trx: Executor, actor: Actor, policy: AssignmentPolicy, catalogExternallyVisible: boolean, email: string, displayName: string | null, now: Date): Promise<RequestTarget> {
  const at = 'assignment.target.email';
  const address = normalisedEmail(email, at);
  const existing = await findUserByEmail(trx, address);
  if (existing && existing.userType === 'Member') return requireTargetUser(trx, existing.id);
  if (!externalTargetScopes.includes(policy.allowedTargetScope) || !catalogExternallyVisible) {
    throw new ValidationError(`The policy '${policy.displayName}' is not for people outside the organization; choose a policy for connected organizations or all external users to assign by e-mail address.`, at);
  }
  const organization = await connectedOrganizationOfEmail(trx, address);
  const subject: PolicySubject = { id: existing?.id ?? '', userType: 'Guest', groupIds: new Set(), connectedOrganization: organization ?? null };
  if (!isAllowedTarget(policy, subject)) {
    const domain = address.slice(address.lastIndexOf('@') + 1);
    throw new ValidationError(
      organization
        ? `${address} belongs to the connected organization '${organization.displayName}', which the policy '${policy.displayName}' does not let in.`
        : `${domain} is not the domain of a connected organization the policy '${policy.displayName}' lets in; add the organization, or use a policy for all external users.`,
      at,
    );
  }
  if (existing) {
    if (existing.accountEnabled || (await blockedGuestIdsAmong(trx, [existing.id])).length > 0) return existing;
    return requireTargetUser(trx, existing.id);
  }
  return (await guestForEmail(trx, actor, address, now, displayName)).user;
}

async function policyForUserAdd(trx: Executor, actor: Actor, accessPackage: AccessPackage, target: RequestTarget, policyId: string | undefined): Promise<AssignmentPolicy> {
  const principal = actor.principal as Extract<Actor['principal'], { kind: 'user' }>;
  const candidates = policyId ? [await requirePolicyOf(trx, accessPackage, policyId)] : await livingPoliciesOf(trx, accessPackage.id);
  const onBehalf = target.id !== principal.id;
  const requestor = await subjectOf(trx, { id: principal.id, userType: principal.userType }, candidates);
  const targetSubject = onBehalf ? await subjectOf(trx, target, candidates) : requestor;
  const isManagerOfTarget = onBehalf && (await managerIdOf(trx, target.id)) === principal.id;
  const allowed = candidates.filter((policy) =>
    onBehalf ? isOnBehalfRequestor(policy, requestor, { isManagerOfTarget, action: 'add' }) && isAllowedTarget(policy, targetSubject) : policyAppliesTo(policy, requestor),
  );
  // Of several policies that apply, the most specific wins, as in Entra: named people first.
  const chosen = allowed.sort((a, b) => specificity(a) - specificity(b) || a.createdDateTime.localeCompare(b.createdDateTime))[0];
  if (chosen) return chosen;
  if (onBehalf) throw new ForbiddenError(`You may not request '${accessPackage.displayName}' on behalf of ${target.displayName}${policyId ? ' under this policy' : ''}.`);
  throw new ForbiddenError(`You are not allowed to request '${accessPackage.displayName}'${policyId ? ' under this policy' : ''}.`);
}

const specificity = (policy: AssignmentPolicy) =>
  ['specificDirectoryUsers', 'specificConnectedOrganizationUsers', 'allMemberUsers', 'allConfiguredConnectedOrganizationUsers', 'allDirectoryUsers', 'allExternalUsers'].indexOf(policy.allowedTargetScope);

async function requirePolicyOf(trx: Executor, accessPackage: AccessPackage, policyId: string): Promise<AssignmentPolicy> {
  const policy = await findPolicy(trx, policyId);
  if (!policy || policy.accessPackageId !== accessPackage.id) {
    throw new ValidationError(`The policy '${policyId}' is not a policy of '${accessPackage.displayName}'.`, 'assignment.assignmentPolicyId');
  }
  return policy;
}

/** A user changing an assignment: their own, as the policy allows, or a direct report's, as a manager. */
async function assertMayChangeOwnOrReports(trx: Executor, actor: Actor, policy: AssignmentPolicy | null, target: RequestTarget, action: OnBehalfAction): Promise<void> {
  const principal = actor.principal as Extract<Actor['principal'], { kind: 'user' }>;
  if (target.id === principal.id) {
    // Giving up one's own access is always allowed once the policy is gone; otherwise the policy says.
    if (!policy && action === 'remove') return;
    const enabled = action === 'update' ? policy?.requestorSettings.enableTargetsToSelfUpdateAccess : policy?.requestorSettings.enableTargetsToSelfRemoveAccess;
    if (!enabled) throw new ForbiddenError(`The policy does not let you ${action === 'update' ? 'extend' : 'remove'} this access yourself; ask an administrator.`);
    if (action === 'update' && !policyAppliesTo(policy!, await subjectOf(trx, target, [policy!]))) throw new ForbiddenError('You are no longer among the people this policy lets request the package, so you cannot extend it.');
    return;
  }
  const isManagerOfTarget = (await managerIdOf(trx, target.id)) === principal.id;
  if (!policy || !isOnBehalfRequestor(policy, await subjectOf(trx, { id: principal.id, userType: principal.userType }, [policy]), { isManagerOfTarget, action })) {
    throw new ForbiddenError(`You may not ${action} ${target.displayName}'s access.`);
  }
}

function checkJustification(policy: AssignmentPolicy, input: SubmitRequestInput, isUserRequest: boolean): string | null {
  if (isUserRequest && policy.requestApprovalSettings.isRequestorJustificationRequired && !input.justification) {
    throw new ValidationError('This policy requires a justification: say why the access is needed.', 'justification');
  }
  return input.justification;
}

/** Administrators may answer a policy's questions but are not held to them. */
const optional = (questions: readonly Question[]): Question[] => questions.map((question) => ({ ...question, isRequired: false }));

function newRequest(
  id: string,
  input: SubmitRequestInput,
  accessPackage: AccessPackage,
  policy: AssignmentPolicy | null,
  targetId: string,
  requestorId: string | null,
  assignmentId: string | null,
  justification: string | null,
  answers: AssignmentRequest['answers'],
  schedule: RequestSchedule,
  now: Date,
): AssignmentRequest {
  return {
    id,
    requestType: input.requestType,
    state: 'submitted',
    status: 'Accepted',
    accessPackageId: accessPackage.id,
    catalogId: accessPackage.catalogId,
    policyId: policy?.id ?? null,
    targetId,
    requestorId,
    assignmentId,
    justification,
    answers,
    schedule,
    policySnapshot: policy ? snapshotOf(policy) : null,
    createdDateTime: now.toISOString(),
    completedDateTime: null,
  };
}
