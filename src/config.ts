import addressparser from 'nodemailer/lib/addressparser';
import { z } from 'zod';
import { isValidDuration } from './domain/duration.js';
import { isLoopbackHost } from './domain/loopback-host.js';
import { signInUserProperties, type SignInUserProperty } from './domain/portal-sign-in.js';
import { decodeKey } from './secrets-key.js';

/**
 * The one configuration object. It is parsed once, from the environment, in main.ts or the CLI,
 * and passed down; nothing else reads process.env. Every problem is reported at once, so an
 * operator fixes a broken deployment in one round instead of one variable at a time.
 */
const environmentSchema = z.object({
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/tessera.db')
    .refine((url) => url.startsWith('sqlite:') || /^postgres(ql)?:\/\//.test(url), {
      message: 'must be sqlite:<path> or postgres://user:password@host:port/database',
    }),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  PUBLIC_URL: z
    .string()
    .url()
    .refine((url) => /^https?:\/\//.test(url), 'must be an http:// or https:// URL')
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  // Which reverse proxies to believe about the client's address (X-Forwarded-For): the per-address
  // limits of one-time codes count clients, not the proxy. Never "everyone": any client could then
  // claim any address.
  TRUST_PROXY: z
    .string()
    .refine(isTrustedProxies, 'must be the number of proxies in front of Tessera (1–10), or their addresses or CIDR ranges, comma-separated (e.g. 10.0.0.0/8,127.0.0.1); "true" would let any client claim any address')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(1024 * 1024),
  TOKEN_DEFAULT_LIFETIME: z
    .string()
    .refine(isValidDuration, 'must be a positive ISO 8601 duration such as P30D or PT8H')
    .default('P30D'),
  JOB_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  // The messages never echo the value: it carries the SMTP password.
  SMTP_URL: z
    .string()
    .refine(isSmtpUrl, 'must be smtp://user:password@host:port or smtps://user:password@host:port (user and password optional)')
    .optional(),
  // The messages never echo the value: it is the key to every connected system's secrets.
  SECRETS_KEY: z
    .string()
    .refine((value) => isKey(value), 'must be 32 random bytes as base64 (44 characters) or hex (64), such as `openssl rand -base64 32` prints')
    .optional(),
  SECRETS_KEY_FILE: z.string().min(1).optional(),
  SMTP_FROM: z
    .string()
    .refine(isSingleMailbox, 'must be one address, such as tessera@example.com or "Tessera <tessera@example.com>"')
    .default('Tessera <tessera@localhost>'),
  // Portal sign-in through an OpenID provider (Entra ID, Keycloak, Authentik, Google …).
  OIDC_ISSUER: z
    .string()
    .refine(isIssuerUrl, 'must be the identity provider\'s issuer, an https:// URL without query or fragment (http:// only on a loopback host such as 127.0.0.1 or localhost)')
    .optional(),
  OIDC_CLIENT_ID: z
    .string()
    .refine((value) => value.length <= 255 && !/[\u0000-\u001f\u007f]/.test(value), 'must be the client id registered at the identity provider (at most 255 characters, no control characters)')
    .optional(),
  // The messages never echo the value: it is the client's password at the identity provider.
  OIDC_CLIENT_SECRET: z
    .string()
    .refine((value) => value.length <= 1024 && !/[\u0000-\u001f\u007f]/.test(value), 'must be the client secret registered at the identity provider (at most 1024 characters, no control characters)')
    .optional(),
  OIDC_USER_CLAIM: z
    .string()
    .regex(/^[\x21-\x7e]{1,200}$/, 'must be the name of a claim of the ID token, such as email, preferred_username, oid or sub')
    .optional(),
  OIDC_USER_PROPERTY: z.enum(signInUserProperties, { message: `must be one of ${signInUserProperties.join(', ')}` }).optional(),
}).superRefine((env, context) => {
  // Nodes sharing a PostgreSQL store must seal and open secrets with one key: a key file each would differ.
  if (!env.DATABASE_URL.startsWith('sqlite:') && !env.SECRETS_KEY && !env.SECRETS_KEY_FILE) {
    context.addIssue({ code: 'custom', path: ['SECRETS_KEY'], message: 'must be set with a PostgreSQL DATABASE_URL, the same on every node and for the CLI (or SECRETS_KEY_FILE, a file holding it on each)' });
  }
  // Half a provider is a mistake to report, not a sign-in to leave silently off.
  if ((env.OIDC_ISSUER === undefined) !== (env.OIDC_CLIENT_ID === undefined)) {
    const missing = env.OIDC_ISSUER === undefined ? 'OIDC_ISSUER' : 'OIDC_CLIENT_ID';
    context.addIssue({ code: 'custom', path: [missing], message: `must be set together with ${missing === 'OIDC_ISSUER' ? 'OIDC_CLIENT_ID' : 'OIDC_ISSUER'} (portal sign-in needs both)` });
  }
  if (env.OIDC_ISSUER === undefined && env.OIDC_CLIENT_ID === undefined) {
    for (const name of ['OIDC_CLIENT_SECRET', 'OIDC_USER_CLAIM', 'OIDC_USER_PROPERTY'] as const) {
      if (env[name] !== undefined) context.addIssue({ code: 'custom', path: [name], message: 'applies only with OIDC_ISSUER and OIDC_CLIENT_ID, which are not set' });
    }
  }
});

function isIssuerUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '' || value.includes('?') || value.includes('#')) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

function isKey(value: string): boolean {
  try {
    decodeKey(value, 'SECRETS_KEY');
    return true;
  } catch {
    return false;
  }
}

function isTrustedProxies(value: string): boolean {
  if (/^\d+$/.test(value)) return Number(value) >= 1 && Number(value) <= 10;
  return value.split(',').every((entry) => /^[0-9a-fA-F.:]{2,45}(\/\d{1,3})?$/.test(entry.trim()));
}

function trustedProxies(value: string | undefined): number | string[] | undefined {
  if (value === undefined) return undefined;
  return /^\d+$/.test(value) ? Number(value) : value.split(',').map((entry) => entry.trim());
}

function isSmtpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '' && (url.pathname === '' || url.pathname === '/');
}

function isSingleMailbox(value: string): boolean {
  if (/[\r\n]/.test(value)) return false;
  const [first, ...rest] = addressparser(value);
  // Deliberately looser than z.email(): `tessera@localhost` and intranet domains are valid senders.
  return first !== undefined && rest.length === 0 && first.address !== undefined && /^[^\s@<>()[\]",;:\\]+@[^\s@<>()[\]",;:\\.][^\s@<>()[\]",;:\\]*$/.test(first.address);
}

export type Config = {
  databaseUrl: string;
  host: string;
  port: number;
  /** The URL clients reach Tessera at, for links in responses (never taken from the Host header). */
  publicUrl: string;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  bodyLimitBytes: number;
  /** The reverse proxies whose X-Forwarded-For is believed: a hop count, or their addresses (TRUST_PROXY). */
  trustProxy: number | string[] | undefined;
  tokenDefaultLifetime: string;
  /**
   * How long a claimed job stays with the process that claimed it. A process that dies holds its
   * jobs this long before another takes them over; a job that runs longer may run twice (job
   * handlers are idempotent, so that costs time, not correctness).
   */
  jobLeaseMs: number;
  /**
   * Where e-mail notifications are sent; it holds the SMTP password, so it is never logged.
   * Without it, notifications are written to the log instead.
   */
  smtpUrl: string | undefined;
  /** The From of every notification, e.g. `Tessera <tessera@example.com>`. */
  smtpFrom: string;
  /**
   * The key sealing connected systems' secrets at rest (secrets-key.ts); never logged. Without it,
   * a key file (secretsKeyFile, or `secrets.key` beside the SQLite database) is used, made on first start.
   */
  secretsKey: Buffer | undefined;
  secretsKeyFile: string | undefined;
  /** The OpenID provider the portal signs in with; without it, only `serve --demo` offers sign-in (its built-in provider). */
  oidc: OidcSettings | undefined;
};

export type OidcSettings = {
  /** The issuer identifier, exactly as the provider declares it (a trailing slash matters). */
  issuer: string;
  clientId: string;
  /** Never logged. Without it, Tessera is a public client, protected by PKCE alone. */
  clientSecret: string | undefined;
  /** The ID token claim naming the user … */
  userClaim: string;
  /** … matched against this directory property (case-insensitively for userPrincipalName and mail). */
  userProperty: SignInUserProperty;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseConfig(environment: Record<string, string | undefined>): Config {
  // Empty strings are treated as unset so that `PORT= tessera serve` means "the default".
  const present = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const env = parsed.data;
  return {
    databaseUrl: env.DATABASE_URL,
    host: env.HOST,
    port: env.PORT,
    publicUrl: env.PUBLIC_URL ?? `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${env.PORT}`,
    logLevel: env.LOG_LEVEL,
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    trustProxy: trustedProxies(env.TRUST_PROXY),
    tokenDefaultLifetime: env.TOKEN_DEFAULT_LIFETIME,
    jobLeaseMs: env.JOB_LEASE_SECONDS * 1000,
    smtpUrl: env.SMTP_URL,
    smtpFrom: env.SMTP_FROM,
    secretsKey: env.SECRETS_KEY ? decodeKey(env.SECRETS_KEY, 'SECRETS_KEY') : undefined,
    secretsKeyFile: env.SECRETS_KEY_FILE,
    oidc:
      env.OIDC_ISSUER !== undefined && env.OIDC_CLIENT_ID !== undefined
        ? { issuer: env.OIDC_ISSUER, clientId: env.OIDC_CLIENT_ID, clientSecret: env.OIDC_CLIENT_SECRET, userClaim: env.OIDC_USER_CLAIM ?? 'email', userProperty: env.OIDC_USER_PROPERTY ?? 'userPrincipalName' }
        : undefined,
  };
}
