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
    });
  });

  it('reads PostgreSQL URLs and treats empty values as unset', () => {
    const config = parseConfig({ DATABASE_URL: 'postgres://t:secret@db:5432/tessera', PORT: '' });
    expect(config.databaseUrl).toBe('postgres://t:secret@db:5432/tessera');
    expect(config.port).toBe(8080);
    expect(parseConfig({ PUBLIC_URL: 'https://access.example.com/' }).publicUrl).toBe('https://access.example.com');
  });

  it('reports every problem at once', () => {
    try {
      parseConfig({ DATABASE_URL: 'mysql://x', PORT: '70000', LOG_LEVEL: 'loud', TOKEN_DEFAULT_LIFETIME: '30 days', PUBLIC_URL: 'ftp://x' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const variable of ['DATABASE_URL', 'PORT', 'LOG_LEVEL', 'TOKEN_DEFAULT_LIFETIME', 'PUBLIC_URL']) expect(problems).toContain(variable);
    }
  });
});
