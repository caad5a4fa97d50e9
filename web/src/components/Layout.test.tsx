import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { Session } from '../api/graph';
import { SessionProvider } from '../api/session';
import { fakeApi } from '../test-api';
import { adminSession } from '../test-page';
import { theme } from '../theme';
import { Layout } from './Layout';

function menuOf(session: Session, path = '/'): string[] {
  render(
    <MantineProvider theme={theme} env="test">
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <SessionProvider session={session}>
          <MemoryRouter initialEntries={[path]}>
            <Layout>
              <p>Page</p>
            </Layout>
          </MemoryRouter>
        </SessionProvider>
      </QueryClientProvider>
    </MantineProvider>,
  );
  return shownMenu();
}
const shownMenu = () =>
  within(screen.getByRole('navigation', { name: 'Main' }))
    .getAllByRole('link')
    .map((link) => link.textContent ?? '');

const guestSession: Session = {
  ...adminSession(),
  user: { id: 'u-fiona', displayName: 'Fiona Lindqvist', userPrincipalName: 'fiona@fabrikam.example', userType: 'Guest', companyName: 'Fabrikam' },
  adminCenter: { catalogs: false, directory: false, auditLog: false, connectedSystems: false, accessReviews: false, connectedOrganizations: false, entitlementSettings: false, canManage: { connectedOrganizations: false, entitlementSettings: false } },
};
const approverPath = "/v1.0/identityGovernance/entitlementManagement/assignmentRequests/filterByCurrentUser(on='approver')";
const reviewerPath = "/v1.0/identityGovernance/accessReviews/definitions/filterByCurrentUser(on='reviewer')";

describe('the menu', () => {
  it('offers connected organizations and settings to those who read them, a Global Reader included', () => {
    expect(menuOf(adminSession(false))).toEqual(expect.arrayContaining(['Connected organizations', 'Settings']));
  });

  it('leaves them out for someone whose roles do not open them (a catalog owner)', () => {
    const session = adminSession();
    const menu = menuOf({ ...session, adminCenter: { ...session.adminCenter, connectedOrganizations: false, entitlementSettings: false, canManage: { connectedOrganizations: false, entitlementSettings: false } } });
    expect(menu).toContain('Catalogs and packages');
    expect(menu).not.toContain('Connected organizations');
    expect(menu).not.toContain('Settings');
  });
});

describe('the menu of a guest', () => {
  it('offers what they asked for and hold, and no approvals or reviews while none wait for them', async () => {
    fakeApi.on('GET', approverPath, { body: { value: [] } });
    fakeApi.on('GET', reviewerPath, { body: { value: [] } });
    expect(menuOf(guestSession)).toEqual(['Request access', 'My requests', 'My access']);
    await waitFor(() => expect(fakeApi.calls('GET', reviewerPath)).toHaveLength(1));
    expect(shownMenu()).toEqual(['Request access', 'My requests', 'My access']);
    expect(screen.getByTestId('signed-in-user').textContent).toBe('Signed in as Fiona Lindqvist · Guest of Fabrikam');
  });

  it('offers Approvals to a guest a request waits for (an external sponsor)', async () => {
    fakeApi.on('GET', approverPath, { body: { value: [{ id: 'r1', state: 'pendingApproval' }] } });
    fakeApi.on('GET', reviewerPath, { status: 403, body: { error: { code: 'Forbidden', message: 'No.' } } });
    menuOf(guestSession);
    await waitFor(() => expect(shownMenu()).toEqual(['Request access', 'My requests', 'My access', 'Approvals']));
  });

  it('keeps the page a guest is on in the menu (a link from an e-mail)', () => {
    fakeApi.on('GET', approverPath, () => new Promise(() => {}));
    fakeApi.on('GET', reviewerPath, () => new Promise(() => {}));
    expect(menuOf(guestSession, '/reviews')).toEqual(['Request access', 'My requests', 'My access', 'Reviews']);
  });
});
