import { describe, expect, it } from 'vitest';
import { applyCatalogChanges, buildCatalog, catalogDeletionBlocker, creatorBecomesOwner } from './catalog.js';
import { systemPrincipal, type Principal } from './principal.js';
import { catalogRoles, directoryRoles } from './roles.js';

const user = (directoryRoleIds: string[] = [], tenantCatalogRoleIds: string[] = []): Principal => ({
  kind: 'user',
  id: 'u1',
  userPrincipalName: 'u1@example.com',
  displayName: 'U1',
  userType: 'Member',
  directoryRoleIds: new Set(directoryRoleIds),
  catalogRoleIds: new Map(),
  tenantCatalogRoleIds: new Set(tenantCatalogRoleIds),
});

describe('buildCatalog', () => {
  it("takes Graph's defaults", () => {
    const catalog = buildCatalog({ displayName: 'Sales' }, 'c1', new Date('2026-01-01T00:00:00Z'));
    expect(catalog).toEqual({
      id: 'c1',
      displayName: 'Sales',
      description: null,
      catalogType: 'userManaged',
      state: 'published',
      isExternallyVisible: false,
      createdDateTime: '2026-01-01T00:00:00.000Z',
      modifiedDateTime: '2026-01-01T00:00:00.000Z',
      deletedDateTime: null,
    });
  });

  it('applies PATCH semantics and moves modifiedDateTime', () => {
    const catalog = buildCatalog({ displayName: 'Sales', description: 'old' }, 'c1', new Date('2026-01-01T00:00:00Z'));
    const changed = applyCatalogChanges(catalog, { state: 'unpublished', description: null, displayName: undefined }, new Date('2026-02-01T00:00:00Z'));
    expect(changed).toMatchObject({ displayName: 'Sales', description: null, state: 'unpublished', createdDateTime: '2026-01-01T00:00:00.000Z', modifiedDateTime: '2026-02-01T00:00:00.000Z' });
  });
});

describe('creatorBecomesOwner', () => {
  it.each<[string, Principal, boolean]>([
    ['a Catalog creator', user([], [catalogRoles.catalogCreator.id]), true],
    ['a Global Administrator', user([directoryRoles.globalAdministrator.id]), false],
    ['an Identity Governance Administrator', user([directoryRoles.identityGovernanceAdministrator.id]), false],
    ['a Global Reader who is also a Catalog creator', user([directoryRoles.globalReader.id], [catalogRoles.catalogCreator.id]), true],
    ['the system', systemPrincipal(), false],
  ])('%s → %s', (_name, principal, expected) => {
    expect(creatorBecomesOwner(principal)).toBe(expected);
  });
});

describe('catalogDeletionBlocker', () => {
  it.each<[{ displayName: string }[], RegExp | null]>([
    [[], null],
    [[{ displayName: 'Sales access' }], /'Sales access'/],
    [Array.from({ length: 7 }, (_, index) => ({ displayName: `P${index}` })), /'P4' and 2 more/],
  ])('%j', (packages, expected) => {
    const blocker = catalogDeletionBlocker(packages);
    if (expected === null) expect(blocker).toBeNull();
    else expect(blocker).toMatch(expected);
  });
});
