import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.js';

describe('parseConfig', () => {
  it('has defaults that run Tessera on the embedded database on loopback', () => {
    expect(parseConfig({})).toEqual({
      databaseUrl: 'sqlite:./data/tessera.db',
      host: '127.0.0.1',
      port: 8080,
      publicUrl: 'http://127.0.0.1:8080',
      logLevel: 'info',
      bodyLimitBytes: 1048576,
      tokenDefaultLifetime: 'P30D',
      jobLeaseMs: 60000,
      smtpUrl: undefined,
      smtpFrom: 'Tessera <tessera@localhost>',
    });
  });

  it('reads the SMTP server and sender', () => {
    const config = parseConfig({ SMTP_URL: 'smtps://tessera:s3cret@mail.example.com:465', SMTP_FROM: '"Access (Tessera)" <access@example.com>' });
    expect(config.smtpUrl).toBe('smtps://tessera:s3cret@mail.example.com:465');
    expect(config.smtpFrom).toBe('"Access (Tessera)" <access@example.com>');
    expect(parseConfig({ SMTP_URL: 'smtp://relay.internal', SMTP_FROM: 'tessera@intranet' })).toMatchObject({ smtpUrl: 'smtp://relay.internal', smtpFrom: 'tessera@intranet' });
  });

  it.each([
    ['SMTP_URL', 'mail.example.com:25'],
    ['SMTP_URL', 'http://user:pw@mail.example.com'],
    ['SMTP_URL', 'smtp://'],
    ['SMTP_URL', 'smtp://mail.example.com/some/path'],
    ['SMTP_FROM', 'Tessera'],
    ['SMTP_FROM', 'a@example.com, b@example.com'],
    ['SMTP_FROM', 'Tessera <tessera@example.com>\r\nBcc: victim@example.com'],
  ])('refuses %s=%s', (variable, value) => {
    expect(() => parseConfig({ [variable]: value })).toThrow(variable);
  });

  it('never repeats the SMTP password in its error', () => {
    try {
      parseConfig({ SMTP_URL: 'ftp://tessera:hunter2@mail.example.com' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems.join('\n')).toContain('SMTP_URL');
      expect((error as ConfigError).message).not.toContain('hunter2');
    }
  });

  it('reads PostgreSQL URLs and treats empty values as unset', () => {
    const config = parseConfig({ DATABASE_URL: 'postgres://t:secret@db:5432/tessera', PORT: '', SECRETS_KEY_FILE: '/etc/tessera/secrets.key' });
    expect(config.databaseUrl).toBe('postgres://t:secret@db:5432/tessera');
    expect(config.port).toBe(8080);
    expect(config.secretsKeyFile).toBe('/etc/tessera/secrets.key');
    // Nodes sharing a PostgreSQL store must share the key: it is never left to a key file made on each.
    expect(() => parseConfig({ DATABASE_URL: 'postgres://t:secret@db:5432/tessera' })).toThrow(/SECRETS_KEY: must be set with a PostgreSQL DATABASE_URL/);
    expect(parseConfig({ PUBLIC_URL: 'https://access.example.com/' }).publicUrl).toBe('https://access.example.com');
  });

  it('reports every problem at once', () => {
    try {
      parseConfig({ DATABASE_URL: 'mysql://x', PORT: '70000', LOG_LEVEL: 'loud', TOKEN_DEFAULT_LIFETIME: '30 days', PUBLIC_URL: 'ftp://x', SMTP_URL: 'x', SMTP_FROM: 'x' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const variable of ['DATABASE_URL', 'PORT', 'LOG_LEVEL', 'TOKEN_DEFAULT_LIFETIME', 'PUBLIC_URL', 'SMTP_URL', 'SMTP_FROM']) expect(problems).toContain(variable);
    }
  });
});
