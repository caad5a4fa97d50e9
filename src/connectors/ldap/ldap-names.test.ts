import { describe, expect, it } from 'vitest';
import { escapeDnValue, normalDn, sameDn } from './ldap-names.js';

/** DN comparison: one entry written two ways is one holder for reconciliation, and two entries are never one. */
describe('normalDn', () => {
  it.each([
    ['case and spaces around separators', 'UID=Ann , OU=People,dc=Example, dc=org', 'uid=ann,ou=people,dc=example,dc=org'],
    ['a comma escaped as \\, or as hex', 'cn=Smith\\, Ann,ou=people', 'cn=smith\\2C ann,ou=people'],
    ['UTF-8 written as hex bytes', 'cn=J\\C3\\B6rg,ou=people', 'cn=Jörg,ou=people'],
    ['a multi-valued RDN in either order', 'cn=Ann+uid=ann,ou=people', 'uid=ann+cn=ann,ou=people'],
  ])('treats %s as the same DN', (_name, a, b) => {
    expect(normalDn(a)).toBe(normalDn(b));
    expect(sameDn(a, b)).toBe(true);
  });

  it.each([
    ['an escaped trailing space and none', 'cn=eve\\ ,ou=people', 'cn=eve,ou=people'],
    ['an escaped comma and a separator', 'cn=a\\,ou=b,dc=c', 'cn=a,ou=b,dc=c'],
    ['a + in a value and a multi-valued RDN', 'cn=a\\+uid=b,ou=people', 'cn=a+uid=b,ou=people'],
  ])('keeps %s apart', (_name, a, b) => {
    expect(normalDn(a)).not.toBe(normalDn(b));
  });

  it('round-trips what escapeDnValue writes, whatever the name holds', () => {
    for (const name of ['eve*)(uid=*', ' lead', 'trail ', '#hash', 'a,b+c="d"\\<e>;']) {
      expect(normalDn(`uid=${escapeDnValue(name)},ou=people`)).toBe(`uid=${escapeDnValue(name.toLowerCase())},ou=people`);
    }
  });
});
