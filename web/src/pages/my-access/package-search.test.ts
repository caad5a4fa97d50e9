import { describe, expect, it } from 'vitest';
import type { AccessPackage } from '../../api/graph';
import { matchesSearch, resourceNames } from './package-search';

const newHire = {
  id: 'p',
  displayName: 'New hire in IT',
  description: 'Everything a new IT colleague needs',
  isHidden: false,
  createdDateTime: '',
  modifiedDateTime: '',
  resourceRoleScopes: [
    { id: 'a', role: { id: 'r1', displayName: 'Member', description: 'Member of GitHub Users', originId: 'Member_1', originSystem: 'AadGroup' } },
    { id: 'b', role: { id: 'r2', displayName: 'Member', description: 'Member of Jira Users', originId: 'Member_2', originSystem: 'AadGroup' } },
  ],
} as unknown as AccessPackage;

describe('searching requestable packages', () => {
  it('names resources as people know them', () => {
    expect(resourceNames(newHire)).toEqual(['GitHub Users', 'Jira Users']);
  });
  it.each([
    ['', true],
    ['new hire', true],
    ['colleague', true],
    ['github', true],
    ['JIRA users', true],
    ['github finance', false],
    ['payroll', false],
  ])('“%s” matches: %s', (search, expected) => {
    expect(matchesSearch(newHire, search)).toBe(expected);
  });
});
