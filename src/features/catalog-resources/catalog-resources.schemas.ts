import { z } from 'zod';
import { resourceRequestTypes } from '../../domain/catalog-resource.js';
import { graphBody } from '../schema-helpers.js';

/**
 * Graph's accessPackageResourceRequest. The resource is named by originSystem and originId to add
 * it, or by the catalog resource's id to remove it; displayName and the like may be sent, as
 * clients copy them from a listing, but the connector's description of the resource wins.
 */
const resourceReference = graphBody({
  id: z.string().trim().min(1).max(64).optional(),
  originId: z.string().trim().min(1).max(256).optional(),
  originSystem: z.string().trim().min(1).max(64).optional(),
  displayName: z.string().max(256).nullable().optional(),
  description: z.string().max(1024).nullable().optional(),
  resourceType: z.string().max(256).nullable().optional(),
  createdDateTime: z.string().max(40).nullable().optional(),
  modifiedDateTime: z.string().max(40).nullable().optional(),
  // Which connected system holds it, when two share an originSystem (Graph: the resource's
  // environment, by its originId or id); without it, the originSystem's default environment.
  environment: graphBody({ id: z.string().trim().min(1).max(64).optional(), originId: z.string().trim().min(1).max(256).optional() }).optional(),
});

export const createResourceRequestBody = graphBody({
  requestType: z.enum(resourceRequestTypes),
  resource: resourceReference,
  catalog: graphBody({ id: z.string().trim().min(1).max(64) }),
});

export type CreateResourceRequestInput = z.infer<typeof createResourceRequestBody>;
export type ResourceReference = z.infer<typeof resourceReference>;
