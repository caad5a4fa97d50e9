import pg from 'pg';
import type { AccessTarget, Connector, DiscoveredResource, RoleGrant } from '../connector.js';
import { accountNameOf, nameOrNull, type AccountNaming } from '../account-naming.js';

/**
 * PostgreSQL as a connected system: its group roles (roles that cannot log in) are resources, each
 * with one role, Member; granting it is `GRANT role TO login`, the login being the user's account
 * in that database. Identifiers are always quoted by the driver (pg.escapeIdentifier), values are
 * always parameters: no user text reaches SQL otherwise.
 */
export type PostgresSettings = {
  host: string;
  port: number;
  database: string;
  /** Who Tessera connects as: a role with CREATEROLE (or ADMIN OPTION on the roles it hands out). */
  user: string;
  ssl: boolean;
  /** How a Tessera user's login role is named in this database. */
  accountNaming: AccountNaming;
  /** Create a missing login role (without a password: the organisation's authentication sets it), or fail the delivery. */
  createMissingAccounts: boolean;
};
export type PostgresSecrets = { password: string };

export const postgresOriginSystem = 'PostgreSqlRole';
const memberRole = 'Member';
/** Long enough for a database across a network, short enough that a delivery does not hang on a dead one. */
const connectTimeoutMs = 5_000;
const statementTimeoutMs = 15_000;
/** Logins looked up in one query by reconciliation. */
const namesPerQuery = 10_000;

export type PostgresConnector = Connector & { close(): Promise<void> };

export function postgresConnector(settings: PostgresSettings, secrets: PostgresSecrets): PostgresConnector {
  const pool = new pg.Pool({
    host: settings.host,
    port: settings.port,
    database: settings.database,
    user: settings.user,
    password: secrets.password,
    ssl: settings.ssl ? { rejectUnauthorized: true } : false,
    max: 4,
    connectionTimeoutMillis: connectTimeoutMs,
    statement_timeout: statementTimeoutMs,
    // A server that stops answering without closing the connection fails the call, not the worker.
    query_timeout: statementTimeoutMs + 5_000,
    keepAlive: true,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection the server closed (a restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const where = `PostgreSQL database '${settings.database}' at ${settings.host}:${settings.port}`;
  // A pooled connection the server dropped (a restart) fails its next query: that query is tried
  // once more on a fresh connection. Every statement here is idempotent, so trying again is safe.
  const query = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return (await pool.query<R>(text, values)).rows;
      } catch (error) {
        if (attempt === 1 && connectionLost(error)) continue;
        throw explain(error, settings, where);
      }
    }
  };
  const ident = (name: string) => pg.escapeIdentifier(name);
  const loginOf = (target: AccessTarget) => accountNameOf(settings.accountNaming, target, where);

  async function groupRole(name: string): Promise<{ rolname: string; description: string | null } | undefined> {
    const [row] = await query<{ rolname: string; description: string | null }>(`select rolname, shobj_description(oid, 'pg_authid') as description from pg_roles where rolname = $1 and not rolcanlogin`, [name]);
    return row;
  }

  /**
   * Whether the login exists. A name that is a group role, a superuser or Tessera's own role is
   * refused: granting to a group role would give the role to all its members.
   */
  async function loginExists(login: string): Promise<boolean> {
    const [role] = await query<{ rolcanlogin: boolean; rolsuper: boolean }>(`select rolcanlogin, rolsuper from pg_roles where rolname = $1`, [login]);
    if (!role) return false;
    if (!role.rolcanlogin || role.rolsuper || login === settings.user) throw new Error(`'${login}' in the ${where} is not an ordinary login role (a group role, a superuser, or Tessera's own); no access is delivered to it.`);
    return true;
  }

  // Revoking a role not held is a warning, not an error; a role dropped meanwhile is nothing to take away.
  async function revokeFrom(role: string, holder: string): Promise<void> {
    await query(`revoke ${ident(role)} from ${ident(holder)}`).catch((error: unknown) => {
      if (!(error instanceof ConnectorError && error.code === '42704')) throw error;
    });
  }

  return {
    originSystem: postgresOriginSystem,

    async describe(originId) {
      const role = await groupRole(originId);
      return role ? describeRole(role) : null;
    },

    async discover({ search, top, cursor }) {
      // The prefix is a parameter, its LIKE wildcards escaped: a search for "a_b" finds "a_b" only.
      const prefix = search ? `${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : '%';
      const rows = await query<{ rolname: string; description: string | null }>(
        `select rolname, shobj_description(oid, 'pg_authid') as description from pg_roles
          where not rolcanlogin and rolname not like 'pg\\_%' and lower(rolname) like lower($1) and rolname > $2
          order by rolname limit $3`,
        [prefix, cursor ?? '', top + 1],
      );
      const page = rows.slice(0, top);
      return { resources: page.map(summaryOf), ...(rows.length > top ? { nextCursor: page.at(-1)!.rolname } : {}) };
    },

    async grant(grant: RoleGrant) {
      const login = loginOf(grant.target);
      if (!(await loginExists(login))) {
        if (!settings.createMissingAccounts) throw new Error(`There is no login role '${login}' in the ${where}; create it, or let Tessera create missing accounts.`);
        await query(`create role ${ident(login)} login`).catch((error: unknown) => {
          // Created meanwhile by a concurrent grant: what was wanted is there.
          if (!(error instanceof ConnectorError && error.code === '42710')) throw error;
        });
      }
      // Granting a role already held is a notice, not an error: idempotent as it is.
      await query(`grant ${ident(grant.resourceOriginId)} to ${ident(login)}`);
      return { holder: login };
    },

    async revoke(grant: RoleGrant) {
      const login = grant.holder ?? loginOf(grant.target);
      if (!(await loginExists(login))) return; // no account, nothing held
      await revokeFrom(grant.resourceOriginId, login);
    },

    // Ordinary logins only, as Tessera grants: a group role nested in another is the database's own
    // structure, and a superuser holds everything anyway. Tessera's own role is left out too: since
    // PostgreSQL 16 whoever creates a role is made its member (with ADMIN OPTION).
    async listHolders(resourceOriginId) {
      const rows = await query<{ rolname: string }>(
        `select m.rolname from pg_auth_members a join pg_roles r on r.oid = a.roleid join pg_roles m on m.oid = a.member
          where r.rolname = $1 and m.rolname <> $2 and m.rolcanlogin and not m.rolsuper order by m.rolname`,
        [resourceOriginId, settings.user],
      );
      return rows.map((row) => row.rolname);
    },

    reconciliation: {
      // A login's name follows from the user; the database says which of those logins exist.
      async holdersOf(targets) {
        const names = new Map(targets.map((target) => [target.userId, nameOrNull(() => loginOf(target))]));
        const existing = new Set<string>();
        const wanted = [...new Set([...names.values()].filter((name): name is string => name !== null))];
        for (let start = 0; start < wanted.length; start += namesPerQuery) {
          const rows = await query<{ rolname: string }>(`select rolname from pg_roles where rolcanlogin and rolname = any($1::text[])`, [wanted.slice(start, start + namesPerQuery)]);
          for (const row of rows) existing.add(row.rolname);
        }
        return new Map([...names].map(([userId, name]) => [userId, name !== null && existing.has(name) ? name : null]));
      },
      removeHolder: (resourceOriginId, _role, holder) => revokeFrom(resourceOriginId, holder),
    },

    async test() {
      const [row] = await query<{ can: boolean }>(`select rolcreaterole or rolsuper as can from pg_roles where rolname = current_user`);
      if (!row?.can) throw new Error(`Connected to the ${where} as '${settings.user}', but that role may not grant roles to others (it needs CREATEROLE).`);
    },

    close: () => pool.end(),
  };
}

type RoleRow = { rolname: string; description: string | null };

function summaryOf(role: RoleRow): Omit<DiscoveredResource, 'roles' | 'scopes'> {
  return { originId: role.rolname, displayName: role.rolname, description: role.description, resourceType: 'PostgreSQL role', grantsAdministrativeRoles: false };
}

function describeRole(role: RoleRow): DiscoveredResource {
  return {
    ...summaryOf(role),
    roles: [{ originId: memberRole, displayName: 'Member', description: `Member of the role ${role.rolname}` }],
    scopes: [{ originId: role.rolname, displayName: 'Root', description: 'Root Scope', isRootScope: true }],
  };
}

/** An error a connector raises with what an administrator needs to fix it, and the driver's code. */
export class ConnectorError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

function connectionLost(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'ECONNRESET' || code === '57P01' || /Connection terminated/i.test(error instanceof Error ? error.message : '');
}

/** The driver's errors, said so that an administrator knows what to fix (never with the password). */
function explain(error: unknown, settings: PostgresSettings, where: string): ConnectorError {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ECONNREFUSED':
      return new ConnectorError(`Cannot reach the ${where}: the connection was refused (is it running, and is the port right?).`, code);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ConnectorError(`Cannot reach the ${where}: the host name '${settings.host}' does not resolve.`, code);
    case '28P01':
    case '28000':
      return new ConnectorError(`The ${where} refused the credentials of '${settings.user}'.`, code);
    case '3D000':
      return new ConnectorError(`The ${where} does not exist.`, code);
    case '42704':
      return new ConnectorError(`The ${where} has no such role: ${message}.`, code);
    case '42501':
      return new ConnectorError(`'${settings.user}' may not do this in the ${where}: ${message}.`, code);
    default:
      if (connectionLost(error)) return new ConnectorError(`Cannot reach the ${where}: the connection was lost (${message}).`, code ?? 'ECONNRESET');
      if (/timeout/i.test(message)) return new ConnectorError(`The ${where} did not answer in time: ${message}.`, code ?? 'ETIMEDOUT');
      return new ConnectorError(`The ${where} failed: ${message}`, code);
  }
}
