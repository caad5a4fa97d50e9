/** A directory group, in Graph's v1.0 shape. */
export const membershipRuleProcessingStates = ['On', 'Paused'] as const;
export const groupVisibilities = ['Public', 'Private', 'HiddenMembership'] as const;

export type Group = {
  id: string;
  displayName: string;
  description: string | null;
  mailNickname: string | null;
  mail: string | null;
  mailEnabled: boolean;
  securityEnabled: boolean;
  groupTypes: string[];
  membershipRule: string | null;
  membershipRuleProcessingState: (typeof membershipRuleProcessingStates)[number] | null;
  visibility: (typeof groupVisibilities)[number] | null;
  /** Set at creation only; such a group may hold directory roles. */
  isAssignableToRole: boolean;
  createdDateTime: string;
  deletedDateTime: string | null;
};

export const groupPropertyNames = [
  'id',
  'displayName',
  'description',
  'mailNickname',
  'mail',
  'mailEnabled',
  'securityEnabled',
  'groupTypes',
  'membershipRule',
  'membershipRuleProcessingState',
  'visibility',
  'isAssignableToRole',
  'createdDateTime',
] as const;

export function isDynamicGroup(group: Pick<Group, 'groupTypes'>): boolean {
  return group.groupTypes.includes('DynamicMembership');
}

/** The built-in directory's roles on a group, as Entra names them for access packages. */
export const groupRoleOriginId = (role: 'Member' | 'Owner', groupId: string) => `${role}_${groupId}`;
