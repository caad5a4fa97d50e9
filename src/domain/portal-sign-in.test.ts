import { describe, expect, it } from 'vitest';
import { claimValue, isUnverifiedEmail, matchSignIn, newPendingSignIn, pendingSignInLifetimeMs, providerErrorKind, readPendingSignIn } from './portal-sign-in.js';

const secrets = { codeVerifier: 'v'.repeat(43), state: 's'.repeat(43), nonce: 'n'.repeat(43) };
const start = new Date('2026-11-26T09:00:00.000Z');
const at = (milliseconds: number) => new Date(start.getTime() + milliseconds);

describe('pending sign-in', () => {
  it('keeps the secrets, a local return path and the start, and reads back within ten minutes', () => {
    const pending = newPendingSignIn(secrets, '/requests?mine=1', start);
    expect(pending).toEqual({ ...secrets, returnTo: '/requests?mine=1', startedDateTime: start.toISOString() });
    expect(readPendingSignIn(JSON.stringify(pending), at(pendingSignInLifetimeMs))).toEqual(pending);
  });

  it('turns a return path to another site into /', () => {
    expect(newPendingSignIn(secrets, '//evil.example', start).returnTo).toBe('/');
    expect((readPendingSignIn(JSON.stringify({ ...newPendingSignIn(secrets, '/', start), returnTo: 'https://evil.example' }), start) as { returnTo: string }).returnTo).toBe('/');
  });

  it('is expired after ten minutes, and when it claims to start in the future', () => {
    const json = JSON.stringify(newPendingSignIn(secrets, '/', start));
    expect(readPendingSignIn(json, at(pendingSignInLifetimeMs + 1))).toBe('expired');
    expect(readPendingSignIn(json, at(-1000))).toBe('expired');
  });

  it.each([
    ['not JSON', 'not json'],
    ['null', 'null'],
    ['a string', '"x"'],
    ['a short state', JSON.stringify({ ...secrets, state: 'abc', returnTo: '/', startedDateTime: start.toISOString() })],
    ['a missing nonce', JSON.stringify({ codeVerifier: secrets.codeVerifier, state: secrets.state, returnTo: '/', startedDateTime: start.toISOString() })],
    ['a verifier with odd characters', JSON.stringify({ ...secrets, codeVerifier: `${'v'.repeat(43)}<`, returnTo: '/', startedDateTime: start.toISOString() })],
    ['no start', JSON.stringify({ ...secrets, returnTo: '/' })],
    ['a start that is no date', JSON.stringify({ ...secrets, returnTo: '/', startedDateTime: 'yesterday' })],
  ])('is invalid with %s', (_case, json) => {
    expect(readPendingSignIn(json, start)).toBe('invalid');
  });
});

describe('claimValue', () => {
  it.each([
    [{ email: 'ada@example.com' }, 'email', 'ada@example.com'],
    [{ email: '  ada@example.com ' }, 'email', 'ada@example.com'],
    [{ employee_number: 1234 }, 'employee_number', '1234'],
    [{ email: '' }, 'email', undefined],
    [{ email: ['a@example.com'] }, 'email', undefined],
    [{ email: { value: 'a' } }, 'email', undefined],
    [{ email: null }, 'email', undefined],
    [{ employee_number: Number.NaN }, 'employee_number', undefined],
    [{}, 'email', undefined],
    [{ email: 'x'.repeat(513) }, 'email', undefined],
  ])('%j, %s → %s', (claims, claim, expected) => {
    expect(claimValue(claims, claim)).toBe(expected);
  });

  it('never reads a claim off the prototype', () => {
    expect(claimValue({}, 'constructor')).toBeUndefined();
    expect(claimValue({}, '__proto__')).toBeUndefined();
  });
});

describe('matchSignIn', () => {
  it('signs in the one enabled user that matches', () => {
    expect(matchSignIn([{ id: 'u1', accountEnabled: true }])).toEqual({ userId: 'u1' });
  });
  it.each([
    [[], 'unknown'],
    [[{ id: 'u1', accountEnabled: false }], 'disabled'],
    [[{ id: 'u1', accountEnabled: true }, { id: 'u2', accountEnabled: true }], 'ambiguous'],
    [[{ id: 'u1', accountEnabled: true }, { id: 'u2', accountEnabled: false }], 'ambiguous'],
  ])('refuses %j as %s', (candidates, refused) => {
    expect(matchSignIn(candidates)).toEqual({ refused });
  });
});

describe('providerErrorKind', () => {
  it.each([
    ['access_denied', 'refused'],
    ['login_required', 'refused'],
    ['temporarily_unavailable', 'unavailable'],
    ['server_error', 'unavailable'],
    ['invalid_request', 'failed'],
    ['unauthorized_client', 'failed'],
    ['something_new', 'failed'],
  ])('%s → %s', (error, kind) => {
    expect(providerErrorKind(error)).toBe(kind);
  });
});

describe('isUnverifiedEmail', () => {
  it.each([
    ['an email the provider confirmed', { email: 'ada@example.com', email_verified: true }, 'email', false],
    ['an email it says is unconfirmed', { email: 'ada@example.com', email_verified: false }, 'email', true],
    ['an email with no word on it (anyone may have typed it)', { email: 'ada@example.com' }, 'email', true],
    ['“true” as text is not a confirmation', { email: 'ada@example.com', email_verified: 'true' }, 'email', true],
    ['another claim, which the provider controls', { preferred_username: 'ada@example.com' }, 'preferred_username', false],
  ])('%s', (_name, claims, claim, expected) => {
    expect(isUnverifiedEmail(claims, claim)).toBe(expected);
  });
});
