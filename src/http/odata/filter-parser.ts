import type { ComparisonOperator, FilterExpression, Literal, StringFunctionName } from './filter-ast.js';
import { FILTER_OPTION, FilterLexer, type Token } from './filter-lexer.js';
import { assertOptionText, ODataSyntaxError, quote, truncate } from './odata-syntax-error.js';

export const MAX_FILTER_DEPTH = 32;
export const MAX_IN_VALUES = 100;

const COMPARISON = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const ARITHMETIC = new Set(['add', 'sub', 'mul', 'div', 'divby', 'mod']);
const FUNCTIONS = new Set<string>(['startswith', 'endswith', 'contains']);
const LAMBDAS = new Set(['any', 'all']);
// Reserved so that e.g. `and eq 1` is reported as misplaced syntax, not as a property.
const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'has', ...COMPARISON, ...ARITHMETIC]);
const MIRRORED: Record<ComparisonOperator, ComparisonOperator> = {
  eq: 'eq', ne: 'ne', gt: 'lt', ge: 'le', lt: 'gt', le: 'ge',
};

/**
 * Parses a Graph v1.0 `$filter` expression. Grammar (lowest precedence first):
 *   or      := and ('or' and)*
 *   and     := unary ('and' unary)*
 *   unary   := 'not' unary | primary
 *   primary := '(' or ')' | path op literal | literal op path | path 'in' '(' literal,* ')'
 *            | fn '(' path ',' string ')' [('eq'|'ne') boolean]
 * `not` deliberately takes a whole comparison as its operand (as Graph does) rather
 * than following the spec's literal precedence, where `not a eq 1` would be ill-typed.
 */
export function parseFilter(text: string): FilterExpression {
  assertOptionText(FILTER_OPTION, text);
  return new FilterParser(text).parse();
}

class FilterParser {
  private readonly lexer: FilterLexer;
  private depth = 0;

  constructor(text: string) {
    this.lexer = new FilterLexer(text);
  }

  parse(): FilterExpression {
    const expression = this.parseOr();
    const token = this.lexer.peek();
    if (token.t !== 'eof') throw this.unexpected(token, "'and', 'or' or end of input");
    return expression;
  }

  private parseOr(): FilterExpression {
    let left = this.parseAnd();
    while (isKeyword(this.lexer.peek(), 'or')) {
      this.lexer.next();
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterExpression {
    let left = this.parseUnary();
    while (isKeyword(this.lexer.peek(), 'and')) {
      this.lexer.next();
      left = { kind: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): FilterExpression {
    const token = this.lexer.peek();
    if (!isKeyword(token, 'not')) return this.parsePrimary();
    this.lexer.next();
    this.enter(token);
    const operand = this.parseUnary();
    this.depth--;
    return { kind: 'not', operand };
  }

  private parsePrimary(): FilterExpression {
    const token = this.lexer.next();
    if (token.t === '(') {
      this.enter(token);
      const inner = this.parseOr();
      this.expect(')', "')' to close the '(' at position " + token.pos);
      this.depth--;
      return inner;
    }
    if (token.t === 'literal') return this.parseMirroredComparison(token);
    if (token.t === 'word' && this.lexer.peek().t === '(') return this.parseFunction(token);
    if (token.t === 'word' && !isReserved(token)) return this.parseComparison(token);
    throw this.unexpected(token, "a property name, a function call, 'not' or '('");
  }

  private parseComparison(path: Token): FilterExpression {
    const op = this.lexer.next();
    const name = op.raw.toLowerCase();
    if (op.t === 'word' && name === 'in') return this.parseIn(path.raw, op);
    if (op.t !== 'word' || !COMPARISON.has(name)) {
      throw this.unexpected(op, `a comparison operator (eq, ne, gt, ge, lt, le, in) after ${quote(path.raw)}`);
    }
    const value = this.lexer.next();
    if (value.t === 'literal') {
      return { kind: 'compare', operator: name as ComparisonOperator, property: path.raw, value: value.value };
    }
    const why = value.t === 'word' && !isReserved(value) ? '; comparing two properties is not supported' : '';
    throw this.error(value, `expected a value after ${quote(op.raw)} but found ${describe(value)}${why}`);
  }

  /** `5 lt x` becomes `x gt 5` so later stages only see property-on-the-left. */
  private parseMirroredComparison(literal: Token & { t: 'literal' }): FilterExpression {
    const op = this.lexer.next();
    const name = op.raw.toLowerCase();
    if (op.t !== 'word' || !COMPARISON.has(name)) {
      throw this.unexpected(op, `a comparison operator after ${describe(literal)}`);
    }
    const path = this.lexer.next();
    if (path.t !== 'word' || isReserved(path) || this.lexer.peek().t === '(') {
      throw this.error(path, `expected a property name after ${quote(op.raw)} but found ${describe(path)}; one side of a comparison must be a property`);
    }
    const operator = MIRRORED[name as ComparisonOperator];
    return { kind: 'compare', operator, property: path.raw, value: literal.value };
  }

  private parseIn(property: string, inToken: Token): FilterExpression {
    this.expect('(', `'(' after ${quote(inToken.raw)}`);
    const values: Literal[] = [];
    for (;;) {
      const value = this.lexer.next();
      if (value.t !== 'literal') throw this.unexpected(value, `a value in the ${quote(inToken.raw)} list`);
      if (values.length === MAX_IN_VALUES) {
        throw this.error(value, `the 'in' list has more than ${MAX_IN_VALUES} values; found extra value ${describe(value)}`);
      }
      values.push(value.value);
      const separator = this.lexer.next();
      if (separator.t === ')') return { kind: 'in', property, values };
      if (separator.t !== ',') throw this.unexpected(separator, `',' or ')' in the 'in' list`);
    }
  }

  private parseFunction(nameToken: Token): FilterExpression {
    const raw = nameToken.raw;
    const slash = raw.lastIndexOf('/');
    const lastSegment = raw.slice(slash + 1).toLowerCase();
    if (slash >= 0 && LAMBDAS.has(lastSegment)) {
      throw new ODataSyntaxError(
        FILTER_OPTION,
        `lambda operator ${quote(raw.slice(slash + 1))} in ${quote(raw)} is not supported`,
        nameToken.pos + slash + 1,
      );
    }
    const name = raw.toLowerCase();
    if (!FUNCTIONS.has(name)) throw unsupportedFunction(nameToken);
    this.lexer.next(); // the '(' already seen by the caller's peek
    const property = this.lexer.next();
    if (property.t === 'word' && this.lexer.peek().t === '(') throw unsupportedFunction(property);
    if (property.t !== 'word' || isReserved(property)) {
      throw this.unexpected(property, `a property name as the first argument of ${name}`);
    }
    this.expect(',', `',' after the first argument of ${name}`);
    const value = this.lexer.next();
    if (value.t !== 'literal' || value.value.type !== 'string') {
      throw this.unexpected(value, `a string literal as the second argument of ${name}`);
    }
    this.expect(')', `')' after the second argument of ${name}`);
    const call: FilterExpression = {
      kind: 'function', name: name as StringFunctionName, property: property.raw, value: value.value,
    };
    return this.parseBooleanComparison(call, name);
  }

  /** Graph clients often write `startswith(x,'a') eq true`; fold it back into the call. */
  private parseBooleanComparison(call: FilterExpression, name: string): FilterExpression {
    const op = this.lexer.peek();
    const opName = op.raw.toLowerCase();
    if (op.t !== 'word' || !COMPARISON.has(opName)) return call;
    this.lexer.next();
    if (opName !== 'eq' && opName !== 'ne') {
      throw this.error(op, `${name}() can only be compared with 'eq' or 'ne' but found ${quote(op.raw)}`);
    }
    const value = this.lexer.next();
    if (value.t !== 'literal' || value.value.type !== 'boolean') {
      throw this.unexpected(value, `true or false after ${quote(op.raw)} (${name}() returns a boolean)`);
    }
    const keep = (opName === 'eq') === value.value.value;
    return keep ? call : { kind: 'not', operand: call };
  }

  private expect(type: '(' | ')' | ',', expected: string): void {
    const token = this.lexer.next();
    if (token.t !== type) throw this.unexpected(token, expected);
  }

  private enter(token: Token): void {
    this.depth++;
    if (this.depth > MAX_FILTER_DEPTH) {
      throw this.error(token, `expression is nested more than ${MAX_FILTER_DEPTH} levels deep at ${describe(token)}`);
    }
  }

  /** Prefers a "not supported" message over a generic one when the token is known syntax. */
  private unexpected(token: Token, expected: string): ODataSyntaxError {
    const name = token.raw.toLowerCase();
    if (token.t === 'word' && ARITHMETIC.has(name)) {
      return this.error(token, `arithmetic operator ${quote(token.raw)} is not supported`);
    }
    if (token.t === 'word' && name === 'has') {
      return this.error(token, `operator ${quote(token.raw)} is not supported`);
    }
    return this.error(token, `expected ${expected} but found ${describe(token)}`);
  }

  private error(token: Token, detail: string): ODataSyntaxError {
    return new ODataSyntaxError(FILTER_OPTION, detail, token.pos);
  }
}

function unsupportedFunction(token: Token): ODataSyntaxError {
  const lower = token.raw.toLowerCase();
  const detail = LAMBDAS.has(lower)
    ? `lambda operator ${quote(token.raw)} is not supported`
    : `function ${quote(token.raw)} is not supported; supported functions are startswith, endswith and contains`;
  return new ODataSyntaxError(FILTER_OPTION, detail, token.pos);
}

function isKeyword(token: Token, keyword: string): boolean {
  return token.t === 'word' && token.raw.toLowerCase() === keyword;
}

function isReserved(token: Token): boolean {
  return KEYWORDS.has(token.raw.toLowerCase());
}

function describe(token: Token): string {
  if (token.t === 'eof') return 'end of input';
  // String literals already carry their quotes.
  if (token.t === 'literal' && token.value.type === 'string') {
    return truncate(token.raw);
  }
  return quote(token.raw);
}
