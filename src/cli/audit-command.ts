import type { Command } from 'commander';
import type { Config } from '../config.js';
import { verifyAuditChain } from '../features/audit/audit.repo.js';
import { openDeps } from '../main.js';

export function registerAuditCommands(program: Command, loadConfig: () => Config): void {
  const audit = program.command('audit').description('The audit log');
  audit
    .command('verify')
    .description('Check the audit log hash chain: every entry present and unaltered')
    .action(async () => {
      const { deps, handle } = await openDeps(loadConfig());
      try {
        const result = await verifyAuditChain(deps.db);
        if (result.ok) {
          console.log(`The audit log is intact: ${result.entries} entries.`);
        } else {
          console.error(`The audit log is broken at entry ${result.sequence}: ${result.reason}.`);
          process.exitCode = 3;
        }
      } finally {
        await handle.close();
      }
    });
}
