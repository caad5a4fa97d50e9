import type { ConnectedOrganization } from '../../api/graph';

/** Connected organizations as the API returns them, for component tests. */
export const organizationsPath = '/v1.0/identityGovernance/entitlementManagement/connectedOrganizations';

export const organizationOf = (id: string, displayName: string, domains: string[], patch: Partial<ConnectedOrganization> = {}): ConnectedOrganization => ({
  id,
  displayName,
  description: null,
  identitySources: domains.map((domainName) => ({ '@odata.type': '#microsoft.graph.domainIdentitySource', domainName, displayName: domainName })),
  state: 'configured',
  createdDateTime: '2026-03-01T09:00:00Z',
  modifiedDateTime: '2026-03-01T09:00:00Z',
  ...patch,
});
