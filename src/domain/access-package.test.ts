import { describe, expect, it } from 'vitest';
import { applyAccessPackageChanges, assertRoleScopeConsistent, buildAccessPackage, incompatibilityProblem, roleScopeProblem, type RoleScopeCandidate } from './access-package.js';
import { ValidationError } from './errors.js';

const role = { id: 'r1', resourceId: 'res1', displayName: 'Member', description: null, originId: 'Member_g1', originSystem: 'AadGroup' };
const scope = { id: 's1', resourceId: 'res1', displayName: 'Root', description: null, originId: 'g1', originSystem: 'AadGroup', isRootScope: true };
const inA = { id: 'res1', catalogId: 'A', removedDateTime: null };
const base: RoleScopeCandidate = { packageCatalogId: 'A', role, roleResource: inA, scope, scopeResource: inA };

describe('roleScopeProblem', () => {
  it.each<[string, RoleScopeCandidate, string | null]>([
    ['role and root scope of a resource of the same catalog', base, null],
    ['a role of a resource in another catalog', { ...base, roleResource: { ...inA, catalogId: 'B' } }, 'role.resource.id'],
    ['a role of a resource removed from the catalog', { ...base, roleResource: { ...inA, removedDateTime: '2026-01-01T00:00:00Z' } }, 'role.resource.id'],
    ['a scope of a resource in another catalog', { ...base, scope: { ...scope, resourceId: 'res2' }, scopeResource: { id: 'res2', catalogId: 'B', removedDateTime: null } }, 'scope'],
    ['a scope of another resource of the same catalog', { ...base, scope: { ...scope, resourceId: 'res2' }, scopeResource: { id: 'res2', catalogId: 'A', removedDateTime: null } }, 'scope'],
    ['a scope from another origin system', { ...base, scope: { ...scope, originSystem: 'Ldap' } }, 'scope.originSystem'],
  ])('%s', (_name, candidate, target) => {
    expect(roleScopeProblem(candidate)?.target ?? null).toBe(target);
  });

  it('throws a ValidationError naming the field', () => {
    expect(() => assertRoleScopeConsistent({ ...base, packageCatalogId: 'B' })).toThrow(ValidationError);
    expect(() => assertRoleScopeConsistent(base)).not.toThrow();
  });
});

describe('incompatibilityProblem', () => {
  it.each<[string, 'accessPackage' | 'group', string, boolean]>([
    ['itself', 'accessPackage', 'p1', true],
    ['another package', 'accessPackage', 'p2', false],
    ['a group whose id happens to equal the package id', 'group', 'p1', false],
  ])('%s → problem: %s', (_name, kind, otherId, problem) => {
    expect(incompatibilityProblem('p1', kind, otherId) !== null).toBe(problem);
  });
});

describe('access package building', () => {
  it('takes defaults and applies PATCH semantics', () => {
    const built = buildAccessPackage({ displayName: 'Sales' }, 'A', 'p1', new Date('2026-01-01T00:00:00Z'));
    expect(built).toMatchObject({ catalogId: 'A', isHidden: false, description: null, deletedDateTime: null });
    const changed = applyAccessPackageChanges(built, { isHidden: true, description: undefined }, new Date('2026-01-02T00:00:00Z'));
    expect(changed).toMatchObject({ isHidden: true, description: null, modifiedDateTime: '2026-01-02T00:00:00.000Z' });
  });
});
