import { randomUUID } from 'node:crypto';
import { sql, type SqlBool } from 'kysely';
import { runCollectionQuery, type Page, type QueryableProperties } from '../../db/collection-query.js';
import type { ConnectedOrganizationsTable, Executor } from '../../db/database.js';
import { emailDomain, type ConnectedOrganization, type IdentitySource } from '../../domain/connected-organization.js';
import type { CollectionQuery } from '../../http/odata/query-options.js';

export type SponsorKind = 'internal' | 'external';
export type Sponsor = { id: string; type: 'user' | 'group' };

function fromRow(row: ConnectedOrganizationsTable): ConnectedOrganization {
  return {
    id: row.id,
    displayName: row.display_name,
    description: row.description,
    identitySources: JSON.parse(row.identity_sources) as IdentitySource[],
    state: row.state as ConnectedOrganization['state'],
    createdDateTime: row.created_date_time,
    modifiedDateTime: row.modified_date_time,
  };
}

export const connectedOrganizationQueryableProperties: QueryableProperties = {
  id: { column: 'connected_organizations.id', kind: 'caseSensitiveText' },
  displayName: { column: 'connected_organizations.display_name', kind: 'text', sortable: true },
  description: { column: 'connected_organizations.description', kind: 'text' },
  state: { column: 'connected_organizations.state', kind: 'enum', values: ['configured', 'proposed'] },
  createdDateTime: { column: 'connected_organizations.created_date_time', kind: 'dateTime', sortable: true },
  modifiedDateTime: { column: 'connected_organizations.modified_date_time', kind: 'dateTime', sortable: true },
};

const living = (db: Executor) => db.selectFrom('connected_organizations').selectAll('connected_organizations').where('connected_organizations.deleted_date_time', 'is', null);

export function listConnectedOrganizations(db: Executor, query: CollectionQuery): Promise<Page<ConnectedOrganization>> {
  return runCollectionQuery(living(db), connectedOrganizationQueryableProperties, query, 'connected_organizations.id', fromRow);
}

export async function findConnectedOrganization(db: Executor, id: string): Promise<ConnectedOrganization | undefined> {
  const row = await living(db).where('connected_organizations.id', '=', id).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

export async function findConnectedOrganizationsByIds(db: Executor, ids: readonly string[]): Promise<ConnectedOrganization[]> {
  if (ids.length === 0) return [];
  return (await living(db).where('connected_organizations.id', 'in', [...new Set(ids)]).execute()).map(fromRow);
}

/** The living organization an e-mail address belongs to: the one holding exactly its domain. */
export async function connectedOrganizationOfEmail(db: Executor, email: string): Promise<ConnectedOrganization | undefined> {
  const domain = emailDomain(email);
  if (!domain) return undefined;
  const row = await living(db)
    .innerJoin('connected_organization_domains as d', 'd.organization_id', 'connected_organizations.id')
    .where('d.domain_name', '=', domain)
    .executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

/** Which organization holds each of these domains now (for the one-domain-one-organization rule). */
export async function domainOwners(db: Executor, domains: readonly string[]): Promise<Map<string, string>> {
  if (domains.length === 0) return new Map();
  const rows = await db.selectFrom('connected_organization_domains').select(['domain_name', 'organization_id']).where('domain_name', 'in', [...new Set(domains)]).execute();
  return new Map(rows.map((row) => [row.domain_name, row.organization_id]));
}

export async function insertConnectedOrganization(db: Executor, organization: ConnectedOrganization, createdById: string | null): Promise<void> {
  await db
    .insertInto('connected_organizations')
    .values({
      id: organization.id,
      display_name: organization.displayName,
      description: organization.description,
      identity_sources: JSON.stringify(organization.identitySources),
      state: organization.state,
      created_by_id: createdById,
      created_date_time: organization.createdDateTime,
      modified_date_time: organization.modifiedDateTime,
      deleted_date_time: null,
    })
    .execute();
  await replaceDomains(db, organization);
}

/** Writes an update of a living organization; returns 0 when it is no longer living. */
export async function replaceConnectedOrganization(db: Executor, organization: ConnectedOrganization): Promise<number> {
  const result = await db
    .updateTable('connected_organizations')
    .set({
      display_name: organization.displayName,
      description: organization.description,
      identity_sources: JSON.stringify(organization.identitySources),
      state: organization.state,
      modified_date_time: organization.modifiedDateTime,
    })
    .where('id', '=', organization.id)
    .where('deleted_date_time', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) await replaceDomains(db, organization);
  return Number(result.numUpdatedRows);
}

/** Soft delete: its domains are freed for another organization, its sponsorships closed. */
export async function markConnectedOrganizationDeleted(db: Executor, id: string, now: string): Promise<void> {
  await db.updateTable('connected_organizations').set({ deleted_date_time: now, modified_date_time: now }).where('id', '=', id).execute();
  await db.deleteFrom('connected_organization_domains').where('organization_id', '=', id).execute();
  await db.updateTable('connected_organization_sponsors').set({ ended_date_time: now, removed_by: 'organization deleted' }).where('organization_id', '=', id).where('ended_date_time', 'is', null).execute();
}

async function replaceDomains(db: Executor, organization: ConnectedOrganization): Promise<void> {
  await db.deleteFrom('connected_organization_domains').where('organization_id', '=', organization.id).execute();
  const domains = [...new Set(organization.identitySources.map((source) => source.domainName.toLowerCase()))];
  if (domains.length) await db.insertInto('connected_organization_domains').values(domains.map((domain_name) => ({ domain_name, organization_id: organization.id }))).execute();
}

/**
 * Takes the organization's row lock for the rest of the transaction, before it is read: an update,
 * a deletion and a sponsor change cannot interleave, and a request naming it sees one or the other.
 */
export async function lockConnectedOrganization(db: Executor, id: string): Promise<void> {
  await db.updateTable('connected_organizations').set((eb) => ({ modified_date_time: eb.ref('modified_date_time') })).where('id', '=', id).execute();
}

export async function listSponsors(db: Executor, organizationId: string, kind: SponsorKind): Promise<Sponsor[]> {
  const rows = await db
    .selectFrom('connected_organization_sponsors')
    .select(['sponsor_id', 'sponsor_type'])
    .where('organization_id', '=', organizationId)
    .where('kind', '=', kind)
    .where('ended_date_time', 'is', null)
    .orderBy('started_date_time')
    .orderBy('sponsor_id')
    .execute();
  return rows.map((row) => ({ id: row.sponsor_id, type: row.sponsor_type }));
}

/** Adds a sponsor; false when it is one already (the caller holds the organization's lock). */
export async function addSponsor(db: Executor, organizationId: string, kind: SponsorKind, sponsor: Sponsor, addedBy: string, now: string): Promise<boolean> {
  const current = await listSponsors(db, organizationId, kind);
  if (current.some((candidate) => candidate.id === sponsor.id)) return false;
  await db
    .insertInto('connected_organization_sponsors')
    .values({ id: randomUUID(), organization_id: organizationId, kind, sponsor_id: sponsor.id, sponsor_type: sponsor.type, started_date_time: now, added_by: addedBy, ended_date_time: null, removed_by: null })
    .execute();
  return true;
}

export async function removeSponsor(db: Executor, organizationId: string, kind: SponsorKind, sponsorId: string, removedBy: string, now: string): Promise<number> {
  const result = await db
    .updateTable('connected_organization_sponsors')
    .set({ ended_date_time: now, removed_by: removedBy })
    .where('organization_id', '=', organizationId)
    .where('kind', '=', kind)
    .where('sponsor_id', '=', sponsorId)
    .where('ended_date_time', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Whether any living assignment policy names the organization (connectedOrganizationMembers). */
export async function policiesNamingOrganization(db: Executor, organizationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('assignment_policies')
    .select('id')
    .where('deleted_date_time', 'is', null)
    .where(sql<SqlBool>`specific_allowed_targets like ${'%"connectedOrganizationId":"' + organizationId + '"%'}`)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * The connected organization a guest belongs to, by the address Tessera knows them by: the one
 * they proved (a governed guest), else their mail, else their sign-in name. Members belong to none.
 */
export async function connectedOrganizationOfGuest(db: Executor, userId: string): Promise<ConnectedOrganization | undefined> {
  const row = await db
    .selectFrom('users')
    .leftJoin('governed_guests as g', 'g.user_id', 'users.id')
    .select(['users.user_type', 'users.mail', 'users.user_principal_name', 'g.email'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!row || row.user_type !== 'Guest') return undefined;
  const address = [row.email, row.mail, row.user_principal_name].find((candidate) => candidate && emailDomain(candidate));
  return address ? connectedOrganizationOfEmail(db, address) : undefined;
}
