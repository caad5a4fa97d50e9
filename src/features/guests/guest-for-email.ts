import { randomUUID } from 'node:crypto';
import type { Executor } from '../../db/database.js';
import { emailDomain } from '../../domain/connected-organization.js';
import { ValidationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { buildUser, type User } from '../../domain/user.js';
import { recordAudit } from '../audit/audit.repo.js';
import { connectedOrganizationOfEmail } from '../connected-organizations/connected-organizations.repo.js';
import { reconcileUsers } from '../dynamic-groups/dynamic-membership.js';
import { userAudit, userTarget } from '../users/user-audit.js';
import { insertUsers } from '../users/users.repo.js';
import { findUserByEmail, insertGovernedGuest } from './governed-guests.repo.js';

/** An address as Tessera keeps it: trimmed and lower-cased; refused (on `target`) when it is not one. */
export function normalisedEmail(email: string, target: string): string {
  const address = email.trim().toLowerCase();
  if (address.length > 254 || !emailDomain(address)) throw new ValidationError(`'${email.slice(0, 100)}' is not an e-mail address such as someone@partner.example.`, target);
  return address;
}

/**
 * The user an outsider's address stands for: the living user who has it (a guest invited before, or
 * a member, who is then treated as the member they are), or else a new guest, governed by Tessera
 * (blocked and deleted by the guest lifecycle once they hold nothing). The guest is made here,
 * when they are first assigned or first prove their address, rather than on delivery: requests,
 * approvals, sessions and mail all need a user to point at (see docs/architecture.md).
 */
export async function guestForEmail(trx: Executor, actor: Actor, email: string, now: Date, displayName?: string | null): Promise<{ user: User; created: boolean }> {
  const existing = await findUserByEmail(trx, email);
  if (existing) return { user: existing, created: false };
  const organization = await connectedOrganizationOfEmail(trx, email);
  const user = buildUser(
    {
      userPrincipalName: email,
      displayName: displayName?.trim() || email,
      mail: email,
      userType: 'Guest',
      companyName: organization?.displayName ?? null,
    },
    randomUUID(),
    now,
  );
  await insertUsers(trx, [{ user, managerId: null }], now.toISOString());
  await insertGovernedGuest(trx, { userId: user.id, email, connectedOrganizationId: organization?.id ?? null, createdDateTime: now.toISOString() });
  await recordAudit(trx, actor, now, userAudit('Invite external user', 'Add', [userTarget(user, null, user)]));
  // A new guest meets the dynamic groups at once, as anyone else added to the directory.
  await reconcileUsers(trx, [user.id], { correlationId: actor.correlationId, now });
  return { user, created: true };
}
