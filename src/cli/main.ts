import { Command, CommanderError } from 'commander';
import { ConfigError, parseConfig, type Config } from '../config.js';
import { DomainError } from '../domain/errors.js';
import { registerAuditCommands } from './audit-command.js';
import { registerImportCommand } from './import-command.js';
import { registerMigrateCommand, registerSeedCommand } from './database-commands.js';
import { registerServeCommand } from './serve-command.js';
import { registerTokenCommand } from './token-command.js';

/**
 * `tessera <command>`. The environment is read here, once, into the configuration object that
 * every command receives; a broken configuration is reported whole before anything starts.
 */
export function buildProgram(loadConfig: () => Config): Command {
  const program = new Command('tessera')
    .description('Tessera: self-hosted entitlement management with a Microsoft Graph-shaped API.')
    .showHelpAfterError()
    .exitOverride();
  registerServeCommand(program, loadConfig);
  registerMigrateCommand(program, loadConfig);
  registerSeedCommand(program, loadConfig);
  registerTokenCommand(program, loadConfig);
  registerImportCommand(program, loadConfig);
  registerAuditCommands(program, loadConfig);
  return program;
}

async function run(): Promise<void> {
  let config: Config | undefined;
  const loadConfig = () => (config ??= parseConfig(process.env));
  try {
    await buildProgram(loadConfig).parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) process.exit(error.exitCode);
    if (error instanceof ConfigError || error instanceof DomainError) {
      console.error(`tessera: ${error.message}`);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  }
}

await run();
