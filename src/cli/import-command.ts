import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { groupCsvColumns } from '../features/import/group-import.schemas.js';
import { importGroups } from '../features/import/import-groups.js';
import { byLine, failedRowCount, ImportInterruptedError, type CsvColumns, type ImportOptions, type ImportResult, type ImportRow } from '../features/import/import-rows.js';
import { importUsers, userCsvColumns } from '../features/import/import-users.js';
import type { Deps } from '../features/deps.js';
import type { Actor } from '../domain/principal.js';
import { openDeps } from '../main.js';
import { cliActor } from './cli-actor.js';
import { ImportFileError, maxImportFileBytes, maxJsonFileBytes, readImportFile } from './import-file.js';

type Importer = { columns: CsvColumns; run: (deps: Deps, actor: Actor, rows: readonly ImportRow[], options: ImportOptions) => Promise<ImportResult> };

const importers: Record<'users' | 'groups', Importer> = {
  users: { columns: userCsvColumns, run: importUsers },
  groups: { columns: groupCsvColumns, run: importGroups },
};

const formats = `
The file is CSV or JSON, told apart by its extension (.csv, .json): CSV at most ${maxImportFileBytes / 1024 / 1024} MB,
read as it streams; JSON at most ${maxJsonFileBytes / 1024 / 1024} MB, as it is read whole.
CSV: a header line of Graph property names, then one row a line; lists are ;-separated, booleans
true/false, and a column a.b fills property b of object a. JSON: an array of objects, or Graph's
{"value": [...]}.
Every row is checked; a bad row is reported (CSV by line, JSON by item) and nothing of it is
written, good rows are imported. Fix the bad rows and import the same file again: the rows already
created are reported as existing, and only the missing ones are created.
Exit codes:
  0  every row imported
  1  some rows refused (listed), the others imported
  2  the file cannot be read; nothing imported
  3  a database error stopped the import partway; what was created so far is printed`;

export function registerImportCommand(program: Command, loadConfig: () => Config): void {
  const command = program.command('import').description('Create users or groups in bulk from a CSV or JSON file');
  command
    .command('users <file>')
    .description('Create users; columns: userPrincipalName, displayName, department, … , onPremisesExtensionAttributes.extensionAttribute1 …, manager (a userPrincipalName, in the file or the directory)')
    .addHelpText('after', formats)
    .action(async (file: string) => {
      process.exitCode = await runImport('users', file, loadConfig);
    });
  command
    .command('groups <file>')
    .description('Create groups; columns: displayName, description, mailNickname, securityEnabled, groupTypes, membershipRule, members, owners (userPrincipalNames)')
    .addHelpText('after', formats)
    .action(async (file: string) => {
      process.exitCode = await runImport('groups', file, loadConfig);
    });
}

async function runImport(kind: 'users' | 'groups', path: string, loadConfig: () => Config): Promise<number> {
  const importer = importers[kind];
  let source;
  try {
    source = await readImportFile(path, importer.columns);
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    console.error(`tessera: ${error.message}`);
    return 2;
  }
  const noun = source.format === 'csv' ? 'line' : 'item';
  const { deps, handle } = await openDeps(loadConfig());
  const progress = progressReporter(`Importing ${kind}`);
  const report = (result: ImportResult, summary: string) => {
    const failures = byLine([...source.rejected, ...result.failed]);
    console.log(`${summary}: created ${result.created}, failed ${failedRowCount(failures)}.`);
    for (const failure of failures) console.log(`${noun} ${failure.line}: ${failure.field}: ${failure.message}`);
    return failures;
  };
  try {
    const result = await importer.run(deps, cliActor(), source.rows, { rowNoun: noun, onProgress: progress.update });
    progress.stop();
    return report(result, `Imported ${kind} from ${basename(path)}`).length > 0 ? 1 : 0;
  } catch (error) {
    if (!(error instanceof ImportInterruptedError)) throw error;
    progress.stop();
    // The operator needs to know what is in the directory now, not where in Tessera it broke.
    console.error(`tessera: a database error stopped the import: ${describeCause(error.cause)}`);
    report(error, `Import of ${kind} from ${basename(path)} stopped partway`);
    const last = error.lastCommittedLine === null ? 'nothing was committed' : `the last row committed was ${noun} ${error.lastCommittedLine}`;
    console.log(`Stopped by a database error; ${last}. Import the same file again to create the rest: the rows already created are then reported as existing.`);
    return 3;
  } finally {
    progress.stop();
    await handle.close();
  }
}

function describeCause(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/** A bar on a terminal; on a pipe or in a log, a plain line every tenth of the way. */
function progressReporter(label: string): { update: (done: number, total: number) => void; stop: () => void } {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: `${label} [{bar}] {percentage}% | {value}/{total} rows | {eta_formatted} left`, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let running = false;
    return {
      update: (done, total) => {
        if (!running) bar.start(total, done);
        running = true;
        bar.setTotal(total);
        bar.update(done);
      },
      stop: () => {
        if (running) bar.stop();
        running = false;
      },
    };
  }
  let shown = -1;
  return {
    update: (done, total) => {
      const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (tenth <= shown) return;
      shown = tenth;
      console.error(`${label}: ${done}/${total} rows (${tenth * 10}%)`);
    },
    stop: () => {},
  };
}
