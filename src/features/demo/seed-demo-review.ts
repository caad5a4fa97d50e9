import { defaultReviewSettings } from '../../domain/access-review-definition.js';
import type { Actor } from '../../domain/principal.js';
import { createDefinition } from '../access-review-definitions/manage-access-review-definitions.js';
import type { Deps } from '../deps.js';
import { findUser } from '../users/users.repo.js';
import { administratorPrincipalName } from './demo-organisation.js';

/**
 * "IT Team membership review": managers recertify their reports' membership of the IT Team,
 * starting the day the demo is seeded, so the head of IT finds a review waiting under Reviews.
 * Someone without a manager is reviewed by the administrator (the fallback).
 */
export async function seedDemoReview(deps: Deps, actor: Actor, groupIds: Map<string, string>): Promise<void> {
  const groupId = groupIds.get('it-team');
  const administrator = await findUser(deps.db, administratorPrincipalName);
  if (!groupId || !administrator) throw new Error('The demo organisation lacks the IT Team group or its administrator.');
  await createDefinition(deps, actor, {
    displayName: 'IT Team membership review',
    descriptionForAdmins: 'Every quarter, managers confirm who in IT still needs the IT Team group.',
    descriptionForReviewers: 'Approve the people who still work in IT and need the team group; deny the others. Denied members leave the group when the review ends.',
    scope: { query: `/groups/${groupId}/transitiveMembers`, queryType: 'MicrosoftGraph', queryRoot: null },
    reviewers: [{ query: './manager', queryType: 'MicrosoftGraph', queryRoot: 'decisions' }],
    fallbackReviewers: [{ query: `/users/${administrator.id}`, queryType: 'MicrosoftGraph', queryRoot: null }],
    settings: {
      ...defaultReviewSettings,
      instanceDurationInDays: 14,
      autoApplyDecisionsEnabled: true,
      recommendationsEnabled: true,
      recurrence: { pattern: { type: 'absoluteMonthly', interval: 3 }, range: { type: 'noEnd', startDate: deps.clock().toISOString().slice(0, 10), endDate: null, numberOfOccurrences: null } },
    },
    stageSettings: null,
  });
}
