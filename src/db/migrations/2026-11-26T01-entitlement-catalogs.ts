import { sql, type Kysely } from 'kysely';

// Frozen in time. Catalogs, the resources they hold (with roles and scopes), access packages and
// their resource role scopes and incompatibilities. Removal closes rows instead of deleting them.

export async function up(db: Kysely<any>): Promise<void> {
  // A resource environment is one connected system (Graph: accessPackageResourceEnvironment).
  await db.schema
    .createTable('resource_environments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('origin_system', 'text', (c) => c.notNull())
    .addColumn('origin_id', 'text', (c) => c.notNull())
    .addColumn('connector_kind', 'text', (c) => c.notNull())
    .addColumn('is_default_environment', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_date_time', 'text', (c) => c.notNull())
    .addColumn('modified_date_time', 'text', (c) => c.notNull())
    .execute();
  // The built-in directory is the first connected system; its id is fixed so code can name it.
  await db
    .insertInto('resource_environments')
    .values({
      id: '00000000-0000-0000-0000-00000000d1a0',
      display_name: 'Tessera directory',
      description: 'Groups of the built-in directory',
      origin_system: 'AadGroup',
      origin_id: 'directory',
      connector_kind: 'directory',
      is_default_environment: 1,
      created_date_time: '2026-11-26T00:00:00.000Z',
      modified_date_time: '2026-11-26T00:00:00.000Z',
    })
    .execute();

  await db.schema
    .createTable('catalogs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('catalog_type', 'text', (c) => c.notNull().defaultTo('userManaged'))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('published'))
    .addColumn('is_externally_visible', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_date_time', 'text', (c) => c.notNull())
    .addColumn('modified_date_time', 'text', (c) => c.notNull())
    .addColumn('deleted_date_time', 'text')
    .execute();
  await db.schema.createIndex('catalogs_display_name_ci').on('catalogs').expression(sql`lower(display_name), id`).execute();
  await db.schema
    .createIndex('catalogs_display_name_unique')
    .on('catalogs')
    .expression(sql`lower(display_name)`)
    .unique()
    .where(sql.ref('deleted_date_time'), 'is', null)
    .execute();

  await db.schema
    .createTable('resources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('catalog_id', 'text', (c) => c.notNull().references('catalogs.id'))
    .addColumn('environment_id', 'text', (c) => c.notNull().references('resource_environments.id'))
    .addColumn('origin_id', 'text', (c) => c.notNull())
    .addColumn('origin_system', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('resource_type', 'text')
    .addColumn('created_date_time', 'text', (c) => c.notNull())
    .addColumn('modified_date_time', 'text', (c) => c.notNull())
    .addColumn('removed_date_time', 'text')
    .execute();
  await db.schema
    .createIndex('resources_active_unique')
    .on('resources')
    .columns(['catalog_id', 'origin_system', 'origin_id'])
    .unique()
    .where(sql.ref('removed_date_time'), 'is', null)
    .execute();

  await db.schema
    .createTable('resource_roles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id'))
    .addColumn('origin_id', 'text', (c) => c.notNull())
    .addColumn('origin_system', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .execute();
  await db.schema.createIndex('resource_roles_resource').on('resource_roles').columns(['resource_id', 'origin_id']).unique().execute();

  await db.schema
    .createTable('resource_scopes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id'))
    .addColumn('origin_id', 'text', (c) => c.notNull())
    .addColumn('origin_system', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('is_root_scope', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('resource_scopes_resource').on('resource_scopes').columns(['resource_id', 'origin_id']).unique().execute();

  await db.schema
    .createTable('resource_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_type', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('catalog_id', 'text', (c) => c.notNull().references('catalogs.id'))
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id'))
    .addColumn('requestor_id', 'text', (c) => c.notNull())
    .addColumn('created_date_time', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('access_packages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('catalog_id', 'text', (c) => c.notNull().references('catalogs.id'))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('is_hidden', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_date_time', 'text', (c) => c.notNull())
    .addColumn('modified_date_time', 'text', (c) => c.notNull())
    .addColumn('deleted_date_time', 'text')
    .execute();
  await db.schema.createIndex('access_packages_catalog').on('access_packages').columns(['catalog_id', 'id']).execute();
  await db.schema.createIndex('access_packages_display_name_ci').on('access_packages').expression(sql`lower(display_name), id`).execute();
  // A name is unique among a catalog's living packages; the index has the last word over races.
  await db.schema
    .createIndex('access_packages_display_name_unique')
    .on('access_packages')
    .expression(sql`catalog_id, lower(display_name)`)
    .unique()
    .where(sql.ref('deleted_date_time'), 'is', null)
    .execute();

  await db.schema
    .createTable('access_package_resource_role_scopes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('access_package_id', 'text', (c) => c.notNull().references('access_packages.id'))
    .addColumn('role_id', 'text', (c) => c.notNull().references('resource_roles.id'))
    .addColumn('scope_id', 'text', (c) => c.notNull().references('resource_scopes.id'))
    .addColumn('created_date_time', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('removed_date_time', 'text')
    .addColumn('removed_by', 'text')
    .execute();
  await db.schema
    .createIndex('access_package_role_scopes_active_unique')
    .on('access_package_resource_role_scopes')
    .columns(['access_package_id', 'role_id', 'scope_id'])
    .unique()
    .where(sql.ref('removed_date_time'), 'is', null)
    .execute();

  // Separation of duties: another package, or a group, that a holder of this package must not have.
  await db.schema
    .createTable('access_package_incompatibilities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('access_package_id', 'text', (c) => c.notNull().references('access_packages.id'))
    .addColumn('incompatible_kind', 'text', (c) => c.notNull())
    .addColumn('incompatible_id', 'text', (c) => c.notNull())
    .addColumn('created_date_time', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('removed_date_time', 'text')
    .addColumn('removed_by', 'text')
    .execute();
  await db.schema
    .createIndex('access_package_incompatibilities_active_unique')
    .on('access_package_incompatibilities')
    .columns(['access_package_id', 'incompatible_kind', 'incompatible_id'])
    .unique()
    .where(sql.ref('removed_date_time'), 'is', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'access_package_incompatibilities',
    'access_package_resource_role_scopes',
    'access_packages',
    'resource_requests',
    'resource_scopes',
    'resource_roles',
    'resources',
    'catalogs',
    'resource_environments',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
