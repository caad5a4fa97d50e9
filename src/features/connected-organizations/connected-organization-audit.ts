import { modifiedProperties, type AuditTarget } from '../../domain/audit-entry.js';
import type { ConnectedOrganization } from '../../domain/connected-organization.js';
import { objectId, objectName, type DirectoryObject } from '../group-memberships/directory-objects.js';

/** The properties an audit entry lists when they change. */
const auditedProperties = ['displayName', 'description', 'identitySources', 'state'] as const;

export function organizationTarget(organization: Pick<ConnectedOrganization, 'id' | 'displayName'>, before: ConnectedOrganization | null = null, after: ConnectedOrganization | null = null): AuditTarget {
  return {
    id: organization.id,
    displayName: organization.displayName,
    type: 'ConnectedOrganization',
    modifiedProperties: before || after ? modifiedProperties(before, after, auditedProperties) : [],
  };
}

/** A sponsor as an audit target; one no longer in the directory is named by its id alone. */
export function sponsorTarget(sponsor: DirectoryObject | { id: string; type: 'user' | 'group' }): AuditTarget {
  if ('id' in sponsor) return { id: sponsor.id, displayName: null, type: sponsor.type === 'user' ? 'User' : 'Group', modifiedProperties: [] };
  return {
    id: objectId(sponsor),
    displayName: objectName(sponsor),
    type: sponsor.type === 'user' ? 'User' : 'Group',
    ...(sponsor.type === 'user' ? { userPrincipalName: sponsor.user.userPrincipalName } : {}),
    modifiedProperties: [],
  };
}
