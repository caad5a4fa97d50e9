import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/errors.js';
import { decodeSkipToken, encodeSkipToken } from './skip-token.js';

describe('$skiptoken', () => {
  const query = { orderBy: [{ property: 'displayName', direction: 'asc' }] };
  const forged = (content: object) => Buffer.from(JSON.stringify(content)).toString('base64url');

  it('gives back the position it was made from, for the same query only', () => {
    expect(decodeSkipToken(encodeSkipToken({ offset: 200 }, query), query)).toEqual({ offset: 200 });
    expect(decodeSkipToken(encodeSkipToken({ after: 'k-1' }, query), query)).toEqual({ after: 'k-1' });
    expect(() => decodeSkipToken(encodeSkipToken({ offset: 200 }, query), { orderBy: [] })).toThrow(ValidationError);
  });

  it('refuses, as a bad request, an offset SQL cannot take or that is not a whole number', () => {
    const fingerprint = (JSON.parse(Buffer.from(encodeSkipToken({ offset: 0 }, query), 'base64url').toString('utf8')) as { q: string }).q;
    for (const offset of [2 ** 53, 9007199254740994, -1, 1.5, '10; drop table users', null]) {
      expect(() => decodeSkipToken(forged({ offset, q: fingerprint }), query), String(offset)).toThrow(ValidationError);
    }
    expect(() => decodeSkipToken('not base64 json', query)).toThrow(ValidationError);
  });
});
