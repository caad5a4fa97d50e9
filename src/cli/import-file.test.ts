import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userCsvColumns } from '../features/import/import-users.js';
import { ImportFileError, readImportFile } from './import-file.js';

/** The lines an operator is told to fix must be the lines their editor shows. */
describe('readImportFile', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'tessera-import-file-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const file = (name: string, content: string) => {
    const path = join(folder, name);
    writeFileSync(path, content);
    return path;
  };
  const linesOf = async (content: string) => {
    const source = await readImportFile(file('people.csv', content), userCsvColumns);
    return [...source.rows.map((row) => [row.line, (row.fields as { displayName?: string }).displayName]), ...source.rejected.map((failure) => [failure.line, failure.message])];
  };

  it.each([
    { case: 'one row a line', content: 'userPrincipalName,displayName\na@x.example,A\nb@x.example,B\n', expected: [[2, 'A'], [3, 'B']] },
    { case: 'a quoted cell over two lines', content: 'userPrincipalName,displayName\na@x.example,"A\nA"\nb@x.example,B\n', expected: [[2, 'A\nA'], [4, 'B']] },
    { case: 'a CRLF inside a quoted cell of an LF file', content: 'userPrincipalName,displayName\na@x.example,"A\r\nA"\nb@x.example,B\nc@x.example,C\n', expected: [[2, 'A\r\nA'], [4, 'B'], [5, 'C']] },
    { case: 'whitespace-only lines before a record', content: 'userPrincipalName,displayName\n   \n\t\na@x.example,A\n\n  \nb@x.example,B\n', expected: [[4, 'A'], [7, 'B']] },
    { case: 'a CRLF file with blank lines and a quoted break', content: 'userPrincipalName,displayName\r\na@x.example,"A\r\nA"\r\n\r\n  \r\nb@x.example,B\r\n', expected: [[2, 'A\r\nA'], [6, 'B']] },
    { case: 'a CR-only file', content: 'userPrincipalName,displayName\ra@x.example,A\r\rb@x.example,B', expected: [[2, 'A'], [4, 'B']] },
    { case: 'a doubled quote inside a quoted cell', content: 'userPrincipalName,displayName\na@x.example,"A ""the""\nfirst"\nb@x.example,B\n', expected: [[2, 'A "the"\nfirst'], [4, 'B']] },
    { case: 'a blank line before the header', content: '\n  \nuserPrincipalName,displayName\na@x.example,A\n', expected: [[4, 'A']] },
    { case: 'a row of the wrong width', content: 'userPrincipalName,displayName\n\n  \na@x.example,A,extra\nb@x.example,B\n', expected: [[5, 'B'], [4, 'has 3 fields; the header has 2']] },
  ])('$case', async ({ content, expected }) => {
    expect(await linesOf(content)).toEqual(expected);
  });

  it('refuses a JSON file over 64 MB before reading it, and suggests CSV', async () => {
    const path = file('huge.json', '[]');
    truncateSync(path, 65 * 1024 * 1024);
    const error = await readImportFile(path, userCsvColumns).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as Error).message).toMatch(/huge\.json' is 65 MB; JSON files over 64 MB are refused.*CSV/);
  });
});
