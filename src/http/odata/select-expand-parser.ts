import { assertOptionText, ODataSyntaxError, quote } from './odata-syntax-error.js';
import { isIdentifier } from './property-path.js';

export const MAX_EXPAND_DEPTH = 3;

export type ExpandItem = { property: string; select?: string[]; expand?: ExpandItem[] };

/** Parses `$select=id,displayName`. `*` is rejected so responses stay explicitly shaped. */
export function parseSelect(text: string): string[] {
  assertOptionText('$select', text);
  const scanner = new Scanner(text, '$select');
  const names = parseSelectList(scanner);
  scanner.expectEnd();
  return names;
}

/**
 * Parses `$expand`, including nested `($select=...;$expand=...)` options, e.g.
 * `resourceRoleScopes($expand=role($expand=resource),scope)`.
 */
export function parseExpand(text: string): ExpandItem[] {
  assertOptionText('$expand', text);
  const scanner = new Scanner(text, '$expand');
  const items = parseExpandList(scanner, 1);
  scanner.expectEnd();
  return items;
}

// Characters that end a bare word; everything else (including junk like '*' or '/')
// is read into the word so the error can quote it whole.
const DELIMITERS = new Set([',', ';', '(', ')', '=']);

type Word = { raw: string; pos: number };

class Scanner {
  pos = 0;

  constructor(
    readonly text: string,
    readonly option: string,
  ) {}

  /** Next non-space character without consuming it; undefined at end of input. */
  peek(): string | undefined {
    while (this.pos < this.text.length && isSpace(this.text[this.pos]!)) this.pos++;
    return this.text[this.pos];
  }

  consume(char: string): boolean {
    if (this.peek() !== char) return false;
    this.pos++;
    return true;
  }

  expect(char: string, context: string): void {
    if (!this.consume(char)) throw this.unexpected(`${quote(char)} ${context}`);
  }

  word(): Word {
    this.peek();
    const pos = this.pos;
    const { text } = this;
    while (this.pos < text.length && !isSpace(text[this.pos]!) && !DELIMITERS.has(text[this.pos]!)) this.pos++;
    return { raw: text.slice(pos, this.pos), pos };
  }

  expectEnd(): void {
    if (this.peek() !== undefined) throw this.unexpected("',' or end of input");
  }

  unexpected(expected: string): ODataSyntaxError {
    return this.fail(this.pos, `expected ${expected} but found ${this.describeHere()}`);
  }

  fail(pos: number, detail: string): ODataSyntaxError {
    return new ODataSyntaxError(this.option, detail, pos);
  }

  private describeHere(): string {
    const char = this.peek();
    if (char === undefined) return 'end of input';
    if (DELIMITERS.has(char)) return quote(char);
    const start = this.pos;
    const { raw } = this.word();
    this.pos = start;
    return quote(raw);
  }
}

function parseProperty(scanner: Scanner, what: string): Word {
  const word = scanner.word();
  if (word.raw === '') throw scanner.unexpected(`a property name in ${what}`);
  if (word.raw === '*') {
    throw scanner.fail(word.pos, `'*' is not supported in ${what}; list the properties explicitly`);
  }
  if (!isIdentifier(word.raw)) {
    throw scanner.fail(word.pos, `invalid property name ${quote(word.raw)} in ${what}`);
  }
  return word;
}

/** Stops before ';' or ')' so the same routine serves nested `$select` options. */
function parseSelectList(scanner: Scanner): string[] {
  const names: string[] = [];
  do {
    const word = parseProperty(scanner, '$select');
    if (names.includes(word.raw)) {
      throw scanner.fail(word.pos, `property ${quote(word.raw)} appears more than once in $select`);
    }
    names.push(word.raw);
  } while (scanner.consume(','));
  return names;
}

function parseExpandList(scanner: Scanner, depth: number): ExpandItem[] {
  const items: ExpandItem[] = [];
  do {
    scanner.peek();
    const pos = scanner.pos;
    const item = parseExpandItem(scanner, depth);
    if (items.some((existing) => existing.property === item.property)) {
      throw scanner.fail(pos, `property ${quote(item.property)} appears more than once in $expand`);
    }
    items.push(item);
  } while (scanner.consume(','));
  return items;
}

function parseExpandItem(scanner: Scanner, depth: number): ExpandItem {
  const name = parseProperty(scanner, '$expand');
  if (depth > MAX_EXPAND_DEPTH) {
    throw scanner.fail(name.pos, `$expand is nested more than ${MAX_EXPAND_DEPTH} levels deep at ${quote(name.raw)}`);
  }
  const item: ExpandItem = { property: name.raw };
  if (!scanner.consume('(')) return item;
  do {
    const option = scanner.word();
    const lower = option.raw.toLowerCase();
    if (option.raw === '') throw scanner.unexpected(`$select or $expand inside the parentheses of ${quote(name.raw)}`);
    if (lower !== '$select' && lower !== '$expand') {
      throw scanner.fail(
        option.pos,
        `option ${quote(option.raw)} is not supported inside $expand; only $select and $expand are allowed`,
      );
    }
    const key = lower === '$select' ? 'select' : 'expand';
    if (item[key] !== undefined) {
      throw scanner.fail(option.pos, `option ${quote(option.raw)} appears more than once for ${quote(name.raw)}`);
    }
    scanner.expect('=', `after ${quote(option.raw)}`);
    if (key === 'select') item.select = parseSelectList(scanner);
    else item.expand = parseExpandList(scanner, depth + 1);
  } while (scanner.consume(';'));
  scanner.expect(')', `to close the options of ${quote(name.raw)}`);
  return item;
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}
