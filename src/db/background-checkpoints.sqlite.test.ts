import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { checkpointInBackground } from './background-checkpoints.js';
import { openDatabase, type DatabaseHandle } from './dialect.js';

/** Writes about 8 MB: some 2,000 pages of log. */
async function writeMegabytes(handle: DatabaseHandle, round: number): Promise<void> {
  await handle.db.transaction().execute(async (trx) => {
    for (let index = 0; index < 2000; index += 1) await sql`insert into filler (round, body) values (${round}, ${'x'.repeat(4000)})`.execute(trx);
  });
}

/**
 * How far the log is copied back, read from SQLite's shared-memory index without a connection
 * (asking through one would checkpoint): the header's last frame (mxFrame, byte 16) and the
 * checkpoint's progress (nBackfill, byte 96), in the machine's byte order.
 */
function logProgress(path: string): { frames: number; copied: number } {
  const index = readFileSync(`${path}-shm`);
  return { frames: index.readUInt32LE(16), copied: index.readUInt32LE(96) };
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

describe('write-ahead log checkpoints from a thread of their own (SQLite file)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'tessera-checkpoints-'));
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
    rmSync(folder, { recursive: true, force: true });
  });

  it('copies the log back while the connection that writes never checkpoints, so the log starts over instead of growing', async () => {
    const path = join(folder, 'checkpointed.db');
    const failures: string[] = [];
    handle = openDatabase(`sqlite:${path}`, { backgroundCheckpoints: { onFailure: (message) => failures.push(message) } });
    await sql`create table filler (id integer primary key, round integer, body text)`.execute(handle.db);
    await writeMegabytes(handle, 1);
    const logAfterFirst = statSync(`${path}-wal`).size;
    expect(logAfterFirst).toBeGreaterThan(4_000_000);

    // Once the thread has copied every page, the next writer starts the log over from its beginning.
    const copied = await until(() => {
      const { frames, copied } = logProgress(path);
      return frames > 0 && copied === frames;
    }, 5000);
    expect(copied).toBe(true);
    await writeMegabytes(handle, 2);
    expect(statSync(`${path}-wal`).size).toBeLessThanOrEqual(logAfterFirst + 100_000);
    const rows = await sql<{ n: number }>`select count(*) as n from filler`.execute(handle.db);
    expect(rows.rows[0]?.n).toBe(4000);
    expect(failures).toEqual([]);
  });

  it('without it, the same connection with automatic checkpoints off would let the log grow', async () => {
    const path = join(folder, 'control.db');
    handle = openDatabase(`sqlite:${path}`);
    await sql`pragma wal_autocheckpoint = 0`.execute(handle.db);
    await sql`create table filler (id integer primary key, round integer, body text)`.execute(handle.db);
    await writeMegabytes(handle, 1);
    const logAfterFirst = statSync(`${path}-wal`).size;
    await new Promise((resolve) => setTimeout(resolve, 600));
    await writeMegabytes(handle, 2);
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(logAfterFirst * 1.8);
  });

  it('says so when its thread ends unasked (here: a database it cannot open), so that the connection checkpoints itself again', async () => {
    const failures: string[] = [];
    let ended!: () => void;
    const endedUnasked = new Promise<void>((resolve) => (ended = resolve));
    checkpointInBackground(join(folder, 'no-such-folder', 'missing.db'), { onFailure: (message) => failures.push(message), onEnded: () => ended() });
    await endedUnasked;
    expect(failures.join(' ')).toMatch(/directory does not exist|unable to open/i);
  });
});
