import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import type { AdminCenterAreas, Session } from './api/graph';
import { SessionProvider } from './api/session';
import { theme } from './theme';

/** Where the page has navigated to, for tests to read. */
function CurrentLocation() {
  const location = useLocation();
  return <output data-testid="location">{location.pathname}</output>;
}

export const adminSession = (canManage = true): Session => ({
  user: { id: 'u-admin', displayName: 'Ada Administrator', userPrincipalName: 'admin@example.com' },
  authenticatedBy: 'session',
  csrfToken: 'csrf',
  expiresDateTime: null,
  adminCenter: {
    catalogs: true,
    directory: canManage,
    auditLog: true,
    connectedSystems: true,
    accessReviews: true,
    connectedOrganizations: true,
    entitlementSettings: true,
    canManage: { connectedOrganizations: canManage, entitlementSettings: canManage },
  } satisfies AdminCenterAreas,
});

/**
 * A page as the portal shows it at `path` (matched by `route`, e.g. /admin/things/:id): Mantine,
 * a fresh query cache, a signed-in administrator (a Global Reader with canManage false), the router.
 * The API is the fake one of test-api.ts.
 */
export function renderPage(page: ReactElement, { path, route = path, canManage = true }: { path: string; route?: string; canManage?: boolean }) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <MantineProvider theme={theme} env="test">
      <QueryClientProvider client={queryClient}>
        <SessionProvider session={adminSession(canManage)}>
          <MemoryRouter initialEntries={[path]}>
            <Routes>
              <Route path={route} element={page} />
              <Route path="*" element={<p>Elsewhere</p>} />
            </Routes>
            <CurrentLocation />
          </MemoryRouter>
        </SessionProvider>
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { user: userEvent.setup(), queryClient };
}
