import { z } from 'zod';
import { reconciliationModes } from '../../domain/reconciliation.js';
import { graphBody } from '../schema-helpers.js';

/** Bodies and options of /tessera/connectedSystems/{id}/reconcile and …/reconciliations. */
// An empty POST (no body) runs in the system's own mode.
export const reconcileBody = graphBody({ mode: z.enum(reconciliationModes).optional() }).nullish();

export const runParams = z.object({ id: z.string().min(1).max(256), runId: z.string().min(1).max(256) });

export const runsQuerystring = z.strictObject({ $top: z.coerce.number().int().min(1).max(100).default(20) });

export const driftsQuerystring = z.strictObject({
  $top: z.coerce.number().int().min(1).max(999).default(100),
  $skiptoken: z.string().max(64).optional(),
});
