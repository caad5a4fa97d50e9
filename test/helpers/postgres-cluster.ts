import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL cluster from the Debian binaries, on loopback, in a temporary folder.
 * PostgreSQL refuses to run as root, so as root it runs as the postgres user.
 */
export type Cluster = {
  url: (database: string) => string;
  port: number;
  stop: () => void;
  /** Stops the server and keeps its data, for tests of a target that goes down… */
  pause: () => void;
  /** …and comes back on the same port. */
  resume: () => void;
};
/**
 * `password`: the postgres user needs it (scram-sha-256), as a real target would; without it, trust.
 * `durableCommits`: a commit is in the log before it is acknowledged, so that a server killed and
 * started again (pause, resume) keeps it, as a real target does; without it, commits are faster and
 * the last few are lost with the process.
 */
export type ClusterOptions = { password?: string; durableCommits?: boolean };

/** Why the suites that start their own PostgreSQL are skipped here, or '' when they run. */
export const postgresMissing = (): string => (findPostgresBinaries() ? '' : 'PostgreSQL server binaries are not installed (apt-get install postgresql; .ci/run does)');

/** A suite's title, saying why it is skipped when it is. */
export const titled = (title: string, skipped: string): string => (skipped ? `${title} (skipped: ${skipped})` : title);

export function findPostgresBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'bin', 'pg_ctl')) && existsSync(join(root, name, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startCluster(binaries: string, options: ClusterOptions = {}): Promise<Cluster> {
  const asRoot = process.getuid?.() === 0;
  const folder = mkdtempSync(join(tmpdir(), 'tessera-pg-'));
  const port = await freePort();
  const run = (command: string, args: string[]) => {
    const full = [join(binaries, command), ...args];
    const result = asRoot
      ? spawnSync('su', ['postgres', '-s', '/bin/bash', '-c', full.map(shellQuote).join(' ')], { encoding: 'utf8' })
      : spawnSync(full[0]!, full.slice(1), { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(folder, uid, gid);
  }
  const data = join(folder, 'data');
  const auth = ['--auth=trust'];
  if (options.password !== undefined) {
    const passwordFile = join(folder, 'password');
    writeFileSync(passwordFile, options.password, { mode: 0o644 });
    auth.splice(0, 1, '--auth-host=scram-sha-256', '--auth-local=trust', `--pwfile=${passwordFile}`);
  }
  run('initdb', ['-D', data, '-U', 'postgres', ...auth, '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
  const start = () => run('pg_ctl', ['-D', data, '-l', join(folder, 'server.log'), '-w', '-o', `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off ${options.durableCommits ? '' : '-c synchronous_commit=off '}-c full_page_writes=off -c max_connections=300`, 'start']);
  start();
  return {
    port,
    pause: () => run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']),
    resume: start,
    url: (database) => `postgres://postgres${options.password !== undefined ? `:${encodeURIComponent(options.password)}` : ''}@127.0.0.1:${port}/${database}`,
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  };
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
