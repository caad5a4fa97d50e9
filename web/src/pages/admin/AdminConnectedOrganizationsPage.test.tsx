import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { organizationOf as organization, organizationsPath as organizations } from '../../features/connected-organizations/test-organizations';
import { fakeApi } from '../../test-api';
import { renderPage } from '../../test-page';
import { AdminConnectedOrganizationsPage } from './AdminConnectedOrganizationsPage';

const contoso = organization('o-contoso', 'Contoso', ['contoso.example', 'contoso-mail.example']);
const fabrikam = organization('o-fabrikam', 'fabrikam.example', ['fabrikam.example'], { state: 'proposed', description: 'Proposed when a request from fabrikam.example was approved.' });

describe('Admin center → Connected organizations', () => {
  it('lists each organization with its domains, its state (a proposed one marked as needing review) and when it was added', async () => {
    fakeApi.on('GET', organizations, { body: { value: [contoso, fabrikam], '@odata.count': 2 } });
    renderPage(<AdminConnectedOrganizationsPage />, { path: '/admin/connected-organizations' });
    const rows = await screen.findAllByTestId('connected-organization');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByRole('link', { name: 'Contoso' }).getAttribute('href')).toBe('/admin/connected-organizations/o-contoso');
    expect(rows[0]!.textContent).toContain('contoso.example, contoso-mail.example');
    expect(within(rows[0]!).getByText('Configured')).toBeTruthy();
    expect(within(rows[1]!).getByText('Proposed: needs review')).toBeTruthy();
    expect(screen.getByText(/2 organizations/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Add connected organization' }).getAttribute('href')).toBe('/admin/connected-organizations/new');
    const [call] = fakeApi.calls('GET', organizations);
    expect(Object.fromEntries(call!.query)).toMatchObject({ $orderby: 'displayName', $top: '25', $count: 'true' });
    expect(call!.query.has('$filter')).toBe(false);
  });

  it('searches by name and state on the server, and pages with the next link', async () => {
    fakeApi.on('GET', organizations, (call) => {
      if (call.query.get('$skiptoken') === 'page2') return { body: { value: [fabrikam] } };
      if (call.query.get('$filter')) return { body: { value: [contoso] } };
      return { body: { value: [contoso], '@odata.nextLink': `http://localhost${organizations}?$skiptoken=page2` } };
    });
    const { user } = renderPage(<AdminConnectedOrganizationsPage />, { path: '/admin/connected-organizations' });
    await screen.findByRole('link', { name: 'Contoso' });
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByRole('link', { name: 'fabrikam.example' });
    expect(screen.getByText(/Page 2/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Previous' }));
    await screen.findByRole('link', { name: 'Contoso' });

    await user.type(screen.getByRole('searchbox', { name: 'Search by name' }), "O'Con");
    await waitFor(() => expect(fakeApi.calls('GET', organizations).some((call) => call.query.get('$filter') === "contains(displayName,'O''Con')")).toBe(true));
    await user.click(screen.getByRole('combobox', { name: 'State' }));
    await user.click(await screen.findByRole('option', { name: 'Proposed: needs review' }));
    await waitFor(() => expect(fakeApi.calls('GET', organizations).at(-1)!.query.get('$filter')).toBe("contains(displayName,'O''Con') and state eq 'proposed'"));
  });

  it('says so when there is none yet, and shows a Global Reader no way to add one', async () => {
    fakeApi.on('GET', organizations, { body: { value: [] } });
    renderPage(<AdminConnectedOrganizationsPage />, { path: '/admin/connected-organizations', canManage: false });
    expect(await screen.findByText('No connected organizations yet')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Add connected organization' })).toBeNull();
  });
});
