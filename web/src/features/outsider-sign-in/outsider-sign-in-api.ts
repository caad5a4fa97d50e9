import { api, ApiError, unwrap } from '../../api/client';

/**
 * Sign-in for people outside the organization: a one-time code mailed to their address
 * (POST /auth/outsider/code), then typed back (POST /auth/outsider/signIn), which sets the session
 * cookie. Neither call needs a session, so neither carries a CSRF token.
 */
export type IssuedCode = { email: string; expiresDateTime: string; codeLength: number; resendAfterSeconds: number };

/** A refusal of these calls: the server's message and field, and for 429 how long to wait (Retry-After). */
export class SignInRefusal extends ApiError {
  constructor(
    error: ApiError,
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(error.status, error.code, error.message, error.target, error.details);
    this.name = 'SignInRefusal';
  }
}

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function requestCode(email: string, accessPackageId: string | undefined): Promise<IssuedCode> {
  // A link's id that is no GUID would only earn a refusal about the id, not about the address.
  const body = { email: email.trim(), ...(accessPackageId && guidPattern.test(accessPackageId) ? { accessPackageId } : {}) };
  return refusalsWithRetryAfter<IssuedCode>(api.POST('/auth/outsider/code', { body }));
}

export async function signInWithCode(email: string, code: string, displayName: string): Promise<{ userId: string; expiresDateTime: string }> {
  const name = displayName.trim();
  return refusalsWithRetryAfter(api.POST('/auth/outsider/signIn', { body: { email: email.trim(), code: code.trim(), ...(name ? { displayName: name } : {}) } }));
}

async function refusalsWithRetryAfter<T>(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T> {
  let retryAfter: string | null = null;
  const seen = call.then((result) => {
    retryAfter = result.response.headers.get('retry-after');
    return result;
  });
  try {
    return await unwrap<T>(seen);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const seconds = retryAfter !== null && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined;
    throw new SignInRefusal(error, seconds);
  }
}

/** The package a deep link (/access-packages/{id}) names, if the visitor is on one. */
export function packageIdOfPath(pathname: string): string | undefined {
  return /^\/access-packages\/([^/]+)\/?$/.exec(pathname)?.[1];
}

/** Seconds as a person reads a short wait: "45 seconds", "1 minute 5 seconds", "12 minutes". */
export function describeWait(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (minutes === 0) return plural(rest, 'second');
  if (minutes >= 5 || rest === 0) return plural(minutes + (rest > 0 && minutes >= 5 ? 1 : 0), 'minute');
  return `${plural(minutes, 'minute')} ${plural(rest, 'second')}`;
}

/** How long a code lasts, in whole minutes, from when it was issued (the server's clock) to its end. */
export function codeLifetimeMinutes(issued: IssuedCode, now: Date): number {
  return Math.max(1, Math.round((Date.parse(issued.expiresDateTime) - now.getTime()) / 60_000));
}
