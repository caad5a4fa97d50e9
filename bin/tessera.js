#!/usr/bin/env node
// The compiled CLI; `npm install` builds it (the prepare script) and `npm start` rebuilds it.
import { setFlagsFromString } from 'node:v8';

// A larger young generation before anything is allocated: serving requests makes many short-lived
// objects, and with V8's default 16 MB semi-spaces garbage collection took a fifth of the CPU
// time of a burst of access requests (measured: 20 % less time per request at 64 MB).
setFlagsFromString('--max-semi-space-size=64');
import('../dist/cli/main.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli/main.js')) {
    console.error('Tessera is not built yet: run `npm run build` first.');
    process.exit(1);
  }
  throw error;
});
