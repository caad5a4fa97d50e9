import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ConnectedOrganization, Sponsor } from '../../api/graph';
import { organizationOf, organizationsPath } from '../../features/connected-organizations/test-organizations';
import { fakeApi, graphError } from '../../test-api';
import { renderPage } from '../../test-page';
import { AdminConnectedOrganizationPage } from './AdminConnectedOrganizationPage';

const path = `${organizationsPath}/o-partner`;
const ann: Sponsor = { '@odata.type': '#microsoft.graph.user', id: 'u-ann', displayName: 'Ann Andersen', userPrincipalName: 'ann@example.com', mail: 'ann@example.com', userType: 'Member' };
const paula: Sponsor = { '@odata.type': '#microsoft.graph.user', id: 'u-paula', displayName: 'Paula Partner', userPrincipalName: 'paula_partner.example#EXT#@example.com', mail: 'paula@partner.example', userType: 'Guest' };
const itTeam: Sponsor = { '@odata.type': '#microsoft.graph.group', id: 'g-it', displayName: 'IT Team', description: null };

/** The organization, its sponsor lists held in memory as the server would, and the directory to search. */
function serve(organization: ConnectedOrganization, sponsors: { internalSponsors: Sponsor[]; externalSponsors: Sponsor[] } = { internalSponsors: [ann], externalSponsors: [] }) {
  let current = organization;
  fakeApi.on('GET', path, () => ({ body: current }));
  fakeApi.on('PATCH', path, (call) => ((current = { ...current, ...(call.body as Partial<ConnectedOrganization>) }), { status: 204 }));
  for (const kind of ['internalSponsors', 'externalSponsors'] as const) {
    fakeApi.on('GET', `${path}/${kind}`, () => ({ body: { value: sponsors[kind] } }));
    fakeApi.on('POST', `${path}/${kind}/$ref`, (call) => {
      const id = (call.body as { '@odata.id': string })['@odata.id'].split('/').at(-1);
      sponsors[kind] = [...sponsors[kind], [ann, paula, itTeam].find((sponsor) => sponsor.id === id)!];
      return { status: 204 };
    });
    fakeApi.on('DELETE', new RegExp(`^${path}/${kind}/[^/]+/\\$ref$`), (call) => ((sponsors[kind] = sponsors[kind].filter((sponsor) => !call.path.includes(`/${sponsor.id}/`))), { status: 204 }));
  }
  fakeApi.on('GET', '/v1.0/users', (call) => ({ body: { value: call.query.get('$filter')?.includes("userType eq 'Guest'") ? [paula] : [ann] } }));
  fakeApi.on('GET', '/v1.0/groups', { body: { value: [itTeam] } });
}

const render = (canManage = true) => renderPage(<AdminConnectedOrganizationPage />, { path: '/admin/connected-organizations/o-partner', route: '/admin/connected-organizations/:id', canManage });
const partner = organizationOf('o-partner', 'Partner Ltd', ['partner.example'], { description: 'Our logistics partner' });

describe('a connected organization’s page', () => {
  it('shows its domains and state, and its internal and external sponsors', async () => {
    serve({ ...partner, identitySources: [...partner.identitySources, { '@odata.type': '#microsoft.graph.externalDomainFederation', domainName: 'sso.partner.example', displayName: 'SSO', issuerUri: 'https://login.partner.example/' }] });
    render();
    expect(await screen.findByRole('heading', { name: 'Partner Ltd' })).toBeTruthy();
    expect(screen.getByText('Our logistics partner')).toBeTruthy();
    const domains = screen.getByRole('table', { name: 'E-mail domains' });
    expect(domains.textContent).toContain('partner.example');
    expect(domains.textContent).toContain('https://login.partner.example/');
    expect(screen.getByText('Configured')).toBeTruthy();
    const internal = screen.getByRole('region', { name: 'Internal sponsors' });
    expect(await within(internal).findByText('Ann Andersen')).toBeTruthy();
    expect(await within(screen.getByRole('region', { name: 'External sponsors' })).findByText('No external sponsors')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Mark as configured' })).toBeNull();
  });

  it('adds an internal sponsor found in the directory, and removes one', async () => {
    serve(partner);
    const { user } = render();
    const internal = await screen.findByRole('region', { name: 'Internal sponsors' });
    await within(internal).findByText('Ann Andersen');
    await user.click(within(internal).getByRole('combobox', { name: 'Kind of sponsor' }));
    await user.click(await screen.findByRole('option', { name: 'A group' }));
    await user.click(within(internal).getByRole('combobox', { name: 'Group' }));
    await user.click(await screen.findByRole('option', { name: 'IT Team' }));
    await user.click(within(internal).getByRole('button', { name: 'Add to internal sponsors' }));
    await within(internal).findByRole('cell', { name: 'IT Team' });
    expect(fakeApi.calls('POST', `${path}/internalSponsors/$ref`)[0]!.body).toEqual({ '@odata.id': 'http://localhost:3000/v1.0/groups/g-it' });

    await user.click(within(internal).getByRole('button', { name: 'Remove Ann Andersen from internal sponsors' }));
    await waitFor(() => expect(within(internal).queryByText('Ann Andersen')).toBeNull());
    expect(fakeApi.calls('DELETE', `${path}/internalSponsors/u-ann/$ref`)).toHaveLength(1);
    expect(within(internal).getAllByTestId('sponsor')).toHaveLength(1);
  });

  it('adds an external sponsor from the guests of the directory', async () => {
    serve(partner);
    const { user } = render();
    const external = await screen.findByRole('region', { name: 'External sponsors' });
    await within(external).findByText('No external sponsors');
    await user.click(within(external).getByRole('combobox', { name: 'Guest' }));
    await user.click(await screen.findByRole('option', { name: 'Paula Partner (paula@partner.example)' }));
    await user.click(within(external).getByRole('button', { name: 'Add to external sponsors' }));
    await within(external).findByRole('cell', { name: 'Paula Partner' });
    expect(within(external).getByTestId('sponsor').textContent).toContain('Guest · paula@partner.example');
    // Only guests are offered: people at the partner are guests in the directory.
    expect(fakeApi.calls('GET', '/v1.0/users').some((call) => call.query.get('$filter')?.startsWith("userType eq 'Guest'"))).toBe(true);
    expect(fakeApi.calls('POST', `${path}/externalSponsors/$ref`)[0]!.body).toEqual({ '@odata.id': 'http://localhost:3000/v1.0/users/u-paula' });
  });

  it('shows the server’s refusal of a sponsor as it is', async () => {
    serve(partner);
    fakeApi.on('POST', `${path}/internalSponsors/$ref`, graphError(400, 'Request_BadRequest', "One or more added object references already exist for the following modified properties: 'internalSponsors'.", [{ target: '@odata.id', message: 'exists' }]));
    const { user } = render();
    const internal = await screen.findByRole('region', { name: 'Internal sponsors' });
    await user.click(within(internal).getByRole('combobox', { name: 'Person' }));
    await user.click(await screen.findByRole('option', { name: 'Ann Andersen (ann@example.com)' }));
    await user.click(within(internal).getByRole('button', { name: 'Add to internal sponsors' }));
    expect((await within(internal).findByRole('alert')).textContent).toContain("already exist for the following modified properties: 'internalSponsors'");
  });

  it('marks a proposed organization as configured', async () => {
    serve({ ...partner, state: 'proposed' });
    const { user } = render();
    expect(await screen.findByText('Needs review')).toBeTruthy();
    expect(screen.getByText('Proposed: needs review')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Mark as configured' }));
    await waitFor(() => expect(screen.queryByText('Needs review')).toBeNull());
    expect(fakeApi.calls('PATCH', path)[0]!.body).toEqual({ state: 'configured' });
    expect(screen.getByText('Configured')).toBeTruthy();
  });

  it('edits its details with PATCH, the server’s refusal beside the field', async () => {
    serve(partner);
    const { user } = render();
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    fakeApi.on('PATCH', path, graphError(400, 'Request_BadRequest', 'taken', [{ target: 'identitySources[1].domainName', message: 'contoso.example already belongs to another connected organization; an address must lead to one organization.' }]));
    await user.click(screen.getByRole('button', { name: 'Add a domain' }));
    await user.type(screen.getByRole('textbox', { name: /^Domain 2/ }), 'contoso.example');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('contoso.example already belongs to another connected organization; an address must lead to one organization.')).toBeTruthy();

    serve(partner);
    await user.clear(screen.getByRole('textbox', { name: /^Domain 2/ }));
    await user.type(screen.getByRole('textbox', { name: /^Domain 2/ }), 'partner.test');
    await user.clear(screen.getByRole('textbox', { name: /^Name/ }));
    await user.type(screen.getByRole('textbox', { name: /^Name/ }), 'Partner Logistics');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('heading', { name: 'Partner Logistics' })).toBeTruthy();
    expect(fakeApi.calls('PATCH', path).at(-1)!.body).toEqual({
      displayName: 'Partner Logistics',
      description: 'Our logistics partner',
      state: 'configured',
      identitySources: [
        { '@odata.type': '#microsoft.graph.domainIdentitySource', domainName: 'partner.example', displayName: 'partner.example' },
        { '@odata.type': '#microsoft.graph.domainIdentitySource', domainName: 'partner.test' },
      ],
    });
  });

  it('shows the server’s refusal to delete an organization a policy names, as it is', async () => {
    serve(partner);
    const refusal = "Connected organization 'Partner Ltd' is named by assignment policy 'Partners' (p-1); remove it from their specificAllowedTargets, or delete them, first.";
    fakeApi.on('DELETE', path, graphError(409, 'Request_ResourceInUse', refusal));
    const { user } = render();
    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete Partner Ltd?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete organization' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain(refusal);
    expect(screen.getByTestId('location').textContent).toBe('/admin/connected-organizations/o-partner');

    fakeApi.on('DELETE', path, { status: 204 });
    await user.click(within(dialog).getByRole('button', { name: 'Delete organization' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/admin/connected-organizations'));
  });

  it('shows a Global Reader everything, and no way to change it', async () => {
    serve({ ...partner, state: 'proposed' });
    render(false);
    const internal = await screen.findByRole('region', { name: 'Internal sponsors' });
    await within(internal).findByText('Ann Andersen');
    expect(screen.getByText('Needs review')).toBeTruthy();
    for (const name of ['Mark as configured', 'Edit', 'Delete', 'Add to internal sponsors', 'Add to external sponsors', 'Remove Ann Andersen from internal sponsors']) expect(screen.queryByRole('button', { name })).toBeNull();
    expect(screen.queryByRole('combobox')).toBeNull();
  });
});
