import type { Literal } from './filter-ast.js';
import { ODataSyntaxError, quote, truncate } from './odata-syntax-error.js';
import { isPropertyPath } from './property-path.js';

export const FILTER_OPTION = '$filter';

export type Token =
  | { t: '(' | ')' | ','; raw: string; pos: number }
  /** `raw` is the text as written, e.g. `'O''Brien'`, used only for messages. */
  | { t: 'literal'; raw: string; pos: number; value: Literal }
  /** A property path or a keyword; the parser decides which from context. */
  | { t: 'word'; raw: string; pos: number }
  | { t: 'eof'; raw: ''; pos: number };

// Characters that may appear inside one bare token. Datetime offsets need ':' '+' '-',
// paths need '/'. Reading the whole run first means `1abc` or `2024-13-01` is reported
// as one bad token rather than silently split into two valid-looking ones.
const WORD_CHAR = /^[A-Za-z0-9_.:+\-/]$/;
const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}(?:[Tt]|$)/;
const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,12})?)?(?:[Zz]|[+-](\d{2}):(\d{2})))?$/;
const NON_FINITE = new Set(['inf', '-inf', 'nan']);

/** On-demand lexer so the parser can report unsupported syntax (e.g. lambdas) before
 *  the lexer trips over their body. */
export class FilterLexer {
  private index = 0;
  private buffered: Token | undefined;

  constructor(private readonly text: string) {}

  peek(): Token {
    this.buffered ??= this.scan();
    return this.buffered;
  }

  next(): Token {
    const token = this.peek();
    this.buffered = undefined;
    return token;
  }

  private scan(): Token {
    const { text } = this;
    while (this.index < text.length && isSpace(text[this.index]!)) this.index++;
    const pos = this.index;
    if (pos >= text.length) return { t: 'eof', raw: '', pos };
    const c = text[pos]!;
    if (c === '(' || c === ')' || c === ',') {
      this.index++;
      return { t: c, raw: c, pos };
    }
    if (c === "'") return this.scanString(pos);
    if (WORD_CHAR.test(c)) {
      let end = pos;
      while (end < text.length && WORD_CHAR.test(text[end]!)) end++;
      this.index = end;
      return classifyWord(text.slice(pos, end), pos);
    }
    const hint = c === '"' ? '; string literals use single quotes' : '';
    // Quote the whole code point so an emoji is not reported as half a surrogate pair.
    const shown = String.fromCodePoint(text.codePointAt(pos)!);
    throw new ODataSyntaxError(FILTER_OPTION, `unexpected character ${quote(shown)}${hint}`, pos);
  }

  private scanString(pos: number): Token {
    const { text } = this;
    let value = '';
    let i = pos + 1;
    while (i < text.length) {
      const c = text[i]!;
      if (c === "'") {
        // OData escapes a quote by doubling it rather than with a backslash.
        if (text[i + 1] === "'") {
          value += "'";
          i += 2;
          continue;
        }
        this.index = i + 1;
        return { t: 'literal', raw: text.slice(pos, i + 1), pos, value: { type: 'string', value } };
      }
      value += c;
      i++;
    }
    throw new ODataSyntaxError(
      FILTER_OPTION,
      // The raw text already starts with a quote, so it is shown unwrapped.
      `unterminated string literal ${truncate(text.slice(pos))}: missing closing quote (write '' for a quote inside a string)`,
      pos,
    );
  }
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

function classifyWord(raw: string, pos: number): Token {
  const lower = raw.toLowerCase();
  const literal = (value: Literal): Token => ({ t: 'literal', raw, pos, value });
  if (lower === 'true' || lower === 'false') return literal({ type: 'boolean', value: lower === 'true' });
  if (lower === 'null') return literal({ type: 'null' });
  if (GUID.test(raw)) return literal({ type: 'guid', value: raw });
  if (NUMBER.test(raw)) return literal({ type: 'number', value: toNumber(raw, pos) });
  if (NON_FINITE.has(lower)) {
    throw new ODataSyntaxError(FILTER_OPTION, `number ${quote(raw)} is not finite`, pos);
  }
  if (DATE_SHAPE.test(raw)) {
    if (isValidDateTime(raw)) return literal({ type: 'datetime', value: raw });
    throw new ODataSyntaxError(
      FILTER_OPTION,
      `invalid date/time literal ${quote(raw)}; expected yyyy-mm-dd or yyyy-mm-ddThh:mm[:ss[.fff]] followed by Z or ±hh:mm`,
      pos,
    );
  }
  if (isPropertyPath(raw)) return { t: 'word', raw, pos };
  throw new ODataSyntaxError(FILTER_OPTION, `invalid token ${quote(raw)}`, pos);
}

function toNumber(raw: string, pos: number): number {
  const value = Number(raw);
  if (!Number.isFinite(value)) {
    throw new ODataSyntaxError(FILTER_OPTION, `number ${quote(raw)} is not finite`, pos);
  }
  // An integer beyond 2^53 would silently compare against a different value.
  if (Number.isInteger(value) && !Number.isSafeInteger(value) && /^-?\d+$/.test(raw)) {
    throw new ODataSyntaxError(
      FILTER_OPTION,
      `integer ${quote(raw)} is outside the range that can be represented exactly`,
      pos,
    );
  }
  return value;
}

function isValidDateTime(raw: string): boolean {
  const m = DATETIME.exec(raw);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  if (day > daysInMonth(year, month)) return false;
  const inRange = (part: string | undefined, max: number) => part === undefined || Number(part) <= max;
  return inRange(m[4], 23) && inRange(m[5], 59) && inRange(m[6], 59) && inRange(m[7], 23) && inRange(m[8], 59);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
