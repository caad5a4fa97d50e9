import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { EntitlementManagementSettings } from '../../domain/guest-lifecycle.js';
import { actorOf } from '../../http/authentication.js';
import { parseItemQuery } from '../../http/odata/query-options.js';
import { itemQuerystring } from '../../http/odata/querystring-schemas.js';
import { entityResponse } from '../../http/responses.js';
import { requireAccess } from '../authorization/authorization.js';
import type { Deps } from '../deps.js';
import { entitlementSettingsId, readEntitlementSettings } from './entitlement-settings.repo.js';
import { updateEntitlementSettingsBody } from './entitlement-settings.schemas.js';
import { updateEntitlementSettings } from './update-entitlement-settings.js';

const path = '/identityGovernance/entitlementManagement/settings';
const context = 'identityGovernance/entitlementManagement/settings';
const shape = { name: 'microsoft.graph.entitlementManagementSettings', properties: ['id', 'externalUserLifecycleAction', 'durationUntilExternalUserDeletedAfterBlocked'], expandable: {} };

/** Graph's entitlementManagementSettings: one object, the same for the whole service. */
function settingsJson(settings: EntitlementManagementSettings): Record<string, unknown> {
  return { '@odata.type': '#microsoft.graph.entitlementManagementSettings', id: entitlementSettingsId, ...settings };
}

export const entitlementSettingsRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['entitlementManagement'];

  app.get(path, { schema: { tags, summary: 'Get the entitlement management settings', querystring: itemQuerystring } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'entitlementSettings.read');
    const query = parseItemQuery(request.query, shape);
    return entityResponse(request, context, settingsJson(await readEntitlementSettings(deps.db)), query.select);
  });

  app.patch(path, { schema: { tags, summary: 'Change what happens to external users after their last assignment ends', body: updateEntitlementSettingsBody } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'entitlementSettings.manage');
    await updateEntitlementSettings(deps, actorOf(request), request.body);
    return reply.status(204).send();
  });
};
