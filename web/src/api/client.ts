import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/**
 * The portal's one way to call Tessera: openapi-fetch typed by schema.d.ts (generated from the
 * server's own OpenAPI document), same-origin with the session cookie, and the session's CSRF
 * token on every call that changes something (the server refuses such a call without it).
 */
let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

const csrf: Middleware = {
  onRequest({ request }) {
    if (csrfToken && request.method !== 'GET' && request.method !== 'HEAD') request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(csrf);

/** A refusal or failure from the API, with Graph's error code and message (never a stack trace). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly target?: string,
    /** Every problem with its field (Graph's error details), for messages next to the fields. */
    readonly details: { message: string; target?: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type GraphErrorBody = { error?: { code?: string; message?: string; target?: string; details?: { message: string; target?: string }[] } };

/** Unwraps an openapi-fetch result into its body, or throws an ApiError the UI can show as it is. */
export async function unwrap<T>(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T> {
  let result: Awaited<typeof call>;
  try {
    result = await call;
  } catch {
    throw new ApiError(0, 'NetworkError', 'Tessera could not be reached. Check your connection and try again.');
  }
  const { data, error, response } = result;
  if (response.ok) return data as T;
  const body = (error ?? {}) as GraphErrorBody;
  if (response.status === 401) onSignedOut();
  throw new ApiError(response.status, body.error?.code ?? `HTTP${response.status}`, body.error?.message ?? describeStatus(response.status), body.error?.target, body.error?.details ?? (body.error?.message ? [{ message: body.error.message, ...(body.error.target ? { target: body.error.target } : {}) }] : []));
}

function describeStatus(status: number): string {
  if (status === 403) return 'You do not have permission to do this.';
  if (status === 404) return 'This no longer exists, or you cannot see it.';
  if (status >= 500) return 'Tessera could not finish this. Try again in a moment; if it keeps failing, tell your administrator.';
  return `The request was refused (HTTP ${status}).`;
}

let signedOutListener: () => void = () => {};
/** Called when the session ends under the user (expired, idle, signed out in another tab). */
export const onSignedOutCall = (listener: () => void) => {
  signedOutListener = listener;
};
const onSignedOut = () => signedOutListener();

/** Graph's function-call path segment, e.g. filterByCurrentUser(on='target'). */
export const onCurrentUser = (on: string) => `(on='${on}')`;
