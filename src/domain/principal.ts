/**
 * Who is acting. A principal is a signed-in user with the roles they hold, loaded once per
 * request; the system principal is Tessera itself (jobs, seeding) and the CLI's operator.
 */
export type Principal =
  | {
      kind: 'user';
      id: string;
      userPrincipalName: string;
      displayName: string;
      userType: 'Member' | 'Guest';
      directoryRoleIds: ReadonlySet<string>;
      /** catalog id → ids of the catalog roles held in it */
      catalogRoleIds: ReadonlyMap<string, ReadonlySet<string>>;
      /** entitlement-management roles held at the directory scope ('/'), e.g. Catalog creator */
      tenantCatalogRoleIds: ReadonlySet<string>;
    }
  | { kind: 'system'; name: string };

export const systemPrincipal = (name = 'Tessera'): Principal => ({ kind: 'system', name });

/** The person (or process) a change is attributed to in the audit log. */
export type Actor = { correlationId: string; principal: Principal; ipAddress?: string };
