import { ValidationError } from '../../domain/errors.js';
import type { FilterExpression, Literal } from './filter-ast.js';
import type { CollectionQuery } from './query-options.js';
import { decodeSkipToken, encodeSkipToken } from './skip-token.js';

/**
 * Paging, filtering and sorting for short lists held in memory (role definitions, sponsors,
 * relationship lists), with the same semantics as the SQL path: case-insensitive text, the same
 * opaque $skiptoken, and a 400 for any property the list does not offer.
 */
export type FieldValue = string | number | boolean | null;
export type InMemoryFields<T> = Readonly<Record<string, (item: T) => FieldValue>>;
export type InMemoryPage<T> = { items: T[]; count?: number; nextSkipToken?: string };

export function pageInMemory<T>(items: readonly T[], query: CollectionQuery, key: (item: T) => string, fields: InMemoryFields<T> = {}): InMemoryPage<T> {
  const field = (name: string, option: string) => {
    const read = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (!read) {
      const supported = Object.keys(fields);
      throw new ValidationError(`Property '${name}' is not supported in ${option} here${supported.length ? `; supported: ${supported.join(', ')}` : ''}.`, option);
    }
    return read;
  };
  const matching = query.filter ? items.filter((item) => evaluate(query.filter!, item, field)) : [...items];
  const sorted = matching.sort((a, b) => {
    for (const { property, direction } of query.orderBy) {
      const order = compare(field(property, '$orderby')(a), field(property, '$orderby')(b));
      if (order !== 0) return direction === 'asc' ? order : -order;
    }
    return compare(key(a), key(b));
  });
  const position = query.skipToken ? decodeSkipToken(query.skipToken, query) : undefined;
  const start = position?.after !== undefined ? sorted.findIndex((item) => compare(key(item), String(position.after)) > 0) : (position?.offset ?? 0);
  const rest = start < 0 ? [] : sorted.slice(start);
  const page: InMemoryPage<T> = { items: rest.slice(0, query.top) };
  if (rest.length > query.top) {
    page.nextSkipToken = encodeSkipToken(query.orderBy.length === 0 ? { after: key(page.items.at(-1)!) } : { offset: start + query.top }, query);
  }
  if (query.count) page.count = matching.length;
  return page;
}

function compare(a: FieldValue, b: FieldValue): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  const left = typeof a === 'string' ? a.toLowerCase() : a;
  const right = typeof b === 'string' ? b.toLowerCase() : b;
  return left < right ? -1 : left > right ? 1 : 0;
}

function literalValue(literal: Literal): FieldValue {
  return literal.type === 'null' ? null : literal.value;
}

function evaluate<T>(expression: FilterExpression, item: T, field: (name: string, option: string) => (item: T) => FieldValue): boolean {
  switch (expression.kind) {
    case 'and':
      return evaluate(expression.left, item, field) && evaluate(expression.right, item, field);
    case 'or':
      return evaluate(expression.left, item, field) || evaluate(expression.right, item, field);
    case 'not':
      return !evaluate(expression.operand, item, field);
    case 'in': {
      const value = field(expression.property, '$filter')(item);
      return expression.values.some((literal) => compare(value, literalValue(literal)) === 0);
    }
    case 'function': {
      const value = field(expression.property, '$filter')(item);
      const part = literalValue(expression.value);
      if (typeof value !== 'string' || typeof part !== 'string') return false;
      const [text, needle] = [value.toLowerCase(), part.toLowerCase()];
      if (expression.name === 'startswith') return text.startsWith(needle);
      if (expression.name === 'endswith') return text.endsWith(needle);
      return text.includes(needle);
    }
    case 'compare': {
      const value = field(expression.property, '$filter')(item);
      const other = literalValue(expression.value);
      if (other === null || value === null) {
        const same = value === other;
        if (expression.operator === 'eq') return same;
        if (expression.operator === 'ne') return !same;
        return false;
      }
      const order = compare(value, other);
      return { eq: order === 0, ne: order !== 0, gt: order > 0, ge: order >= 0, lt: order < 0, le: order <= 0 }[expression.operator];
    }
  }
}
