import { z } from 'zod';
import { graphBody } from '../schema-helpers.js';

/** Graph's unifiedRoleAssignment, as posted to roleManagement/entitlementManagement/roleAssignments. */
export const createCatalogRoleAssignmentBody = graphBody({
  roleDefinitionId: z.string().trim().min(1).max(64),
  principalId: z.string().trim().min(1).max(64),
  appScopeId: z.string().max(256).nullable().optional(),
  directoryScopeId: z.string().max(256).nullable().optional(),
});

export type CreateCatalogRoleAssignmentInput = z.infer<typeof createCatalogRoleAssignmentBody>;
