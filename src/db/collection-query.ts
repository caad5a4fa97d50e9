import { sql, type Expression, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { ValidationError } from '../domain/errors.js';
import type { FilterExpression, Literal } from '../http/odata/filter-ast.js';
import type { CollectionQuery } from '../http/odata/query-options.js';
import { decodeSkipToken, encodeSkipToken } from '../http/odata/skip-token.js';
import { rowCount, textMatch } from './dialect.js';

/**
 * Turns a parsed OData collection query into SQL over a repository's base query. Each repository
 * declares which Graph properties may be filtered and sorted, and on which column; user text only
 * ever reaches the database as bound parameters.
 */
/** idList: a column holding ' id1 id2 … ', matched by eq on any one id (e.g. audit targets). */
export type PropertyKind = 'text' | 'caseSensitiveText' | 'enum' | 'boolean' | 'dateTime' | 'number' | 'idList';

export type QueryableProperty = {
  column: string;
  kind: PropertyKind;
  /** allowed values of an enum property, checked so that a typo is a 400, not an empty page */
  values?: readonly string[];
  sortable?: boolean;
};

export type QueryableProperties = Readonly<Record<string, QueryableProperty>>;

export type Page<T> = { items: T[]; count?: number; nextSkipToken?: string };

type AnyQuery = SelectQueryBuilder<any, any, any>;

/**
 * The key pages are cut on: unique, and the tiebreak of every $orderby. Without $orderby, paging
 * is keyset on it (stable under concurrent inserts, cheap on deep pages); with one, by offset.
 */
export type PageKey = { column: string; direction: 'asc' | 'desc' };

export async function runCollectionQuery<Row, Item>(
  base: AnyQuery,
  properties: QueryableProperties,
  query: CollectionQuery,
  pageKey: string | PageKey,
  toItem: (row: Row) => Item,
): Promise<Page<Item>> {
  const key: PageKey = typeof pageKey === 'string' ? { column: pageKey, direction: 'asc' } : pageKey;
  const where = query.filter ? compileFilter(query.filter, properties) : undefined;
  const filtered = where ? base.where(where) : base;
  const position = query.skipToken ? decodeSkipToken(query.skipToken, query) : undefined;

  let page = filtered.limit(rowCount(query.top + 1));
  if (query.orderBy.length === 0) {
    if (position?.after !== undefined) page = page.where(sql.ref(key.column), key.direction === 'asc' ? '>' : '<', position.after);
  } else {
    for (const orderKey of query.orderBy) {
      const property = propertyFor(properties, orderKey.property, '$orderby');
      if (!property.sortable) throw new ValidationError(`Sorting by '${orderKey.property}' is not supported.`, '$orderby');
      // Text sorts as it compares: case-insensitively, the same on both dialects, served by the lower() indexes.
      const sortKey = property.kind === 'text' ? sql`lower(${sql.ref(property.column)})` : sql.ref(property.column);
      page = page.orderBy(sortKey, orderKey.direction);
    }
    page = page.offset(rowCount(position?.offset ?? 0));
  }
  page = page.orderBy(sql.ref(key.column), key.direction);

  const rows = (await page.execute()) as Row[];
  const hasMore = rows.length > query.top;
  const items = rows.slice(0, query.top).map(toItem);
  const result: Page<Item> = { items };
  if (hasMore) {
    const last = rows[query.top - 1] as Record<string, unknown>;
    const lastKey = last[key.column.split('.').pop()!] as string | number;
    result.nextSkipToken = encodeSkipToken(query.orderBy.length === 0 ? { after: lastKey } : { offset: (position?.offset ?? 0) + query.top }, query);
  }
  if (query.count) {
    const counted = await filtered.clearSelect().select(sql<number>`count(*)`.as('count')).executeTakeFirst();
    result.count = Number((counted as { count: number | string } | undefined)?.count ?? 0);
  }
  return result;
}

export function compileFilter(expression: FilterExpression, properties: QueryableProperties): Expression<SqlBool> {
  switch (expression.kind) {
    case 'and':
      return sql<SqlBool>`(${compileFilter(expression.left, properties)} and ${compileFilter(expression.right, properties)})`;
    case 'or':
      return sql<SqlBool>`(${compileFilter(expression.left, properties)} or ${compileFilter(expression.right, properties)})`;
    case 'not':
      // coalesce keeps OData's two-valued logic: not(department eq 'IT') includes users without a department.
      return sql<SqlBool>`not coalesce(${compileFilter(expression.operand, properties)}, false)`;
    case 'in': {
      const property = propertyFor(properties, expression.property, '$filter');
      if (expression.values.length === 0) return sql<SqlBool>`1 = 0`;
      const parts = expression.values.map((value) => comparison(property, expression.property, 'eq', value));
      return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
    }
    case 'function': {
      const property = propertyFor(properties, expression.property, '$filter');
      if (property.kind !== 'text' && property.kind !== 'caseSensitiveText') {
        throw new ValidationError(`${expression.name}() applies to text properties; '${expression.property}' is not one.`, '$filter');
      }
      if (expression.value.type !== 'string') throw new ValidationError(`${expression.name}() on '${expression.property}' takes a quoted string.`, '$filter');
      const column = sql.ref(property.column);
      const text = expression.value.value;
      if (expression.name === 'startswith') return textMatch.startsWith(column, text);
      if (expression.name === 'endswith') return textMatch.endsWith(column, text);
      return textMatch.contains(column, text);
    }
    case 'compare': {
      const property = propertyFor(properties, expression.property, '$filter');
      return comparison(property, expression.property, expression.operator, expression.value);
    }
  }
}

const sqlOperators = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' } as const;

function comparison(property: QueryableProperty, name: string, operator: keyof typeof sqlOperators, literal: Literal): RawBuilder<SqlBool> {
  const column = sql.ref(property.column);
  if (literal.type === 'null') {
    if (operator === 'eq') return sql<SqlBool>`${column} is null`;
    if (operator === 'ne') return sql<SqlBool>`${column} is not null`;
    throw new ValidationError(`'${operator}' cannot compare '${name}' with null.`, '$filter');
  }
  const value = bindable(property, name, literal);
  const op = sql.raw(sqlOperators[operator]);
  if (property.kind === 'idList') {
    if (operator !== 'eq' || typeof value !== 'string') throw new ValidationError(`'${name}' supports only eq with a quoted id.`, '$filter');
    return sql<SqlBool>`${textMatch.contains(column, ` ${value} `)}`;
  }
  if (property.kind === 'text' && typeof value === 'string') {
    if (operator === 'eq') return sql<SqlBool>`${textMatch.equals(column, value)}`;
    if (operator === 'ne') return sql<SqlBool>`(${column} is null or not ${textMatch.equals(column, value)})`;
    return sql<SqlBool>`lower(${column}) ${op} lower(${value})`;
  }
  if (operator === 'ne') return sql<SqlBool>`(${column} is null or ${column} <> ${value})`;
  return sql<SqlBool>`${column} ${op} ${value}`;
}

function bindable(property: QueryableProperty, name: string, literal: Exclude<Literal, { type: 'null' }>): string | number {
  const mismatch = () => new ValidationError(`The value for '${name}' in $filter has the wrong type: expected ${describeKind(property)}.`, '$filter');
  switch (property.kind) {
    case 'boolean':
      if (literal.type !== 'boolean') throw mismatch();
      return literal.value ? 1 : 0;
    case 'number':
      if (literal.type !== 'number') throw mismatch();
      return literal.value;
    case 'dateTime': {
      if (literal.type !== 'datetime' && literal.type !== 'string') throw mismatch();
      const time = Date.parse(literal.value);
      if (Number.isNaN(time)) throw mismatch();
      return new Date(time).toISOString();
    }
    case 'enum':
      if (literal.type !== 'string') throw mismatch();
      if (property.values && !property.values.includes(literal.value)) {
        throw new ValidationError(`'${literal.value}' is not a valid value for '${name}'; expected one of ${property.values.join(', ')}.`, '$filter');
      }
      return literal.value;
    case 'text':
    case 'caseSensitiveText':
    case 'idList':
      if (literal.type !== 'string' && literal.type !== 'guid') throw mismatch();
      return literal.value;
  }
}

function describeKind(property: QueryableProperty): string {
  return { text: 'a quoted string', caseSensitiveText: 'a quoted string', idList: 'a quoted id', enum: 'a quoted string', boolean: 'true or false', dateTime: 'a date and time such as 2026-01-31T00:00:00Z', number: 'a number' }[property.kind];
}

function propertyFor(properties: QueryableProperties, name: string, option: string): QueryableProperty {
  // hasOwn: a name such as 'constructor' must not find Object.prototype's members.
  const property = Object.hasOwn(properties, name) ? properties[name] : undefined;
  if (!property) {
    const supported = Object.keys(properties).filter((key) => option !== '$orderby' || properties[key]!.sortable);
    const choices = supported.length ? `supported: ${supported.join(', ')}` : `this list does not support ${option}`;
    throw new ValidationError(`Property '${name}' is not supported in ${option}; ${choices}.`, option);
  }
  return property;
}
