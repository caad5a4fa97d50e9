import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Checkpoints SQLite's write-ahead log from a thread of its own, for a server's connection opened
 * with automatic checkpoints off.
 *
 * A checkpoint copies the log back into the database file and syncs it. Left automatic, it runs
 * inside whichever commit crosses 1,000 pages of log, on the thread serving requests: measured,
 * half the time a burst of access requests spent committing. From here it runs beside them.
 * PASSIVE never waits for a writer, so under sustained writes it may not catch up; past about
 * 64 MB of log a RESTART checkpoint waits for the writer once, so the log starts over.
 */
const everyMs = 250;
const restartAbovePages = 16_384;

// Plain JavaScript run as the thread's script, so that it needs no build step and no loader.
const script = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
const checkpoint = () => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    if (result && result.log > ${restartAbovePages} && result.checkpointed < result.log) db.pragma('wal_checkpoint(RESTART)');
  } catch (error) {
    parentPort.postMessage({ failed: String(error && error.message) });
  }
};
const timer = setInterval(checkpoint, ${everyMs});
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export type BackgroundCheckpoints = { stop(): Promise<void> };

export type CheckpointEvents = {
  /** A checkpoint failed; the next one is tried a quarter of a second later. */
  onFailure(message: string): void;
  /**
   * The thread ended without being stopped (it could not open the database, or crashed): nobody
   * checkpoints any more, and the connection must go back to doing it itself.
   */
  onEnded(): void;
};

export function checkpointInBackground(path: string, events: CheckpointEvents): BackgroundCheckpoints {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const thread = new Worker(script, { eval: true, workerData: { path, driver }, name: 'tessera-checkpoints' });
  let stopping = false;
  thread.on('message', (message: { failed?: string }) => message.failed && events.onFailure(message.failed));
  thread.on('error', (error) => events.onFailure(error.message));
  thread.on('exit', () => stopping || events.onEnded());
  thread.unref();
  return {
    async stop() {
      stopping = true;
      // Unreferenced, the thread would not keep the process alive while it finishes.
      thread.ref();
      const ended = new Promise((resolve) => thread.once('exit', resolve));
      thread.postMessage('stop');
      await ended;
    },
  };
}
