import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken, unwrap } from './client';
import type { Session } from './graph';

/**
 * Who is signed in, read once from GET /v1.0/tessera/session (which also hands over the CSRF
 * token). Pages below the provider may take the session as given: without one, the sign-in page
 * is shown instead.
 */
const SessionContext = createContext<Session | null>(null);

export function useSessionQuery() {
  return useQuery({
    queryKey: ['session'],
    queryFn: async () => {
      try {
        const session = await unwrap<Session>(api.GET('/v1.0/tessera/session'));
        setCsrfToken(session.csrfToken);
        return session.user ? { ...session, user: { ...session.user, ...(await guestFacts()) } } : session;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
    // Signing in as someone else in another tab replaces the cookie (and the CSRF token): coming
    // back to this tab reads who is signed in now, rather than acting as them under the old name.
    refetchOnWindowFocus: true,
    retry: false,
  });
}

/** Whether the signed-in person is a guest, and of which company; without them the portal shows a member's menu. */
async function guestFacts(): Promise<{ userType?: 'Member' | 'Guest'; companyName?: string | null }> {
  try {
    const me = await unwrap<{ userType?: 'Member' | 'Guest'; companyName?: string | null }>(api.GET('/v1.0/me', { params: { query: { $select: 'userType,companyName' } } }));
    return { ...(me.userType ? { userType: me.userType } : {}), companyName: me.companyName ?? null };
  } catch {
    return {};
  }
}

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session & { user: NonNullable<Session['user']> } {
  const session = useContext(SessionContext);
  if (!session?.user) throw new Error('useSession is used outside a signed-in page.');
  return session as Session & { user: NonNullable<Session['user']> };
}

/** Where the browser goes to sign in, coming back to the page it was on. */
export const signInUrl = (returnTo: string) => `/auth/signIn?returnTo=${encodeURIComponent(returnTo)}`;
