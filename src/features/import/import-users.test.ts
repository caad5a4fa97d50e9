import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { skipReason } from '../../../test/helpers/test-database.js';
import { verifyAuditChain } from '../audit/audit.repo.js';
import type { ImportRow } from './import-rows.js';
import { importUsers } from './import-users.js';

describe.skipIf(skipReason())('importUsers', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await t.addUser({ userPrincipalName: 'existing.boss@example.com', displayName: 'Existing Boss' });
  });
  afterAll(async () => t?.close());

  const rowsOf = (items: unknown[], firstLine = 2): ImportRow[] => items.map((fields, index) => ({ line: firstLine + index, fields }));
  const userRow = (upn: string) => t.handle.db.selectFrom('users').select(['id', 'user_principal_name', 'display_name', 'manager_id', 'other_mails', 'extension_attribute_1']).where('user_principal_name', '=', upn).executeTakeFirst();
  const idOf = async (upn: string) => (await userRow(upn))?.id;

  it('creates the good rows, reports every bad row by line and field, and writes nothing of a bad row', async () => {
    const usersBefore = await countRows(t, 'users');
    const auditsBefore = await countRows(t, 'directory_audits');
    const progress: [number, number][] = [];
    const result = await importUsers(
      t.deps,
      t.system,
      rowsOf([
        { userPrincipalName: 'ola@example.com', displayName: 'Ola', department: 'IT', manager: 'kari@example.com', otherMails: ['ola@home.example'], onPremisesExtensionAttributes: { extensionAttribute1: 'cc-7' } },
        { userPrincipalName: 'not-an-address', displayName: 'Bad Email' },
        { userPrincipalName: 'nameless@example.com' },
        { userPrincipalName: 'OLA@example.com', displayName: 'Ola Twice' },
        { userPrincipalName: 'Existing.Boss@example.com', displayName: 'Already There' },
        { userPrincipalName: 'kari@example.com', displayName: 'Kari', manager: 'existing.boss@example.com' },
        { userPrincipalName: 'per@example.com', displayName: 'Per', manager: 'nobody@example.com' },
        { userPrincipalName: 'liv@example.com', displayName: 'Liv', shoeSize: 41 },
        'not an object',
      ]),
      { onProgress: (done, total) => progress.push([done, total]) },
    );

    expect(result.created).toBe(2);
    expect(result.failed).toEqual([
      { line: 3, field: 'userPrincipalName', message: 'must look like alias@domain.example, in ASCII' },
      { line: 4, field: 'displayName', message: 'is required' },
      { line: 5, field: 'userPrincipalName', message: "'OLA@example.com' is already in this file (line 2)" },
      { line: 6, field: 'userPrincipalName', message: 'Another object with the same value for property userPrincipalName already exists.' },
      { line: 8, field: 'manager', message: "'nobody@example.com' is not a user in the directory" },
      { line: 9, field: 'shoeSize', message: 'is not a property of a user' },
      { line: 10, field: '(row)', message: "must be an object with the user's properties" },
    ]);
    expect(await countRows(t, 'users')).toBe(usersBefore + 2);
    expect(await countRows(t, 'directory_audits')).toBe(auditsBefore + 2);
    for (const absent of ['not-an-address', 'nameless@example.com', 'OLA@example.com', 'per@example.com', 'liv@example.com']) expect(await userRow(absent)).toBeUndefined();

    // A manager later in the file, and one already in the directory.
    const ola = await userRow('ola@example.com');
    expect(ola).toMatchObject({ manager_id: await idOf('kari@example.com'), other_mails: '["ola@home.example"]', extension_attribute_1: 'cc-7' });
    expect((await userRow('kari@example.com'))?.manager_id).toBe(await idOf('existing.boss@example.com'));
    expect(progress.at(-1)).toEqual([9, 9]);
  });

  it("records one 'Add user' entry per user, with the properties the row set and its manager, on an intact chain", async () => {
    const id = await idOf('ola@example.com');
    const [entry] = await t.handle.db.selectFrom('directory_audits').selectAll().where('target_ids', 'like', `% ${id} %`).execute();
    expect(entry).toMatchObject({ activity_display_name: 'Add user', category: 'UserManagement', operation_type: 'Add' });
    const [target] = JSON.parse(entry!.target_resources);
    expect(target).toMatchObject({ id, type: 'User', userPrincipalName: 'ola@example.com' });
    expect(target.modifiedProperties).toEqual([
      { displayName: 'userPrincipalName', oldValue: null, newValue: '"ola@example.com"' },
      { displayName: 'displayName', oldValue: null, newValue: '"Ola"' },
      { displayName: 'otherMails', oldValue: null, newValue: '["ola@home.example"]' },
      { displayName: 'userType', oldValue: null, newValue: '"Member"' },
      { displayName: 'accountEnabled', oldValue: null, newValue: 'true' },
      { displayName: 'department', oldValue: null, newValue: '"IT"' },
      { displayName: 'onPremisesExtensionAttributes', oldValue: null, newValue: '{"extensionAttribute1":"cc-7"}' },
      { displayName: 'manager', oldValue: null, newValue: JSON.stringify(await idOf('kari@example.com')) },
    ]);
    expect(await verifyAuditChain(t.handle.db)).toMatchObject({ ok: true });
  });

  const managerProblems = [
    { userPrincipalName: 'self@example.com', displayName: 'Self', manager: 'SELF@example.com' },
    { userPrincipalName: 'a@example.com', displayName: 'A', manager: 'b@example.com' },
    { userPrincipalName: 'b@example.com', displayName: 'B', manager: 'c@example.com' },
    { userPrincipalName: 'c@example.com', displayName: 'C', manager: 'a@example.com' },
    { userPrincipalName: 'd@example.com', displayName: 'D', manager: 'broken@example.com' },
    { userPrincipalName: 'broken@example.com', displayName: '' },
    { userPrincipalName: 'e@example.com', displayName: 'E', manager: 'd@example.com' },
    { userPrincipalName: 'fine@example.com', displayName: 'Fine', manager: 'existing.boss@example.com' },
  ];

  it('refuses a row whose manager would close a loop, is unknown or was not imported, and every row below it, writing nothing of them', async () => {
    const usersBefore = await countRows(t, 'users');
    const auditsBefore = await countRows(t, 'directory_audits');
    const result = await importUsers(t.deps, t.system, rowsOf(managerProblems), { rowNoun: 'item' });
    expect(result.created).toBe(1);
    expect(result.failed).toEqual([
      { line: 2, field: 'manager', message: "'Self' cannot be the manager of 'Self': the chain of managers would loop" },
      { line: 3, field: 'manager', message: "'b@example.com' (item 4) was not imported" },
      { line: 4, field: 'manager', message: "'c@example.com' (item 5) was not imported" },
      { line: 5, field: 'manager', message: "'A' cannot be the manager of 'C': the chain of managers would loop" },
      { line: 6, field: 'manager', message: "'broken@example.com' (item 7) was not imported" },
      { line: 7, field: 'displayName', message: 'must not be empty' },
      { line: 8, field: 'manager', message: "'d@example.com' (item 6) was not imported" },
    ]);
    expect(await countRows(t, 'users')).toBe(usersBefore + 1);
    expect(await countRows(t, 'directory_audits')).toBe(auditsBefore + 1);
    for (const absent of ['self@example.com', 'a@example.com', 'b@example.com', 'c@example.com', 'd@example.com', 'e@example.com']) expect(await userRow(absent)).toBeUndefined();
    expect((await userRow('fine@example.com'))?.manager_id).toBe(await idOf('existing.boss@example.com'));
  });

  it('imports exactly the missing rows when the corrected file is run again', async () => {
    const corrected = managerProblems.map((row) => {
      if (row.userPrincipalName === 'self@example.com' || row.userPrincipalName === 'c@example.com') return { ...row, manager: undefined };
      if (row.userPrincipalName === 'broken@example.com') return { ...row, displayName: 'Broken No More' };
      return row;
    });
    const usersBefore = await countRows(t, 'users');
    const result = await importUsers(t.deps, t.system, rowsOf(corrected), { rowNoun: 'item' });
    expect(result).toEqual({ created: 7, failed: [{ line: 9, field: 'userPrincipalName', message: 'Another object with the same value for property userPrincipalName already exists.' }] });
    expect(await countRows(t, 'users')).toBe(usersBefore + 7);
    expect((await userRow('a@example.com'))?.manager_id).toBe(await idOf('b@example.com'));
    expect((await userRow('b@example.com'))?.manager_id).toBe(await idOf('c@example.com'));
    expect((await userRow('c@example.com'))?.manager_id).toBeNull();
    expect((await userRow('e@example.com'))?.manager_id).toBe(await idOf('d@example.com'));
    expect((await userRow('d@example.com'))?.manager_id).toBe(await idOf('broken@example.com'));
  });

  it('imports across several batches with a chain of managers that runs forwards through the file', async () => {
    const count = 5_500;
    const before = await countRows(t, 'users');
    const rows = rowsOf(
      Array.from({ length: count }, (_, index) => ({
        userPrincipalName: `chain${index}@example.com`,
        displayName: `Chain ${index}`,
        ...(index + 1 < count ? { manager: `chain${index + 1}@example.com` } : {}),
      })),
    );
    const result = await importUsers(t.deps, t.system, rows);
    expect(result).toEqual({ created: count, failed: [] });
    expect(await countRows(t, 'users')).toBe(before + count);
    expect((await userRow('chain0@example.com'))?.manager_id).toBe(await idOf('chain1@example.com'));
    expect((await userRow(`chain${count - 2}@example.com`))?.manager_id).toBe(await idOf(`chain${count - 1}@example.com`));
    expect(await verifyAuditChain(t.handle.db)).toMatchObject({ ok: true });
  });
});
