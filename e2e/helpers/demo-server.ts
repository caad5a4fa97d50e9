import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config.js';
import { seedDemoIfEmpty } from '../../src/features/demo/seed-demo.js';
import { systemPrincipal } from '../../src/domain/principal.js';
import { startServer } from '../../src/main.js';
import { freePort } from '../../test/helpers/postgres-cluster.js';

/**
 * Tessera as `npm start` runs it: the demo organisation on a fresh SQLite database, the job worker
 * delivering access, the built-in OpenID provider for sign-in, the built portal, on loopback.
 * `env` adds to (or overrides) its environment, e.g. SMTP_URL for a test's mail sink.
 */
export async function startDemoServer(options: { env?: Record<string, string> } = {}): Promise<{ url: string; stop: () => Promise<void> }> {
  const directory = mkdtempSync(join(tmpdir(), 'tessera-e2e-'));
  // The server must know its address before it starts: it is the demo OpenID provider's issuer.
  const port = await freePort();
  const config = parseConfig({ DATABASE_URL: `sqlite:${join(directory, 'tessera.db')}`, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'error', SECRETS_KEY: randomBytes(32).toString('base64'), ...options.env });
  const { stop } = await startServer(config, async (deps) => void (await seedDemoIfEmpty(deps, { correlationId: 'e2e-seed', principal: systemPrincipal('e2e') })), { demoIdentityProvider: true });
  return {
    url: config.publicUrl,
    stop: async () => {
      await stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
