import type { Deps } from '../features/deps.js';
import type { JobHandler } from './job-worker.js';

/** Every kind of job this version of Tessera knows how to run. */
export function jobHandlers(_deps: Deps): JobHandler[] {
  return [];
}
