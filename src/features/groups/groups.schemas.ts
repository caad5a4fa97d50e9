import { z } from 'zod';
import { groupVisibilities, membershipRuleProcessingStates } from '../../domain/group.js';
import { maxMailNicknameLength } from '../../domain/group-changes.js';
import { graphBody, optionalText, text } from '../schema-helpers.js';

export const groupTypeValues = ['Unified', 'DynamicMembership'] as const;

// Entra's rule for mail nicknames: printable ASCII without @ ( ) \ [ ] " ; : < > , or spaces.
const mailNickname = z
  .string()
  .trim()
  .min(1)
  .max(maxMailNicknameLength)
  .regex(/^[!#-'*+\-./0-9=?A-Z^_`a-z{|}~]+$/, 'must be ASCII without spaces or any of @ ( ) \\ [ ] " ; : < > ,');

const groupTypes = z
  .array(z.enum(groupTypeValues))
  .max(groupTypeValues.length)
  .refine((types) => new Set(types).size === types.length, 'must not repeat a group type');

/** Graph's limit on the references one create may bind, for members and owners each. */
export const maxBindsOnCreate = 20;
const binds = z.array(z.string().min(1).max(2048)).max(maxBindsOnCreate);

const mutableProperties = {
  displayName: text(256),
  description: optionalText(1024),
  mailNickname: mailNickname.optional(),
  mailEnabled: z.boolean().optional(),
  securityEnabled: z.boolean().optional(),
  groupTypes: groupTypes.optional(),
  // Longer than a rule may be, so that the rule's own check says by how much (domain/group-changes.ts).
  membershipRule: z.string().trim().min(1).max(10_000).nullable().optional(),
  membershipRuleProcessingState: z.enum(membershipRuleProcessingStates).optional(),
  visibility: z.enum(groupVisibilities).nullable().optional(),
};

// graphBody drops annotations that start with '@odata.'; these keys start with the property
// name, so they reach the schema and are checked like any other property.
export const createGroupBody = graphBody({
  ...mutableProperties,
  isAssignableToRole: z.boolean().optional(),
  'members@odata.bind': binds.optional(),
  'owners@odata.bind': binds.optional(),
});
export const updateGroupBody = graphBody({ ...mutableProperties, displayName: text(256).optional() });

export type CreateGroupInput = z.infer<typeof createGroupBody>;
export type UpdateGroupInput = z.infer<typeof updateGroupBody>;
