import type { FastifyRequest } from 'fastify';
import type { Page } from '../db/collection-query.js';
import type { CollectionQuery } from './odata/query-options.js';
import { applySelect } from './odata/query-options.js';

/**
 * The configured public URL. Links are never built from the Host header: a forged host would
 * make SDK page iterators follow @odata.nextLink, bearer token and all, to someone else.
 */
export function baseUrl(request: FastifyRequest): string {
  return request.server.publicUrl;
}

/**
 * A Graph collection: value, @odata.count when asked, and an opaque @odata.nextLink that repeats
 * the request's own options with the next page's $skiptoken.
 */
export function collectionResponse<T>(
  request: FastifyRequest,
  contextPath: string,
  page: Page<T>,
  query: CollectionQuery,
  toJson: (item: T) => Record<string, unknown>,
): Record<string, unknown> {
  const body: Record<string, unknown> = { '@odata.context': `${baseUrl(request)}/v1.0/$metadata#${contextPath}` };
  if (page.count !== undefined) body['@odata.count'] = page.count;
  body.value = page.items.map((item) => applySelect(toJson(item), query.select, query.expand.map((e) => e.property)));
  if (page.nextSkipToken) {
    const url = new URL(request.url, baseUrl(request));
    url.searchParams.delete('$skiptoken');
    url.searchParams.set('$skiptoken', page.nextSkipToken);
    body['@odata.nextLink'] = url.toString();
  }
  return body;
}

export function entityResponse(request: FastifyRequest, contextPath: string, entity: Record<string, unknown>, select?: string[], expanded: string[] = []): Record<string, unknown> {
  return { '@odata.context': `${baseUrl(request)}/v1.0/$metadata#${contextPath}/$entity`, ...applySelect(entity, select, expanded) };
}
