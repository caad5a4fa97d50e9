import type { Command } from 'commander';
import type { Config } from '../config.js';
import { createAccessToken } from '../features/authorization/create-token.js';
import { openDeps } from '../main.js';
import { cliActor } from './cli-actor.js';

export function registerTokenCommand(program: Command, loadConfig: () => Config): void {
  const token = program.command('token').description('Bearer tokens for the API');
  token
    .command('create')
    .description('Create a bearer token for a user; the token is the last line printed')
    .requiredOption('--user <userPrincipalName>', 'the user the token acts as')
    .option('--expires <duration>', 'lifetime as an ISO 8601 duration (default: TOKEN_DEFAULT_LIFETIME)')
    .option('--description <text>', 'what the token is for')
    .action(async (options: { user: string; expires?: string; description?: string }) => {
      const config = loadConfig();
      const { deps, handle } = await openDeps(config);
      try {
        const created = await createAccessToken(deps, cliActor(), {
          userPrincipalName: options.user,
          lifetime: options.expires ?? config.tokenDefaultLifetime,
          ...(options.description ? { description: options.description } : {}),
        });
        console.log(`Token for ${options.user}, valid until ${created.expiresDateTime}:`);
        console.log(created.token);
      } finally {
        await handle.close();
      }
    });
}
