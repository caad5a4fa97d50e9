import { localReturnPath } from './return-path.js';

/**
 * The decisions of signing in to the portal through OpenID Connect, apart from the protocol
 * itself (openid-client's) and the storage (a sealed cookie, a session row). Pure: time is passed in.
 */

/** The directory properties an identity provider's claim can be matched against. */
export const signInUserProperties = ['userPrincipalName', 'mail', 'id', 'employeeId'] as const;
export type SignInUserProperty = (typeof signInUserProperties)[number];

/** How long a sign-in may take at the identity provider before it must be started again. */
export const pendingSignInLifetimeMs = 10 * 60_000;

/** What the browser carries between leaving for the identity provider and coming back. */
export type PendingSignIn = { codeVerifier: string; state: string; nonce: string; returnTo: string; startedDateTime: string };

export function newPendingSignIn(secrets: { codeVerifier: string; state: string; nonce: string }, returnTo: unknown, now: Date): PendingSignIn {
  return { ...secrets, returnTo: localReturnPath(returnTo), startedDateTime: now.toISOString() };
}

const randomValue = /^[\w-]{22,128}$/;

/**
 * The pending sign-in in an opened cookie, or why it cannot be used. The cookie is sealed, so a
 * wrong shape means a Tessera of another version, not an attacker; it is refused all the same.
 * One started in the future (a clock moved back) is treated as expired rather than trusted longer.
 */
export function readPendingSignIn(json: string, now: Date): PendingSignIn | 'invalid' | 'expired' {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return 'invalid';
  }
  if (typeof value !== 'object' || value === null) return 'invalid';
  const { codeVerifier, state, nonce, returnTo, startedDateTime } = value as Record<string, unknown>;
  if (![codeVerifier, state, nonce].every((part) => typeof part === 'string' && randomValue.test(part))) return 'invalid';
  if (typeof startedDateTime !== 'string' || Number.isNaN(Date.parse(startedDateTime))) return 'invalid';
  const age = now.getTime() - Date.parse(startedDateTime);
  if (age < 0 || age > pendingSignInLifetimeMs) return 'expired';
  return { codeVerifier: codeVerifier as string, state: state as string, nonce: nonce as string, returnTo: localReturnPath(returnTo), startedDateTime };
}

const claimValueMaxLength = 512;

/**
 * The value of the claim that names the user, as text: a string, or a number (an employee number
 * may come as one). Anything else (absent, empty, an array, an object) names nobody.
 */
export function claimValue(claims: Readonly<Record<string, unknown>>, claim: string): string | undefined {
  const value = Object.hasOwn(claims, claim) ? claims[claim] : undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length > 0 && trimmed.length <= claimValueMaxLength ? trimmed : undefined;
}

/**
 * Whether the claim is an e-mail address the provider has not vouched for. Many providers let
 * people set their own e-mail (self-registration, profile editing, multi-tenant Entra apps), so an
 * `email` claim names someone only with `email_verified: true`; otherwise anyone could type an
 * administrator's address and be signed in as them.
 */
export function isUnverifiedEmail(claims: Readonly<Record<string, unknown>>, claim: string): boolean {
  return claim === 'email' && claims.email_verified !== true;
}

export type SignInCandidate = { id: string; accountEnabled: boolean };
export type SignInMatch = { userId: string } | { refused: 'unknown' | 'ambiguous' | 'disabled' };

/**
 * Whom an identity provider's claim signs in. Exactly one living user must match: two (a mail
 * shared by a person and a service account, say) would make the choice arbitrary, so neither is
 * signed in; a disabled account is refused as Entra refuses it.
 */
export function matchSignIn(candidates: readonly SignInCandidate[]): SignInMatch {
  if (candidates.length === 0) return { refused: 'unknown' };
  if (candidates.length > 1) return { refused: 'ambiguous' };
  const [only] = candidates;
  return only!.accountEnabled ? { userId: only!.id } : { refused: 'disabled' };
}

/**
 * What an error an identity provider sent back (RFC 6749 §4.1.2.1, OpenID Connect Core §3.1.2.6)
 * means for the person: they (or a policy) said no, the provider is having trouble, or the request
 * itself was wrong (a configuration problem on one side or the other).
 */
export function providerErrorKind(error: string): 'refused' | 'unavailable' | 'failed' {
  if (['access_denied', 'login_required', 'consent_required', 'interaction_required', 'account_selection_required'].includes(error)) return 'refused';
  if (['temporarily_unavailable', 'server_error'].includes(error)) return 'unavailable';
  return 'failed';
}
