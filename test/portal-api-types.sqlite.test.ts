import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiTypes, apiTypesFile } from '../scripts/generate-api-types.js';

/**
 * The portal's API types are generated from the server's OpenAPI document and committed; a route
 * changed without regenerating them would let the portal call what the server no longer accepts.
 */
describe('the portal’s API types', () => {
  it('match the OpenAPI document the server publishes (npm run generate:api-types)', async () => {
    expect(readFileSync(apiTypesFile, 'utf8') === (await apiTypes()), 'web/src/api/schema.d.ts is stale: run npm run generate:api-types').toBe(true);
  });
});
