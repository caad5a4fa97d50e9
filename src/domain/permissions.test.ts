import { describe, expect, it } from 'vitest';
import { accessReportCatalogs, adminCenterAreas, isAllowed, visibleCatalogs, type Action, type ActionContext } from './permissions.js';
import type { Principal } from './principal.js';
import { catalogRoles, directoryRoles } from './roles.js';

const user = (directory: string[] = [], catalogs: Record<string, string[]> = {}, options: { guest?: boolean; tenant?: string[] } = {}): Principal => ({
  kind: 'user',
  id: 'u',
  userPrincipalName: 'u@example.com',
  displayName: 'U',
  userType: options.guest ? 'Guest' : 'Member',
  directoryRoleIds: new Set(directory),
  catalogRoleIds: new Map(Object.entries(catalogs).map(([id, roles]) => [id, new Set(roles)])),
  tenantCatalogRoleIds: new Set(options.tenant ?? []),
});

const ga = directoryRoles.globalAdministrator.id;
const gr = directoryRoles.globalReader.id;
const iga = directoryRoles.identityGovernanceAdministrator.id;
const ua = directoryRoles.userAdministrator.id;
const { catalogOwner, catalogReader, accessPackageManager, accessPackageAssignmentManager, catalogCreator } = catalogRoles;

describe('isAllowed', () => {
  const cases: [string, Principal, Action, { catalogId?: string; isGroupOwner?: boolean }, boolean][] = [
    ['a member reads the directory', user(), 'directory.read', {}, true],
    ['a guest does not read the directory', user([], {}, { guest: true }), 'directory.read', {}, false],
    ['a member cannot manage users', user(), 'users.manage', {}, false],
    ['a User Administrator manages users', user([ua]), 'users.manage', {}, true],
    ['an Identity Governance Administrator does not manage users', user([iga]), 'users.manage', {}, false],
    ['a group owner manages members of that group', user(), 'group.members.manage', { isGroupOwner: true }, true],
    ['a member who is not an owner cannot', user(), 'group.members.manage', { isGroupOwner: false }, false],
    ['only a Global Administrator assigns directory roles', user([iga]), 'directoryRoles.manage', {}, false],
    ['a Global Administrator assigns directory roles', user([ga]), 'directoryRoles.manage', {}, true],
    ['a Global Reader reads the audit log', user([gr]), 'auditLogs.read', {}, true],
    ['a member does not read the audit log', user(), 'auditLogs.read', {}, false],
    ['a Catalog creator creates catalogs', user([], {}, { tenant: [catalogCreator.id] }), 'catalogs.create', {}, true],
    ['a member does not create catalogs', user(), 'catalogs.create', {}, false],
    ['a Catalog owner manages their catalog', user([], { A: [catalogOwner.id] }), 'catalog.manage', { catalogId: 'A' }, true],
    ['… but not another', user([], { A: [catalogOwner.id] }), 'catalog.manage', { catalogId: 'B' }, false],
    ['a Catalog reader reads but does not manage', user([], { A: [catalogReader.id] }), 'catalog.manage', { catalogId: 'A' }, false],
    ['a Catalog reader reads packages', user([], { A: [catalogReader.id] }), 'accessPackages.read', { catalogId: 'A' }, true],
    ['an Access package manager manages packages', user([], { A: [accessPackageManager.id] }), 'accessPackages.manage', { catalogId: 'A' }, true],
    ['an Access package manager does not manage the catalog', user([], { A: [accessPackageManager.id] }), 'catalog.manage', { catalogId: 'A' }, false],
    ['an assignment manager reads packages but does not change them', user([], { A: [accessPackageAssignmentManager.id] }), 'accessPackages.manage', { catalogId: 'A' }, false],
    ['a Global Reader reads any catalog but manages none', user([gr]), 'catalog.manage', { catalogId: 'A' }, false],
    ['an Identity Governance Administrator manages any catalog', user([iga]), 'catalog.manage', { catalogId: 'A' }, true],
    ['the system may do anything', { kind: 'system', name: 'jobs' }, 'directoryRoles.manage', {}, true],
    ['a member browses what they may request', user(), 'entitlements.browse', {}, true],
    ['so does a guest', user([], {}, { guest: true }), 'entitlements.browse', {}, true],
    ['a catalog reader does not manage policies', user([], { A: [catalogReader.id] }), 'policies.manage', { catalogId: 'A' }, false],
    ['an access package manager manages policies', user([], { A: [accessPackageManager.id] }), 'policies.manage', { catalogId: 'A' }, true],
    ['an Identity Governance Administrator manages connected organizations', user([iga]), 'connectedOrganizations.manage', {}, true],
    ['a Global Administrator manages connected organizations', user([ga]), 'connectedOrganizations.manage', {}, true],
    ['a Global Reader reads connected organizations', user([gr]), 'connectedOrganizations.read', {}, true],
    ['… but does not manage them', user([gr]), 'connectedOrganizations.manage', {}, false],
    ['a member does not read connected organizations (they name partners)', user(), 'connectedOrganizations.read', {}, false],
    ['nor does a guest', user([], {}, { guest: true }), 'connectedOrganizations.read', {}, false],
    ['a catalog owner reads connected organizations (to name them in policies)', user([], { A: [catalogOwner.id] }), 'connectedOrganizations.read', {}, true],
    ['so does a package manager of any catalog', user([], { B: [accessPackageManager.id] }), 'connectedOrganizations.read', {}, true],
    ['… but neither manages them', user([], { A: [catalogOwner.id, accessPackageManager.id] }), 'connectedOrganizations.manage', {}, false],
    ['an assignment manager does not read them', user([], { A: [accessPackageAssignmentManager.id] }), 'connectedOrganizations.read', {}, false],
    ['a User Administrator does not manage connected organizations', user([ua]), 'connectedOrganizations.manage', {}, false],
    ['an Identity Governance Administrator changes the entitlement settings', user([iga]), 'entitlementSettings.manage', {}, true],
    ['a Global Reader reads the entitlement settings', user([gr]), 'entitlementSettings.read', {}, true],
    ['… but does not change them', user([gr]), 'entitlementSettings.manage', {}, false],
    ['a member neither reads nor changes them', user(), 'entitlementSettings.read', {}, false],
    ['a User Administrator does not change them', user([ua]), 'entitlementSettings.manage', {}, false],
  ];
  it.each(cases)('%s', (_name, principal, action, context, expected) => {
    expect(isAllowed(principal, action, context)).toBe(expected);
  });
});

describe('visibleCatalogs', () => {
  it('shows every catalog to governance readers and only their own to others', () => {
    expect(visibleCatalogs(user([gr]))).toBe('all');
    expect(visibleCatalogs(user([], { A: [catalogReader.id], B: [catalogOwner.id] }))).toEqual(['A', 'B']);
    expect(visibleCatalogs(user())).toEqual([]);
  });
});

describe('access reviews', () => {
  const cases: [string, Principal, Action, ActionContext, boolean][] = [
    ['an Identity Governance Administrator manages any review', user([iga]), 'accessReviews.manage', {}, true],
    ["a User Administrator manages a group's review", user([ua]), 'accessReviews.manage', {}, true],
    ["… but not a package's (its catalog's business)", user([ua]), 'accessReviews.manage', { catalogId: 'A' }, false],
    ["a catalog owner manages reviews of its packages", user([], { A: [catalogOwner.id] }), 'accessReviews.manage', { catalogId: 'A' }, true],
    ["… not another catalog's", user([], { A: [catalogOwner.id] }), 'accessReviews.manage', { catalogId: 'B' }, false],
    ["… nor a group's", user([], { A: [catalogOwner.id] }), 'accessReviews.manage', {}, false],
    ['an assignment manager does not manage reviews', user([], { A: [accessPackageAssignmentManager.id] }), 'accessReviews.manage', { catalogId: 'A' }, false],
    ['a catalog reader reads its reviews', user([], { A: [catalogReader.id] }), 'accessReviews.read', { catalogId: 'A' }, true],
    ['a Global Reader reads every review', user([gr]), 'accessReviews.read', {}, true],
    ["a User Administrator reads a group's review", user([ua]), 'accessReviews.read', {}, true],
    ["… not a package's", user([ua]), 'accessReviews.read', { catalogId: 'A' }, false],
    ['a Global Reader manages none', user([gr]), 'accessReviews.manage', {}, false],
    ['a member reads none (they see what they review through filterByCurrentUser)', user(), 'accessReviews.read', {}, false],
  ];
  it.each(cases)('%s', (_name, principal, action, context, expected) => {
    expect(isAllowed(principal, action, context)).toBe(expected);
  });
});

describe('access reports', () => {
  const cases: [string, Principal, ActionContext, boolean][] = [
    ['a member reads their own report', user(), { targetIsSelf: true }, true],
    ["a member does not read someone else's", user(), { targetIsSelf: false }, false],
    ["a Global Reader reads anyone's", user([gr]), { targetIsSelf: false }, true],
    ["an Identity Governance Administrator reads anyone's", user([iga]), {}, true],
    ['a User Administrator reads no one else’s', user([ua]), { targetIsSelf: false }, false],
    ["a catalog reader reads a user's report (cut down to their catalogs)", user([], { A: [catalogReader.id] }), { targetIsSelf: false }, true],
    ['a Catalog creator without a catalog does not', user([], {}, { tenant: [catalogCreator.id] }), { targetIsSelf: false }, false],
    ["an assignment manager reads a report on their catalog's resource", user([], { A: [accessPackageAssignmentManager.id] }), { catalogId: 'A' }, true],
    ["… but not on another catalog's", user([], { A: [accessPackageAssignmentManager.id] }), { catalogId: 'B' }, false],
    ["a member does not read a resource's report", user(), { catalogId: 'A' }, false],
  ];
  it.each(cases)('%s', (_name, principal, context, expected) => {
    expect(isAllowed(principal, 'accessReports.read', context)).toBe(expected);
  });

  it('shows all rows to governance readers and to the person themself, else the catalogs they read', () => {
    expect(accessReportCatalogs(user([gr]))).toBe('all');
    expect(accessReportCatalogs(user(), { targetIsSelf: true })).toBe('all');
    expect(accessReportCatalogs(user([], { A: [catalogReader.id], B: [accessPackageManager.id] }))).toEqual(['A', 'B']);
    expect(accessReportCatalogs(user([ua]))).toEqual([]);
  });
});

describe('adminCenterAreas', () => {
  const none = { connectedOrganizations: false, entitlementSettings: false, canManage: { connectedOrganizations: false, entitlementSettings: false } };
  it('opens nothing to a plain member, so the portal shows them no admin center', () => {
    expect(adminCenterAreas(user())).toEqual({ catalogs: false, directory: false, auditLog: false, connectedSystems: false, accessReviews: false, ...none });
  });
  it('opens catalogs to a catalog role holder or creator, and only catalogs', () => {
    expect(adminCenterAreas(user([], { A: [accessPackageAssignmentManager.id] }))).toEqual({ catalogs: true, directory: false, auditLog: false, connectedSystems: false, accessReviews: false, ...none });
    expect(adminCenterAreas(user([], {}, { tenant: [catalogCreator.id] })).catalogs).toBe(true);
  });
  it('opens the directory to a User Administrator, and everything to a Global Administrator', () => {
    expect(adminCenterAreas(user([ua]))).toEqual({ catalogs: false, directory: true, auditLog: false, connectedSystems: false, accessReviews: true, ...none });
    expect(adminCenterAreas(user([ga]))).toEqual({ catalogs: true, directory: true, auditLog: true, connectedSystems: true, accessReviews: true, connectedOrganizations: true, entitlementSettings: true, canManage: { connectedOrganizations: true, entitlementSettings: true } });
  });
  it('opens connected organizations and the external user settings to governance administrators to change, and to a Global Reader to read only', () => {
    const manage = { connectedOrganizations: true, entitlementSettings: true, canManage: { connectedOrganizations: true, entitlementSettings: true } };
    expect(adminCenterAreas(user([iga]))).toMatchObject(manage);
    expect(adminCenterAreas(user([gr]))).toMatchObject({ connectedOrganizations: true, entitlementSettings: true, canManage: { connectedOrganizations: false, entitlementSettings: false } });
  });
  it('shows catalog owners the organizations to read (they name them in policies), and keeps them from User Administrators and guests (the list names the partners)', () => {
    expect(adminCenterAreas(user([], { A: [catalogOwner.id] }))).toMatchObject({ connectedOrganizations: true, entitlementSettings: false, canManage: { connectedOrganizations: false, entitlementSettings: false } });
    expect(adminCenterAreas(user([ua]))).toMatchObject(none);
    expect(adminCenterAreas(user([], {}, { guest: true }))).toMatchObject(none);
  });
});
