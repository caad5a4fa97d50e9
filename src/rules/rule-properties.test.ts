import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { subject } from '../../test/helpers/rule-subjects.js';
import { compileRule } from './rule-compiler.js';
import { interpretRule } from './rule-interpreter.js';
import { parseRule } from './rule-parser.js';

// Small alphabets, so that random rules and random users meet often enough to match.
const words = ['a', 'A', 'ab', 'Sales', 'SALES', 'b', 'lo', '1', '12'];
const quoted = (text: string) => `"${text}"`;
const textProperties = ['department', 'city', 'jobTitle', 'mail', 'extensionAttribute1', 'employeeId'];
const textOperators = ['eq', 'ne', 'startsWith', 'notStartsWith', 'endsWith', 'notEndsWith', 'contains', 'notContains'];
const patterns = ['^a', 'b$', 'a.*b', '[0-9]+', '(?:sa|lo)', 'S'];
const now = new Date('2026-11-26T12:00:00Z');
const hireDates = [null, '2026-11-25T12:00:00Z', '2026-10-01T00:00:00Z', '2026-11-26T12:00:00Z', '2026-12-24T00:00:00Z'];

/** An operator as Entra allows writing it: with or without its hyphen, in any case. */
const spelled = (name: string) => fc.constantFrom(`-${name}`, name, `-${name.toUpperCase()}`);

const itemTest = fc.oneof(
  fc.tuple(spelled('eq'), fc.constantFrom(...words)).map(([op, value]) => `${op} ${quoted(value)}`),
  fc.tuple(fc.constantFrom(...textOperators), fc.constantFrom(...words)).chain(([op, value]) => spelled(op).map((written) => `${written} ${quoted(value)}`)),
  fc.tuple(fc.constantFrom('match', 'notMatch'), fc.constantFrom(...patterns)).chain(([op, pattern]) => spelled(op).map((written) => `${written} ${quoted(pattern)}`)),
  fc.tuple(fc.constantFrom('in', 'notIn'), fc.uniqueArray(fc.constantFrom(...words), { minLength: 1, maxLength: 3 })).map(([op, values]) => `-${op} [${values.map(quoted).join(', ')}]`),
);

const leaf = fc.oneof(
  fc.tuple(fc.constantFrom(...textProperties), itemTest).map(([property, test]) => `user.${property} ${test}`),
  fc.tuple(fc.constantFrom(...textProperties), fc.constantFrom('-eq', '-ne')).map(([property, op]) => `user.${property} ${op} null`),
  fc.tuple(fc.constantFrom('-eq', '-ne'), fc.boolean()).map(([op, value]) => `user.accountEnabled ${op} ${value}`),
  fc.tuple(fc.constantFrom('proxyAddresses', 'otherMails'), fc.constantFrom('-any', '-all'), itemTest).map(([property, quantifier, test]) => `user.${property} ${quantifier} (_ ${test})`),
  fc.tuple(fc.constantFrom('proxyAddresses', 'otherMails'), itemTest).map(([property, test]) => `user.${property} ${test}`),
  fc.tuple(fc.constantFrom('-any', '-all'), fc.constantFrom('-in', '-notIn'), fc.uniqueArray(fc.constantFrom('g1', 'G2', 'g3'), { minLength: 1, maxLength: 2 })).map(
    ([quantifier, op, ids]) => `user.memberOf ${quantifier} (group.objectId ${op} [${ids.map((id) => `'${id}'`).join(',')}])`,
  ),
  fc.tuple(fc.constantFrom('-le', '-ge', '-eq', '-ne'), fc.constantFrom('system.now', 'system.now -minus P30D', 'system.now -plus p1d', '2026-11-25T12:00:00Z')).map(([op, moment]) => `user.employeeHireDate ${op} ${moment}`),
);

const rule: fc.Arbitrary<string> = fc.letrec<{ rule: string }>((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tie('rule'), fc.constantFrom('-and', 'and', '-or', 'OR'), tie('rule')).map(([left, op, right]) => `${left} ${op} ${right}`),
    tie('rule').map((inner) => `(${inner})`),
    tie('rule').map((inner) => `-not (${inner})`),
  ),
})).rule;

const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });
const user = fc
  .record({
    department: maybe(fc.constantFrom(...words, '')),
    city: maybe(fc.constantFrom(...words)),
    jobTitle: maybe(fc.constantFrom(...words)),
    mail: maybe(fc.constantFrom(...words)),
    employeeId: maybe(fc.constantFrom(...words)),
    extensionAttribute1: maybe(fc.constantFrom(...words)),
    accountEnabled: fc.boolean(),
    proxyAddresses: fc.array(fc.constantFrom(...words), { maxLength: 3 }),
    otherMails: fc.array(fc.constantFrom(...words), { maxLength: 3 }),
    employeeHireDate: fc.constantFrom(...hireDates),
    memberOf: fc.uniqueArray(fc.constantFrom('g1', 'g2', 'g3'), { maxLength: 3 }),
  })
  .map(({ extensionAttribute1, memberOf, ...fields }) => subject({ ...fields, onPremisesExtensionAttributes: { extensionAttribute1 } }, { memberOf }));

describe('compiled rules', () => {
  it('always agree with the reference interpreter', () => {
    fc.assert(
      fc.property(rule, fc.array(user, { minLength: 1, maxLength: 8 }), (text, users) => {
        const compiled = compileRule(text);
        const tree = parseRule(text);
        for (const who of users) expect(compiled.matches(who, now)).toBe(interpretRule(tree, who, now));
      }),
      { numRuns: 2000 },
    );
  });

  it('read only what they say they read: a change to any other property never changes the outcome', () => {
    fc.assert(
      fc.property(rule, user, fc.constantFrom(...textProperties), fc.constantFrom(...words), (text, who, property, value) => {
        const compiled = compileRule(text);
        if (compiled.reads.has(property === 'extensionAttribute1' ? 'onPremisesExtensionAttributes.extensionAttribute1' : property)) return;
        const changed = property === 'extensionAttribute1' ? { ...who.user, onPremisesExtensionAttributes: { ...who.user.onPremisesExtensionAttributes, extensionAttribute1: value } } : { ...who.user, [property]: value };
        expect(compiled.matches({ ...who, user: changed }, now)).toBe(compiled.matches(who, now));
      }),
      { numRuns: 1000 },
    );
  });
});
