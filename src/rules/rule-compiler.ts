import { addDuration, subtractDuration } from '../domain/duration.js';
import { negationOf, type Moment, type RuleNode, type ValueTest } from './rule-ast.js';
import { parseRule } from './rule-parser.js';
import { compiledPattern } from './rule-patterns.js';
import type { RuleSubject } from './rule-properties.js';

/**
 * A membership rule ready to test users: a tree of predicates built once from the parsed rule
 * (closures over constants already lower-cased, regular expressions compiled once with RE2, lists
 * turned into sets), never generated source code. What the rule depends on is kept beside it, so
 * that a change to a user is tested only against the rules it can affect.
 */
export type CompiledRule = {
  readonly source: string;
  matches(subject: RuleSubject, now: Date): boolean;
  /** The properties of the user it reads (`onPremisesExtensionAttributes.extensionAttribute3` for those). */
  readonly reads: ReadonlySet<string>;
  /** It compares with system.now, so its outcome can change with time alone. */
  readonly readsClock: boolean;
  /**
   * Each moment it compares a date with, as of a time (`system.now -minus P30D` at t is t − 30 days):
   * between two times, only users whose dates lie between a threshold's two values can have crossed it.
   */
  readonly clockThresholds: readonly ((now: Date) => number)[];
  /** The managers named in `Direct Reports for "…"` (their reports change when a manager is set). */
  readonly directReportsOf: ReadonlySet<string>;
  /** The groups named in `user.memberOf` tests, lower-cased (a rule may not, through others, name its own group). */
  readonly memberOfGroups: ReadonlySet<string>;
};

/** Parses and compiles; throws RuleError for a rule that cannot be used. */
export function compileRule(source: string): CompiledRule {
  return compileTree(source, parseRule(source));
}

type Predicate = (subject: RuleSubject, now: Date) => boolean;
type Built = { predicate: Predicate; cost: number };

export function compileTree(source: string, tree: RuleNode): CompiledRule {
  const reads = new Set<string>();
  const directReportsOf = new Set<string>();
  const memberOfGroups = new Set<string>();
  const clockThresholds: ((now: Date) => number)[] = [];
  let readsClock = false;

  const build = (node: RuleNode): Built => {
    switch (node.kind) {
      case 'or':
      case 'and': {
        // Cheapest first: the predicates have no effects, so the order only changes how soon
        // the answer is known.
        const parts = node.operands.map(build).sort((a, b) => a.cost - b.cost);
        const predicates = parts.map((part) => part.predicate);
        const cost = parts.reduce((sum, part) => sum + part.cost, 0);
        if (node.kind === 'and') return { cost, predicate: (subject, now) => predicates.every((predicate) => predicate(subject, now)) };
        return { cost, predicate: (subject, now) => predicates.some((predicate) => predicate(subject, now)) };
      }
      case 'not': {
        const inner = build(node.operand);
        return { cost: inner.cost, predicate: (subject, now) => !inner.predicate(subject, now) };
      }
      case 'directReports': {
        const managerId = node.managerId.toLowerCase();
        reads.add('manager');
        directReportsOf.add(managerId);
        return { cost: 1, predicate: (subject) => subject.managerId !== null && subject.managerId.toLowerCase() === managerId };
      }
      case 'compare':
      case 'quantified': {
        const { property } = node;
        reads.add(property.source);
        if ('moment' in node.test && node.test.moment.kind === 'now') {
          readsClock = true;
          clockThresholds.push(momentOf(node.test.moment));
        }
        if (property.source === 'memberOf') for (const id of 'values' in node.test ? node.test.values : 'value' in node.test && typeof node.test.value === 'string' ? [node.test.value] : []) memberOfGroups.add(id.toLowerCase());
        const read = property.read;
        if (node.kind === 'quantified') {
          const test = valueTest(node.test);
          const { quantifier } = node;
          return {
            cost: test.cost * 4,
            predicate: (subject, now) => {
              const items = read(subject) as readonly string[];
              return quantifier === 'any' ? items.some((item) => test.predicate(item, now)) : items.every((item) => test.predicate(item, now));
            },
          };
        }
        if (property.type === 'stringCollection') {
          // Compared directly, a collection passes when an item does; a negated operator passes
          // when no item passes its positive twin (and so for an empty collection).
          const positive = negationOf[node.test.operator];
          if ('value' in node.test && node.test.value === null) {
            const wantsEmpty = node.test.operator === 'eq';
            return { cost: 1, predicate: (subject) => ((read(subject) as readonly string[]).length === 0) === wantsEmpty };
          }
          const itemTest = valueTest(positive ? ({ ...node.test, operator: positive } as ValueTest) : node.test);
          return {
            cost: itemTest.cost * 4,
            predicate: (subject, now) => {
              const found = (read(subject) as readonly string[]).some((item) => itemTest.predicate(item, now));
              return positive ? !found : found;
            },
          };
        }
        const test = valueTest(node.test);
        return { cost: test.cost, predicate: (subject, now) => test.predicate(read(subject) as string | boolean | null, now) };
      }
    }
  };

  const { predicate } = build(tree);
  return { source, matches: predicate, reads, readsClock, clockThresholds, directReportsOf, memberOfGroups };
}

type ValuePredicate = { predicate: (value: string | boolean | null, now: Date) => boolean; cost: number };

/** One value against the test; a missing value (null, or empty text) fails every positive test. */
function valueTest(test: ValueTest): ValuePredicate {
  const positive = negationOf[test.operator];
  if (positive) {
    const inner = valueTest({ ...test, operator: positive } as ValueTest);
    return { cost: inner.cost, predicate: (value, now) => !inner.predicate(value, now) };
  }
  if ('moment' in test) {
    const moment = momentOf(test.moment);
    const compare = test.operator === 'le' ? (a: number, b: number) => a <= b : test.operator === 'ge' ? (a: number, b: number) => a >= b : (a: number, b: number) => a === b;
    return {
      cost: 2,
      predicate: (value, now) => {
        if (typeof value !== 'string') return false;
        const at = Date.parse(value);
        return !Number.isNaN(at) && compare(at, moment(now));
      },
    };
  }
  if ('values' in test) {
    const values = new Set(test.values.map((value) => value.toLowerCase()));
    return { cost: 1, predicate: (value) => typeof value === 'string' && values.has(value.toLowerCase()) };
  }
  if ('pattern' in test) {
    const regex = compiledPattern(test.pattern);
    return { cost: 20, predicate: (value) => typeof value === 'string' && regex.matcher(value).find() };
  }
  if (test.value === null) return { cost: 1, predicate: (value) => value === null || value === '' };
  if (typeof test.value === 'boolean') {
    const wanted = test.value;
    return { cost: 1, predicate: (value) => value === wanted };
  }
  const wanted = test.value.toLowerCase();
  switch (test.operator) {
    case 'eq':
      return { cost: 1, predicate: (value) => typeof value === 'string' && value.toLowerCase() === wanted };
    case 'startsWith':
      return { cost: 2, predicate: (value) => typeof value === 'string' && value.toLowerCase().startsWith(wanted) };
    case 'endsWith':
      return { cost: 2, predicate: (value) => typeof value === 'string' && value.toLowerCase().endsWith(wanted) };
    case 'contains':
      return { cost: 3, predicate: (value) => typeof value === 'string' && value.toLowerCase().includes(wanted) };
    default:
      throw new Error(`no test for -${test.operator}`);
  }
}

function momentOf(moment: Moment): (now: Date) => number {
  if (moment.kind === 'fixed') return () => moment.epochMs;
  const { shift } = moment;
  if (!shift) return (now) => now.getTime();
  return (now) => (shift.sign === 1 ? addDuration(now, shift.duration) : subtractDuration(now, shift.duration)).getTime();
}
