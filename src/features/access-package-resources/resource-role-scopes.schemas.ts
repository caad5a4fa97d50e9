import { z } from 'zod';
import { graphBody } from '../schema-helpers.js';

/**
 * Graph's accessPackageResourceRoleScope body. Clients copy role and scope from a catalog listing,
 * so display properties are accepted; what identifies them is the id, or originId with the
 * resource (by id, or by originSystem and originId).
 */
const id = z.string().trim().min(1).max(64);
const originId = z.string().trim().min(1).max(512);
const originSystem = z.string().trim().min(1).max(64);
const display = { displayName: z.string().max(256).nullable().optional(), description: z.string().max(1024).nullable().optional() };

// Read-only timestamps come along when a resource is copied from a listing; they are ignored.
const timestamps = { createdDateTime: z.string().max(40).nullable().optional(), modifiedDateTime: z.string().max(40).nullable().optional() };
const resourceReference = graphBody({ id: id.optional(), originId: originId.optional(), originSystem: originSystem.optional(), ...display, ...timestamps });

export const createRoleScopeBody = graphBody({
  role: graphBody({ id: id.optional(), originId: originId.optional(), originSystem: originSystem.optional(), resource: resourceReference.optional(), ...display }),
  scope: graphBody({ id: id.optional(), originId: originId.optional(), originSystem: originSystem.optional(), isRootScope: z.boolean().optional(), resource: resourceReference.optional(), ...display }),
});

export type CreateRoleScopeInput = z.infer<typeof createRoleScopeBody>;
export type ResourceReference = z.infer<typeof resourceReference>;
