import { describe, expect, it } from 'vitest';
import { subject } from '../../test/helpers/rule-subjects.js';
import { compileRule } from './rule-compiler.js';
import { interpretRule } from './rule-interpreter.js';
import { parseRule } from './rule-parser.js';
import type { RuleSubject } from './rule-properties.js';

const now = new Date('2026-11-26T12:00:00Z');
const manager = '62e19b97-8b3d-4d4a-a106-4ce66896a863';

/** Each case is checked on the compiled rule and on the reference interpreter. */
function outcomes(rule: string, who: RuleSubject): [boolean, boolean] {
  return [compileRule(rule).matches(who, now), interpretRule(parseRule(rule), who, now)];
}

describe('what a rule matches (compiled and interpreted alike)', () => {
  const sales = subject({ department: 'Sales', city: 'Lagos', country: 'NG', jobTitle: 'Account Executive', mail: 'ada@contoso.com' });
  const noDepartment = subject({ department: null, city: 'Oslo' });

  it.each<[string, RuleSubject, boolean]>([
    ['user.department -eq "Sales"', sales, true],
    // Text and regular expressions are compared without regard to case.
    ['user.department -eq "SALES"', sales, true],
    ['user.department -ne "sales"', sales, false],
    ['user.city -startsWith "lag"', sales, true],
    ['user.city -notStartsWith "lag"', sales, false],
    ['user.mail -endsWith "@CONTOSO.com"', sales, true],
    ['user.mail -notEndsWith "@fabrikam.com"', sales, true],
    ['user.jobTitle -contains "EXEC"', sales, true],
    ['user.jobTitle -notContains "exec"', sales, false],
    ['user.jobTitle -match "^account\\s+exec"', sales, true],
    ['user.jobTitle -notMatch "intern"', sales, true],
    ['user.country -in ["no", "ng"]', sales, true],
    ['user.country -notIn ["no", "se"]', sales, true],
    ['user.employeeId -eq 12345', subject({ employeeId: '12345' }), true],
    // A missing value: -eq null holds, every positive test fails, every negated one holds.
    ['user.department -eq null', noDepartment, true],
    ['user.department -ne null', noDepartment, false],
    ['user.department -ne null', sales, true],
    ['user.department -eq "Sales"', noDepartment, false],
    ['user.department -ne "Sales"', noDepartment, true],
    ['user.department -startsWith "S"', noDepartment, false],
    ['user.department -notStartsWith "S"', noDepartment, true],
    ['user.department -match ".*"', noDepartment, false],
    ['user.department -notMatch ".*"', noDepartment, true],
    ['user.department -in ["Sales"]', noDepartment, false],
    ['user.department -notIn ["Sales"]', noDepartment, true],
    ['user.department -eq "null"', noDepartment, false],
    // Precedence: comparisons, -not, -and, -or.
    ['user.city -eq "Oslo" -or user.city -eq "Lagos" -and user.country -eq "SE"', sales, false],
    ['(user.city -eq "Oslo" -or user.city -eq "Lagos") -and user.country -eq "NG"', sales, true],
    ['-not user.city -eq "Oslo" -and user.country -eq "NG"', sales, true],
    ['-not (user.city -eq "Lagos" -and user.country -eq "NG")', sales, false],
    ['not user.department -eq null', sales, true],
    ['user.accountEnabled -eq true', subject({ accountEnabled: true }), true],
    ['user.accountEnabled -eq true', subject({ accountEnabled: false }), false],
    ['user.accountEnabled -ne true', subject({ accountEnabled: false }), true],
    ['user.extensionAttribute3 -eq "Contractor"', subject({ onPremisesExtensionAttributes: { extensionAttribute3: 'contractor' } }), true],
    ['user.extensionAttribute4 -eq null', subject({ onPremisesExtensionAttributes: { extensionAttribute3: 'contractor' } }), true],
    ['user.physicalDeliveryOfficeName -eq "HQ"', subject({ officeLocation: 'HQ' }), true],
    // Collections: -any / -all with _, and directly (any item).
    ['user.proxyAddresses -any (_ -startsWith "smtp:")', subject({ proxyAddresses: ['SMTP:ada@contoso.com', 'x500:/o=old'] }), true],
    ['user.proxyAddresses -all (_ -startsWith "smtp:")', subject({ proxyAddresses: ['SMTP:ada@contoso.com', 'x500:/o=old'] }), false],
    ['user.proxyAddresses -all (_ -startsWith "smtp:")', subject({ proxyAddresses: [] }), true],
    ['user.proxyAddresses -any (_ -startsWith "smtp:")', subject({ proxyAddresses: [] }), false],
    ['user.otherMails -any (_ -contains "@partner.example")', subject({ otherMails: ['ada@PARTNER.example'] }), true],
    ['user.otherMails -contains "partner"', subject({ otherMails: ['a@home.example', 'ada@partner.example'] }), true],
    ['user.otherMails -notContains "partner"', subject({ otherMails: ['a@home.example', 'ada@partner.example'] }), false],
    ['user.otherMails -notContains "partner"', subject({ otherMails: [] }), true],
    ['user.otherMails -eq null', subject({ otherMails: [] }), true],
    ['user.otherMails -ne null', subject({ otherMails: ['a@home.example'] }), true],
    ["user.memberOf -any (group.objectId -in ['G1', 'g2'])", subject({}, { memberOf: ['g2', 'g9'] }), true],
    ["user.memberOf -any (group.objectId -in ['g1'])", subject({}, { memberOf: ['g2'] }), false],
    ["user.memberOf -all (group.objectId -ne 'g1')", subject({}, { memberOf: ['g2'] }), true],
    [`Direct Reports for "${manager}"`, subject({}, { managerId: manager }), true],
    [`Direct Reports for "${manager.toUpperCase()}"`, subject({}, { managerId: manager }), true],
    [`Direct Reports for "${manager}"`, subject({}, { managerId: null }), false],
    // Dates: fixed, and system.now moved by a duration.
    ['user.employeeHireDate -le 2026-01-01T00:00:00Z', subject({ employeeHireDate: '2025-12-31T09:00:00Z' }), true],
    ['user.employeeHireDate -ge "2026-01-01"', subject({ employeeHireDate: '2025-12-31T09:00:00Z' }), false],
    ['user.employeeHireDate -ge system.now -minus P30D', subject({ employeeHireDate: '2026-11-20T00:00:00Z' }), true],
    ['user.employeeHireDate -ge system.now -minus P30D', subject({ employeeHireDate: '2026-10-20T00:00:00Z' }), false],
    ['user.employeeHireDate -le system.now -plus P1D', subject({ employeeHireDate: '2026-11-27T11:00:00Z' }), true],
    ['user.employeeHireDate -le system.now', subject({ employeeHireDate: null }), false],
    ['user.employeeHireDate -ne system.now', subject({ employeeHireDate: null }), true],
  ])('%s', (rule, who, expected) => {
    expect(outcomes(rule, who)).toEqual([expected, expected]);
  });

  it('says what a rule depends on, so that a change is tested only against the rules it can affect', () => {
    const rule = compileRule('user.department -eq "IT" -and (user.extensionAttribute2 -eq "x" -or user.employeeHireDate -ge system.now -minus P7D)');
    expect([...rule.reads].sort()).toEqual(['department', 'employeeHireDate', 'onPremisesExtensionAttributes.extensionAttribute2']);
    expect(rule.readsClock).toBe(true);
    expect(compileRule('user.city -eq "Oslo"').readsClock).toBe(false);
    const reports = compileRule(`Direct Reports for "${manager}"`);
    expect([...reports.reads]).toEqual(['manager']);
    expect([...reports.directReportsOf]).toEqual([manager]);
    expect([...compileRule("user.memberOf -any (group.objectId -in ['g1'])").reads]).toEqual(['memberOf']);
  });
});
