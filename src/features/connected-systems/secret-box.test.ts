import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../config.js';
import { loadSecretsKey } from '../../secrets-key.js';
import { secretBox } from './secret-box.js';

/** Secrets at rest: sealed under a key kept apart from the database, bound to their row. */
describe('the secret box', () => {
  const box = secretBox(randomBytes(32));
  const secret = JSON.stringify({ password: 'Pg-target-secret-42' });

  it('seals so that the value is nowhere in what is stored, and opens it for the same row only', () => {
    const sealed = box.seal(secret, 'connected-system:a');
    expect(sealed).toMatch(/^aes256gcm:v1:/);
    expect(sealed).not.toContain('Pg-target-secret-42');
    expect(box.seal(secret, 'connected-system:a')).not.toBe(sealed); // a fresh IV each time
    expect(box.open(sealed, 'connected-system:a')).toBe(secret);
    expect(() => box.open(sealed, 'connected-system:b')).toThrow(/do not open with this secrets key/);
  });

  it('refuses a value sealed under another key, or altered, and reads one written before sealing as it is', () => {
    const sealed = box.seal(secret, 'row');
    expect(() => secretBox(randomBytes(32)).open(sealed, 'row')).toThrow(/sealed under another SECRETS_KEY/);
    const altered = `${sealed.slice(0, -4)}AAA=`;
    expect(() => box.open(altered, 'row')).toThrow(/do not open/);
    expect(box.open(secret, 'row')).toBe(secret);
    // A tag cut short (which Node's GCM would otherwise accept) is refused, as is a value missing a part.
    const [iv, tag, body] = sealed.slice('aes256gcm:v1:'.length).split(':');
    const shortTag = Buffer.from(tag!, 'base64').subarray(0, 4).toString('base64');
    expect(() => box.open(`aes256gcm:v1:${iv}:${shortTag}:${body}`, 'row')).toThrow(/do not open/);
    expect(() => box.open(`aes256gcm:v1:${iv}:${tag}`, 'row')).toThrow(/do not open/);
    expect([box.isSealed(sealed), box.isSealed(secret)]).toEqual([true, false]);
  });
});

describe('the secrets key', () => {
  const folder = mkdtempSync(join(tmpdir(), 'tessera-key-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('is made beside the SQLite database on first start, readable by its owner only, and the same at the next', () => {
    const databaseUrl = `sqlite:${join(folder, 'one', 'tessera.db')}`;
    const key = loadSecretsKey({ databaseUrl });
    const file = join(folder, 'one', 'secrets.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toEqual(key);
    expect(loadSecretsKey({ databaseUrl })).toEqual(key);
  });

  it('is the configured one when set, and a key file that is not a key stops the start, saying what it must hold', () => {
    const configured = randomBytes(32);
    expect(loadSecretsKey({ databaseUrl: 'postgres://x@127.0.0.1/db', secretsKey: configured })).toBe(configured);
    const bad = join(folder, 'bad.key');
    writeFileSync(bad, 'not a key\n');
    expect(() => loadSecretsKey({ databaseUrl: 'sqlite::memory:', secretsKeyFile: bad })).toThrow(`${bad} must hold 32 bytes`);
    expect(loadSecretsKey({ databaseUrl: 'sqlite::memory:' })).toHaveLength(32);
  });

  it('is checked with the rest of the configuration, and a bad one is named without its value', () => {
    const hex = randomBytes(32).toString('hex');
    expect(parseConfig({ SECRETS_KEY: hex }).secretsKey).toEqual(Buffer.from(hex, 'hex'));
    expect(parseConfig({ SECRETS_KEY: randomBytes(32).toString('base64') }).secretsKey).toHaveLength(32);
    try {
      parseConfig({ SECRETS_KEY: 'hunter2-is-not-a-key', PORT: 'x' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^PORT/), expect.stringMatching(/^SECRETS_KEY: must be 32 random bytes/)]);
      expect((error as Error).message).not.toContain('hunter2');
    }
  });
});
