#!/usr/bin/env node
// The compiled CLI; `npm install` builds it (the prepare script) and `npm start` rebuilds it.
import('../dist/cli/main.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli/main.js')) {
    console.error('Tessera is not built yet: run `npm run build` first.');
    process.exit(1);
  }
  throw error;
});
