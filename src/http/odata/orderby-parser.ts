import { assertOptionText, ODataSyntaxError, quote } from './odata-syntax-error.js';
import { isPropertyPath } from './property-path.js';

const OPTION = '$orderby';
export const MAX_ORDERBY_KEYS = 5;

export type OrderByKey = { property: string; direction: 'asc' | 'desc' };

type Word = { raw: string; pos: number };

/** Parses `$orderby`, e.g. `displayName desc, createdDateTime`. Direction defaults to asc. */
export function parseOrderBy(text: string): OrderByKey[] {
  assertOptionText(OPTION, text);
  const keys: OrderByKey[] = [];
  const seen = new Set<string>();
  let start = 0;
  for (;;) {
    const comma = text.indexOf(',', start);
    const end = comma === -1 ? text.length : comma;
    const words = splitWords(text, start, end);
    const first = words[0];
    if (first === undefined) {
      const found = comma === -1 ? 'end of input' : "','";
      throw new ODataSyntaxError(OPTION, `expected a property name but found ${found}`, end);
    }
    if (keys.length === MAX_ORDERBY_KEYS) {
      throw fail(first, `at most ${MAX_ORDERBY_KEYS} sort keys are allowed; found extra key ${quote(first.raw)}`);
    }
    const key = parseKey(words, first);
    if (seen.has(key.property)) {
      throw fail(first, `property ${quote(key.property)} appears more than once`);
    }
    seen.add(key.property);
    keys.push(key);
    if (comma === -1) return keys;
    start = comma + 1;
  }
}

function parseKey(words: Word[], path: Word): OrderByKey {
  if (!isPropertyPath(path.raw)) {
    const hint = path.raw.includes('(') ? '; functions are not supported in $orderby' : '';
    throw fail(path, `invalid property path ${quote(path.raw)}${hint}`);
  }
  const direction = words[1];
  if (direction === undefined) return { property: path.raw, direction: 'asc' };
  const lower = direction.raw.toLowerCase();
  if (lower !== 'asc' && lower !== 'desc') {
    throw fail(direction, `expected 'asc', 'desc', ',' or end of input after ${quote(path.raw)} but found ${quote(direction.raw)}`);
  }
  const extra = words[2];
  if (extra !== undefined) {
    throw fail(extra, `expected ',' or end of input after ${quote(direction.raw)} but found ${quote(extra.raw)}`);
  }
  return { property: path.raw, direction: lower };
}

/** Whitespace-separated words in text[start, end), with their absolute offsets. */
function splitWords(text: string, start: number, end: number): Word[] {
  const words: Word[] = [];
  let i = start;
  while (i < end) {
    while (i < end && isSpace(text[i]!)) i++;
    const pos = i;
    while (i < end && !isSpace(text[i]!)) i++;
    if (i > pos) words.push({ raw: text.slice(pos, i), pos });
  }
  return words;
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

function fail(word: Word, detail: string): ODataSyntaxError {
  return new ODataSyntaxError(OPTION, detail, word.pos);
}
