import { build } from 'vite';

/**
 * The browser tests use the portal as `npm start` serves it: built by Vite into dist/web, from
 * the sources as they are now (a second or two), so they never test a stale build.
 */
export async function setup(): Promise<void> {
  await build({ configFile: new URL('../web/vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
}
