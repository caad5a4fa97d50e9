import { api, unwrap } from '../../api/client';
import type { Collection, ConnectedOrganization, Sponsor } from '../../api/graph';
import type { DirectoryOption } from '../../components/DirectoryPicker';
import { odataString } from '../../pages/admin/admin-queries';
import type { OrganizationBody } from './organization-form';

/** The calls of the connected organization pages, each read named once so that a change refreshes what it affects. */
const organizations = '/v1.0/identityGovernance/entitlementManagement/connectedOrganizations';

export type SponsorKind = 'internalSponsors' | 'externalSponsors';

export const organizationKeys = {
  all: ['admin', 'connected-organizations'] as const,
  list: (search: string, state: string | null, skipToken: string | undefined) => ['admin', 'connected-organizations', 'list', search, state, skipToken] as const,
  one: (id: string) => ['admin', 'connected-organizations', 'one', id] as const,
  sponsors: (id: string, kind: SponsorKind) => ['admin', 'connected-organizations', 'sponsors', id, kind] as const,
};

export const pageSize = 25;

/** A page of organizations, by name, those whose name contains `search` (and in `state`, when given). */
export function listOrganizations(search: string, state: string | null, skipToken: string | undefined) {
  const filters = [search ? `contains(displayName,${odataString(search)})` : null, state ? `state eq ${odataString(state)}` : null].filter(Boolean);
  return unwrap<Collection<ConnectedOrganization> & { '@odata.count'?: number }>(
    api.GET(organizations, { params: { query: { $orderby: 'displayName', $top: String(pageSize), $count: 'true', ...(filters.length ? { $filter: filters.join(' and ') } : {}), ...(skipToken ? { $skiptoken: skipToken } : {}) } } }),
  );
}

export const oneOrganization = (id: string) => unwrap<ConnectedOrganization>(api.GET(`${organizations}/{id}`, { params: { path: { id } } }));

export const createOrganization = (body: OrganizationBody) => unwrap<ConnectedOrganization>(api.POST(organizations, { body }));

export const updateOrganization = (id: string, body: Partial<OrganizationBody>) => unwrap<void>(api.PATCH(`${organizations}/{id}`, { params: { path: { id } }, body }));

export const deleteOrganization = (id: string) => unwrap<void>(api.DELETE(`${organizations}/{id}`, { params: { path: { id } } }));

export const sponsorsOf = (id: string, kind: SponsorKind) =>
  unwrap<Collection<Sponsor>>(api.GET(`${organizations}/{id}/${kind}`, { params: { path: { id }, query: { $top: '200' } } })).then((page) => page.value);

/** Adds a user or group as a sponsor, by reference, as Graph's $ref does. */
export function addSponsor(id: string, kind: SponsorKind, sponsor: { id: string; type: 'user' | 'group' }) {
  const body = { '@odata.id': `${window.location.origin}/v1.0/${sponsor.type === 'user' ? 'users' : 'groups'}/${sponsor.id}` };
  return unwrap<void>(kind === 'internalSponsors' ? api.POST(`${organizations}/{id}/internalSponsors/$ref`, { params: { path: { id } }, body }) : api.POST(`${organizations}/{id}/externalSponsors/$ref`, { params: { path: { id } }, body }));
}

export function removeSponsor(id: string, kind: SponsorKind, sponsorId: string) {
  const path = { id, sponsorId };
  return unwrap<void>(kind === 'internalSponsors' ? api.DELETE(`${organizations}/{id}/internalSponsors/{sponsorId}/$ref`, { params: { path } }) : api.DELETE(`${organizations}/{id}/externalSponsors/{sponsorId}/$ref`, { params: { path } }));
}

/** Organizations whose name starts with what was typed, for pickers (the policy editor's). */
export async function organizationSearch(text: string): Promise<DirectoryOption[]> {
  const filter = text.trim() ? `startswith(displayName,${odataString(text.trim())})` : undefined;
  const page = await unwrap<Collection<ConnectedOrganization>>(api.GET(organizations, { params: { query: { $top: '20', $orderby: 'displayName', ...(filter ? { $filter: filter } : {}) } } }));
  return page.value.map((organization) => ({ id: organization.id, label: organization.state === 'proposed' ? `${organization.displayName} (proposed)` : organization.displayName }));
}

/** The names of these organizations, by id (those that cannot be read are left out). */
export async function organizationNames(ids: readonly string[]): Promise<Map<string, string>> {
  const found = await Promise.all(ids.map((id) => oneOrganization(id).then((organization) => [id, organization.displayName] as const, () => null)));
  return new Map(found.filter((entry) => entry !== null));
}

/** Guests of the directory whose name or address starts with what was typed: the people an external sponsor can be. */
export async function guestSearch(text: string): Promise<DirectoryOption[]> {
  const typed = text.trim();
  const name = typed ? ` and (startswith(displayName,${odataString(typed)}) or startswith(mail,${odataString(typed)}))` : '';
  const page = await unwrap<Collection<{ id: string; displayName: string; mail: string | null; userPrincipalName: string }>>(
    api.GET('/v1.0/users', { params: { query: { $top: '20', $select: 'id,displayName,mail,userPrincipalName', $filter: `userType eq 'Guest'${name}` } } }),
  );
  return page.value.map((user) => ({ id: user.id, label: `${user.displayName} (${user.mail ?? user.userPrincipalName})` }));
}
