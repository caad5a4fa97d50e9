import { describe, expect, it } from 'vitest';
import { ODataSyntaxError } from './odata-syntax-error.js';
import { type OrderByKey, parseOrderBy } from './orderby-parser.js';

const asc = (property: string): OrderByKey => ({ property, direction: 'asc' });
const desc = (property: string): OrderByKey => ({ property, direction: 'desc' });

describe('parseOrderBy: valid input', () => {
  it.each<[string, OrderByKey[]]>([
    ['displayName', [asc('displayName')]],
    ['displayName asc', [asc('displayName')]],
    ['displayName desc', [desc('displayName')]],
    ['displayName DESC', [desc('displayName')]],
    ['displayName Asc', [asc('displayName')]],
    ['catalog/displayName desc', [desc('catalog/displayName')]],
    ['displayName desc,createdDateTime', [desc('displayName'), asc('createdDateTime')]],
    ['  displayName   desc ,  createdDateTime asc  ', [desc('displayName'), asc('createdDateTime')]],
    ['a\tdesc,\nb', [desc('a'), asc('b')]],
    ['a,b,c,d,e', [asc('a'), asc('b'), asc('c'), asc('d'), asc('e')]],
    ['a desc,b desc,c,d asc,e desc', [desc('a'), desc('b'), asc('c'), asc('d'), desc('e')]],
    // Property names are case-sensitive, so these are distinct keys.
    ['name,Name', [asc('name'), asc('Name')]],
    ['catalog/id,id', [asc('catalog/id'), asc('id')]],
  ])('%j', (input, expected) => {
    expect(parseOrderBy(input)).toStrictEqual(expected);
  });
});

describe('parseOrderBy: invalid input', () => {
  it.each<[string, number | undefined, string]>([
    ['', undefined, '$orderby is empty'],
    [' \t ', undefined, '$orderby is empty'],
    [',a', 0, "expected a property name but found ','"],
    ['a,', 2, 'expected a property name but found end of input'],
    ['a, ', 3, 'expected a property name but found end of input'],
    ['a,,b', 2, "expected a property name but found ','"],
    ['a up', 2, "expected 'asc', 'desc', ',' or end of input after 'a' but found 'up'"],
    ['a b', 2, "after 'a' but found 'b'"],
    ['a asc desc', 6, "expected ',' or end of input after 'asc' but found 'desc'"],
    ['a desc b', 7, "after 'desc' but found 'b'"],
    ['1abc', 0, "invalid property path '1abc'"],
    ['a/', 0, "invalid property path 'a/'"],
    ['/a', 0, "invalid property path '/a'"],
    ['a//b', 0, "invalid property path 'a//b'"],
    ['a-b desc', 0, "invalid property path 'a-b'"],
    ['length(displayName)', 0, "invalid property path 'length(displayName)'; functions are not supported in $orderby"],
    ['a,b,c,d,e,f', 10, "at most 5 sort keys are allowed; found extra key 'f'"],
    ['a,b,c,d,e,a', 10, 'at most 5 sort keys are allowed'],
    ['a,a', 2, "property 'a' appears more than once"],
    ['a asc, b, a desc', 10, "property 'a' appears more than once"],
    ['catalog/id, catalog/id desc', 12, "property 'catalog/id' appears more than once"],
  ])('%j', (input, position, fragment) => {
    const error = captureError(input);
    expect(error.option).toBe('$orderby');
    expect(error.position).toBe(position);
    expect(error.message).toContain(fragment);
    if (position !== undefined) expect(error.message).toMatch(new RegExp(`^Syntax error at position ${position} in \\$orderby: `));
  });

  it('rejects input over 4096 characters', () => {
    expect(captureError('a'.repeat(4097)).message).toBe(
      'Syntax error in $orderby: $orderby is 4097 characters long; the maximum is 4096',
    );
  });
});

describe('parseOrderBy: determinism', () => {
  it('parsing the same input twice gives deep-equal, independent results', () => {
    const input = 'displayName desc, catalog/id, createdDateTime asc';
    const first = parseOrderBy(input);
    const second = parseOrderBy(input);
    expect(second).toStrictEqual(first);
    expect(second).not.toBe(first);
  });
});

function captureError(input: string): ODataSyntaxError {
  try {
    parseOrderBy(input);
  } catch (error) {
    if (error instanceof ODataSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}
