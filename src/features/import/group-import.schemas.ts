import { z } from 'zod';
import type { CsvColumns } from './import-rows.js';
import { graphBody } from '../schema-helpers.js';
import { createGroupBody } from '../groups/groups.schemas.js';

/**
 * One row of a groups import: the properties POST /groups takes, checked by the same field rules,
 * except that members and owners are lists of userPrincipalNames (what a spreadsheet holds)
 * instead of @odata.bind URLs, and without isAssignableToRole, which stays a deliberate act of a
 * Global Administrator through the API.
 */
const api = createGroupBody.out.shape;
const principalNames = z.array(z.string().trim().min(1).max(113));

const properties = {
  displayName: api.displayName,
  description: api.description,
  mailNickname: api.mailNickname,
  mailEnabled: api.mailEnabled,
  securityEnabled: api.securityEnabled,
  groupTypes: api.groupTypes,
  membershipRule: api.membershipRule,
  membershipRuleProcessingState: api.membershipRuleProcessingState,
  visibility: api.visibility,
  members: principalNames.optional(),
  owners: principalNames.optional(),
};

export const groupImportRow = graphBody(properties).superRefine((row, context) => {
  const dynamic = row.groupTypes?.includes('DynamicMembership') ?? false;
  if (dynamic && !row.membershipRule) {
    context.addIssue({ code: 'custom', path: ['membershipRule'], message: "is required when groupTypes contains 'DynamicMembership'" });
  }
  if (!dynamic && row.membershipRule) {
    context.addIssue({ code: 'custom', path: ['membershipRule'], message: "applies only to dynamic groups: add 'DynamicMembership' to groupTypes" });
  }
  if (!dynamic && row.membershipRuleProcessingState) {
    context.addIssue({ code: 'custom', path: ['membershipRuleProcessingState'], message: "applies only to dynamic groups: add 'DynamicMembership' to groupTypes" });
  }
  if (dynamic && row.members?.length) {
    context.addIssue({ code: 'custom', path: ['members'], message: 'the members of a dynamic group are managed by its membership rule; leave this empty' });
  }
});

export type GroupImportRow = z.infer<typeof groupImportRow>;

/** The columns of a groups CSV: Graph property names; members and owners are `;`-separated userPrincipalNames. */
export const groupCsvColumns: CsvColumns = {
  known: Object.keys(properties),
  lists: ['groupTypes', 'members', 'owners'],
  booleans: ['mailEnabled', 'securityEnabled'],
};
