import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { Session } from '../api/graph';
import { SessionProvider } from '../api/session';
import { adminSession } from '../test-page';
import { theme } from '../theme';
import { Layout } from './Layout';

function menuOf(session: Session): string[] {
  render(
    <MantineProvider theme={theme} env="test">
      <SessionProvider session={session}>
        <MemoryRouter>
          <Layout>
            <p>Page</p>
          </Layout>
        </MemoryRouter>
      </SessionProvider>
    </MantineProvider>,
  );
  return within(screen.getByRole('navigation', { name: 'Main' }))
    .getAllByRole('link')
    .map((link) => link.textContent ?? '');
}

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
