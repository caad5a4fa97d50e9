import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/authentication.js';
import { idParams } from '../../http/odata/querystring-schemas.js';
import { requireAccess } from '../authorization/authorization.js';
import type { Deps } from '../deps.js';
import type { MemberSubject } from '../groups/group-audit.js';
import { graphBody, guid } from '../schema-helpers.js';
import { previewRule } from './preview-rule.js';
import { reevaluateGroup } from './reevaluate-group.js';

/**
 * Tessera's own endpoints for dynamic groups (Entra has neither): see what a rule would do before
 * saving it, and apply a group's rule to the whole directory now.
 */
const previewBody = graphBody({
  // Longer than a rule may be, so that the rule's own check says by how much.
  membershipRule: z.string().trim().min(1).max(10_000),
  groupId: guid.optional(),
});
const previewQuery = z.strictObject({
  $top: z.coerce.number().int().min(1).max(999).default(100),
  $skip: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

const userOf = (member: MemberSubject) => ({ id: member.id, displayName: member.displayName, userPrincipalName: member.userPrincipalName ?? null });

export const dynamicGroupsRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['tessera'];

  app.post(
    '/tessera/membershipRules/preview',
    { schema: { tags, summary: "Who a membership rule matches, and who would join and leave a group's members with it (pages of $top users from $skip, by display name)", body: previewBody, querystring: previewQuery } },
    async (request) => {
      const { membershipRule, groupId } = request.body;
      await requireAccess(deps.db, request.principal!, 'groups.manage', groupId ? { groupId } : undefined);
      const preview = await previewRule(deps, membershipRule, groupId);
      const { $top: top, $skip: skip } = request.query;
      return {
        membershipRule,
        groupId: groupId ?? null,
        matchingCount: preview.matchingCount,
        joiningCount: preview.joining.length,
        leavingCount: preview.leaving.length,
        joining: preview.joining.slice(skip, skip + top).map(userOf),
        leaving: preview.leaving.slice(skip, skip + top).map(userOf),
      };
    },
  );

  app.post('/tessera/dynamicGroups/:id/reevaluate', { schema: { tags, summary: "Apply a dynamic group's rule to every user now; says how many joined and left", params: idParams } }, async (request) => {
    await requireAccess(deps.db, request.principal!, 'groups.manage', { groupId: request.params.id });
    return reevaluateGroup(deps, actorOf(request), request.params.id);
  });
};
