import { describe, expect, it } from 'vitest';
import { emailDomain, identitySourceProblems, organizationOfEmail, proposedOrganizationFor, type IdentitySource } from './connected-organization.js';

const domain = (domainName: string): IdentitySource => ({ '@odata.type': '#microsoft.graph.domainIdentitySource', domainName, displayName: domainName });

describe('emailDomain', () => {
  it.each([
    ['kari@Partner.Example', 'partner.example'],
    ['  ola.nordmann+tessera@mail.partner.example ', 'mail.partner.example'],
    ['x@localhost', null],
    ['no-at-sign.example', null],
    ['two@@ats.example', null],
    ['a@-bad.example', null],
    ['a@bad-.example', null],
    [`${'a'.repeat(65)}@partner.example`, null],
    ['a@partner.example\n', 'partner.example'],
    ['a b@partner.example', null],
  ])('%j → %j', (email, expected) => {
    expect(emailDomain(email)).toBe(expected);
  });
});

describe('organizationOfEmail', () => {
  const contoso = { id: 'c', identitySources: [domain('contoso.example'), domain('contoso-partners.example')] };
  const fabrikam = { id: 'f', identitySources: [{ '@odata.type': '#microsoft.graph.externalDomainFederation' as const, domainName: 'fabrikam.example', displayName: 'Fabrikam', issuerUri: 'https://login.fabrikam.example' }] };
  it('finds the organization by the exact domain, in any case, from any of its sources', () => {
    expect(organizationOfEmail('kari@CONTOSO.example', [fabrikam, contoso])?.id).toBe('c');
    expect(organizationOfEmail('ola@contoso-partners.example', [fabrikam, contoso])?.id).toBe('c');
    expect(organizationOfEmail('per@fabrikam.example', [fabrikam, contoso])?.id).toBe('f');
  });
  it('does not take a subdomain, a look-alike or a malformed address for the organization', () => {
    expect(organizationOfEmail('kari@mail.contoso.example', [contoso])).toBeUndefined();
    expect(organizationOfEmail('kari@contoso.example.evil.example', [contoso])).toBeUndefined();
    expect(organizationOfEmail('kari@notcontoso.example', [contoso])).toBeUndefined();
    expect(organizationOfEmail('contoso.example', [contoso])).toBeUndefined();
  });
});

describe('identitySourceProblems', () => {
  const targets = (sources: IdentitySource[], taken = new Map<string, string>(), ownId: string | null = null) => identitySourceProblems(sources, taken, ownId).list().map((p) => p.target);
  it('accepts domains and https federations', () => {
    expect(targets([domain('partner.example'), { '@odata.type': '#microsoft.graph.externalDomainFederation', domainName: 'other.example', displayName: 'Other', issuerUri: 'https://login.other.example/' }])).toEqual([]);
  });
  it.each<[string, IdentitySource[], Map<string, string>, string[]]>([
    ['no source', [], new Map(), ['identitySources']],
    ['a domain that is not one', [domain('partner')], new Map(), ['identitySources[0].domainName']],
    ['the same domain twice', [domain('partner.example'), domain('PARTNER.example')], new Map(), ['identitySources[1].domainName']],
    ["another organization's domain", [domain('partner.example')], new Map([['partner.example', 'other']]), ['identitySources[0].domainName']],
    ['a federation over plain http', [{ '@odata.type': '#microsoft.graph.externalDomainFederation', domainName: 'partner.example', displayName: 'P', issuerUri: 'http://login.partner.example' }], new Map(), ['identitySources[0].issuerUri']],
  ])('refuses %s', (_name, sources, taken, expected) => {
    expect(targets(sources, taken)).toEqual(expected);
  });
  it('lets an organization keep its own domains when it is changed', () => {
    expect(targets([domain('partner.example')], new Map([['partner.example', 'me']]), 'me')).toEqual([]);
  });
});

describe('proposedOrganizationFor', () => {
  it('is a proposed organization named after the domain, asking to be reviewed', () => {
    expect(proposedOrganizationFor('partner.example')).toMatchObject({ displayName: 'partner.example', state: 'proposed', identitySources: [domain('partner.example')] });
  });
});
