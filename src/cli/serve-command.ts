import type { Command } from 'commander';
import type { Config } from '../config.js';
import { isLoopbackHost } from '../domain/loopback-host.js';
import { seedDemoIfEmpty } from '../features/demo/seed-demo.js';
import { startServer } from '../main.js';
import { cliActor } from './cli-actor.js';

export function registerServeCommand(program: Command, loadConfig: () => Config): void {
  program
    .command('serve')
    .description('Migrate the database, then serve the API on HOST:PORT')
    .option('--demo', 'seed the demo organisation when the database is empty, and sign in to the portal through a built-in OpenID provider (on loopback only) unless OIDC_ISSUER is set')
    .action(async (options: { demo?: boolean }) => {
      const config = loadConfig();
      // The demo's provider signs anyone in as anyone, without a password: only where nobody else
      // can reach it (Tessera listening and reached on loopback), whatever the database holds.
      const demoSignIn = options.demo === true && isLoopbackHost(config.host) && isLoopbackHost(new URL(config.publicUrl).hostname);
      const { app, stop } = await startServer(
        config,
        async (deps) => {
          if (options.demo && (await seedDemoIfEmpty(deps, cliActor()))) {
            console.log('Seeded the demo organisation. Get a token with: npx tessera token create --user admin@example.com');
          }
        },
        { demoIdentityProvider: demoSignIn },
      );
      app.log.info(`Tessera is serving on http://${config.host}:${config.port} (database: ${describeDatabase(config.databaseUrl)})`);
      if (config.oidc) app.log.info(`Portal sign-in: ${config.publicUrl}/auth/signIn, through ${config.oidc.issuer}`);
      else if (demoSignIn) app.log.info(`Portal sign-in: ${config.publicUrl}/auth/signIn, through the demo's built-in OpenID provider (pick anyone; set OIDC_ISSUER to use a real one)`);
      else if (options.demo) app.log.warn('Portal sign-in is off: the demo\'s built-in OpenID provider (no passwords) runs only when HOST and PUBLIC_URL are loopback addresses; set OIDC_ISSUER to sign in through a real provider');
      const shutdown = async (signal: string) => {
        app.log.info(`${signal}: shutting down`);
        await stop();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
    });
}

/** The database without its password, for the log. */
export function describeDatabase(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
