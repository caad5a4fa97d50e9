import { buildUser, type NewUserFields } from '../../src/domain/user.js';
import type { RuleSubject } from '../../src/rules/rule-properties.js';

/** A rule subject for tests: a user with these fields, a manager and direct group memberships. */
export function subject(fields: Partial<NewUserFields> = {}, extra: { managerId?: string | null; memberOf?: string[] } = {}): RuleSubject {
  const user = buildUser({ userPrincipalName: 'ada@contoso.com', displayName: 'Ada Lovelace', ...fields }, '3f2a9c1e-0000-4000-8000-00000000000a', new Date('2026-01-01T00:00:00Z'));
  return { user, managerId: extra.managerId ?? null, memberOf: new Set(extra.memberOf ?? []) };
}
