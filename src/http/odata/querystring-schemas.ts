import { z } from 'zod';

/**
 * Querystring schemas for OpenAPI. They document the options; parsing and checking happen in
 * query-options.ts, which also refuses the ones a resource does not support.
 */
const option = (description: string) => z.string().optional().describe(description);

export const collectionQuerystring = z.looseObject({
  $filter: option("OData filter, e.g. department eq 'IT' and startswith(displayName,'A')"),
  $select: option('Comma-separated properties to return'),
  $expand: option('Relationships to include, e.g. resourceRoleScopes($expand=role,scope)'),
  $orderby: option('Properties to sort by, e.g. displayName desc'),
  $top: option('Page size, 1 to 999 (default 100)'),
  $count: option('true to include @odata.count'),
  $skiptoken: option('Opaque paging token from @odata.nextLink'),
});

export const itemQuerystring = z.looseObject({
  $select: option('Comma-separated properties to return'),
  $expand: option('Relationships to include'),
});

export const idParams = z.object({ id: z.string().min(1).max(256) });
