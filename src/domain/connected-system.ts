/**
 * A connected system: a target Tessera delivers access into: PostgreSQL, LDAP, SCIM 2.0 or a signed
 * webhook. Graph knows it as an accessPackageResourceEnvironment; its resources (group
 * roles, groups, app roles) are brought into catalogs like the directory's groups. Settings are
 * shown; secrets (a password, a token) are write-only: the API says which are set, never what.
 */
export const connectedSystemKinds = ['postgresql', 'ldap', 'scim', 'webhook'] as const;
export type ConnectedSystemKind = (typeof connectedSystemKinds)[number];

export type ConnectedSystem = {
  id: string;
  displayName: string;
  description: string | null;
  kind: ConnectedSystemKind;
  settings: Record<string, unknown>;
  /** The names of the secrets that are set. */
  secretsSet: string[];
  createdDateTime: string;
  modifiedDateTime: string;
};

/** Graph's originSystem of the resources each kind offers. */
export const originSystemOf: Record<ConnectedSystemKind, string> = { postgresql: 'PostgreSqlRole', ldap: 'LdapGroup', scim: 'ScimGroup', webhook: 'Webhook' };

export const connectedSystemPropertyNames = ['id', 'displayName', 'description', 'kind', 'settings', 'secretsSet', 'createdDateTime', 'modifiedDateTime'] as const;
