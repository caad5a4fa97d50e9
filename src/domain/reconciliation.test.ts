import { describe, expect, it } from 'vitest';
import type { RoleGrantState } from './assignment.js';
import { confirmedDrift, findDrift, grantsGivenMeanwhile, type ReconciledGrant } from './reconciliation.js';

const grant = (id: string, userId: string, state: RoleGrantState, resourceOriginId = 'readers', holder: string | null = null): ReconciledGrant => ({ id, assignmentId: `a-${id}`, userId, resourceOriginId, roleOriginId: 'Member', state, holder });
const caseless = (holder: string) => holder.toLowerCase();
const holders = new Map<string, string | null>([
  ['ann', 'Ann'],
  ['bob', 'bob'],
  ['cat', 'cat'],
  ['dan', null],
]);

describe('findDrift', () => {
  const cases: { name: string; held: string[]; grants: ReconciledGrant[]; expected: unknown[] }[] = [
    { name: 'nothing to say when the system holds what was granted', held: ['ann', 'bob'], grants: [grant('1', 'ann', 'granted'), grant('2', 'bob', 'granted')], expected: [] },
    { name: 'a holder no assignment gives is unexpected', held: ['ann', 'eve'], grants: [grant('1', 'ann', 'granted')], expected: [{ kind: 'unexpectedHolder', holder: 'eve', userId: null }] },
    { name: 'a granted role the system no longer holds is missing', held: ['ann'], grants: [grant('1', 'ann', 'granted'), grant('2', 'bob', 'granted')], expected: [{ kind: 'missingHolder', holder: 'bob', userId: 'bob', grantId: '2' }] },
    { name: 'a user with no account there is missing, holder unknown', held: [], grants: [grant('4', 'dan', 'granted')], expected: [{ kind: 'missingHolder', holder: null, userId: 'dan', grantId: '4' }] },
    {
      name: 'grants on their way in or out account for their holder, present or not',
      held: ['bob', 'cat'],
      grants: [grant('1', 'ann', 'pendingGrant'), grant('2', 'bob', 'pendingRevoke'), grant('3', 'cat', 'revokeFailed'), grant('4', 'dan', 'grantFailed')],
      expected: [],
    },
    { name: 'holders compare in their shared form', held: ['ANN'], grants: [grant('1', 'ann', 'granted')], expected: [] },
    { name: 'a known user holding it without a standing grant is named (access that came back)', held: ['cat'], grants: [], expected: [{ kind: 'unexpectedHolder', holder: 'cat', userId: 'cat' }] },
    { name: 'the account a grant reached stands for it, whatever its user’s account is now (a renamed user)', held: ['ann-2019'], grants: [grant('1', 'ann', 'granted', 'readers', 'ann-2019')], expected: [] },
    { name: 'the account a grant reached is the one missing', held: ['Ann'], grants: [grant('1', 'ann', 'granted', 'readers', 'ann-2019')], expected: [{ kind: 'unexpectedHolder', holder: 'Ann', userId: 'ann' }, { kind: 'missingHolder', holder: 'ann-2019', userId: 'ann', grantId: '1' }] },
    { name: 'a grant of another resource does not account for a holder here', held: ['ann'], grants: [grant('1', 'ann', 'granted', 'writers')], expected: [{ kind: 'unexpectedHolder', holder: 'ann', userId: 'ann' }] },
  ];
  for (const { name, held, grants, expected } of cases) {
    it(name, () => {
      const drift = findDrift({ held: [{ resourceOriginId: 'readers', roleOriginId: 'Member', holders: held }], grants, holderOf: holders, holderKey: caseless });
      expect(drift).toEqual(expected.map((item) => expect.objectContaining({ resourceOriginId: 'readers', roleOriginId: 'Member', ...(item as object) })));
    });
  }
});

describe('confirmedDrift', () => {
  const held = [{ resourceOriginId: 'readers', roleOriginId: 'Member', holders: ['eve'] }];
  it('drops a missing holder whose grant was revoked while the system was read, and keeps one still granted', () => {
    const grants = [grant('1', 'ann', 'granted'), grant('2', 'bob', 'granted')];
    const candidates = findDrift({ held: [{ resourceOriginId: 'readers', roleOriginId: 'Member', holders: [] }], grants, holderOf: holders, holderKey: caseless });
    expect(candidates).toHaveLength(2);
    const confirmed = confirmedDrift(candidates, [grant('1', 'ann', 'pendingRevoke'), grant('2', 'bob', 'granted')], holders, caseless);
    expect(confirmed.map((drift) => drift.kind === 'missingHolder' && drift.grantId)).toEqual(['2']);
  });
  it('drops an unexpected holder an assignment came to give meanwhile', () => {
    const candidates = findDrift({ held, grants: [], holderOf: new Map([['eve', 'eve']]), holderKey: caseless });
    expect(candidates).toHaveLength(1);
    expect(confirmedDrift(candidates, [grant('9', 'eve', 'pendingGrant')], new Map([['eve', 'eve']]), caseless)).toEqual([]);
    expect(confirmedDrift(candidates, [grant('9', 'eve', 'pendingGrant', 'writers')], new Map([['eve', 'eve']]), caseless)).toHaveLength(1);
  });
});

describe('grantsGivenMeanwhile', () => {
  it('finds the standing grants, granted or pending, that give a removed holder the same role, in the holders’ shared form', () => {
    const grantsNow = [grant('1', 'ann', 'granted'), grant('2', 'bob', 'pendingGrant'), grant('3', 'cat', 'pendingRevoke'), grant('4', 'ann', 'granted', 'writers')];
    const removed = [{ resourceOriginId: 'readers', roleOriginId: 'Member', holder: 'ANN' }, { resourceOriginId: 'readers', roleOriginId: 'Member', holder: 'bob' }, { resourceOriginId: 'readers', roleOriginId: 'Member', holder: 'cat' }];
    expect(grantsGivenMeanwhile(removed, grantsNow, holders, caseless).map((found) => found.id)).toEqual(['1', '2']);
    expect(grantsGivenMeanwhile([], grantsNow, holders, caseless)).toEqual([]);
  });
});
