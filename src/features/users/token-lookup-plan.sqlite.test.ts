import { randomUUID } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { buildUser } from '../../domain/user.js';
import { bulkInsert } from '../../db/bulk-insert.js';
import { hashToken, insertToken } from '../authorization/access-tokens.repo.js';
import { identityForTokenHash, insertUsers } from './users.repo.js';

/**
 * The token lookup runs on every API call. SQLite plans from the statistics of its last ANALYZE;
 * taken when there was one token (as after an import on a new database), they made a join scan
 * every token on every call. The lookup must search the token's unique index whatever they say.
 */
describe('the bearer token lookup under stale planner statistics (SQLite)', () => {
  const connection = new BetterSqlite3(':memory:');
  const statements: string[] = [];
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: connection }), log: (event) => void statements.push(event.query.sql) });
  afterEach(async () => db.destroy());

  const plan = (query: string) => (connection.prepare(`explain query plan ${query}`).all(...Array.from(query.matchAll(/\?/g), () => 'x')) as { detail: string }[]).map((row) => row.detail).join(' | ');

  it('searches the token by its hash, where a join planned from the same statistics scans them all', async () => {
    await migrateToLatest(db, 'sqlite');
    const now = new Date();
    const user = buildUser({ displayName: 'Tess Token', userPrincipalName: 'tess@example.com' }, randomUUID(), now);
    await insertUsers(db, [{ user, managerId: null }], now.toISOString());
    await insertToken(db, user.id, hashToken('first'), now.toISOString(), '2099-01-01T00:00:00.000Z', null);
    connection.exec('ANALYZE');
    // Thousands of tokens later, the statistics still say one.
    await bulkInsert(db, 'access_tokens', Array.from({ length: 3000 }, (_, index) => ({ id: randomUUID(), user_id: user.id, token_hash: hashToken(`token ${index}`), description: null, created_date_time: now.toISOString(), expires_date_time: '2099-01-01T00:00:00.000Z', revoked_date_time: null })));

    statements.length = 0;
    expect(await identityForTokenHash(db, hashToken('token 1234'), now.toISOString())).toMatchObject({ id: user.id, userPrincipalName: 'tess@example.com' });
    const lookup = statements.find((text) => text.includes('access_tokens'))!;
    expect(plan(lookup)).toMatch(/SEARCH access_tokens USING INDEX/);
    expect(plan(lookup)).not.toMatch(/SCAN access_tokens/);

    // The trap the lookup avoids, reproduced: the same question as a join.
    const join = 'select users.id from access_tokens inner join users on users.id = access_tokens.user_id where access_tokens.token_hash = ? and access_tokens.revoked_date_time is null and access_tokens.expires_date_time > ? and users.deleted_date_time is null limit 1';
    expect(plan(join)).toMatch(/SCAN access_tokens/);
  });
});
