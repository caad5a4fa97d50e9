import { describe, expect, it } from 'vitest';
import type { ComparisonOperator, FilterExpression, Literal } from './filter-ast.js';
import { parseFilter } from './filter-parser.js';
import { ODataSyntaxError } from './odata-syntax-error.js';

const str = (value: string): Literal => ({ type: 'string', value });
const num = (value: number): Literal => ({ type: 'number', value });
const bool = (value: boolean): Literal => ({ type: 'boolean', value });
const nul: Literal = { type: 'null' };
const dt = (value: string): Literal => ({ type: 'datetime', value });
const guid = (value: string): Literal => ({ type: 'guid', value });
const cmp = (operator: ComparisonOperator, property: string, value: Literal): FilterExpression => ({
  kind: 'compare', operator, property, value,
});
const eq = (property: string, value: Literal) => cmp('eq', property, value);
const and = (left: FilterExpression, right: FilterExpression): FilterExpression => ({ kind: 'and', left, right });
const or = (left: FilterExpression, right: FilterExpression): FilterExpression => ({ kind: 'or', left, right });
const not = (operand: FilterExpression): FilterExpression => ({ kind: 'not', operand });
const fn = (name: 'startswith' | 'endswith' | 'contains', property: string, value: string): FilterExpression => ({
  kind: 'function', name, property, value: str(value),
});
const inList = (property: string, values: Literal[]): FilterExpression => ({ kind: 'in', property, values });

const G = '01234567-89ab-cdef-0123-456789abcdef';

describe('parseFilter: valid input', () => {
  it.each<[string, FilterExpression]>([
    // literals
    ["displayName eq 'Sales'", eq('displayName', str('Sales'))],
    ["displayName eq 'O''Brien'", eq('displayName', str("O'Brien"))],
    ["displayName eq ''", eq('displayName', str(''))],
    ["displayName eq ''''", eq('displayName', str("'"))],
    ["displayName eq 'a and b or (c)'", eq('displayName', str('a and b or (c)'))],
    ["displayName eq 'héllo wörld ✓'", eq('displayName', str('héllo wörld ✓'))],
    ['count eq 42', eq('count', num(42))],
    ['count eq -7', eq('count', num(-7))],
    ['ratio eq 1.25', eq('ratio', num(1.25))],
    ['ratio eq 1.5e3', eq('ratio', num(1500))],
    ['ratio eq 2E-2', eq('ratio', num(0.02))],
    ['count eq 007', eq('count', num(7))],
    ['isEnabled eq true', eq('isEnabled', bool(true))],
    ['isEnabled eq FALSE', eq('isEnabled', bool(false))],
    ['manager eq null', eq('manager', nul)],
    ['manager ne NULL', cmp('ne', 'manager', nul)],
    ['createdDateTime ge 2024-01-31T10:00:00Z', cmp('ge', 'createdDateTime', dt('2024-01-31T10:00:00Z'))],
    ['createdDateTime lt 2024-01-31T10:00:00.1234567+05:30', cmp('lt', 'createdDateTime', dt('2024-01-31T10:00:00.1234567+05:30'))],
    ['createdDateTime gt 2024-01-31T10:00-08:00', cmp('gt', 'createdDateTime', dt('2024-01-31T10:00-08:00'))],
    ['expiry le 2024-02-29', cmp('le', 'expiry', dt('2024-02-29'))],
    ['expiry le 2000-02-29', cmp('le', 'expiry', dt('2000-02-29'))],
    [`id eq ${G}`, eq('id', guid(G))],
    [`id eq ${G.toUpperCase()}`, eq('id', guid(G.toUpperCase()))],
    ['id eq deadbeef-dead-beef-dead-beefdeadbeef', eq('id', guid('deadbeef-dead-beef-dead-beefdeadbeef'))],
    // operators and paths
    ['a ne 1', cmp('ne', 'a', num(1))],
    ['a gt 1', cmp('gt', 'a', num(1))],
    ['a ge 1', cmp('ge', 'a', num(1))],
    ['a lt 1', cmp('lt', 'a', num(1))],
    ['a le 1', cmp('le', 'a', num(1))],
    ['a EQ 1', eq('a', num(1))],
    ["catalog/id eq 'x'", eq('catalog/id', str('x'))],
    ["onPremisesExtensionAttributes/extensionAttribute1 eq 'x'", eq('onPremisesExtensionAttributes/extensionAttribute1', str('x'))],
    ["DisplayName eq 'x'", eq('DisplayName', str('x'))],
    ["_private_1 eq 'x'", eq('_private_1', str('x'))],
    // literal on the left is mirrored
    ["'Sales' eq displayName", eq('displayName', str('Sales'))],
    ['5 lt count', cmp('gt', 'count', num(5))],
    ['5 ge count', cmp('le', 'count', num(5))],
    ['null ne manager', cmp('ne', 'manager', nul)],
    // whitespace
    ["  displayName   eq\t'x'  ", eq('displayName', str('x'))],
    ["a eq 1\nand\r\nb eq 2", and(eq('a', num(1)), eq('b', num(2)))],
    ["(a eq 1)and(b eq 2)", and(eq('a', num(1)), eq('b', num(2)))],
    // precedence
    ['a eq 1 or b eq 2 and c eq 3', or(eq('a', num(1)), and(eq('b', num(2)), eq('c', num(3))))],
    ['a eq 1 and b eq 2 or c eq 3', or(and(eq('a', num(1)), eq('b', num(2))), eq('c', num(3)))],
    ['(a eq 1 or b eq 2) and c eq 3', and(or(eq('a', num(1)), eq('b', num(2))), eq('c', num(3)))],
    ['a eq 1 and b eq 2 and c eq 3', and(and(eq('a', num(1)), eq('b', num(2))), eq('c', num(3)))],
    ['a eq 1 or b eq 2 or c eq 3', or(or(eq('a', num(1)), eq('b', num(2))), eq('c', num(3)))],
    ['a eq 1 AND b eq 2 Or c eq 3', or(and(eq('a', num(1)), eq('b', num(2))), eq('c', num(3)))],
    ['not a eq 1 and b eq 2', and(not(eq('a', num(1))), eq('b', num(2)))],
    ['not a eq 1 or b eq 2', or(not(eq('a', num(1))), eq('b', num(2)))],
    ['not (a eq 1 and b eq 2)', not(and(eq('a', num(1)), eq('b', num(2))))],
    ['NOT(a eq 1)', not(eq('a', num(1)))],
    ['not not a eq 1', not(not(eq('a', num(1))))],
    ['a eq 1 and not b eq 2', and(eq('a', num(1)), not(eq('b', num(2))))],
    ['((a eq 1))', eq('a', num(1))],
    ['a eq 1 and (b eq 2 or (c eq 3 and d eq 4))', and(eq('a', num(1)), or(eq('b', num(2)), and(eq('c', num(3)), eq('d', num(4)))))],
    // functions
    ["startswith(displayName,'Sal')", fn('startswith', 'displayName', 'Sal')],
    ["endswith(mail,'@contoso.com')", fn('endswith', 'mail', '@contoso.com')],
    ["contains(displayName,'a''b')", fn('contains', 'displayName', "a'b")],
    ["StartsWith( displayName , 'x' )", fn('startswith', 'displayName', 'x')],
    ["startswith(catalog/displayName,'x')", fn('startswith', 'catalog/displayName', 'x')],
    ["startswith(displayName,'a') eq true", fn('startswith', 'displayName', 'a')],
    ["startswith(displayName,'a') ne false", fn('startswith', 'displayName', 'a')],
    ["startswith(displayName,'a') eq false", not(fn('startswith', 'displayName', 'a'))],
    ["startswith(displayName,'a') ne true", not(fn('startswith', 'displayName', 'a'))],
    ["not startswith(displayName,'a')", not(fn('startswith', 'displayName', 'a'))],
    ["startswith(a,'x') or endswith(a,'y') and contains(a,'z')", or(fn('startswith', 'a', 'x'), and(fn('endswith', 'a', 'y'), fn('contains', 'a', 'z')))],
    ["startswith(a,'x') eq true and b eq 1", and(fn('startswith', 'a', 'x'), eq('b', num(1)))],
    // in
    ["id in ('a')", inList('id', [str('a')])],
    ["id in ('a', 'b' ,'c')", inList('id', [str('a'), str('b'), str('c')])],
    [`id IN (${G}, 1, null, true)`, inList('id', [guid(G), num(1), nul, bool(true)])],
    ["id in ('a') and b eq 2", and(inList('id', [str('a')]), eq('b', num(2)))],
    [`id in (${Array.from({ length: 100 }, (_, i) => i).join(',')})`, inList('id', Array.from({ length: 100 }, (_, i) => num(i)))],
  ])('%s', (input, expected) => {
    expect(parseFilter(input)).toStrictEqual(expected);
  });

  it('accepts nesting of exactly 32 levels', () => {
    const input = `${'('.repeat(32)}a eq 1${')'.repeat(32)}`;
    expect(parseFilter(input)).toStrictEqual(eq('a', num(1)));
  });

  it('accepts input of exactly 4096 characters', () => {
    const input = `a eq '${'x'.repeat(4096 - 7)}'`;
    expect(input).toHaveLength(4096);
    expect(parseFilter(input)).toStrictEqual(eq('a', str('x'.repeat(4089))));
  });
});

describe('parseFilter: invalid input', () => {
  it.each<[string, number | undefined, string]>([
    // [input, position, fragment the message must contain]
    ['', undefined, '$filter is empty'],
    ['   ', undefined, '$filter is empty'],
    ['displayName eq', 14, "expected a value after 'eq' but found end of input"],
    ['displayName', 11, "expected a comparison operator (eq, ne, gt, ge, lt, le, in) after 'displayName' but found end of input"],
    ["displayName equals 'x'", 12, "but found 'equals'"],
    ["displayName == 'x'", 12, "unexpected character '='"],
    ['displayName eq "x"', 15, `unexpected character '"'; string literals use single quotes`],
    ["displayName eq 'abc", 15, "unterminated string literal 'abc: missing closing quote"],
    ["displayName eq 'O'Brien'", 18, "expected 'and', 'or' or end of input but found 'Brien'"],
    ['a eq b', 5, "found 'b'; comparing two properties is not supported"],
    ['a eq 1 b eq 2', 7, "expected 'and', 'or' or end of input but found 'b'"],
    ['a eq 1)', 6, "found ')'"],
    ['(a eq 1', 7, "expected ')' to close the '(' at position 0 but found end of input"],
    ['()', 1, "expected a property name, a function call, 'not' or '(' but found ')'"],
    ['a eq 1 and', 10, 'found end of input'],
    ['a eq 1 or or b eq 2', 10, "found 'or'"],
    ['and eq 1', 0, "found 'and'"],
    ['not', 3, 'found end of input'],
    ['1 eq 1', 5, "expected a property name after 'eq' but found '1'"],
    ["'x' eq", 6, 'found end of input'],
    ['a eq 1e999', 5, "number '1e999' is not finite"],
    ['a eq -1e400', 5, "number '-1e400' is not finite"],
    ['a eq INF', 5, "number 'INF' is not finite"],
    ['a eq NaN', 5, "number 'NaN' is not finite"],
    ['a eq 12345678901234567890', 5, "integer '12345678901234567890' is outside the range"],
    ['a eq 1abc', 5, "invalid token '1abc'"],
    ['a eq 1.', 5, "invalid token '1.'"],
    ['a eq .5', 5, "invalid token '.5'"],
    ['a eq -', 5, "invalid token '-'"],
    ['a/ eq 1', 0, "invalid token 'a/'"],
    ['microsoft.graph.user/id eq 1', 0, "invalid token 'microsoft.graph.user/id'"],
    ['a eq 2024-13-01', 5, "invalid date/time literal '2024-13-01'"],
    ['a eq 2023-02-29', 5, "invalid date/time literal '2023-02-29'"],
    ['a eq 2024-04-31', 5, "invalid date/time literal '2024-04-31'"],
    ['a eq 2024-01-31T10:00:00', 5, "invalid date/time literal '2024-01-31T10:00:00'"],
    ['a eq 2024-01-31T25:00:00Z', 5, "invalid date/time literal '2024-01-31T25:00:00Z'"],
    ['a eq 2024-01-31T10:60Z', 5, "invalid date/time literal '2024-01-31T10:60Z'"],
    ['a eq 01234567-89ab-cdef-0123-456789abcde', 5, "invalid token '01234567-89ab-cdef-0123-456789abcde'"],
    ['@alias eq 1', 0, "unexpected character '@'"],
    ['a eq 1 😀', 7, "unexpected character '😀'"],
    ['a eq [1]', 5, "unexpected character '['"],
    // unsupported syntax
    ["otherMails/any(x:x eq 'a')", 11, "lambda operator 'any' in 'otherMails/any' is not supported"],
    ["members/ALL(m:m/id eq 'a')", 8, "lambda operator 'ALL' in 'members/ALL' is not supported"],
    ["any(x:x eq 'a')", 0, "lambda operator 'any' is not supported"],
    ['a add 1 eq 2', 2, "arithmetic operator 'add' is not supported"],
    ['a eq 1 sub 2', 7, "arithmetic operator 'sub' is not supported"],
    ['a mul 2 eq 4', 2, "arithmetic operator 'mul' is not supported"],
    ['a DIV 2 eq 4', 2, "arithmetic operator 'DIV' is not supported"],
    ['a mod 2 eq 0', 2, "arithmetic operator 'mod' is not supported"],
    ["(a eq 1 mod 2)", 8, "arithmetic operator 'mod' is not supported"],
    ["roles has 'Admin'", 6, "operator 'has' is not supported"],
    ["tolower(displayName) eq 'x'", 0, "function 'tolower' is not supported; supported functions are startswith, endswith and contains"],
    ["startswith(tolower(displayName),'x')", 11, "function 'tolower' is not supported"],
    ["foo/startswith(a,'x')", 0, "function 'foo/startswith' is not supported"],
    ["substringof('x',displayName)", 0, "function 'substringof' is not supported"],
    // malformed function calls
    ["startswith(displayName)", 22, "expected ',' after the first argument of startswith but found ')'"],
    ["startswith('x',displayName)", 11, "expected a property name as the first argument of startswith but found 'x'"],
    ['startswith(displayName,1)', 23, "expected a string literal as the second argument of startswith but found '1'"],
    ["startswith(displayName,'a','b')", 26, "expected ')' after the second argument of startswith but found ','"],
    ["startswith(displayName,'a' eq true", 27, "expected ')' after the second argument of startswith but found 'eq'"],
    ["startswith(displayName,'a') eq 1", 31, "expected true or false after 'eq' (startswith() returns a boolean) but found '1'"],
    ["contains(displayName,'a') gt true", 26, "contains() can only be compared with 'eq' or 'ne' but found 'gt'"],
    // in lists
    ['id in', 5, "expected '(' after 'in' but found end of input"],
    ["id in 'a'", 6, "expected '(' after 'in' but found 'a'"],
    ['id in ()', 7, "expected a value in the 'in' list but found ')'"],
    ["id in ('a',)", 11, "expected a value in the 'in' list but found ')'"],
    ["id in ('a' 'b')", 11, "expected ',' or ')' in the 'in' list but found 'b'"],
    ["id in ('a', b)", 12, "expected a value in the 'in' list but found 'b'"],
    ["id in ('a'", 10, "expected ',' or ')' in the 'in' list but found end of input"],
    [`id in (${Array.from({ length: 101 }, () => '1').join(',')})`, 207, "the 'in' list has more than 100 values; found extra value '1'"],
  ])('%j', (input, position, fragment) => {
    const error = captureError(input);
    expect(error.option).toBe('$filter');
    expect(error.position).toBe(position);
    expect(error.message).toContain(fragment);
    if (position !== undefined) expect(error.message).toMatch(new RegExp(`^Syntax error at position ${position} in \\$filter: `));
  });

  it('rejects input over 4096 characters', () => {
    const error = captureError(`a eq '${'x'.repeat(4096)}'`);
    expect(error.message).toBe('Syntax error in $filter: $filter is 4103 characters long; the maximum is 4096');
    expect(error.position).toBeUndefined();
  });

  it('rejects parentheses nested deeper than 32 levels', () => {
    const error = captureError(`${'('.repeat(33)}a eq 1${')'.repeat(33)}`);
    expect(error.position).toBe(32);
    expect(error.message).toContain("expression is nested more than 32 levels deep at '('");
  });

  it('rejects a chain of not deeper than 32 levels', () => {
    const error = captureError(`${'not '.repeat(33)}a eq 1`);
    expect(error.position).toBe(128);
    expect(error.message).toContain("nested more than 32 levels deep at 'not'");
  });

  it('quotes only a bounded prefix of a huge token', () => {
    const error = captureError(`a eq '${'y'.repeat(500)}`);
    expect(error.message).toContain(`'${'y'.repeat(36)}...`);
    expect(error.message.length).toBeLessThan(200);
  });

  it('produces an ODataSyntaxError that is also an Error', () => {
    const error = captureError('a eq');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ODataSyntaxError');
    expect(error.detail).toBe("expected a value after 'eq' but found end of input");
  });
});

describe('parseFilter: determinism', () => {
  it.each([
    "a eq 1 or b eq 2 and not c eq 3",
    "startswith(displayName,'a') eq false and id in ('x', 'y')",
    `(catalog/id eq ${G} or createdDateTime ge 2024-01-31T10:00:00Z) and '5' eq x`,
  ])('parsing %j twice gives deep-equal, independent results', (input) => {
    const first = parseFilter(input);
    const second = parseFilter(input);
    expect(second).toStrictEqual(first);
    expect(second).not.toBe(first);
  });
});

function captureError(input: string): ODataSyntaxError {
  try {
    parseFilter(input);
  } catch (error) {
    if (error instanceof ODataSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}
