import { describe, expect, it } from 'vitest';
import { parseFilter } from './filter-parser.js';
import { pageInMemory } from './in-memory-page.js';
import type { CollectionQuery } from './query-options.js';

const roles = [
  { id: '3', displayName: 'User Administrator', builtIn: true },
  { id: '1', displayName: 'Global Administrator', builtIn: true },
  { id: '2', displayName: 'Custom reader', builtIn: false },
];
const fields = { id: (r: (typeof roles)[number]) => r.id, displayName: (r: (typeof roles)[number]) => r.displayName, isBuiltIn: (r: (typeof roles)[number]) => r.builtIn };
const query = (overrides: Partial<CollectionQuery>): CollectionQuery => ({ orderBy: [], top: 100, count: false, expand: [], ...overrides });
const names = (items: { displayName: string }[]) => items.map((item) => item.displayName);

describe('pageInMemory', () => {
  it.each([
    ["displayName eq 'user administrator'", ['User Administrator']],
    ["startswith(displayName,'g')", ['Global Administrator']],
    ["contains(displayName,'admin') and isBuiltIn eq true", ['Global Administrator', 'User Administrator']],
    ["not (isBuiltIn eq true)", ['Custom reader']],
    ["id in ('1','2')", ['Global Administrator', 'Custom reader']],
    ["displayName ne 'Custom reader'", ['Global Administrator', 'User Administrator']],
  ])('%s', (filter, expected) => {
    expect(names(pageInMemory(roles, query({ filter: parseFilter(filter) }), (r) => r.id, fields).items)).toEqual(expected);
  });

  it('sorts, counts and pages with a token bound to the query', () => {
    const first = pageInMemory(roles, query({ top: 2, count: true, orderBy: [{ property: 'displayName', direction: 'desc' }] }), (r) => r.id, fields);
    expect(names(first.items)).toEqual(['User Administrator', 'Global Administrator']);
    expect(first.count).toBe(3);
    const second = pageInMemory(roles, query({ top: 2, skipToken: first.nextSkipToken!, orderBy: [{ property: 'displayName', direction: 'desc' }] }), (r) => r.id, fields);
    expect(names(second.items)).toEqual(['Custom reader']);
    expect(second.nextSkipToken).toBeUndefined();
    expect(() => pageInMemory(roles, query({ top: 2, skipToken: first.nextSkipToken! }), (r) => r.id, fields)).toThrow(/skiptoken/);
  });

  it('refuses properties the list does not offer', () => {
    expect(() => pageInMemory(roles, query({ filter: parseFilter("templateId eq '1'") }), (r) => r.id, fields)).toThrow(/templateId/);
    expect(() => pageInMemory(roles, query({ filter: parseFilter("constructor eq '1'") }), (r) => r.id, fields)).toThrow(/constructor/);
  });
});
