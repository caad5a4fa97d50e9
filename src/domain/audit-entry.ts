import { createHash } from 'node:crypto';
import type { Actor } from './principal.js';

/** Graph's directoryAudit shape, the record every write leaves behind. */
export type ModifiedProperty = { displayName: string; oldValue: string | null; newValue: string | null };
export type AuditTarget = {
  id: string;
  displayName: string | null;
  type: string;
  userPrincipalName?: string | null;
  modifiedProperties: ModifiedProperty[];
};
export type KeyValue = { key: string; value: string };
export type InitiatedBy = {
  user: { id: string; displayName: string; userPrincipalName: string; ipAddress: string | null } | null;
  app: { displayName: string; appId: string | null; servicePrincipalId: string | null; servicePrincipalName: string | null } | null;
};

export type AuditCategory = 'UserManagement' | 'GroupManagement' | 'RoleManagement' | 'EntitlementManagement' | 'ApplicationManagement' | 'AccessReviews';

/** What a use case says happened; the audit repository adds time, sequence and the chain hash. */
export type AuditDraft = {
  category: AuditCategory;
  activityDisplayName: string;
  operationType: 'Add' | 'Update' | 'Delete' | 'Assign' | 'Unassign';
  targetResources: AuditTarget[];
  additionalDetails?: KeyValue[];
  result?: 'success' | 'failure';
  resultReason?: string | null;
  /** Ties the entry to a story other than the caller's (an expiry to the request that gave the access). */
  correlationId?: string;
};

export type DirectoryAudit = {
  id: string;
  category: AuditCategory;
  correlationId: string;
  result: 'success' | 'failure';
  resultReason: string | null;
  activityDisplayName: string;
  activityDateTime: string;
  loggedByService: string;
  operationType: string;
  initiatedBy: InitiatedBy;
  targetResources: AuditTarget[];
  additionalDetails: KeyValue[];
};

export function initiatedBy(actor: Actor): InitiatedBy {
  const { principal } = actor;
  if (principal.kind === 'system') {
    return { user: null, app: { displayName: principal.name, appId: null, servicePrincipalId: null, servicePrincipalName: principal.name } };
  }
  return {
    user: { id: principal.id, displayName: principal.displayName, userPrincipalName: principal.userPrincipalName, ipAddress: actor.ipAddress ?? null },
    app: null,
  };
}

export function loggedByServiceFor(category: AuditCategory): string {
  if (category === 'AccessReviews') return 'Access Reviews';
  return category === 'EntitlementManagement' ? 'Entitlement Management' : 'Core Directory';
}

/**
 * Graph reports changed properties as JSON-encoded old and new values. Only properties whose
 * value really changed are listed, so an update that changes nothing says so. A new object lists
 * only what it was given: the nulls of every property left out would say nothing and, at an
 * import of 100,000 users, made two thirds of the audit log's bytes.
 */
export function modifiedProperties(before: Record<string, unknown> | null, after: Record<string, unknown> | null, names: readonly string[]): ModifiedProperty[] {
  const changes: ModifiedProperty[] = [];
  for (const name of names) {
    const oldValue = before?.[name];
    const newValue = before === null ? givenValue(after?.[name]) : after?.[name];
    if (before === null && newValue === undefined) continue;
    const oldText = oldValue === undefined ? null : JSON.stringify(oldValue);
    const newText = newValue === undefined ? null : JSON.stringify(newValue);
    if (oldText !== newText) changes.push({ displayName: name, oldValue: oldText, newValue: newText });
  }
  return changes;
}

/** What of a new object's property was given: undefined for nothing, an object without its nulls. */
function givenValue(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return value.length === 0 ? undefined : value;
  if (typeof value !== 'object') return value;
  const entries = Object.entries(value).filter(([, entry]) => entry !== null && entry !== undefined);
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

/**
 * The chain: each entry's hash covers its content and the previous entry's hash, so changing or
 * removing any entry breaks every hash after it. Keys are written in a fixed order.
 */
export function auditEntryHash(previousHash: string, sequence: number, entry: DirectoryAudit, serialized: SerializedAuditParts = serializeAuditParts(entry)): string {
  const scalars = JSON.stringify([
    sequence,
    entry.id,
    entry.activityDateTime,
    entry.category,
    entry.activityDisplayName,
    entry.operationType,
    entry.result,
    entry.resultReason,
    entry.correlationId,
    entry.loggedByService,
  ]);
  return createHash('sha256')
    .update(previousHash)
    .update('\n')
    .update(scalars)
    .update('\n')
    .update(serialized.initiatedBy)
    .update('\n')
    .update(serialized.targetResources)
    .update('\n')
    .update(serialized.additionalDetails)
    .digest('hex');
}

/**
 * The structured parts of an entry exactly as stored. The hash covers these strings, so an entry
 * is serialised once for storage and hashing alike, and verification hashes what is stored.
 */
export type SerializedAuditParts = { initiatedBy: string; targetResources: string; additionalDetails: string };

export function serializeAuditParts(entry: Pick<DirectoryAudit, 'initiatedBy' | 'targetResources' | 'additionalDetails'>): SerializedAuditParts {
  return {
    initiatedBy: JSON.stringify(entry.initiatedBy),
    targetResources: JSON.stringify(entry.targetResources),
    additionalDetails: JSON.stringify(entry.additionalDetails),
  };
}
