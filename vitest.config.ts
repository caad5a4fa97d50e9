import react from '@vitejs/plugin-react';
import { configDefaults, defineConfig } from 'vitest/config';

// Unit tests of pure code run once; everything that touches the database runs once per dialect,
// except tests of one dialect's own machinery (*.sqlite.test.ts, *.postgres.test.ts). Tests of a
// connector against its real target system (*.target.test.ts) touch no store: they run once.
const databaseTests = ['test/**/*.test.ts', 'src/features/**/*.test.ts', 'src/db/**/*.test.ts', 'src/cli/**/*.test.ts', 'src/connectors/**/*.test.ts', 'src/jobs/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/*.test.ts', 'src/domain/**/*.test.ts', 'src/http/**/*.test.ts', 'src/rules/**/*.test.ts', 'src/connectors/**/*.target.test.ts'] } },
      // The portal's components, rendered in happy-dom (no server): the policy editor's validation.
      { plugins: [react()], test: { name: 'web', include: ['web/src/**/*.test.{ts,tsx}'], environment: 'happy-dom', setupFiles: ['web/src/test-setup.ts'], testTimeout: 30_000 } },
      // The portal in Debian's Chromium against Tessera as `npm start` runs it (the portal built first).
      { extends: true, test: { name: 'e2e', include: ['e2e/**/*.e2e.test.ts'], globalSetup: ['e2e/global-setup.ts'], testTimeout: 90_000 } },
      { extends: true, test: { name: 'sqlite', include: databaseTests, exclude: [...configDefaults.exclude, '**/*.postgres.test.ts', '**/*.target.test.ts'], env: { TESSERA_TEST_DIALECT: 'sqlite' } } },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: databaseTests,
          exclude: [...configDefaults.exclude, '**/*.sqlite.test.ts', '**/*.target.test.ts'],
          env: { TESSERA_TEST_DIALECT: 'postgres' },
          globalSetup: ['test/helpers/global-setup.ts'],
        },
      },
    ],
  },
});
