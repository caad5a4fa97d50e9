import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildApp } from '../src/app.js';
import { openDeps } from '../src/main.js';

/**
 * Writes web/src/api/schema.d.ts, the portal's API types, from the OpenAPI document the server
 * itself publishes (/openapi.json), so the portal cannot call a path or send a body the server does
 * not know. Run after changing a route: `npm run generate:api-types`; a test fails while the
 * committed file is stale.
 */
export async function apiTypes(): Promise<string> {
  const { deps, handle } = await openDeps({ databaseUrl: 'sqlite::memory:', secretsKey: randomBytes(32) });
  const app = await buildApp(deps, { config: { bodyLimitBytes: 1024 * 1024, logLevel: 'silent', publicUrl: 'http://127.0.0.1' }, logger: false });
  try {
    await app.ready();
    const document = app.swagger() as Parameters<typeof openapiTS>[0];
    const ast = await openapiTS(document, { alphabetize: true });
    return `// Generated from Tessera's OpenAPI document by scripts/generate-api-types.ts; do not edit.\n${astToString(ast)}`;
  } finally {
    await app.close();
    await handle.close();
  }
}

export const apiTypesFile = new URL('../web/src/api/schema.d.ts', import.meta.url);

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(apiTypesFile, await apiTypes());
  console.log(`Wrote ${apiTypesFile.pathname}`);
}
