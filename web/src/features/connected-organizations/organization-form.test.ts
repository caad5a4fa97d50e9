import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import type { ConnectedOrganization } from '../../api/graph';
import { saveRefusal } from '../../components/save-refusal';
import { emptyOrganizationForm, graphPath, newDomain, organizationBody, organizationFormErrors, organizationFormFrom, type OrganizationForm } from './organization-form';

const form = (patch: Partial<OrganizationForm> = {}): OrganizationForm => ({ ...emptyOrganizationForm(), displayName: 'Partner Ltd', domains: [newDomain('partner.example')], ...patch });

describe('organizationBody', () => {
  it('writes each domain as an identity source: a plain e-mail domain, or a federated one with its issuer', () => {
    const body = organizationBody(form({ description: '  Our partner  ', domains: [newDomain(' @Partner.Example '), { ...newDomain('partner-sso.example'), issuerUri: 'https://login.partner.example/' }] }));
    expect(body).toEqual({
      displayName: 'Partner Ltd',
      description: 'Our partner',
      state: 'configured',
      identitySources: [
        { '@odata.type': '#microsoft.graph.domainIdentitySource', domainName: 'partner.example' },
        { '@odata.type': '#microsoft.graph.externalDomainFederation', domainName: 'partner-sso.example', issuerUri: 'https://login.partner.example/' },
      ],
    });
  });

  it('reads a stored organization back into the same body, keeping each source’s own name while its domain stays', () => {
    const stored: ConnectedOrganization = {
      id: 'o1',
      displayName: 'Partner Ltd',
      description: null,
      state: 'proposed',
      createdDateTime: '2026-01-01T00:00:00Z',
      modifiedDateTime: '2026-01-01T00:00:00Z',
      identitySources: [
        { '@odata.type': '#microsoft.graph.domainIdentitySource', domainName: 'partner.example', displayName: 'Partner mail' },
        { '@odata.type': '#microsoft.graph.externalDomainFederation', domainName: 'sso.partner.example', displayName: 'sso.partner.example', issuerUri: 'https://login.partner.example/' },
      ],
    };
    const edited = organizationFormFrom(stored);
    expect(organizationBody(edited)).toEqual({ displayName: 'Partner Ltd', description: null, state: 'proposed', identitySources: stored.identitySources });
    edited.domains[0]!.domainName = 'partner.test';
    expect(organizationBody(edited).identitySources[0]).toEqual({ '@odata.type': '#microsoft.graph.domainIdentitySource', domainName: 'partner.test' });
  });
});

describe('organizationFormErrors', () => {
  it('finds nothing wrong with a name and a domain', () => {
    expect(organizationFormErrors(form())).toEqual({});
  });

  it('keys each problem by the Graph path the server would name', () => {
    const errors = organizationFormErrors(form({ displayName: ' ', domains: [newDomain('partner.example'), newDomain('not a domain'), newDomain('PARTNER.example'), { ...newDomain('sso.example'), issuerUri: 'http://login.sso.example' }] }));
    expect(errors).toEqual({
      displayName: 'Give the organization a name.',
      'identitySources[1].domainName': 'not a domain is not a domain name such as partner.example.',
      'identitySources[2].domainName': 'partner.example is listed twice.',
      'identitySources[3].issuerUri': 'The issuer is an https address, such as https://login.partner.example/.',
    });
    expect(organizationFormErrors(form({ domains: [] }))).toEqual({ identitySources: 'Add the e-mail domain its people use.' });
  });
});

describe('the server\'s refusals of an organization', () => {
  it('land under the field they name, whichever way the path is written', () => {
    const error = new ApiError(400, 'Request_BadRequest', 'Invalid', 'identitySources[0].domainName', [
      { target: 'identitySources[0].domainName', message: 'partner.example already belongs to another connected organization.' },
      { target: 'identitySources.1.issuerUri', message: 'Too small.' },
      { message: 'Without a field.' },
    ]);
    expect(saveRefusal(error, 'organization', graphPath)).toEqual({
      errors: { 'identitySources[0].domainName': 'partner.example already belongs to another connected organization.', 'identitySources[1].issuerUri': 'Too small.' },
      failure: 'The organization was not saved: 2 problems are marked below.',
    });
    expect(graphPath('identitySources.12')).toBe('identitySources[12]');
    expect(saveRefusal(new Error('network'), 'organization', graphPath)).toEqual({ errors: {}, failure: 'The organization was not saved. Try again.' });
    expect(saveRefusal(new ApiError(409, 'Request_ResourceInUse', 'A policy names it.', undefined, []), 'organization')).toEqual({ errors: {}, failure: 'A policy names it.' });
  });
});
