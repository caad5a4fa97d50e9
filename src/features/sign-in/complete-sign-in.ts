import { claimValue, isUnverifiedEmail, matchSignIn } from '../../domain/portal-sign-in.js';
import { loadPrincipal } from '../authorization/load-principal.js';
import type { Deps } from '../deps.js';
import { startSession, type StartedSession } from '../sessions/portal-sessions.js';
import type { RelyingPartySettings } from './oidc-relying-party.js';
import { signInCandidates } from './sign-in-accounts.repo.js';

export type SignInRefusal = { refused: 'noClaim' | 'unverified' | 'unknown' | 'ambiguous' | 'disabled'; claimValue?: string };

/**
 * Signs in the user an identity provider vouched for: the one living, enabled user whose property
 * matches the configured claim. The session is started (and the sign-in audited) as that user, so
 * the audit log says who signed in, not that "the system" did.
 */
export async function completeSignIn(
  deps: Deps,
  settings: Pick<RelyingPartySettings, 'userClaim' | 'userProperty'>,
  claims: Readonly<Record<string, unknown>>,
  request: { correlationId: string; ipAddress: string },
): Promise<({ userId: string } & StartedSession) | SignInRefusal> {
  const value = claimValue(claims, settings.userClaim);
  if (value === undefined) return { refused: 'noClaim' };
  if (isUnverifiedEmail(claims, settings.userClaim)) return { refused: 'unverified', claimValue: value };
  const match = matchSignIn(await signInCandidates(deps.db, settings.userProperty, value));
  if ('refused' in match) return { refused: match.refused, claimValue: value };
  // Disabled or deleted since the lookup: loadPrincipal refuses such a user, as every request does.
  const principal = await loadPrincipal(deps.db, match.userId);
  if (!principal) return { refused: 'disabled', claimValue: value };
  const session = await startSession(deps, { correlationId: request.correlationId, principal, ipAddress: request.ipAddress }, match.userId);
  return { userId: match.userId, ...session };
}
