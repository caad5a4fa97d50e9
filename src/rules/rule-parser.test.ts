import { describe, expect, it } from 'vitest';
import { RuleError } from './rule-error.js';
import { parseRule } from './rule-parser.js';
import type { RuleNode } from './rule-ast.js';

/** The parsed rule with properties by name, so expectations read like the rule. */
function shape(node: RuleNode): unknown {
  switch (node.kind) {
    case 'or':
    case 'and':
      return { [node.kind]: node.operands.map(shape) };
    case 'not':
      return { not: shape(node.operand) };
    case 'compare':
      return { [node.property.name]: node.test };
    case 'quantified':
      return { [`${node.property.name} ${node.quantifier}`]: node.test };
    case 'directReports':
      return { directReportsOf: node.managerId };
  }
}

describe('parseRule: rules Entra accepts', () => {
  it.each<[string, unknown]>([
    ['user.department -eq "Sales"', { department: { operator: 'eq', value: 'Sales' } }],
    // Without hyphens, in any case, property names in any case.
    ['user.Department EQ "Sales"', { department: { operator: 'eq', value: 'Sales' } }],
    ['user.city -startswith "Lag"', { city: { operator: 'startsWith', value: 'Lag' } }],
    ['user.mail -notEndsWith "@contoso.com"', { mail: { operator: 'notEndsWith', value: '@contoso.com' } }],
    ['user.jobTitle -notContains "intern"', { jobTitle: { operator: 'notContains', value: 'intern' } }],
    ['user.displayName -match "^Da.*"', { displayName: { operator: 'match', pattern: '^Da.*' } }],
    ['user.employeeId -match "^[0-9]{6,100}$"', { employeeId: { operator: 'match', pattern: '^[0-9]{6,100}$' } }],
    ['user.department -in ["50001","50002"]', { department: { operator: 'in', values: ['50001', '50002'] } }],
    ["user.country -notIn ['NO', 'SE']", { country: { operator: 'notIn', values: ['NO', 'SE'] } }],
    ['user.employeeId -eq 12345', { employeeId: { operator: 'eq', value: '12345' } }],
    ['user.department -eq null', { department: { operator: 'eq', value: null } }],
    ['user.department -ne "null"', { department: { operator: 'ne', value: 'null' } }],
    ['user.accountEnabled -eq true', { accountEnabled: { operator: 'eq', value: true } }],
    ['user.accountEnabled -ne FALSE', { accountEnabled: { operator: 'ne', value: false } }],
    ['user.extensionAttribute15 -eq "Marketing"', { extensionAttribute15: { operator: 'eq', value: 'Marketing' } }],
    ['user.physicalDeliveryOfficeName -eq "HQ"', { physicalDeliveryOfficeName: { operator: 'eq', value: 'HQ' } }],
    ['user.department -eq `"Sales`"', null], // a backtick outside quotes is refused (below); inside it escapes
    ['user.department -eq "Sa`"les"', { department: { operator: 'eq', value: 'Sa"les' } }],
    ["user.department -eq 'O''Brien'", { department: { operator: 'eq', value: "O'Brien" } }],
    ['user.employeeHireDate -le 2020-06-10T18:13:20Z', { employeeHireDate: { operator: 'le', moment: { kind: 'fixed', epochMs: Date.parse('2020-06-10T18:13:20Z') } } }],
    // Without an offset a time is UTC, whatever the server's time zone.
    ['user.employeeHireDate -le 2020-06-10T18:13', { employeeHireDate: { operator: 'le', moment: { kind: 'fixed', epochMs: Date.parse('2020-06-10T18:13:00Z') } } }],
    ['user.employeehiredate -ge system.now -plus p1d', { employeeHireDate: { operator: 'ge', moment: { kind: 'now', shift: { sign: 1, duration: 'P1D' } } } }],
    ['user.employeeHireDate -le system.now -minus P1Y', { employeeHireDate: { operator: 'le', moment: { kind: 'now', shift: { sign: -1, duration: 'P1Y' } } } }],
    ['user.employeeHireDate -ge system.now', { employeeHireDate: { operator: 'ge', moment: { kind: 'now', shift: null } } }],
    ['user.proxyAddresses -any (_ -startsWith "contoso")', { 'proxyAddresses any': { operator: 'startsWith', value: 'contoso' } }],
    ['user.otherMails -all (_ -endsWith "@contoso.com")', { 'otherMails all': { operator: 'endsWith', value: '@contoso.com' } }],
    ['user.otherMails -contains "alias"', { otherMails: { operator: 'contains', value: 'alias' } }],
    ["user.memberof -any (group.objectId -in ['a1', 'b2'])", { 'memberOf any': { operator: 'in', values: ['a1', 'b2'] } }],
    ['Direct Reports for "62e19b97-8b3d-4d4a-a106-4ce66896a863"', { directReportsOf: '62e19b97-8b3d-4d4a-a106-4ce66896a863' }],
  ])('%s', (rule, expected) => {
    if (expected === null) return expect(() => parseRule(rule)).toThrow(RuleError);
    expect(shape(parseRule(rule))).toEqual(expected);
  });

  it('binds comparisons, then -not, then -and, then -or', () => {
    const a = { department: { operator: 'eq', value: 'A' } };
    const b = { city: { operator: 'eq', value: 'B' } };
    const c = { country: { operator: 'eq', value: 'C' } };
    expect(shape(parseRule('user.department -eq "A" -or user.city -eq "B" -and user.country -eq "C"'))).toEqual({ or: [a, { and: [b, c] }] });
    expect(shape(parseRule('-not user.department -eq "A" -and user.city -eq "B"'))).toEqual({ and: [{ not: a }, b] });
    expect(shape(parseRule('not (user.department -eq "A" or user.city -eq "B") and user.country -eq "C"'))).toEqual({ and: [{ not: { or: [a, b] } }, c] });
    expect(shape(parseRule('(user.department -eq "A") -and -not (user.city -eq "B")'))).toEqual({ and: [a, { not: b }] });
    expect(shape(parseRule('((user.department -eq "A"))'))).toEqual(a);
  });

  it('accepts a rule of exactly 3,072 characters', () => {
    const rule = `user.department -eq "${'x'.repeat(3072 - 'user.department -eq ""'.length)}"`;
    expect(rule).toHaveLength(3072);
    expect(() => parseRule(rule)).not.toThrow();
  });
});

describe('parseRule: rules refused, with what is wrong and where', () => {
  it.each<[string, RegExp, number, number, string]>([
    ['user.department -equals "x"', /-equals is not an operator/, 1, 17, '-equals'],
    ['user.departmnt -eq "x"', /user\.departmnt is not a property rules can use; did you mean user\.department\?/, 1, 1, 'user.departmnt'],
    ['user.favouriteColour -eq "x"', /not a property rules can use$/, 1, 1, 'user.favouriteColour'],
    ['(user.department -eq "x"', /the '\(' at line 1, column 1 is never closed/, 1, 25, ''],
    ['user.department -eq "x")', /closes no '\('/, 1, 24, ')'],
    ['(user.department -eq "a") (user.city -eq "b")', /joined with -and or -or/, 1, 27, '('],
    ['user.department -eq "x" -and', /the rule ends where a condition was expected/, 1, 29, ''],
    ['user.displayName -match "(unclosed"', /the regular expression is not valid/, 1, 25, '"(unclosed"'],
    ['user.displayName -match "(a)\\1"', /the regular expression is not valid/, 1, 25, '"(a)\\1"'],
    ['user.displayName -match "a{1000}"', /repetition count in a regular expression may be at most 100/, 1, 25, '"a{1000}"'],
    ['user.displayName -match "(ab){2,101}"', /at most 100/, 1, 25, '"(ab){2,101}"'],
    // Each pattern is within bounds, but together they would cost every evaluation thousands of steps per user.
    [`user.displayName -match "[a-z]{99}[a-z]{99}[a-z]{99}" -or user.jobTitle -match "[a-z]{99}[a-z]{99}[a-z]{99}"${' -or user.city -match "[a-z]{99}[a-z]{99}[a-z]{99}"'.repeat(6)}`, /may compile to at most 2000 instructions together; with this one they take \d+/, 1, 335, '"[a-z]{99}[a-z]{99}[a-z]{99}"'],
    ['user.department -eq Sales', /a text value must be in double quotes: "Sales"/, 1, 21, 'Sales'],
    ['user.department -eq "unclosed', /not closed: a double quote is missing/, 1, 21, '"unclosed'],
    ['user.accountEnabled -contains true', /-contains cannot compare user\.accountEnabled/, 1, 21, '-contains'],
    ['user.accountEnabled -eq "yes"', /accountEnabled is true or false/, 1, 25, '"yes"'],
    ['user.department -le "x"', /-le compares dates; user\.department is text/, 1, 17, '-le'],
    ['user.department -startsWith null', /null can only be compared with -eq or -ne/, 1, 29, 'null'],
    ['user.department -eq true', /true and false compare true\/false properties/, 1, 21, 'true'],
    ['user.department -in []', /the list is empty/, 1, 22, ']'],
    ['user.department -in ["a" "b"]', /expected ',' or '\]' in the list/, 1, 26, '"b"'],
    ['user.department -in "a"', /expected a list of values in brackets/, 1, 21, '"a"'],
    ['user.department -any (_ -eq "x")', /-any applies to collections/, 1, 17, '-any'],
    ['user.proxyAddresses -any _ -eq "x"', /expected '\(' after -any/, 1, 26, '_'],
    ['user.proxyAddresses -any (item -eq "x")', /each item is written _/, 1, 27, 'item'],
    ['user.memberOf -eq "x"', /compared with -any: user\.memberOf -any/, 1, 15, '-eq'],
    ["user.memberOf -any (group.objectId -startsWith 'x')", /-startsWith cannot compare group\.objectId/, 1, 36, '-startsWith'],
    ['user.employeeHireDate -ge "last week"', /compared with a date and time/, 1, 27, '"last week"'],
    ['user.employeeHireDate -ge system.now -plus 3 days', /ISO 8601 duration/, 1, 44, '3'],
    ['Direct Reports "x"', /expected Direct Reports for/, 1, 1, 'Direct'],
    ['Direct Reports for manager', /object id in double quotes/, 1, 20, 'manager'],
    ['device.deviceOSType -eq "Windows"', /device rules are not supported/, 1, 1, 'device.deviceOSType'],
    ['department -eq "x"', /expected a property such as user\.department/, 1, 1, 'department'],
    ['user.department -eq "x" ; drop table users', /';' has no meaning/, 1, 25, ';'],
    ['', /the rule is empty/, 1, 1, ''],
    ['user.department -eq "a"\n  -and user.city -equal "b"', /-equal is not an operator/, 2, 18, '-equal'],
  ])('%s', (rule, message, line, column, found) => {
    let error: unknown;
    try {
      parseRule(rule);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RuleError);
    const ruleError = error as RuleError;
    expect(ruleError.reason).toMatch(message);
    expect({ line: ruleError.position.line, column: ruleError.position.column, found: ruleError.found }).toEqual({ line, column, found });
    expect(ruleError.message).toContain(`line ${line}, column ${column}`);
  });

  it('refuses a rule over 3,072 characters before reading it', () => {
    const rule = `user.department -eq "${'x'.repeat(3100)}"`;
    expect(() => parseRule(rule)).toThrow(/at most 3072/);
  });
});
