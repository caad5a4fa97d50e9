import { describe, expect, it } from 'vitest';
import { demoPeople } from '../demo/demo-organisation.js';
import { signInChoices, type PersonaUser } from './demo-personas.js';
import { memoryProviderStore } from './provider-store.js';

const people: PersonaUser[] = demoPeople().map((person, index) => ({ id: `u${index}`, displayName: person.displayName, userPrincipalName: person.userPrincipalName, department: person.department ?? null, jobTitle: person.jobTitle ?? null }));

describe('signInChoices', () => {
  it('offers the demo’s story first: administrator, chief executive, head of IT, two IT staff, someone from another department', () => {
    const { personas } = signInChoices(people);
    expect(personas.map(({ user }) => [user.displayName, user.department, user.jobTitle])).toEqual([
      ['Ada Administrator', 'IT', 'IT Administrator'],
      ['Camilla Executive', 'Management', 'Chief Executive Officer'],
      [expect.any(String), 'IT', 'Head of IT'],
      [expect.any(String), 'IT', expect.not.stringMatching(/Head/)],
      [expect.any(String), 'IT', 'Security Analyst'],
      [expect.any(String), 'Engineering', expect.not.stringMatching(/Head/)],
    ]);
    expect(personas.map(({ role }) => role.split(':')[0])).toEqual(['Administrator', 'Manager of the department heads', 'Manager of the IT staff', 'IT staff', 'IT security', 'Not in IT']);
  });

  it('lists everyone else once, by department alphabetically, people without one last, each by name', () => {
    const { personas, departments } = signInChoices(people);
    expect(departments.map(({ name }) => name)).toEqual(['Engineering', 'Finance', 'HR', 'IT', 'Legal', 'Marketing', 'Operations', 'Sales', 'No department']);
    const listed = departments.flatMap(({ users }) => users.map((user) => user.id));
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.length + personas.length).toBe(people.length);
    expect(listed).not.toContain(personas[0]!.user.id);
    expect(departments.find(({ name }) => name === 'No department')!.users.every((user) => user.userPrincipalName.includes('#EXT#'))).toBe(true);
    for (const { users } of departments) expect(users.map((user) => user.displayName)).toEqual([...users.map((user) => user.displayName)].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('leaves out personas the directory no longer has, and offers whoever it has', () => {
    const { personas, departments } = signInChoices([{ id: 'x', displayName: 'Someone', userPrincipalName: 'someone@example.com', department: null, jobTitle: null }]);
    expect(personas).toEqual([]);
    expect(departments).toEqual([{ name: 'No department', users: [expect.objectContaining({ id: 'x' })] }]);
  });
});

describe('the demo provider’s memory store', () => {
  it('forgets entries when they expire, finds sessions by uid, consumes codes and revokes a grant’s tokens', async () => {
    let now = 1_000_000;
    const store = memoryProviderStore(() => now);
    const sessions = store('Session');
    const codes = store('AuthorizationCode');
    const tokens = store('AccessToken');
    await sessions.upsert('s1', { uid: 'uid-1', accountId: 'a' }, 60);
    await codes.upsert('c1', { grantId: 'g1' }, 10);
    await tokens.upsert('t1', { grantId: 'g1' }, 600);
    await tokens.upsert('t2', { grantId: 'g2' }, 600);
    expect(await sessions.findByUid('uid-1')).toMatchObject({ accountId: 'a' });
    await codes.consume('c1');
    expect(await codes.find('c1')).toMatchObject({ consumed: 1000 });
    now += 11_000;
    expect(await codes.find('c1')).toBeUndefined();
    await tokens.revokeByGrantId('g1');
    expect(await tokens.find('t1')).toBeUndefined();
    expect(await tokens.find('t2')).toBeDefined();
    now += 60_000;
    expect(await sessions.findByUid('uid-1')).toBeUndefined();
  });
});
