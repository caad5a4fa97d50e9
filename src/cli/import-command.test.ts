import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/helpers/run-cli.js';
import { freshDatabaseUrl, skipReason } from '../../test/helpers/test-database.js';
import { openDatabase, type DatabaseHandle } from '../db/dialect.js';
import { migrateToLatest } from '../db/migrate.js';

/** `tessera import` as an operator runs it: the real CLI in a child process, on a new database. */
describe.skipIf(skipReason())('tessera import', () => {
  let folder: string;
  let environment: Record<string, string>;
  let database: DatabaseHandle;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'tessera-import-'));
    environment = { DATABASE_URL: await freshDatabaseUrl() };
    // Migrated here too, so that each test can count rows even when run alone; the CLI finds it current.
    database = openDatabase(environment.DATABASE_URL!);
    await migrateToLatest(database.db, database.dialect);
  });
  afterAll(async () => {
    await database?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const file = (name: string, content: string) => {
    const path = join(folder, name);
    writeFileSync(path, content);
    return path;
  };
  // Sparse: the size is what counts, and the file is refused before a byte of it is read.
  const huge = (name: string, megabytes = 201) => {
    const path = file(name, name.endsWith('.json') ? '[]' : 'userPrincipalName,displayName\n');
    truncateSync(path, megabytes * 1024 * 1024);
    return path;
  };
  const importFile = (kind: 'users' | 'groups', path: string) => runCli(['import', kind, path], environment, 90_000);
  const db = () => database.db;
  const user = (upn: string) => db().selectFrom('users').select(['id', 'display_name', 'manager_id', 'other_mails', 'extension_attribute_2']).where('user_principal_name', '=', upn).executeTakeFirst();
  const countUsers = async () => Number((await db().selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('imports the good rows of a CSV, reports the bad ones by line, and exits 1', async () => {
    const path = file(
      'people.csv',
      [
        'userPrincipalName,displayName,department,jobTitle,manager,otherMails,onPremisesExtensionAttributes.extensionAttribute2',
        'ada@contoso.example,Ada Lovelace,Engineering,Lead,grace@contoso.example,ada@home.example;ada@work.example,cc-42',
        'not-an-email,Nobody,Engineering,,,,',
        'nameless@contoso.example,,Engineering,,,,',
        'ADA@contoso.example,Ada Again,Engineering,,,,',
        'alan@contoso.example,Alan Turing,Engineering,,nobody@contoso.example,,',
        '"grace@contoso.example","Grace',
        'Hopper",Navy,Admiral,,,',
      ].join('\n'),
    );
    const result = await importFile('users', path);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout.trim().split('\n')).toEqual([
      'Imported users from people.csv: created 2, failed 4.',
      'line 3: userPrincipalName: must look like alias@domain.example, in ASCII',
      'line 4: displayName: is required',
      "line 5: userPrincipalName: 'ADA@contoso.example' is already in this file (line 2)",
      "line 6: manager: 'nobody@contoso.example' is not a user in the directory",
    ]);
    expect(result.stderr).toContain('Importing users: 6/6 rows (100%)');

    const grace = await user('grace@contoso.example');
    expect(grace?.display_name).toBe('Grace\nHopper');
    // Ada's manager comes later in the file.
    expect(await user('ada@contoso.example')).toMatchObject({ manager_id: grace!.id, other_mails: '["ada@home.example","ada@work.example"]', extension_attribute_2: 'cc-42' });
    // Alan's manager is unknown: nothing of his row is written, so the corrected file can be imported again.
    for (const absent of ['not-an-email', 'nameless@contoso.example', 'ADA@contoso.example', 'alan@contoso.example']) expect(await user(absent)).toBeUndefined();
    expect(await countUsers()).toBe(2);
  });

  it('refuses a user that already exists, whatever its case, and imports the rest', async () => {
    const result = await importFile('users', file('more.csv', 'userPrincipalName,displayName,manager\nGrace@Contoso.example,Grace Again,\nlinus@contoso.example,Linus,ada@contoso.example\n'));
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain('created 1, failed 1.');
    expect(result.stdout).toContain('line 2: userPrincipalName: Another object with the same value for property userPrincipalName already exists.');
    expect((await user('linus@contoso.example'))?.manager_id).toBe((await user('ada@contoso.example'))!.id);
    expect(await countUsers()).toBe(3);
  });

  it("reads JSON (Graph's {\"value\": [...]} too) and exits 0 when every row is imported", async () => {
    const path = file('people.json', JSON.stringify({ value: [{ userPrincipalName: 'edsger@contoso.example', displayName: 'Edsger', manager: 'barbara@contoso.example', accountEnabled: false }, { userPrincipalName: 'barbara@contoso.example', displayName: 'Barbara' }] }));
    const result = await importFile('users', path);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe('Imported users from people.json: created 2, failed 0.');
    expect((await user('edsger@contoso.example'))?.manager_id).toBe((await user('barbara@contoso.example'))!.id);
  });

  it('names JSON rows by item', async () => {
    const result = await importFile('users', file('items.json', JSON.stringify([{ userPrincipalName: 'ken@contoso.example', displayName: 'Ken' }, { userPrincipalName: 'dennis@contoso.example', displayName: 'Dennis', favouriteEditor: 'ed' }])));
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain('item 2: favouriteEditor: is not a property of a user');
    expect(await user('dennis@contoso.example')).toBeUndefined();
  });

  it.each([
    { name: 'malformed JSON', path: () => file('broken.json', '[\n  {"userPrincipalName": "x@contoso.example",, "displayName": "X"}\n]'), message: /broken\.json' is not valid JSON: .* at line 2, column \d+/ },
    { name: 'a missing file', path: () => join(folder, 'nowhere.csv'), message: /cannot read '.*nowhere\.csv': no such file/ },
    { name: 'neither CSV nor JSON', path: () => file('people.xlsx', 'PK'), message: /neither CSV nor JSON/ },
    { name: 'a file over 200 MB', path: () => huge('huge.csv'), message: /files over 200 MB are refused/ },
    { name: 'a JSON file over 64 MB', path: () => huge('huge.json', 65), message: /JSON files over 64 MB are refused, as JSON is read whole: save it as CSV/ },
    { name: 'an unknown CSV column', path: () => file('typo.csv', 'userPrincipalName,displayName,departmnet\nx@contoso.example,X,IT\n'), message: /unknown column 'departmnet'/ },
  ])('exits 2 with a clear message for $name, and imports nothing', async ({ path, message }) => {
    const before = await countUsers();
    const result = await importFile('users', path());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
    expect(await countUsers()).toBe(before);
  });

  it('exits 3 when a database error stops the import partway, and says what was created', async () => {
    // A trigger stands in for a full disk: it fails the second batch of 5,000, after the first committed.
    const statements =
      database.dialect === 'sqlite'
        ? [sql`CREATE TRIGGER refuse_boom BEFORE INSERT ON users WHEN NEW.display_name = 'Boom' BEGIN SELECT RAISE(ABORT, 'the disk is full'); END`]
        : [
            sql`CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.display_name = 'Boom' THEN RAISE EXCEPTION 'the disk is full'; END IF; RETURN NEW; END $$`,
            sql`CREATE TRIGGER refuse_boom BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION refuse_boom()`,
          ];
    for (const statement of statements) await statement.execute(db());
    try {
      const rows = Array.from({ length: 5003 }, (_, index) => `bulk${index}@contoso.example,${index === 5001 ? 'Boom' : `Bulk ${index}`}`);
      const before = await countUsers();
      const result = await importFile('users', file('bulk.csv', ['userPrincipalName,displayName', 'bad-address,Bad', ...rows].join('\n')));
      expect(result.code, result.stderr).toBe(3);
      expect(result.stderr).toContain('tessera: a database error stopped the import: ');
      expect(result.stderr).toContain('the disk is full');
      expect(result.stderr).not.toMatch(/^\s+at /m);
      expect(result.stdout.trim().split('\n')).toEqual([
        'Import of users from bulk.csv stopped partway: created 5000, failed 1.',
        'line 2: userPrincipalName: must look like alias@domain.example, in ASCII',
        'Stopped by a database error; the last row committed was line 5002. Import the same file again to create the rest: the rows already created are then reported as existing.',
      ]);
      expect(await countUsers()).toBe(before + 5000);
      expect(await user('bulk4999@contoso.example')).toBeDefined();
      expect(await user('bulk5000@contoso.example')).toBeUndefined();
    } finally {
      await sql`DROP TRIGGER refuse_boom${database.dialect === 'sqlite' ? sql`` : sql` ON users`}`.execute(db());
      if (database.dialect !== 'sqlite') await sql`DROP FUNCTION refuse_boom()`.execute(db());
    }
  });

  it('imports groups with members and owners named by userPrincipalName', async () => {
    const path = file('groups.csv', 'displayName,groupTypes,membershipRule,members,owners\nPioneers,,,ada@contoso.example;grace@contoso.example,barbara@contoso.example\nRobots,DynamicMembership,,,\n');
    const result = await importFile('groups', path);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout.trim().split('\n')).toEqual(['Imported groups from groups.csv: created 1, failed 1.', "line 3: membershipRule: is required when groupTypes contains 'DynamicMembership'"]);
    const pioneers = await db().selectFrom('groups').select('id').where('display_name', '=', 'Pioneers').executeTakeFirstOrThrow();
    const memberships = await db().selectFrom('group_memberships').select(['relationship']).where('group_id', '=', pioneers.id).execute();
    expect(memberships.map((row) => row.relationship).sort()).toEqual(['member', 'member', 'owner']);
  });
});
