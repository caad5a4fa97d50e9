import type { ConnectedOrganization } from '../../domain/connected-organization.js';
import type { ResourceShape } from '../../http/odata/query-options.js';

export const connectedOrganizationPropertyNames = ['id', 'displayName', 'description', 'identitySources', 'state', 'createdDateTime', 'modifiedDateTime'] as const;

/** A connected organization as the API shows it: Graph's shape. */
export function connectedOrganizationJson(organization: ConnectedOrganization): Record<string, unknown> {
  const { id, displayName, description, identitySources, state, createdDateTime, modifiedDateTime } = organization;
  return { id, displayName, description, identitySources, state, createdDateTime, modifiedDateTime };
}

export const connectedOrganizationShape: ResourceShape = { name: 'microsoft.graph.connectedOrganization', properties: connectedOrganizationPropertyNames, expandable: {} };
