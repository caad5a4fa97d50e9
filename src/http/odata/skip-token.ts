import { createHash } from 'node:crypto';
import { ValidationError } from '../../domain/errors.js';
import type { FilterExpression } from './filter-ast.js';

/**
 * Where the next page starts: after a key (keyset paging) or at an offset. The token is opaque to
 * clients but not secret; it carries a fingerprint of the query it came from, so that it cannot
 * be replayed against a different filter or order.
 */
export type PagePosition = { after?: string | number; offset?: number };
type QueryIdentity = { filter?: FilterExpression; orderBy: readonly { property: string; direction: string }[] };

function fingerprint(query: QueryIdentity): string {
  return createHash('sha256').update(JSON.stringify([query.filter ?? null, query.orderBy])).digest('base64url').slice(0, 12);
}

export function encodeSkipToken(position: PagePosition, query: QueryIdentity): string {
  return Buffer.from(JSON.stringify({ ...position, q: fingerprint(query) })).toString('base64url');
}

export function decodeSkipToken(token: string, query: QueryIdentity): PagePosition {
  const invalid = new ValidationError('The $skiptoken is not valid for this query; follow @odata.nextLink as returned.', '$skiptoken');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (typeof decoded !== 'object' || decoded === null) throw invalid;
  const { after, offset, q } = decoded as Record<string, unknown>;
  if (q !== fingerprint(query)) throw invalid;
  if (typeof after === 'string' || (typeof after === 'number' && Number.isFinite(after))) return { after };
  // A whole number SQL can take: it is written into the statement as digits (rowCount in db/dialect.ts).
  if (typeof offset === 'number' && Number.isSafeInteger(offset) && offset >= 0) return { offset };
  throw invalid;
}
