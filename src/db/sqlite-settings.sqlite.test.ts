import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from './dialect.js';

/** The connection settings the server's speed and safety rest on; each is chosen in dialect.ts. */
describe('a SQLite database as Tessera opens it', () => {
  let handle: DatabaseHandle | undefined;
  let folder: string | undefined;
  afterEach(async () => {
    await handle?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  async function pragma(name: string): Promise<unknown> {
    const { rows } = await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(handle!.db);
    return Object.values(rows[0]!)[0];
  }

  it('logs ahead, syncs at checkpoints, checks foreign keys, waits for a busy lock and keeps temporary journals in memory', async () => {
    folder = mkdtempSync(join(tmpdir(), 'tessera-settings-'));
    handle = openDatabase(`sqlite:${join(folder, 'settings.db')}`);
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(1); // NORMAL
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('busy_timeout')).toBe(5000);
    expect(await pragma('cache_size')).toBe(-16384); // kept small: every commit may walk it (dialect.ts)
    expect(await pragma('temp_store')).toBe(2); // MEMORY: the savepoints' journals of a group commit
  });
});
