import { positionAt, RuleError } from './rule-error.js';

/**
 * The tokens of a membership rule. Words keep their spelling (property paths such as
 * `user.department`, keywords, operators written without their hyphen); `-word` is an operator;
 * strings are in double quotes (a backtick escapes a double quote inside, as in Entra) or single
 * quotes (a quote inside doubled, as in Entra's memberOf examples); a bare value starting with a
 * digit is a number or a date-time.
 */
export type Token =
  | { kind: 'word' | 'operator'; text: string; start: number; end: number }
  | { kind: 'string'; value: string; text: string; start: number; end: number }
  | { kind: 'bare'; text: string; start: number; end: number }
  | { kind: '(' | ')' | '[' | ']' | ','; text: string; start: number; end: number }
  | { kind: 'end'; text: ''; start: number; end: number };

const wordStart = /[A-Za-z_]/;
const wordPart = /[A-Za-z0-9_.]/;
const barePart = /[0-9A-Za-z:.+_-]/;
const digit = /[0-9]/;

export function tokenize(rule: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  const fail = (reason: string, start: number, end: number): never => {
    throw new RuleError(reason, positionAt(rule, start), rule.slice(start, end));
  };
  while (index < rule.length) {
    const char = rule[index]!;
    if (/\s/.test(char)) {
      index += 1;
      continue;
    }
    const start = index;
    if ('()[],'.includes(char)) {
      tokens.push({ kind: char as '(' | ')' | '[' | ']' | ',', text: char, start, end: index + 1 });
      index += 1;
    } else if (char === '"' || char === "'") {
      const { value, end } = readString(rule, index, fail);
      tokens.push({ kind: 'string', value, text: rule.slice(start, end), start, end });
      index = end;
    } else if (char === '-' && wordStart.test(rule[index + 1] ?? '')) {
      index += 1;
      while (index < rule.length && /[A-Za-z]/.test(rule[index]!)) index += 1;
      tokens.push({ kind: 'operator', text: rule.slice(start, index), start, end: index });
    } else if (wordStart.test(char)) {
      while (index < rule.length && wordPart.test(rule[index]!)) index += 1;
      tokens.push({ kind: 'word', text: rule.slice(start, index), start, end: index });
    } else if (digit.test(char) || (char === '-' && digit.test(rule[index + 1] ?? ''))) {
      index += 1;
      while (index < rule.length && barePart.test(rule[index]!)) index += 1;
      tokens.push({ kind: 'bare', text: rule.slice(start, index), start, end: index });
    } else {
      fail(`'${char}' has no meaning in a membership rule`, start, start + 1);
    }
  }
  tokens.push({ kind: 'end', text: '', start: rule.length, end: rule.length });
  return tokens;
}

function readString(rule: string, open: number, fail: (reason: string, start: number, end: number) => never): { value: string; end: number } {
  const quote = rule[open]!;
  let value = '';
  let index = open + 1;
  while (index < rule.length) {
    const char = rule[index]!;
    if (quote === '"' && char === '`' && (rule[index + 1] === '"' || rule[index + 1] === '`')) {
      value += rule[index + 1];
      index += 2;
    } else if (char === quote && quote === "'" && rule[index + 1] === "'") {
      value += "'";
      index += 2;
    } else if (char === quote) {
      return { value, end: index + 1 };
    } else {
      value += char;
      index += 1;
    }
  }
  return fail(`the text value is not closed: a ${quote === '"' ? 'double' : 'single'} quote is missing`, open, rule.length);
}
