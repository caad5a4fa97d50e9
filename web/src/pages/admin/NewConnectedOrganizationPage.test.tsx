import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { organizationOf, organizationsPath } from '../../features/connected-organizations/test-organizations';
import { fakeApi, graphError } from '../../test-api';
import { renderPage } from '../../test-page';
import { NewConnectedOrganizationPage } from './NewConnectedOrganizationPage';

/** The message a field shows, found the way a screen reader finds it: through aria-describedby. */
function messageOf(field: HTMLElement): string {
  const ids = (field.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

const render = () => renderPage(<NewConnectedOrganizationPage />, { path: '/admin/connected-organizations/new' });

describe('Add connected organization', () => {
  it('sends nothing until it has a name and proper domains, and says what is wrong next to each field', async () => {
    const { user } = render();
    await user.click(screen.getByRole('button', { name: 'Add a domain' }));
    await user.type(screen.getByRole('textbox', { name: /^Domain 2/ }), 'not a domain');
    await user.type(screen.getByRole('textbox', { name: /issuer for domain 2/ }), 'http://login.partner.example');
    await user.click(screen.getByRole('button', { name: 'Add organization' }));

    expect(screen.getByRole('alert').textContent).toMatch(/Fix the 4 problems marked below/);
    const name = screen.getByRole('textbox', { name: /^Name/ });
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(messageOf(name)).toBe('Give the organization a name.');
    expect(messageOf(screen.getByRole('textbox', { name: /^Domain 1/ }))).toBe('Enter the domain, such as partner.example.');
    expect(messageOf(screen.getByRole('textbox', { name: /^Domain 2/ }))).toBe('not a domain is not a domain name such as partner.example.');
    expect(messageOf(screen.getByRole('textbox', { name: /issuer for domain 2/ }))).toMatch(/The issuer is an https address/);
    expect(fakeApi.calls('POST', organizationsPath)).toEqual([]);

    // Put right, each message goes at once.
    await user.type(name, 'Partner Ltd');
    expect(name.getAttribute('aria-invalid')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Remove domain 2 (not a domain)' }));
    expect(screen.queryByRole('textbox', { name: /^Domain 2/ })).toBeNull();
  });

  it('creates the organization with its domains, issuer and state, then opens its page', async () => {
    fakeApi.on('POST', organizationsPath, { status: 201, body: organizationOf('o-new', 'Partner Ltd', ['partner.example']) });
    const { user } = render();
    await user.type(screen.getByRole('textbox', { name: /^Name/ }), 'Partner Ltd');
    await user.type(screen.getByRole('textbox', { name: /^Domain 1/ }), '@Partner.example');
    await user.click(screen.getByRole('button', { name: 'Add a domain' }));
    await user.type(screen.getByRole('textbox', { name: /^Domain 2/ }), 'sso.partner.example');
    await user.type(screen.getByRole('textbox', { name: /issuer for domain 2/ }), 'https://login.partner.example/');
    await user.click(screen.getByRole('radio', { name: /Proposed/ }));
    await user.click(screen.getByRole('button', { name: 'Add organization' }));

    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/admin/connected-organizations/o-new'));
    expect(fakeApi.calls('POST', organizationsPath)[0]!.body).toEqual({
      displayName: 'Partner Ltd',
      description: null,
      state: 'proposed',
      identitySources: [
        { '@odata.type': '#microsoft.graph.domainIdentitySource', domainName: 'partner.example' },
        { '@odata.type': '#microsoft.graph.externalDomainFederation', domainName: 'sso.partner.example', issuerUri: 'https://login.partner.example/' },
      ],
    });
  });

  it('puts each of the server’s refusals next to the field it names', async () => {
    fakeApi.on(
      'POST',
      organizationsPath,
      graphError(400, 'Request_BadRequest', 'partner.example already belongs to another connected organization; an address must lead to one organization.', [
        { target: 'identitySources[0].domainName', message: 'partner.example already belongs to another connected organization; an address must lead to one organization.' },
        { target: 'identitySources.1.issuerUri', message: 'identitySources.1.issuerUri: Too big: expected string to have <=2048 characters' },
      ]),
    );
    const { user } = render();
    await user.type(screen.getByRole('textbox', { name: /^Name/ }), 'Partner Ltd');
    await user.type(screen.getByRole('textbox', { name: /^Domain 1/ }), 'partner.example');
    await user.click(screen.getByRole('button', { name: 'Add a domain' }));
    await user.type(screen.getByRole('textbox', { name: /^Domain 2/ }), 'sso.partner.example');
    await user.type(screen.getByRole('textbox', { name: /issuer for domain 2/ }), 'https://login.partner.example/');
    await user.click(screen.getByRole('button', { name: 'Add organization' }));

    expect((await screen.findByRole('alert')).textContent).toMatch(/2 problems are marked below/);
    expect(messageOf(screen.getByRole('textbox', { name: /^Domain 1/ }))).toBe('partner.example already belongs to another connected organization; an address must lead to one organization.');
    expect(messageOf(screen.getByRole('textbox', { name: /issuer for domain 2/ }))).toContain('Too big');
    expect(screen.getByTestId('location').textContent).toBe('/admin/connected-organizations/new');
  });
});
