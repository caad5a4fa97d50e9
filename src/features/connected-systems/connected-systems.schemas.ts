import { z } from 'zod';
import { accountNamings } from '../../connectors/account-naming.js';
import { ValidationError } from '../../domain/errors.js';
import { connectedSystemKinds, type ConnectedSystemKind } from '../../domain/connected-system.js';
export { endpointSettings } from '../../domain/connected-system.js';
import { reconciliationModes } from '../../domain/reconciliation.js';
import { graphBody, optionalText, text } from '../schema-helpers.js';

/**
 * Bodies of /tessera/connectedSystems. Each kind has its settings (shown) and its secrets
 * (write-only). A host is a name or an address, nothing else: it reaches the driver as it is.
 */
const httpUrl = z.string().trim().max(2048).url().regex(/^https?:\/\//, 'must be an http:// or https:// URL');
const host = z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.\-:[\]]+$/, 'must be a host name or an IP address');

const postgresSettings = z.strictObject({
  host,
  port: z.number().int().min(1).max(65535).default(5432),
  database: text(63),
  user: text(63),
  ssl: z.boolean().default(false),
  accountNaming: z.enum(accountNamings).default('userPrincipalNameLocalPart'),
  createMissingAccounts: z.boolean().default(false),
});
const postgresSecrets = z.strictObject({ password: z.string().min(1).max(1024) });

/** A DN as an administrator writes it: no control characters; the directory checks the rest. */
const dn = z.string().trim().min(3).max(1024).regex(/^[^\u0000-\u001f]+=[^\u0000-\u001f]*$/, 'must be a distinguished name, such as ou=groups,dc=example,dc=org');
const ldapSettings = z.strictObject({
  url: z.string().trim().max(512).regex(/^ldaps?:\/\/[A-Za-z0-9.\-:[\]]+\/?$/, 'must be ldap://host:port or ldaps://host:port'),
  bindDn: dn,
  groupsBaseDn: dn,
  groupKind: z.enum(['groupOfNames', 'groupOfUniqueNames', 'activeDirectory']).default('groupOfNames'),
  usersBaseDn: dn,
  accountAttribute: z.string().trim().max(64).regex(/^[A-Za-z][A-Za-z0-9-]*$/, 'must be an attribute name, such as uid or mail').default('uid'),
  accountDnTemplate: dn.refine((value) => value.split('{account}').length === 2, 'must hold {account} once, where the account name goes').nullable().default(null),
  accountNaming: z.enum(accountNamings).default('userPrincipalNameLocalPart'),
  emptyGroupPlaceholder: dn.nullable().default(null),
});
const ldapSecrets = z.strictObject({ password: z.string().min(1).max(1024) });

const webhookSettings = z.strictObject({
  url: httpUrl,
  // What the receiver handles, declared here: a webhook cannot be asked what it offers.
  resources: z
    .array(z.strictObject({ originId: text(256), displayName: text(256), description: optionalText(1024).transform((value) => value ?? null), roles: z.array(z.strictObject({ originId: text(128), displayName: text(256) })).min(1).max(20) }))
    .min(1)
    .max(200)
    .refine((resources) => new Set(resources.map((resource) => resource.originId)).size === resources.length, 'must name each resource (originId) once'),
});
// Long enough that guessing it is out of the question.
const webhookSecrets = z.strictObject({ signingSecret: z.string().min(16, 'must be at least 16 characters').max(1024) });

const scimSettings = z.strictObject({
  baseUrl: httpUrl,
  accountNaming: z.enum(accountNamings).default('userPrincipalName'),
  createMissingAccounts: z.boolean().default(false),
});
const scimSecrets = z.strictObject({ bearerToken: z.string().min(1).max(4096) });

export const settingsSchemas: Record<ConnectedSystemKind, z.ZodType<Record<string, unknown>>> = { postgresql: postgresSettings, ldap: ldapSettings, scim: scimSettings, webhook: webhookSettings };
export const secretsSchemas: Record<ConnectedSystemKind, z.ZodType<Record<string, string>>> = { postgresql: postgresSecrets, ldap: ldapSecrets, scim: scimSecrets, webhook: webhookSecrets };


/** Fifteen minutes at the most often (listing a large system is real work for it), thirty days at the least. */
const reconciliationBody = z.strictObject({
  mode: z.enum(reconciliationModes).optional(),
  intervalMinutes: z.number().int().min(15).max(43_200).nullable().optional(),
});

export const createConnectedSystemBody = graphBody({
  displayName: text(256),
  description: optionalText(1024),
  kind: z.enum(connectedSystemKinds),
  settings: z.record(z.string(), z.unknown()),
  secrets: z.record(z.string(), z.unknown()),
  reconciliation: reconciliationBody.optional(),
});

export const updateConnectedSystemBody = graphBody({
  displayName: text(256).optional(),
  description: optionalText(1024),
  settings: z.record(z.string(), z.unknown()).optional(),
  secrets: z.record(z.string(), z.unknown()).optional(),
  reconciliation: reconciliationBody.optional(),
});

export const discoverQuerystring = z.strictObject({
  search: z.string().max(256).optional(),
  $top: z.coerce.number().int().min(1).max(200).default(50),
  $skiptoken: z.string().max(512).optional(),
});

export type CreateConnectedSystemInput = z.infer<typeof createConnectedSystemBody>;
export type UpdateConnectedSystemInput = z.infer<typeof updateConnectedSystemBody>;

/** Checks settings or secrets against their kind's schema; a 400 names the property at fault (never a secret's value). */
export function checked<T>(schema: z.ZodType<T>, value: unknown, target: 'settings' | 'secrets'): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = [target, ...issue.path.map(String)].join('.');
  const message = issue.code === 'unrecognized_keys' ? `unknown propert${issue.keys.length > 1 ? 'ies' : 'y'} ${issue.keys.join(', ')}` : issue.message;
  throw new ValidationError(`${path}: ${message}.`, path);
}
