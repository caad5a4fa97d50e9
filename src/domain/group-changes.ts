import { ValidationError } from './errors.js';
import { groupPropertyNames, isDynamicGroup, type Group } from './group.js';
import { RuleError } from '../rules/rule-error.js';
import { parseRule } from '../rules/rule-parser.js';

/** The group's properties a client may set; the rest (id, mail, timestamps) are the system's. */
export type GroupFields = Pick<
  Group,
  'displayName' | 'description' | 'mailNickname' | 'mailEnabled' | 'securityEnabled' | 'groupTypes' | 'membershipRule' | 'membershipRuleProcessingState' | 'visibility'
>;

export type NewGroupFields = Partial<GroupFields> & Pick<GroupFields, 'displayName'> & { isAssignableToRole?: boolean };
export type GroupChanges = Partial<GroupFields>;

export const maxMailNicknameLength = 64;

/**
 * Graph requires mailNickname on create; Tessera derives one from the display name when it is
 * left out, keeping only characters every mail system accepts.
 */
export function defaultMailNickname(displayName: string, id: string): string {
  const stripped = displayName.replace(/[^A-Za-z0-9._-]/g, '').slice(0, maxMailNicknameLength);
  return stripped.length > 0 ? stripped : `group-${id.slice(0, 8)}`;
}

export function buildGroup(fields: NewGroupFields, id: string, now: Date): Group {
  const groupTypes = fields.groupTypes ?? [];
  const dynamic = groupTypes.includes('DynamicMembership');
  const group: Group = {
    id,
    displayName: fields.displayName,
    description: fields.description ?? null,
    mailNickname: fields.mailNickname ?? defaultMailNickname(fields.displayName, id),
    mail: null,
    mailEnabled: fields.mailEnabled ?? false,
    securityEnabled: fields.securityEnabled ?? true,
    groupTypes,
    membershipRule: fields.membershipRule ?? null,
    membershipRuleProcessingState: fields.membershipRuleProcessingState ?? (dynamic ? 'On' : null),
    // Entra makes a Microsoft 365 group public unless told otherwise; security groups have none.
    visibility: fields.visibility ?? (groupTypes.includes('Unified') ? 'Public' : null),
    isAssignableToRole: fields.isAssignableToRole ?? false,
    createdDateTime: now.toISOString(),
    deletedDateTime: null,
  };
  checkMembershipSettings(group);
  return group;
}

/**
 * PATCH semantics: a property given (even as null) replaces; one left out stays. Turning a
 * dynamic group into an assigned one drops its rule unless the same request says otherwise, and
 * turning an assigned group dynamic starts processing its rule.
 */
export function applyGroupChanges(group: Group, changes: GroupChanges): Group {
  const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as GroupChanges;
  const next: Group = { ...group, ...defined };
  const wasDynamic = isDynamicGroup(group);
  const nowDynamic = isDynamicGroup(next);
  if (wasDynamic && !nowDynamic) {
    if (defined.membershipRule === undefined) next.membershipRule = null;
    if (defined.membershipRuleProcessingState === undefined) next.membershipRuleProcessingState = null;
  }
  if (!wasDynamic && nowDynamic && defined.membershipRuleProcessingState === undefined) next.membershipRuleProcessingState = 'On';
  checkMembershipSettings(next);
  return next;
}

/** A rule belongs to a dynamic group, and a dynamic group needs one. */
export function checkMembershipSettings(group: Group): void {
  const dynamic = isDynamicGroup(group);
  if (dynamic && !group.membershipRule) {
    throw new ValidationError("'membershipRule' is required when groupTypes contains 'DynamicMembership'.", 'membershipRule');
  }
  if (!dynamic && group.membershipRule) {
    throw new ValidationError("'membershipRule' applies only to dynamic groups: add 'DynamicMembership' to groupTypes.", 'membershipRule');
  }
  if (!dynamic && group.membershipRuleProcessingState) {
    throw new ValidationError("'membershipRuleProcessingState' applies only to dynamic groups: add 'DynamicMembership' to groupTypes.", 'membershipRuleProcessingState');
  }
  if (group.membershipRule) checkMembershipRule(group.membershipRule, 'membershipRule');
}

/** A rule that cannot be used is refused with the parser's reason and position. */
export function checkMembershipRule(rule: string, target: string): void {
  try {
    parseRule(rule);
  } catch (error) {
    if (error instanceof RuleError) throw new ValidationError(`The membership rule is not valid: ${error.message}.`, target);
    throw error;
  }
}

/** Nesting `memberGroupId` into `groupId` loops when the group is already inside the member. */
export function createsNestingLoop(groupId: string, memberGroupId: string, groupsInsideMember: ReadonlySet<string>): boolean {
  return groupId === memberGroupId || groupsInsideMember.has(groupId);
}

/** The group's properties that an audit entry lists when they change. */
export const auditedGroupProperties = groupPropertyNames.filter((name) => name !== 'id' && name !== 'createdDateTime');
