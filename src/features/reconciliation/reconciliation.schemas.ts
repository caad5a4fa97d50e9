import { z } from 'zod';
import { reconciliationModes } from '../../domain/reconciliation.js';
import { graphBody } from '../schema-helpers.js';

/** Bodies and options of /tessera/connectedSystems/{id}/reconcile and …/reconciliations. */
// An empty POST (no body) runs in the system's own mode.
export const reconcileBody = graphBody({ mode: z.enum(reconciliationModes).optional() }).nullish();

export const runParams = z.object({ id: z.string().min(1).max(256), runId: z.string().min(1).max(256) });

/** Pages are keyed by the last id of the page before (ids are time-ordered UUIDs). */
const skipToken = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be the $skiptoken of an @odata.nextLink').optional();

export const runsQuerystring = z.strictObject({ $top: z.coerce.number().int().min(1).max(100).default(20), $skiptoken: skipToken });

export const driftsQuerystring = z.strictObject({ $top: z.coerce.number().int().min(1).max(999).default(100), $skiptoken: skipToken });
