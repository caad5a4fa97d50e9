import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscoveredResource } from '../../connectors/connector.js';
import { directoryEnvironmentId } from '../../connectors/registry.js';
import { createCatalog } from '../../../test/helpers/entitlement-fixtures.js';
import { countRows, createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { skipReason } from '../../../test/helpers/test-database.js';
import { insertResource } from './catalog-resources.repo.js';
import { listCatalogResourceRoles } from './resource-roles.repo.js';

/**
 * A connected system may describe a resource with thousands of roles (an application's app roles,
 * a database's grants). One multi-row INSERT of them all would pass the bound-parameter limits
 * (SQLite 32,766; PostgreSQL 65,535), so they are written in chunks.
 */
describe.skipIf(skipReason())('resource roles and scopes', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t?.close());

  it('stores a resource with 12,000 roles and 12,000 scopes', async () => {
    const catalog = await createCatalog(t, 'Big application');
    const many = Array.from({ length: 12_000 }, (_, index) => index);
    const described: DiscoveredResource = {
      originId: 'big-app',
      displayName: 'Big application',
      description: null,
      resourceType: 'Application',
      grantsAdministrativeRoles: false,
      roles: many.map((index) => ({ originId: `role-${index}`, displayName: `Role ${index}`, description: null })),
      scopes: many.map((index) => ({ originId: `scope-${index}`, displayName: `Scope ${index}`, description: null, isRootScope: index === 0 })),
    };
    const resource = await t.handle.db.transaction().execute((trx) => insertResource(trx, catalog.id, directoryEnvironmentId, 'AadGroup', described, t.clock().toISOString()));
    expect(await countRows(t, 'resource_roles')).toBe(12_000);
    expect(await countRows(t, 'resource_scopes')).toBe(12_000);
    const page = await listCatalogResourceRoles(t.handle.db, catalog.id, { orderBy: [], top: 3, count: true, expand: [] }, resource.id);
    expect(page.count).toBe(12_000);
  });
});
