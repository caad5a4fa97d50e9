import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from './loopback-host.js';
import { localReturnPath, returnPathMaxLength } from './return-path.js';

describe('localReturnPath', () => {
  it.each([
    ['/', '/'],
    ['/requests', '/requests'],
    ['/access-packages/1234?tab=policies#top', '/access-packages/1234?tab=policies#top'],
    ['/search?q=a%2F%2Fb', '/search?q=a%2F%2Fb'],
    ['/a//b', '/a//b'],
  ])('keeps the local path %s', (value, expected) => {
    expect(localReturnPath(value)).toBe(expected);
  });

  it.each([
    ['//evil.example', 'protocol-relative'],
    ['//evil.example/path', 'protocol-relative with a path'],
    ['https://evil.example', 'absolute'],
    ['http:evil.example', 'scheme without slashes'],
    ['javascript:alert(1)', 'script URL'],
    ['/\\evil.example', 'slash-backslash (a browser reads it as //)'],
    ['\\\\evil.example', 'double backslash'],
    ['/\t/evil.example', 'a tab that browsers drop, leaving //'],
    ['/\n/evil.example', 'a line break that browsers drop'],
    ['/\u0000', 'a NUL'],
    ['/\u0085x', 'a C1 control character'],
    ['requests', 'relative path'],
    ['', 'empty'],
    [`/${'a'.repeat(returnPathMaxLength)}`, 'too long'],
  ])('turns %j (%s) into /', (value) => {
    expect(localReturnPath(value)).toBe('/');
  });

  it('turns anything but a string into /', () => {
    for (const value of [undefined, null, 42, ['/requests'], { path: '/' }]) expect(localReturnPath(value)).toBe('/');
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true],
    ['LOCALHOST', true],
    ['127.0.0.1', true],
    ['127.10.20.30', true],
    ['[::1]', true],
    ['localhost.evil.example', false],
    ['127.0.0.1.evil.example', false],
    ['10.0.0.1', false],
    ['login.example.com', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
