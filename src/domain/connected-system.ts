import type { ReconciliationMode } from './reconciliation.js';

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
  reconciliation: ReconciliationSettings;
  createdDateTime: string;
  modifiedDateTime: string;
};

/** Graph's originSystem of the resources each kind offers. */
export const originSystemOf: Record<ConnectedSystemKind, string> = { postgresql: 'PostgreSqlRole', ldap: 'LdapGroup', scim: 'ScimGroup', webhook: 'Webhook' };

/**
 * How Tessera compares the system with its assignments: only reporting drift, or also correcting
 * it; every intervalMinutes (null: only when asked). nextRunDateTime: when the next scheduled run is due.
 */
export type ReconciliationSettings = { mode: ReconciliationMode; intervalMinutes: number | null; nextRunDateTime: string | null };

/** Kinds whose systems can be listed, and so reconciled (a webhook can only be told). */
export const reconcilableKinds: readonly ConnectedSystemKind[] = ['postgresql', 'ldap', 'scim'];

export const connectedSystemPropertyNames = ['id', 'displayName', 'description', 'kind', 'settings', 'secretsSet', 'reconciliation', 'createdDateTime', 'modifiedDateTime'] as const;

/**
 * The settings that say where the secrets go (a host, a URL, the account that binds). Changing one
 * needs the secrets again: otherwise whoever may change a system could point it at their own
 * server and have Tessera send them the stored password.
 */
export const endpointSettings: Record<ConnectedSystemKind, readonly string[]> = {
  postgresql: ['host', 'port', 'database', 'user', 'ssl'],
  ldap: ['url', 'bindDn'],
  scim: ['baseUrl'],
  webhook: ['url'],
};
