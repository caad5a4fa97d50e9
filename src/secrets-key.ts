import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Config } from './config.js';

/**
 * The key that seals connected systems' secrets (features/connected-systems/secret-box.ts): the
 * configured SECRETS_KEY, or else a key file, made on first start with only its owner allowed to
 * read it: beside the SQLite database, or SECRETS_KEY_FILE. Nodes that share a PostgreSQL store
 * must share the key (SECRETS_KEY on each). An in-memory database gets a key for its lifetime.
 */
export function loadSecretsKey(config: Pick<Config, 'databaseUrl'> & Partial<Pick<Config, 'secretsKey' | 'secretsKeyFile'>>): Buffer {
  if (config.secretsKey) return config.secretsKey;
  const path = config.secretsKeyFile ?? defaultKeyFile(config.databaseUrl);
  if (path === undefined) return randomBytes(32);
  try {
    return decodeKey(readFileSync(path, 'utf8').trim(), path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(path), { recursive: true });
  // Written whole to a file of its own, then linked into place: a process starting at the same moment
  // finds either no key file or a complete one, never a half-written one, and both use the one linked first.
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(draft, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
  return decodeKey(readFileSync(path, 'utf8').trim(), path);
}

function defaultKeyFile(databaseUrl: string): string | undefined {
  if (!databaseUrl.startsWith('sqlite:')) return join('data', 'secrets.key');
  const file = databaseUrl.slice('sqlite:'.length);
  return file === ':memory:' || file === '' ? undefined : join(dirname(file), 'secrets.key');
}

/** 32 bytes, written as base64 (44 characters) or hex (64). */
export function decodeKey(text: string, where: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32 || (!/^[0-9a-fA-F]{64}$/.test(text) && key.toString('base64') !== text)) throw new Error(`${where} must hold 32 bytes, as base64 (44 characters) or hex (64), such as \`openssl rand -base64 32\` prints.`);
  return key;
}
