/**
 * A portal session's life: it ends at the latest `absoluteHours` after sign-in, and earlier after
 * `idleMinutes` without a request, as an administrator coming from Entra expects of a portal (and
 * shorter than a bearer token, which automation holds on purpose). Pure: time is passed in.
 */
export const sessionLifetime = { absoluteHours: 12, idleMinutes: 60 } as const;

/** Seen again within this long is not written again: a request must not cost a write. */
export const lastSeenResolutionMs = 60_000;

export type SessionTimes = { expiresDateTime: string; lastSeenDateTime: string; endedDateTime: string | null };

export function sessionState(session: SessionTimes, now: Date): 'live' | 'ended' | 'expired' | 'idle' {
  if (session.endedDateTime) return 'ended';
  if (now.getTime() >= Date.parse(session.expiresDateTime)) return 'expired';
  if (now.getTime() - Date.parse(session.lastSeenDateTime) >= sessionLifetime.idleMinutes * 60_000) return 'idle';
  return 'live';
}

export function sessionExpiry(createdAt: Date): Date {
  return new Date(createdAt.getTime() + sessionLifetime.absoluteHours * 3_600_000);
}
