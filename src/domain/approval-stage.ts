import type { ApprovalStageSettings, SubjectSet } from './assignment-policy.js';
import { addDuration } from './duration.js';
import { ConflictError, ForbiddenError, ValidationError } from './errors.js';

/**
 * One stage of a request's approval (Graph: approvalStage). The approval of a request has the
 * request's id; its stages are decided in order, each by the first of its approvers to act.
 */
export type StageStatus = 'NotStarted' | 'InProgress' | 'Completed' | 'Expired';
export type ReviewResult = 'NotReviewed' | 'Approved' | 'Denied';

export type ApprovalStage = {
  id: string;
  requestId: string;
  stageNumber: number;
  status: StageStatus;
  reviewResult: ReviewResult;
  reviewedById: string | null;
  reviewedDateTime: string | null;
  justification: string | null;
  startedDateTime: string | null;
  dueDateTime: string | null;
  escalationDateTime: string | null;
  escalatedDateTime: string | null;
};

export type ApproverSource = 'primary' | 'fallbackPrimary' | 'escalation' | 'fallbackEscalation';

/**
 * What is known about the people a policy's subject sets may name, loaded before a stage starts.
 * Managers and sponsors are the target's: the person who will hold the access is the one whose
 * manager vouches for it, also when their manager asked on their behalf.
 */
export type ApproverFacts = {
  /** The target's manager, then the manager's manager (enabled users only). */
  managerChain: readonly string[];
  targetSponsorIds: readonly string[];
  /** The sponsors of the target's connected organization (users, and the members of sponsor groups). */
  internalSponsorIds: readonly string[];
  externalSponsorIds: readonly string[];
  /** Enabled users in each named group, however nested. */
  groupMemberIds: ReadonlyMap<string, readonly string[]>;
  /** Named users who exist and may sign in. */
  enabledUserIds: ReadonlySet<string>;
  /** Nobody decides on a request they made or that is for them. */
  excludedIds: ReadonlySet<string>;
};

export function approversIn(sets: readonly SubjectSet[], facts: ApproverFacts): string[] {
  const found = new Set<string>();
  for (const set of sets) {
    switch (set['@odata.type']) {
      case '#microsoft.graph.singleUser':
        if (facts.enabledUserIds.has(set.userId)) found.add(set.userId);
        break;
      case '#microsoft.graph.groupMembers':
        for (const id of facts.groupMemberIds.get(set.groupId) ?? []) found.add(id);
        break;
      case '#microsoft.graph.requestorManager': {
        const manager = facts.managerChain[set.managerLevel - 1];
        if (manager) found.add(manager);
        break;
      }
      case '#microsoft.graph.targetUserSponsors':
        for (const id of facts.targetSponsorIds) found.add(id);
        break;
      case '#microsoft.graph.internalSponsors':
        for (const id of facts.internalSponsorIds) found.add(id);
        break;
      case '#microsoft.graph.externalSponsors':
        for (const id of facts.externalSponsorIds) found.add(id);
        break;
      default:
        // connectedOrganizationMembers and attributeRuleMembers name requestors, not approvers.
        break;
    }
  }
  for (const id of facts.excludedIds) found.delete(id);
  return [...found];
}

/**
 * The people who may decide a stage: its primary approvers, or its fallback approvers when no
 * primary approver can be found (no manager, no sponsor, or only the requester themself).
 */
export function resolveStageApprovers(stage: ApprovalStageSettings, facts: ApproverFacts, escalation = false): { approverIds: string[]; source: ApproverSource } {
  const [main, fallback] = escalation ? [stage.escalationApprovers, stage.fallbackEscalationApprovers] : [stage.primaryApprovers, stage.fallbackPrimaryApprovers];
  const approverIds = approversIn(main, facts);
  if (approverIds.length > 0) return { approverIds, source: escalation ? 'escalation' : 'primary' };
  return { approverIds: approversIn(fallback, facts), source: escalation ? 'fallbackEscalation' : 'fallbackPrimary' };
}

export function stageDeadlines(settings: ApprovalStageSettings, startedAt: Date): { dueDateTime: string; escalationDateTime: string | null } {
  return {
    dueDateTime: addDuration(startedAt, settings.durationBeforeAutomaticDenial).toISOString(),
    escalationDateTime: settings.isEscalationEnabled ? addDuration(startedAt, settings.durationBeforeEscalation).toISOString() : null,
  };
}

export type StageDecision = { reviewResult: 'Approve' | 'Deny'; justification: string | null };

/** Whether this person may decide this stage now; throws the reason when not. */
export function checkStageDecision(
  stage: ApprovalStage,
  decision: StageDecision,
  context: { deciderId: string; approverIds: ReadonlySet<string>; requestorId: string | null; targetId: string; isApproverJustificationRequired: boolean; now: Date },
): void {
  if (context.deciderId === context.requestorId || context.deciderId === context.targetId) {
    throw new ForbiddenError('Nobody may decide on a request they made or that is for them.');
  }
  if (!context.approverIds.has(context.deciderId)) throw new ForbiddenError('You are not an approver of this stage of the request.');
  if (stage.reviewResult !== 'NotReviewed' || stage.status !== 'InProgress') {
    throw new ConflictError(stage.reviewResult === 'NotReviewed' ? `Stage ${stage.stageNumber} is not waiting for a decision.` : `Stage ${stage.stageNumber} was already ${stage.reviewResult.toLowerCase()}.`, 'reviewResult', 'ApprovalStageAlreadyDecided');
  }
  // The deadline, not the deadline job, decides: a worker that is behind must not let a late approval through.
  if (stage.dueDateTime && context.now.getTime() >= new Date(stage.dueDateTime).getTime()) {
    throw new ConflictError(`Stage ${stage.stageNumber} had to be decided by ${stage.dueDateTime}; the request is denied for want of a decision.`, 'reviewResult', 'ApprovalStageExpired');
  }
  if (context.isApproverJustificationRequired && !decision.justification?.trim()) {
    throw new ValidationError('This stage requires a justification with the decision.', 'justification');
  }
}
