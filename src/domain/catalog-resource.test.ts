import { describe, expect, it } from 'vitest';
import { needsResourceOwnership, resourceAdmission, resourceRemovalBlocker } from './catalog-resource.js';
import { systemPrincipal, type Principal } from './principal.js';
import { catalogRoles, directoryRoles } from './roles.js';

const user = (directoryRoleIds: string[], catalogRoleIds: Record<string, string[]> = {}): Principal => ({
  kind: 'user',
  id: 'u1',
  userPrincipalName: 'u1@example.com',
  displayName: 'U1',
  userType: 'Member',
  directoryRoleIds: new Set(directoryRoleIds),
  catalogRoleIds: new Map(Object.entries(catalogRoleIds).map(([catalogId, roles]) => [catalogId, new Set(roles)])),
  tenantCatalogRoleIds: new Set(),
});

const globalAdmin = user([directoryRoles.globalAdministrator.id]);
const governanceAdmin = user([directoryRoles.identityGovernanceAdministrator.id]);
const ownerOfA = user([], { A: [catalogRoles.catalogOwner.id] });
const managerOfA = user([], { A: [catalogRoles.accessPackageManager.id] });
const globalReader = user([directoryRoles.globalReader.id]);

describe('resourceAdmission', () => {
  const candidate = (catalogId: string, ownsResource: boolean | undefined, grantsAdministrativeRoles = false) => ({ catalogId, originSystem: 'AadGroup', grantsAdministrativeRoles, ownsResource });

  it.each<[string, Principal, string, boolean | undefined, boolean]>([
    ['a Global Administrator, any group', globalAdmin, 'A', undefined, true],
    ['an Identity Governance Administrator, any group', governanceAdmin, 'B', false, true],
    ['the system', systemPrincipal(), 'A', undefined, true],
    ['the owner of catalog A, a group they own', ownerOfA, 'A', true, true],
    ['the owner of catalog A, a group they do not own', ownerOfA, 'A', false, false],
    ['the owner of catalog A, into catalog B', ownerOfA, 'B', true, false],
    ['an access package manager of A, a group they own', managerOfA, 'A', true, false],
    ['a Global Reader, a group they own', globalReader, 'A', true, false],
  ])('%s → %s', (_name, principal, catalogId, ownsResource, allowed) => {
    expect(resourceAdmission(principal, candidate(catalogId, ownsResource)).allowed).toBe(allowed);
  });

  it.each<[string, Principal, boolean | undefined, boolean]>([
    ['a Global Administrator', globalAdmin, undefined, true],
    ['the system', systemPrincipal(), undefined, true],
    ['an Identity Governance Administrator', governanceAdmin, undefined, false],
    ['the owner of catalog A, a group they own', ownerOfA, true, false],
  ])('a resource conferring directory roles, added by %s → %s', (_name, principal, ownsResource, allowed) => {
    expect(resourceAdmission(principal, candidate('A', ownsResource, true)).allowed).toBe(allowed);
  });

  it('says why a catalog owner is refused', () => {
    expect(resourceAdmission(ownerOfA, candidate('A', false))).toEqual({ allowed: false, reason: expect.stringMatching(/groups they own/) });
    expect(resourceAdmission(governanceAdmin, candidate('A', undefined, true))).toEqual({ allowed: false, reason: expect.stringMatching(/directory roles.*Global Administrator/) });
  });
});

describe('needsResourceOwnership', () => {
  it.each<[string, Principal, boolean]>([
    ['a Global Administrator', globalAdmin, false],
    ['an Identity Governance Administrator', governanceAdmin, false],
    ['a catalog owner', ownerOfA, true],
    ['the system', systemPrincipal(), false],
  ])('%s → %s', (_name, principal, expected) => {
    expect(needsResourceOwnership(principal)).toBe(expected);
  });
});

describe('resourceRemovalBlocker', () => {
  it.each<[{ displayName: string }[], RegExp | null]>([
    [[], null],
    [[{ displayName: 'Sales access' }, { displayName: 'Ops' }], /'Sales access', 'Ops'/],
  ])('%j', (packages, expected) => {
    const blocker = resourceRemovalBlocker(packages);
    if (expected === null) expect(blocker).toBeNull();
    else expect(blocker).toMatch(expected);
  });
});
