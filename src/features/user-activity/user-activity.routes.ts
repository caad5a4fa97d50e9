import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import { actorOf } from '../../http/authentication.js';
import { idParams } from '../../http/odata/querystring-schemas.js';
import { requireAccess } from '../authorization/authorization.js';
import { recordAudit } from '../audit/audit.repo.js';
import type { Deps } from '../deps.js';
import { dateTimeOffset, graphBody, text } from '../schema-helpers.js';
import { findUser, findUsersByIds } from '../users/users.repo.js';
import { activityOf, recordActivity } from './user-activity.repo.js';

/**
 * /tessera/userActivity: connected systems (or the scripts that speak for them) report when people
 * last used their access there — a sign-in to an application, a query in a database — so access
 * reviews can recommend keeping what is used. Graph has no such API: it learns sign-ins itself.
 * Governance administrators report; readers of reviews read one user's activity.
 */
const reportBody = graphBody({
  value: z
    .array(z.strictObject({ userId: z.string().min(1).max(128), lastActivityDateTime: dateTimeOffset, source: text(128) }))
    .min(1)
    .max(1000),
});

export const userActivityRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['tessera'];

  app.post('/tessera/userActivity', { schema: { tags, summary: 'Report when users last used their access in a connected system (the latest report wins only if later)', body: reportBody } }, async (request, reply) => {
    await requireAccess(deps.db, request.principal!, 'connectedSystems.manage');
    const now = deps.clock();
    const entries = request.body.value.map((entry, index) => {
      const at = new Date(entry.lastActivityDateTime);
      if (at.getTime() > now.getTime() + 5 * 60_000) throw new ValidationError(`value[${index}].lastActivityDateTime is in the future.`, `value[${index}].lastActivityDateTime`);
      return { userId: entry.userId, at: at.toISOString(), source: entry.source };
    });
    const known = new Set((await findUsersByIds(deps.db, entries.map((e) => e.userId))).map((u) => u.id));
    const unknown = entries.findIndex((entry) => !known.has(entry.userId));
    if (unknown >= 0) throw new ValidationError(`The user '${entries[unknown]!.userId}' does not exist.`, `value[${unknown}].userId`);
    await deps.db.transaction().execute(async (trx) => {
      await recordActivity(trx, 'last_reported_date_time', entries);
      await recordAudit(trx, actorOf(request), now, { category: 'UserManagement', activityDisplayName: 'Report user activity', operationType: 'Update', targetResources: [], additionalDetails: [{ key: 'users', value: String(entries.length) }, { key: 'sources', value: [...new Set(entries.map((e) => e.source))].join(', ').slice(0, 500) }] });
    });
    return reply.status(204).send();
  });

  app.get('/tessera/userActivity/:id', { schema: { tags, summary: "One user's last sign-in, API use and reported use", params: idParams } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'accessReviews.read');
    const user = await findUser(deps.db, request.params.id);
    if (!user) throw new NotFoundError('User', request.params.id);
    return { userId: user.id, ...((await activityOf(deps.db, user.id)) ?? { lastSignInDateTime: null, lastApiDateTime: null, lastReportedDateTime: null, lastReportedSource: null }) };
  });
};
