import { randomUUID } from 'node:crypto';
import { sql, type SqlBool } from 'kysely';
import { runCollectionQuery, type Page, type QueryableProperties } from '../../db/collection-query.js';
import type { Executor, ResourceRequestsTable } from '../../db/database.js';
import { resourceRequestStates, resourceRequestTypes, type ResourceRequest } from '../../domain/catalog-resource.js';
import type { CollectionQuery } from '../../http/odata/query-options.js';

/** Requests that brought resources into catalogs or took them out: the record of who curated what. */
function fromRow(row: ResourceRequestsTable): ResourceRequest {
  return {
    id: row.id,
    requestType: row.request_type as ResourceRequest['requestType'],
    state: row.state as ResourceRequest['state'],
    catalogId: row.catalog_id,
    resourceId: row.resource_id,
    requestorId: row.requestor_id,
    createdDateTime: row.created_date_time,
  };
}

export const resourceRequestQueryableProperties: QueryableProperties = {
  id: { column: 'id', kind: 'caseSensitiveText' },
  requestType: { column: 'request_type', kind: 'enum', values: resourceRequestTypes },
  state: { column: 'state', kind: 'enum', values: resourceRequestStates },
  createdDateTime: { column: 'created_date_time', kind: 'dateTime', sortable: true },
  'catalog/id': { column: 'catalog_id', kind: 'caseSensitiveText' },
  'resource/id': { column: 'resource_id', kind: 'caseSensitiveText' },
};

export async function insertResourceRequest(db: Executor, request: Omit<ResourceRequest, 'id'>): Promise<ResourceRequest> {
  const created: ResourceRequest = { id: randomUUID(), ...request };
  await db
    .insertInto('resource_requests')
    .values({
      id: created.id,
      request_type: created.requestType,
      state: created.state,
      catalog_id: created.catalogId,
      resource_id: created.resourceId,
      requestor_id: created.requestorId,
      created_date_time: created.createdDateTime,
    })
    .execute();
  return created;
}

export function listResourceRequests(db: Executor, query: CollectionQuery, visible: 'all' | readonly string[]): Promise<Page<ResourceRequest>> {
  let base = db.selectFrom('resource_requests').selectAll();
  if (visible !== 'all') base = visible.length ? base.where('catalog_id', 'in', [...visible]) : base.where(sql<SqlBool>`1 = 0`);
  return runCollectionQuery(base, resourceRequestQueryableProperties, query, 'id', fromRow);
}
