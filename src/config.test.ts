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
      trustProxy: undefined,
      tokenDefaultLifetime: 'P30D',
      jobLeaseMs: 60000,
      smtpUrl: undefined,
      smtpFrom: 'Tessera <tessera@localhost>',
      oidc: undefined,
    });
    expect(parseConfig({}).oidc).toBeUndefined();
  });

  it('reads which reverse proxies to believe about the client\'s address, and never all of them', () => {
    expect(parseConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(parseConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1', '::1']);
    for (const value of ['true', '0', '11', 'proxy.example.com', '10.0.0.0/8;rm']) expect(() => parseConfig({ TRUST_PROXY: value }), value).toThrow('TRUST_PROXY');
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

  it('reads the OpenID provider for portal sign-in, matching the email claim to userPrincipalName by default', () => {
    expect(parseConfig({ OIDC_ISSUER: 'https://login.example.com/realms/staff', OIDC_CLIENT_ID: 'tessera' }).oidc).toEqual({
      issuer: 'https://login.example.com/realms/staff',
      clientId: 'tessera',
      clientSecret: undefined,
      userClaim: 'email',
      userProperty: 'userPrincipalName',
    });
    const configured = parseConfig({ OIDC_ISSUER: 'https://tenant.auth.example/', OIDC_CLIENT_ID: 'tessera-portal', OIDC_CLIENT_SECRET: 's3cret', OIDC_USER_CLAIM: 'employee_number', OIDC_USER_PROPERTY: 'employeeId' });
    // The issuer is kept exactly: it must equal the provider's own, trailing slash and all.
    expect(configured.oidc).toEqual({ issuer: 'https://tenant.auth.example/', clientId: 'tessera-portal', clientSecret: 's3cret', userClaim: 'employee_number', userProperty: 'employeeId' });
    // Plain http only for a provider on this machine (development, the demo).
    for (const issuer of ['http://127.0.0.1:8080/oidc', 'http://localhost:9000/realms/dev', 'http://[::1]:5556']) {
      expect(parseConfig({ OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'tessera' }).oidc?.issuer).toBe(issuer);
    }
  });

  it.each([
    [{ OIDC_ISSUER: 'http://login.example.com', OIDC_CLIENT_ID: 'tessera' }, 'OIDC_ISSUER: must be'],
    [{ OIDC_ISSUER: 'http://localhost.evil.example', OIDC_CLIENT_ID: 'tessera' }, 'OIDC_ISSUER: must be'],
    [{ OIDC_ISSUER: 'https://login.example.com/?tenant=x', OIDC_CLIENT_ID: 'tessera' }, 'OIDC_ISSUER: must be'],
    [{ OIDC_ISSUER: 'https://login.example.com/#x', OIDC_CLIENT_ID: 'tessera' }, 'OIDC_ISSUER: must be'],
    [{ OIDC_ISSUER: 'login.example.com', OIDC_CLIENT_ID: 'tessera' }, 'OIDC_ISSUER: must be'],
    [{ OIDC_ISSUER: 'https://login.example.com' }, 'OIDC_CLIENT_ID: must be set together with OIDC_ISSUER'],
    [{ OIDC_CLIENT_ID: 'tessera' }, 'OIDC_ISSUER: must be set together with OIDC_CLIENT_ID'],
    [{ OIDC_CLIENT_SECRET: 'x' }, 'OIDC_CLIENT_SECRET: applies only with OIDC_ISSUER and OIDC_CLIENT_ID'],
    [{ OIDC_USER_CLAIM: 'email' }, 'OIDC_USER_CLAIM: applies only with'],
    [{ OIDC_ISSUER: 'https://login.example.com', OIDC_CLIENT_ID: 'tessera', OIDC_USER_CLAIM: 'e mail' }, 'OIDC_USER_CLAIM: must be the name of a claim'],
    [{ OIDC_ISSUER: 'https://login.example.com', OIDC_CLIENT_ID: 'tessera', OIDC_USER_PROPERTY: 'displayName' }, 'OIDC_USER_PROPERTY: must be one of userPrincipalName, mail, id, employeeId'],
    [{ OIDC_ISSUER: 'https://login.example.com', OIDC_CLIENT_ID: 'tes\nsera' }, 'OIDC_CLIENT_ID: must be'],
  ])('refuses the OpenID settings %j', (environment, problem) => {
    expect(() => parseConfig(environment)).toThrow(problem);
  });

  it('never repeats the OpenID client secret in its error', () => {
    try {
      parseConfig({ OIDC_CLIENT_SECRET: 'hunter2-oidc', OIDC_ISSUER: 'ftp://x', PORT: 'x' });
      expect.unreachable();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('OIDC_ISSUER');
      expect(problems).toContain('PORT');
      expect((error as ConfigError).message).not.toContain('hunter2-oidc');
    }
    try {
      parseConfig({ OIDC_CLIENT_SECRET: `hunter2-${'x'.repeat(2000)}`, OIDC_ISSUER: 'https://login.example.com', OIDC_CLIENT_ID: 'tessera' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems.join('\n')).toContain('OIDC_CLIENT_SECRET');
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
