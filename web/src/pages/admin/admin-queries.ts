import { api, unwrap } from '../../api/client';
import type { AccessPackage, AssignmentRequest, AuditEntry, Catalog, Collection } from '../../api/graph';

/** The reads of the admin center; each page's filters become OData query options the server checks. */
const entitlement = '/v1.0/identityGovernance/entitlementManagement';

export const catalogs = () => unwrap<Collection<Catalog>>(api.GET(`${entitlement}/catalogs`, { params: { query: { $orderby: 'displayName', $top: '200' } } })).then((page) => page.value);

export const packagesOf = (catalogId: string) =>
  unwrap<Collection<AccessPackage>>(api.GET(`${entitlement}/catalogs/{id}/accessPackages`, { params: { path: { id: catalogId }, query: { $top: '200' } } })).then((page) => page.value);

export const allRequests = (filter: string | undefined, skipToken: string | undefined) =>
  unwrap<Collection<AssignmentRequest>>(
    api.GET(`${entitlement}/assignmentRequests`, { params: { query: { $expand: 'accessPackage,requestor,assignment($expand=target)', $orderby: 'createdDateTime desc', $top: '50', ...(filter ? { $filter: filter } : {}), ...(skipToken ? { $skiptoken: skipToken } : {}) } } }),
  );

export const oneRequest = (id: string) => unwrap<AssignmentRequest>(api.GET(`${entitlement}/assignmentRequests/{id}`, { params: { path: { id }, query: { $expand: 'accessPackage,requestor,assignment($expand=target)' } } }));

export const auditEntries = (filter: string | undefined, skipToken: string | undefined) =>
  unwrap<Collection<AuditEntry>>(api.GET('/v1.0/auditLogs/directoryAudits', { params: { query: { $top: '50', ...(filter ? { $filter: filter } : {}), ...(skipToken ? { $skiptoken: skipToken } : {}) } } }));

/** The $skiptoken of a page's next link, to ask for the page after it. */
export const nextSkipToken = (page: { '@odata.nextLink'?: string } | undefined) => (page?.['@odata.nextLink'] ? (new URL(page['@odata.nextLink']).searchParams.get('$skiptoken') ?? undefined) : undefined);

/** A value inside an OData string literal: quotes doubled, so what someone types stays a value. */
export const odataString = (value: string) => `'${value.replace(/'/g, "''")}'`;
