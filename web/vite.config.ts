import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The portal is built into dist/web, which `tessera serve` serves (src/http/portal-assets.ts).
// In development, `npx vite --config web/vite.config.ts` proxies the API to a running Tessera.
const root = fileURLToPath(new URL('.', import.meta.url));
export default defineConfig({
  root,
  plugins: [react()],
  build: { outDir: fileURLToPath(new URL('../dist/web', import.meta.url)), emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/v1.0': 'http://127.0.0.1:8080', '/auth': 'http://127.0.0.1:8080', '/oidc': 'http://127.0.0.1:8080' } },
});
