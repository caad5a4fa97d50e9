/**
 * The contract every connected system implements: the built-in directory now, LDAP, SCIM,
 * PostgreSQL and webhooks later. A connector moves access in and out of one system and describes
 * what that system offers; it never decides policy. grant and revoke run only from jobs and are
 * idempotent (granting twice is harmless); describe and discover are read-only and may be called
 * by use cases, outside any transaction.
 */
export type DiscoveredRole = { originId: string; displayName: string; description: string | null };
export type DiscoveredScope = { originId: string; displayName: string; description: string | null; isRootScope: boolean };

export type DiscoveredResource = {
  originId: string;
  displayName: string;
  description: string | null;
  resourceType: string;
  /**
   * Granting any role of this resource confers directory roles (a role-assignable group, say), so
   * holding it is administrative power over the whole directory: only a Global Administrator may
   * offer such a resource in a catalog.
   */
  grantsAdministrativeRoles: boolean;
  roles: DiscoveredRole[];
  scopes: DiscoveredScope[];
};

/** Who receives access, as the target system will need to find their account. */
export type AccessTarget = { userId: string; userPrincipalName: string; mail: string | null };

/**
 * holder: the account the role was delivered to, when known (a revocation goes there, whatever the
 * user is called now); otherwise the connector finds the account from the target.
 */
export type RoleGrant = { resourceOriginId: string; roleOriginId: string; scopeOriginId: string; target: AccessTarget; holder?: string };

/** What a grant reached: the account, as listHolders names it. */
export type GrantReceipt = { holder: string };

export type DiscoveryPage = { resources: Omit<DiscoveredResource, 'roles' | 'scopes'>[]; nextCursor?: string };

export interface Connector {
  /** Graph's originSystem for this connector's resources, e.g. AadGroup. */
  readonly originSystem: string;
  /**
   * True when the system knows Tessera's users by their id (the built-in directory): grants then
   * carry only the id, and nobody's userPrincipalName or mail is looked up to deliver them.
   */
  readonly identifiesUsersById?: boolean;
  /** The resource as the system has it now, or null when it does not exist. */
  describe(originId: string): Promise<DiscoveredResource | null>;
  /** Resources an administrator may bring into a catalog, searched and paged. */
  discover(options: { search?: string; top: number; cursor?: string }): Promise<DiscoveryPage>;
  /** Returns the account it delivered to, where the system has accounts of its own. */
  grant(grant: RoleGrant): Promise<GrantReceipt | void>;
  revoke(grant: RoleGrant): Promise<void>;
  /**
   * Many grants or revocations in one go, for systems that can (one statement, one bulk API
   * call): expiring a cohort of 100,000 must not be 100,000 round trips. All or nothing: on an
   * error the caller falls back to one call per grant to learn which failed.
   */
  grantAll?(grants: readonly RoleGrant[]): Promise<void>;
  revokeAll?(grants: readonly RoleGrant[]): Promise<void>;
  /** Principals holding a role now, for reconciliation (as the system names them: ids, logins, DNs). */
  listHolders(resourceOriginId: string, roleOriginId: string): Promise<string[]>;
  /** What reconciliation needs beyond listHolders; a system that cannot be listed (a webhook) has none. */
  readonly reconciliation?: HolderReconciliation;
  /**
   * Checks that the system can be reached and that Tessera may do its work there; throws an
   * error saying what is wrong (unreachable, bad credentials, missing privilege).
   */
  test?(): Promise<void>;
  /** Lets go of connections (a pool), once the registry no longer hands the connector out. */
  close?(): Promise<void>;
}

/**
 * Comparing what a system holds with what Tessera gave: each user's account as listHolders names
 * it, and taking away a holder no assignment gave (found there by a reconciliation).
 */
export type HolderReconciliation = {
  /** Each user's holder name there (by userId), or null when they have no account there. */
  holdersOf(targets: readonly AccessTarget[]): Promise<Map<string, string | null>>;
  /** The form two spellings of one holder share (DNs differ in case and spacing); by default the name itself. */
  holderKey?(holder: string): string;
  /** Takes the role from a holder as listHolders named them; one that no longer holds it is success. */
  removeHolder(resourceOriginId: string, roleOriginId: string, holder: string): Promise<void>;
};

export type ConnectorRegistry = {
  /** The connector for an environment (a connected system), by environment id. */
  forEnvironment(environmentId: string): Connector | undefined;
  /** Puts a connected system's connector in place (replacing, and closing, the one before). */
  register(environmentId: string, connector: Connector): void;
  /** Takes a connected system's connector away, and closes it. */
  unregister(environmentId: string): void;
  /** Closes every connector (at shutdown). */
  close(): Promise<void>;
  /** The built-in directory's environment id, where AadGroup resources live. */
  readonly directoryEnvironmentId: string;
};
