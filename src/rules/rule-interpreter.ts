import { RE2JS } from 're2js';
import { addDuration, subtractDuration } from '../domain/duration.js';
import type { RuleNode, ValueTest } from './rule-ast.js';
import type { RuleSubject } from './rule-properties.js';

/**
 * The meaning of a rule, written as plainly as possible: it walks the parsed rule for every
 * evaluation, in the order written, and compares as the documentation reads. It is slow on
 * purpose and used only by tests, which check that the compiled rule (rule-compiler.ts) always
 * agrees with it.
 */
export function interpretRule(node: RuleNode, subject: RuleSubject, now: Date): boolean {
  switch (node.kind) {
    case 'or':
      return node.operands.some((operand) => interpretRule(operand, subject, now));
    case 'and':
      return node.operands.every((operand) => interpretRule(operand, subject, now));
    case 'not':
      return !interpretRule(node.operand, subject, now);
    case 'directReports':
      return subject.managerId !== null && subject.managerId.toLowerCase() === node.managerId.toLowerCase();
    case 'quantified': {
      const items = node.property.read(subject) as readonly string[];
      const passes = (item: string) => passesTest(node.test, item, now);
      return node.quantifier === 'any' ? items.some(passes) : items.every(passes);
    }
    case 'compare': {
      const value = node.property.read(subject);
      if (!Array.isArray(value)) return passesTest(node.test, value as string | boolean | null, now);
      const items = value as readonly string[];
      if ('value' in node.test && node.test.value === null) return node.test.operator === 'eq' ? items.length === 0 : items.length > 0;
      const negated = ['ne', 'notStartsWith', 'notEndsWith', 'notContains', 'notMatch', 'notIn'].includes(node.test.operator);
      if (!negated) return items.some((item) => passesTest(node.test, item, now));
      return !items.some((item) => !passesTest(node.test, item, now));
    }
  }
}

function passesTest(test: ValueTest, value: string | boolean | null, now: Date): boolean {
  const missing = value === null || value === '';
  const text = typeof value === 'string' ? value.toLowerCase() : null;
  if ('moment' in test) {
    const at = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    const moment = test.moment.kind === 'fixed' ? test.moment.epochMs : test.moment.shift === null ? now.getTime() : (test.moment.shift.sign === 1 ? addDuration(now, test.moment.shift.duration) : subtractDuration(now, test.moment.shift.duration)).getTime();
    if (Number.isNaN(at)) return test.operator === 'ne';
    if (test.operator === 'eq') return at === moment;
    if (test.operator === 'ne') return at !== moment;
    if (test.operator === 'le') return at <= moment;
    return at >= moment;
  }
  if ('values' in test) {
    const listed = text !== null && test.values.some((candidate) => candidate.toLowerCase() === text);
    return test.operator === 'in' ? listed : !listed;
  }
  if ('pattern' in test) {
    const found = text !== null && RE2JS.compile(test.pattern, RE2JS.CASE_INSENSITIVE).matcher(value as string).find();
    return test.operator === 'match' ? found : !found;
  }
  if (test.value === null) return test.operator === 'eq' ? missing : !missing;
  if (typeof test.value === 'boolean') return test.operator === 'eq' ? value === test.value : value !== test.value;
  const wanted = test.value.toLowerCase();
  switch (test.operator) {
    case 'eq':
      return text === wanted;
    case 'ne':
      return text !== wanted;
    case 'startsWith':
      return text !== null && text.startsWith(wanted);
    case 'notStartsWith':
      return !(text !== null && text.startsWith(wanted));
    case 'endsWith':
      return text !== null && text.endsWith(wanted);
    case 'notEndsWith':
      return !(text !== null && text.endsWith(wanted));
    case 'contains':
      return text !== null && text.includes(wanted);
    case 'notContains':
      return !(text !== null && text.includes(wanted));
  }
}
