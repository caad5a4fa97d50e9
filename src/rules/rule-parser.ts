import { isValidDuration } from '../domain/duration.js';
import type { ComparisonOperator, Moment, RuleNode, ValueTest } from './rule-ast.js';
import { comparisonOperators } from './rule-ast.js';
import { maxRuleLength, positionAt, RuleError } from './rule-error.js';
import { tokenize, type Token } from './rule-lexer.js';
import { compiledPattern, maxProgramSize } from './rule-patterns.js';
import { closestPropertyName, ruleProperty, type PropertyType, type RuleProperty } from './rule-properties.js';

/**
 * Parses a membership rule in Entra's syntax for users, or throws RuleError saying what is wrong
 * and where. Precedence, highest first: comparisons (with -any/-all), -not, -and, -or; parentheses
 * group. Operators, keywords and property names are read without regard to case, and every
 * operator may be written without its hyphen (`user.city eq "Oslo"`), as Entra allows.
 */
export function parseRule(rule: string): RuleNode {
  if (rule.length > maxRuleLength) {
    throw new RuleError(`the rule is ${rule.length} characters long; a rule may have at most ${maxRuleLength}`, positionAt(rule, maxRuleLength), rule.slice(maxRuleLength, maxRuleLength + 10));
  }
  const parser = new Parser(rule, tokenize(rule));
  return parser.parseWhole();
}

const operatorByName = new Map<string, ComparisonOperator>(comparisonOperators.map((name) => [name.toLowerCase(), name]));
const textOperators = new Set<ComparisonOperator>(['eq', 'ne', 'startsWith', 'notStartsWith', 'endsWith', 'notEndsWith', 'contains', 'notContains', 'match', 'notMatch', 'in', 'notIn']);
const allowedOperators: Record<PropertyType, ReadonlySet<ComparisonOperator>> = {
  string: textOperators,
  // A collection compared directly is compared item by item: true when any item passes (and, for
  // a negated operator, when none passes the positive one).
  stringCollection: textOperators,
  boolean: new Set(['eq', 'ne']),
  dateTime: new Set(['eq', 'ne', 'le', 'ge']),
  groupCollection: new Set(),
};
const groupItemOperators = new Set<ComparisonOperator>(['eq', 'ne', 'in', 'notIn']);
const maxRepetition = 100;

class Parser {
  #index = 0;
  /** The RE2 instructions of the rule's patterns so far (rule-patterns.ts). */
  #programSize = 0;

  constructor(
    private readonly rule: string,
    private readonly tokens: Token[],
  ) {}

  parseWhole(): RuleNode {
    if (this.peek().kind === 'end') this.fail('the rule is empty', this.peek());
    const node = this.parseOr();
    const next = this.peek();
    if (next.kind !== 'end') {
      if (next.kind === ')') this.fail("this ')' closes no '('", next);
      this.fail('two conditions must be joined with -and or -or', next);
    }
    return node;
  }

  private parseOr(): RuleNode {
    const operands = [this.parseAnd()];
    while (this.isKeyword(this.peek(), 'or')) {
      this.advance();
      operands.push(this.parseAnd());
    }
    return operands.length === 1 ? operands[0]! : { kind: 'or', operands };
  }

  private parseAnd(): RuleNode {
    const operands = [this.parseNot()];
    while (this.isKeyword(this.peek(), 'and')) {
      this.advance();
      operands.push(this.parseNot());
    }
    return operands.length === 1 ? operands[0]! : { kind: 'and', operands };
  }

  private parseNot(): RuleNode {
    if (this.isKeyword(this.peek(), 'not')) {
      this.advance();
      return { kind: 'not', operand: this.parseNot() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): RuleNode {
    const token = this.peek();
    if (token.kind === '(') {
      this.advance();
      const inner = this.parseOr();
      const close = this.peek();
      if (close.kind !== ')') {
        const opened = positionAt(this.rule, token.start);
        if (close.kind === 'end') this.fail(`the '(' at line ${opened.line}, column ${opened.column} is never closed`, close);
        this.fail(`expected ')' to close the '(' at line ${opened.line}, column ${opened.column}, or -and / -or`, close);
      }
      this.advance();
      return inner;
    }
    if (token.kind === 'word' && token.text.toLowerCase() === 'direct') return this.parseDirectReports();
    if (token.kind === 'word' && /^user\./i.test(token.text)) return this.parseComparison();
    if (token.kind === 'word' && /^device\./i.test(token.text)) this.fail('device rules are not supported: Tessera manages users only', token);
    if (token.kind === 'end') this.fail('the rule ends where a condition was expected', token);
    if (token.kind === 'word' && !token.text.includes('.') && !this.isKeyword(token, 'and') && !this.isKeyword(token, 'or')) {
      this.fail(`expected a property such as user.${token.text}`, token);
    }
    return this.fail('expected a condition such as user.department -eq "Sales", a \'(\' or -not', token);
  }

  /** `Direct Reports for "<managerId>"`: the manager's direct reports. */
  private parseDirectReports(): RuleNode {
    const direct = this.advance();
    const reports = this.advance();
    const forWord = this.advance();
    if (reports.kind !== 'word' || reports.text.toLowerCase() !== 'reports' || forWord.kind !== 'word' || forWord.text.toLowerCase() !== 'for') {
      this.fail('expected Direct Reports for "<manager id>"', direct);
    }
    const id = this.advance();
    if (id.kind !== 'string' || !id.value.trim()) this.fail("expected the manager's object id in double quotes after Direct Reports for", id);
    return { kind: 'directReports', managerId: (id as Extract<Token, { kind: 'string' }>).value.trim() };
  }

  private parseComparison(): RuleNode {
    const path = this.advance();
    const property = this.property(path);
    const operatorToken = this.advance();
    const quantifier = this.quantifier(operatorToken);
    if (quantifier) return this.parseQuantified(property, quantifier, operatorToken);
    if (property.type === 'groupCollection') this.fail(`user.${property.name} is compared with -any: user.memberOf -any (group.objectId -in ['<group id>'])`, operatorToken);
    const operator = this.operator(operatorToken);
    if (!allowedOperators[property.type].has(operator)) this.fail(this.operatorMisuse(property, operator), operatorToken);
    return { kind: 'compare', property, test: this.parseTest(property.type === 'stringCollection' ? 'string' : property.type, operator, property.name) };
  }

  /** `-any (_ -op value)` over text collections, `-any (group.objectId -op value)` over memberOf. */
  private parseQuantified(property: RuleProperty, quantifier: 'any' | 'all', at: Token): RuleNode {
    if (property.type !== 'stringCollection' && property.type !== 'groupCollection') {
      this.fail(`-${quantifier} applies to collections (otherMails, proxyAddresses, memberOf); user.${property.name} holds one value`, at);
    }
    const open = this.advance();
    if (open.kind !== '(') this.fail(`expected '(' after -${quantifier}, as in user.${property.name} -${quantifier} (${property.type === 'groupCollection' ? "group.objectId -in ['<group id>']" : '_ -contains "text"'})`, open);
    const item = this.advance();
    const itemName = property.type === 'groupCollection' ? 'group.objectId' : '_';
    if (item.kind !== 'word' || item.text.toLowerCase() !== itemName.toLowerCase()) this.fail(`inside -${quantifier} each item is written ${itemName}`, item);
    const operatorToken = this.advance();
    const operator = this.operator(operatorToken);
    const allowed = property.type === 'groupCollection' ? groupItemOperators : allowedOperators.string;
    if (!allowed.has(operator)) this.fail(`-${operator} cannot compare ${itemName}; use ${[...allowed].map((name) => `-${name}`).join(', ')}`, operatorToken);
    const test = this.parseTest('string', operator, itemName);
    if ('value' in test && test.value === null) this.fail(`${itemName} is never null`, this.tokens[this.#index - 1]!);
    const close = this.advance();
    if (close.kind !== ')') this.fail(`expected ')' to end -${quantifier}`, close);
    return { kind: 'quantified', property, quantifier, test };
  }

  private parseTest(type: 'string' | 'boolean' | 'dateTime', operator: ComparisonOperator, name: string): ValueTest {
    const token = this.advance();
    if (this.isKeyword(token, 'null')) {
      if (operator !== 'eq' && operator !== 'ne') this.fail(`null can only be compared with -eq or -ne`, token);
      return { operator, value: null };
    }
    if (operator === 'in' || operator === 'notIn') return { operator, values: this.parseList(token) };
    if (type === 'boolean') {
      if (token.kind === 'word' && /^(true|false)$/i.test(token.text)) return { operator: operator as 'eq' | 'ne', value: token.text.toLowerCase() === 'true' };
      return this.fail(`${name} is true or false`, token);
    }
    if (type === 'dateTime') return { operator: operator as 'eq' | 'ne' | 'le' | 'ge', moment: this.parseMoment(token, name) };
    const text = this.textValue(token);
    if (operator === 'match' || operator === 'notMatch') {
      // RE2 matches in linear time, but compiles x{1000} into a thousand copies of x: a few such
      // counts in one rule cost a second of the server's time at every save and preview.
      const counts = [...text.matchAll(/\{(\d+)(?:,(\d*))?\}/g)].flatMap((found) => [Number(found[1]), Number(found[2] || 0)]);
      if (counts.some((count) => count > maxRepetition)) this.fail(`a repetition count in a regular expression may be at most ${maxRepetition}`, token);
      let size = 0;
      try {
        size = compiledPattern(text).programSize();
      } catch (error) {
        this.fail(`the regular expression is not valid: ${error instanceof Error ? error.message : String(error)}`, token);
      }
      this.#programSize += size;
      if (this.#programSize > maxProgramSize) this.fail(`the regular expressions of a rule may compile to at most ${maxProgramSize} instructions together; with this one they take ${this.#programSize}`, token);
      return { operator, pattern: text };
    }
    return { operator: operator as Exclude<ComparisonOperator, 'match' | 'notMatch' | 'in' | 'notIn' | 'le' | 'ge'>, value: text };
  }

  private parseList(open: Token): string[] {
    if (open.kind !== '[') this.fail('expected a list of values in brackets, as in ["Oslo","Bergen"]', open);
    const values: string[] = [];
    for (;;) {
      const item = this.advance();
      if (item.kind === ']' && values.length === 0) this.fail('the list is empty', item);
      values.push(this.textValue(item));
      const next = this.advance();
      if (next.kind === ']') return values;
      if (next.kind !== ',') this.fail(next.kind === 'end' ? "the list is not closed: ']' is missing" : "expected ',' or ']' in the list", next);
    }
  }

  /** `2024-06-10T18:13:20Z` (a time without an offset is UTC, not the server's zone), the same in quotes, or `system.now` optionally `-plus`/`-minus` a duration. */
  private parseMoment(token: Token, name: string): Moment {
    if (token.kind === 'word' && token.text.toLowerCase() === 'system.now') {
      const sign = this.peek();
      if (!this.isKeyword(sign, 'plus') && !this.isKeyword(sign, 'minus')) return { kind: 'now', shift: null };
      this.advance();
      const duration = this.advance();
      const text = duration.kind === 'word' || duration.kind === 'string' || duration.kind === 'bare' ? (duration.kind === 'string' ? duration.value : duration.text).toUpperCase() : '';
      if (!isValidDuration(text)) this.fail('expected an ISO 8601 duration such as P30D or PT12H', duration);
      return { kind: 'now', shift: { sign: this.isKeyword(sign, 'plus') ? 1 : -1, duration: text } };
    }
    const text = token.kind === 'string' ? token.value : token.kind === 'bare' ? token.text : undefined;
    const epochMs = text !== undefined && /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(text) ? Date.parse(text.length === 10 ? `${text}T00:00:00Z` : /(Z|[+-]\d{2}:\d{2})$/.test(text) ? text : `${text}Z`) : Number.NaN;
    if (Number.isNaN(epochMs)) this.fail(`${name} is compared with a date and time (2024-06-10T18:13:20Z) or system.now`, token);
    return { kind: 'fixed', epochMs };
  }

  private textValue(token: Token): string {
    if (token.kind === 'string') return token.value;
    if (token.kind === 'bare' && /^-?\d+(\.\d+)?$/.test(token.text)) return token.text;
    if (token.kind === 'word' && /^(true|false)$/i.test(token.text)) this.fail('expected text; true and false compare true/false properties such as user.accountEnabled', token);
    if (token.kind === 'word' || token.kind === 'bare') this.fail(`a text value must be in double quotes: "${token.text}"`, token);
    return this.fail('expected a value', token);
  }

  private property(token: Token): RuleProperty {
    const name = token.text.slice('user.'.length);
    const property = ruleProperty(name);
    if (property) return property;
    const suggestion = closestPropertyName(name);
    return this.fail(`user.${name} is not a property rules can use${suggestion ? `; did you mean user.${suggestion}?` : ''}`, token);
  }

  private quantifier(token: Token): 'any' | 'all' | undefined {
    const name = this.operatorName(token);
    return name === 'any' || name === 'all' ? name : undefined;
  }

  private operator(token: Token): ComparisonOperator {
    const name = this.operatorName(token);
    const operator = name === undefined ? undefined : operatorByName.get(name);
    if (operator) return operator;
    if (token.kind === 'operator' || token.kind === 'word') this.fail(`${token.text} is not an operator; use one of ${comparisonOperators.map((o) => `-${o}`).join(', ')}`, token);
    return this.fail('expected an operator such as -eq', token);
  }

  private operatorMisuse(property: RuleProperty, operator: ComparisonOperator): string {
    if (property.type === 'boolean') return `-${operator} cannot compare user.${property.name}, which is true or false; use -eq or -ne`;
    if (property.type === 'dateTime') return `-${operator} cannot compare user.${property.name}, a date; use -eq, -ne, -le or -ge`;
    return `-${operator} compares dates; user.${property.name} is text`;
  }

  private operatorName(token: Token): string | undefined {
    if (token.kind === 'operator') return token.text.slice(1).toLowerCase();
    if (token.kind === 'word') return token.text.toLowerCase();
    return undefined;
  }

  private isKeyword(token: Token, keyword: string): boolean {
    return (token.kind === 'operator' && token.text.slice(1).toLowerCase() === keyword) || (token.kind === 'word' && token.text.toLowerCase() === keyword);
  }

  private peek(): Token {
    return this.tokens[this.#index]!;
  }

  private advance(): Token {
    const token = this.tokens[this.#index]!;
    if (token.kind !== 'end') this.#index += 1;
    return token;
  }

  private fail(reason: string, token: Token): never {
    throw new RuleError(reason, positionAt(this.rule, token.start), token.text);
  }
}
