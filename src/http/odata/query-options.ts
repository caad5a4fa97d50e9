import { ValidationError } from '../../domain/errors.js';
import type { FilterExpression } from './filter-ast.js';
import { parseFilter } from './filter-parser.js';
import { parseOrderBy } from './orderby-parser.js';
import { parseExpand, parseSelect, type ExpandItem } from './select-expand-parser.js';

/**
 * The OData options of one collection request, parsed and checked against what the resource
 * supports. Anything unsupported is refused with 400 rather than silently ignored, because a
 * script that filters on an unsupported property must not act on the unfiltered list.
 */
export type CollectionQuery = {
  filter?: FilterExpression;
  orderBy: { property: string; direction: 'asc' | 'desc' }[];
  top: number;
  skipToken?: string;
  count: boolean;
  select?: string[];
  expand: ExpandItem[];
};

export type ItemQuery = { select?: string[]; expand: ExpandItem[] };

/** What a resource offers to $select and $expand (filterable and sortable properties live in its repository). */
export type ResourceShape = {
  name: string;
  properties: readonly string[];
  expandable: Readonly<Record<string, ResourceShape>>;
};

export const defaultPageSize = 100;
export const maxPageSize = 999;

const collectionOptions = new Set(['$filter', '$orderby', '$top', '$skiptoken', '$count', '$select', '$expand']);
const itemOptions = new Set(['$select', '$expand']);

export function parseCollectionQuery(raw: Record<string, unknown>, shape: ResourceShape): CollectionQuery {
  const options = optionValues(raw, collectionOptions);
  const query: CollectionQuery = { orderBy: [], top: defaultPageSize, count: false, expand: [] };
  if (options.$filter !== undefined) query.filter = parseFilter(options.$filter);
  if (options.$orderby !== undefined) query.orderBy = parseOrderBy(options.$orderby);
  if (options.$top !== undefined) {
    if (!/^\d+$/.test(options.$top) || Number(options.$top) < 1 || Number(options.$top) > maxPageSize) {
      throw new ValidationError(`Invalid value '${options.$top}' for $top: expected a whole number from 1 to ${maxPageSize}.`, '$top');
    }
    query.top = Number(options.$top);
  }
  if (options.$count !== undefined) {
    if (options.$count !== 'true' && options.$count !== 'false') throw new ValidationError(`Invalid value '${options.$count}' for $count: expected true or false.`, '$count');
    query.count = options.$count === 'true';
  }
  if (options.$skiptoken !== undefined) query.skipToken = options.$skiptoken;
  Object.assign(query, parseItemOptions(options, shape));
  return query;
}

export function parseItemQuery(raw: Record<string, unknown>, shape: ResourceShape): ItemQuery {
  return { expand: [], ...parseItemOptions(optionValues(raw, itemOptions), shape) };
}

function parseItemOptions(options: Record<string, string>, shape: ResourceShape): Partial<ItemQuery> {
  const result: Partial<ItemQuery> = {};
  if (options.$select !== undefined) {
    result.select = parseSelect(options.$select);
    checkSelect(result.select, shape);
  }
  if (options.$expand !== undefined) {
    result.expand = parseExpand(options.$expand);
    checkExpand(result.expand, shape);
  }
  return result;
}

function optionValues(raw: Record<string, unknown>, allowed: Set<string>): Record<string, string> {
  const options: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!key.startsWith('$')) continue; // Graph ignores ordinary parameters it does not know
    const option = key.toLowerCase();
    if (!allowed.has(option)) throw new ValidationError(`Query option '${key}' is not supported on this resource.`, key);
    if (typeof value !== 'string' || option in options) throw new ValidationError(`Query option '${key}' may be given only once.`, key);
    options[option] = value;
  }
  return options;
}

function checkSelect(select: string[], shape: ResourceShape): void {
  for (const property of select) {
    if (!shape.properties.includes(property) && !(property in shape.expandable)) {
      throw new ValidationError(`Could not find a property named '${property}' on type '${shape.name}' for $select.`, '$select');
    }
  }
}

function checkExpand(expand: ExpandItem[], shape: ResourceShape): void {
  for (const item of expand) {
    const target = shape.expandable[item.property];
    if (!target) {
      const supported = Object.keys(shape.expandable);
      throw new ValidationError(
        `Could not expand '${item.property}' on type '${shape.name}'${supported.length ? `; expandable: ${supported.join(', ')}` : ': it has no expandable relationships'}.`,
        '$expand',
      );
    }
    if (item.select) checkSelect(item.select, target);
    if (item.expand) checkExpand(item.expand, target);
  }
}

/** Keeps only the selected properties (and always id and @odata annotations), as Graph does. */
export function applySelect<T extends Record<string, unknown>>(item: T, select: string[] | undefined, expanded: string[] = []): Record<string, unknown> {
  if (!select) return item;
  const keep = new Set([...select, ...expanded, 'id']);
  return Object.fromEntries(Object.entries(item).filter(([key]) => keep.has(key) || key.startsWith('@odata.')));
}
