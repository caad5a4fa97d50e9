import type { ConnectedOrganization, IdentitySource } from '../../api/graph';
import type { paths } from '../../api/schema';

/**
 * The connected organization form apart from React: what a person fills in, the checks that put a
 * message next to a field before anything is sent, and the Graph body it becomes. Errors are keyed
 * by the Graph path the server names in its refusals (`identitySources[1].domainName`), so a
 * problem found by either side lands next to the same field.
 */
export type OrganizationBody = paths['/v1.0/identityGovernance/entitlementManagement/connectedOrganizations']['post']['requestBody']['content']['application/json'];

export type DomainForm = {
  key: string;
  domainName: string;
  /** The https address of the partner's OpenID provider for this domain; empty for a plain e-mail domain. */
  issuerUri: string;
  /** A stored source's own name, kept while its domain is not changed. */
  stored?: { domainName: string; displayName: string };
};

export type OrganizationForm = { displayName: string; description: string; domains: DomainForm[]; state: ConnectedOrganization['state'] };
export type FieldErrors = Record<string, string>;

export const maxDomains = 25;

let domainKeys = 0;
export const newDomain = (domainName = ''): DomainForm => ({ key: `domain-${(domainKeys += 1)}`, domainName, issuerUri: '' });

export const emptyOrganizationForm = (): OrganizationForm => ({ displayName: '', description: '', domains: [newDomain()], state: 'configured' });

export function organizationFormFrom(organization: ConnectedOrganization): OrganizationForm {
  return {
    displayName: organization.displayName,
    description: organization.description ?? '',
    domains: organization.identitySources.map((source) => ({
      ...newDomain(source.domainName),
      issuerUri: source['@odata.type'] === '#microsoft.graph.externalDomainFederation' ? source.issuerUri : '',
      stored: { domainName: source.domainName, displayName: source.displayName },
    })),
    state: organization.state,
  };
}

// A DNS name as people write it after the @ of an address: the server's own rule.
const domainPattern = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
/** What was typed, as a domain: trimmed, lower-cased, without an @ in front (people paste "@partner.example"). */
export const domainOf = (typed: string) => typed.trim().replace(/^@/, '').toLowerCase();

function isHttpsUrl(text: string): boolean {
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
}

/** Every problem a person can fix before saving, keyed by the Graph path of the field. */
export function organizationFormErrors(form: OrganizationForm): FieldErrors {
  const errors: FieldErrors = {};
  const name = form.displayName.trim();
  if (name === '') errors.displayName = 'Give the organization a name.';
  else if (name.length > 256) errors.displayName = 'Keep the name under 256 characters.';
  if (form.description.trim().length > 1024) errors.description = 'Keep the description under 1,024 characters.';
  if (form.domains.length === 0) errors.identitySources = 'Add the e-mail domain its people use.';
  if (form.domains.length > maxDomains) errors.identitySources = `At most ${maxDomains} domains.`;
  const seen = new Set<string>();
  form.domains.forEach((domain, index) => {
    const at = `identitySources[${index}]`;
    const name = domainOf(domain.domainName);
    if (name === '') errors[`${at}.domainName`] = 'Enter the domain, such as partner.example.';
    else if (!domainPattern.test(name)) errors[`${at}.domainName`] = `${name} is not a domain name such as partner.example.`;
    else if (seen.has(name)) errors[`${at}.domainName`] = `${name} is listed twice.`;
    seen.add(name);
    if (domain.issuerUri.trim() && !isHttpsUrl(domain.issuerUri.trim())) errors[`${at}.issuerUri`] = 'The issuer is an https address, such as https://login.partner.example/.';
  });
  return errors;
}

function identitySourceBody(domain: DomainForm): OrganizationBody['identitySources'][number] {
  const domainName = domainOf(domain.domainName);
  // A stored source's own name stays while its domain does; otherwise the server names it after the domain.
  const displayName = domain.stored && domain.stored.domainName.toLowerCase() === domainName ? { displayName: domain.stored.displayName } : {};
  const issuerUri = domain.issuerUri.trim();
  return issuerUri
    ? { '@odata.type': '#microsoft.graph.externalDomainFederation', domainName, issuerUri, ...displayName }
    : { '@odata.type': '#microsoft.graph.domainIdentitySource', domainName, ...displayName };
}

/** The body of POST (or PATCH) …/connectedOrganizations for the form. */
export function organizationBody(form: OrganizationForm): OrganizationBody {
  return {
    displayName: form.displayName.trim(),
    description: form.description.trim() || null,
    identitySources: form.domains.map(identitySourceBody),
    state: form.state,
  };
}

/** The domains of an organization, as a list people read. */
export const domainsOf = (sources: readonly IdentitySource[]) => sources.map((source) => source.domainName).join(', ');

/**
 * A field as the form names it. The server's own checks name a field as Graph does
 * (`identitySources[0].domainName`); a type check names it by its JSON path
 * (`identitySources.0.domainName`): both land on the same field.
 */
export const graphPath = (target: string) => target.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
