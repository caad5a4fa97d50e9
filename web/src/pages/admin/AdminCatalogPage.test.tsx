import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../api/graph';
import { fakeApi, graphError } from '../../test-api';
import { renderPage } from '../../test-page';
import { AdminCatalogPage } from './AdminCatalogPage';

const path = '/v1.0/identityGovernance/entitlementManagement/catalogs/c-partners';

function serve(catalog: Catalog) {
  let current = catalog;
  fakeApi.on('GET', path, () => ({ body: current }));
  fakeApi.on('PATCH', path, (call) => ((current = { ...current, ...(call.body as Partial<Catalog>) }), { status: 204 }));
  fakeApi.on('GET', `${path}/accessPackages`, { body: { value: [] } });
  fakeApi.on('GET', `${path}/resources`, { body: { value: [] } });
  fakeApi.on('GET', '/v1.0/roleManagement/entitlementManagement/roleAssignments', { body: { value: [] } });
}

const partners: Catalog = { id: 'c-partners', displayName: 'Partner access', description: null, state: 'published', isExternallyVisible: false, createdDateTime: '2026-03-01T09:00:00Z' };
const render = () => renderPage(<AdminCatalogPage />, { path: '/admin/catalogs/c-partners', route: '/admin/catalogs/:id' });

describe('a catalog’s page: enabled for external users', () => {
  it('shows whether the catalog is enabled for external users, and changes it', async () => {
    serve(partners);
    const { user } = render();
    const toggle = (await screen.findByRole('switch', { name: 'Enabled for external users' })) as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    await user.click(toggle);
    await waitFor(() => expect((screen.getByRole('switch', { name: 'Enabled for external users' }) as HTMLInputElement).checked).toBe(true));
    expect(fakeApi.calls('PATCH', path)[0]!.body).toEqual({ isExternallyVisible: true });
  });

  it('shows the server’s refusal to turn it off while a policy lets people outside ask, as it is', async () => {
    serve({ ...partners, isExternallyVisible: true });
    const refusal = 'Policies in this catalog let people outside request access (Partners); change or delete them before hiding the catalog from external users.';
    fakeApi.on('PATCH', path, graphError(409, 'CatalogHasExternalPolicies', refusal));
    const { user } = render();
    await user.click(await screen.findByRole('switch', { name: 'Enabled for external users' }));
    expect((await screen.findByRole('alert')).textContent).toContain(refusal);
    expect((screen.getByRole('switch', { name: 'Enabled for external users' }) as HTMLInputElement).checked).toBe(true);
  });
});
