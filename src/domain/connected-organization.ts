import { ValidationProblems } from './validation-problems.js';

/**
 * Connected organizations (Graph's connectedOrganization): the partners whose people may ask for
 * access. Each is known by its identity sources — an e-mail domain, or an external OpenID
 * provider that speaks for a domain — and is `configured` by an administrator or `proposed` by
 * Tessera itself when a request from an unknown domain was approved under a policy for any
 * external user. Which organization an outsider belongs to is decided by their e-mail address.
 */
export type IdentitySource =
  | { '@odata.type': '#microsoft.graph.domainIdentitySource'; domainName: string; displayName: string }
  | { '@odata.type': '#microsoft.graph.externalDomainFederation'; domainName: string; displayName: string; issuerUri: string };

export type ConnectedOrganizationState = 'configured' | 'proposed';

export type ConnectedOrganization = {
  id: string;
  displayName: string;
  description: string | null;
  identitySources: IdentitySource[];
  state: ConnectedOrganizationState;
  createdDateTime: string;
  modifiedDateTime: string;
};

// A DNS name as people write it in e-mail addresses: labels of letters, digits and hyphens.
const domainName = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
// The local part is kept loose (what mail servers accept varies); the domain is what decides.
const emailAddress = /^[^\s@]{1,64}@([^\s@]{1,253})$/;

/** The domain of an e-mail address, lower-cased, or null when it is not one. */
export function emailDomain(email: string): string | null {
  const match = emailAddress.exec(email.trim());
  if (!match) return null;
  const domain = match[1]!.toLowerCase();
  return domainName.test(domain) ? domain : null;
}

export function isDomainName(text: string): boolean {
  return domainName.test(text.toLowerCase());
}

/**
 * The organization an address belongs to: the one with an identity source for exactly its
 * domain. Subdomains are not included (mail.partner.example is not partner.example): an
 * organization that uses several domains lists each, as in Entra.
 */
export function organizationOfEmail<Organization extends Pick<ConnectedOrganization, 'identitySources'>>(email: string, organizations: readonly Organization[]): Organization | undefined {
  const domain = emailDomain(email);
  if (!domain) return undefined;
  return organizations.find((organization) => organization.identitySources.some((source) => source.domainName.toLowerCase() === domain));
}

/** Every problem with an organization's identity sources, under identitySources[i]. */
export function identitySourceProblems(sources: readonly IdentitySource[], takenDomains: ReadonlyMap<string, string>, ownId: string | null): ValidationProblems {
  const problems = new ValidationProblems();
  if (sources.length === 0) problems.add('identitySources', 'A connected organization needs at least one identity source: the e-mail domain its people use.');
  if (sources.length > 25) problems.add('identitySources', `At most 25 identity sources; there are ${sources.length}.`);
  const seen = new Set<string>();
  sources.forEach((source, index) => {
    const at = `identitySources[${index}]`;
    const domain = source.domainName.toLowerCase();
    if (!isDomainName(domain)) problems.add(`${at}.domainName`, `'${source.domainName.slice(0, 100)}' is not a domain name such as partner.example.`);
    else if (seen.has(domain)) problems.add(`${at}.domainName`, `${domain} is listed twice.`);
    else if (takenDomains.has(domain) && takenDomains.get(domain) !== ownId) problems.add(`${at}.domainName`, `${domain} already belongs to another connected organization; an address must lead to one organization.`);
    seen.add(domain);
    if (source['@odata.type'] === '#microsoft.graph.externalDomainFederation') {
      let issuer: URL | undefined;
      try {
        issuer = new URL(source.issuerUri);
      } catch {
        issuer = undefined;
      }
      if (!issuer || issuer.protocol !== 'https:') problems.add(`${at}.issuerUri`, 'issuerUri is the https address of the organization\'s OpenID provider.');
    }
  });
  return problems;
}

/** What a proposed organization, made for an approved request from an unknown domain, looks like. */
export function proposedOrganizationFor(domain: string): Pick<ConnectedOrganization, 'displayName' | 'description' | 'identitySources' | 'state'> {
  return {
    displayName: domain,
    description: `Proposed when a request from ${domain} was approved; review it, name it and mark it configured.`,
    identitySources: [{ '@odata.type': '#microsoft.graph.domainIdentitySource', domainName: domain, displayName: domain }],
    state: 'proposed',
  };
}
