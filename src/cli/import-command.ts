import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { groupCsvColumns } from '../features/groups/group-import.schema.js';
import { importGroups } from '../features/groups/import-groups.js';
import { byLine, failedRowCount, type CsvColumns, type ImportOptions, type ImportResult, type ImportRow } from '../features/import-rows.js';
import { importUsers, userCsvColumns } from '../features/users/import-users.js';
import type { Deps } from '../features/deps.js';
import type { Actor } from '../domain/principal.js';
import { openDeps } from '../main.js';
import { cliActor } from './cli-actor.js';
import { ImportFileError, readImportFile, maxImportFileBytes } from './import-file.js';

type Importer = { columns: CsvColumns; run: (deps: Deps, actor: Actor, rows: readonly ImportRow[], options: ImportOptions) => Promise<ImportResult> };

const importers: Record<'users' | 'groups', Importer> = {
  users: { columns: userCsvColumns, run: importUsers },
  groups: { columns: groupCsvColumns, run: importGroups },
};

const formats = `
The file is CSV or JSON, told apart by its extension (.csv, .json), at most ${maxImportFileBytes / 1024 / 1024} MB.
CSV: a header line of Graph property names, then one row a line; lists are ;-separated, booleans
true/false, and a column a.b fills property b of object a. JSON: an array of objects, or Graph's
{"value": [...]}.
Every row is checked; bad rows are reported (CSV by line, JSON by item) and skipped, good rows are
imported. Exit code: 0 all rows imported, 1 some rows failed, 2 the file cannot be read.`;

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
  try {
    const result = await importer.run(deps, cliActor(), source.rows, { rowNoun: noun, onProgress: progress.update });
    progress.stop();
    const failures = byLine([...source.rejected, ...result.failed]);
    console.log(`Imported ${kind} from ${basename(path)}: created ${result.created}, failed ${failedRowCount(failures)}.`);
    for (const failure of failures) console.log(`${noun} ${failure.line}: ${failure.field}: ${failure.message}`);
    return failures.length > 0 ? 1 : 0;
  } finally {
    progress.stop();
    await handle.close();
  }
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
