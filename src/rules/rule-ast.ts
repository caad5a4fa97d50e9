import type { RuleProperty } from './rule-properties.js';

/**
 * A parsed membership rule: plain data, checked against the property catalog, with every value
 * of the right type for its property and operator. `compileRule` turns it into predicates; the
 * reference interpreter (rule-interpreter.ts, for tests) walks it as it is.
 */
export type RuleNode =
  | { kind: 'or'; operands: RuleNode[] }
  | { kind: 'and'; operands: RuleNode[] }
  | { kind: 'not'; operand: RuleNode }
  | { kind: 'compare'; property: RuleProperty; test: ValueTest }
  /** `user.proxyAddresses -any (_ -startsWith "smtp:")`, `user.memberOf -any (group.objectId -in [...])` */
  | { kind: 'quantified'; property: RuleProperty; quantifier: 'any' | 'all'; test: ValueTest }
  | { kind: 'directReports'; managerId: string };

/** How one value (a property's, or one item of a collection) is compared. */
export type ValueTest =
  | { operator: TextOperator; value: string }
  | { operator: 'match' | 'notMatch'; pattern: string }
  | { operator: 'in' | 'notIn'; values: string[] }
  | { operator: 'eq' | 'ne'; value: null }
  | { operator: 'eq' | 'ne'; value: boolean }
  | { operator: DateOperator; moment: Moment };

export type TextOperator = 'eq' | 'ne' | 'startsWith' | 'notStartsWith' | 'endsWith' | 'notEndsWith' | 'contains' | 'notContains';
export type DateOperator = 'eq' | 'ne' | 'le' | 'ge';

/** A fixed instant, or `system.now` moved by a duration (evaluated at each evaluation). */
export type Moment = { kind: 'fixed'; epochMs: number } | { kind: 'now'; shift: { sign: 1 | -1; duration: string } | null };

export const comparisonOperators = [
  'eq', 'ne', 'startsWith', 'notStartsWith', 'endsWith', 'notEndsWith', 'contains', 'notContains', 'match', 'notMatch', 'in', 'notIn', 'le', 'ge',
] as const;
export type ComparisonOperator = (typeof comparisonOperators)[number];

/** The negated operators, each the exact opposite of its positive twin (so for a missing value too). */
export const negationOf: Partial<Record<ComparisonOperator, ComparisonOperator>> = {
  ne: 'eq',
  notStartsWith: 'startsWith',
  notEndsWith: 'endsWith',
  notContains: 'contains',
  notMatch: 'match',
  notIn: 'in',
};
